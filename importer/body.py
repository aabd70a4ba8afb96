"""An old body made fit for ours: SharePoint's and Word's debris taken out, photos turned into
library figures with their captions, links between old articles pointed at the new addresses,
and the result passed through our one allowlist (articles.text.sanitise_html)."""

import re
from collections.abc import Callable

from articles.text import sanitise_html

from .markup import Node, Raw, parse, serialise

BLOCKS = {"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "pre",
          "hr", "section", "article", "center"}
KEPT_INLINE = {"a", "strong", "b", "em", "i", "u", "s", "sub", "sup", "br", "img", "code"}
KEPT = BLOCKS | KEPT_INLINE | {"li", "tr", "td", "th", "thead", "tbody", "caption", "figcaption", "#root"}
CAPTION_HINTS = ("caption", "desc", "chuthich", "chu-thich", "image_", "note", "legend")
CAPTION_MAX = 300
_SPACES = re.compile(r"[\s\u00a0\u200b\ufeff]+")
_FILE_NAME = re.compile(r"^[\w\-. ]+\.(jpe?g|png|gif|webp|bmp)$", re.I)


def clean(html: str, *, figure: Callable[[str, str], str | None],
          link: Callable[[str], str] = lambda href: href) -> tuple[str, int]:
    """The body as we keep it, and how many photos became figures. `figure(src, caption)` makes a
    photo's markup (None when the photo cannot be had); `link(href)` gives a link's new address."""
    root = parse(html)
    _drop_office_tags(root)
    _reshape(root)
    for table in list(root.elements("table")):
        _photo_table(table)
    for found in list(root.elements("figure")):
        caption = found.find(lambda node: node.tag == "figcaption")
        for image in found.elements("img"):
            image.attrs.setdefault("data-caption", caption.text() if caption else "")
        if caption:
            caption.parent.children.remove(caption)
        found.tag = "p"
    made = _figures(root, figure)
    for anchor in root.elements("a"):
        if anchor.attrs.get("href"):
            anchor.attrs["href"] = link(anchor.attrs["href"])
    _tidy_text(root)
    _drop_empty(root)
    return sanitise_html(serialise(root)), made


def _drop_office_tags(node: Node) -> None:
    """<o:p>, <v:shape>, <w:…>: Word's own elements, with what they hold (a no-break space)."""
    for child in list(node.children):
        if isinstance(child, Node):
            if ":" in child.tag:
                node.children.remove(child)
            else:
                _drop_office_tags(child)


def _reshape(node: Node) -> None:
    """Divs holding text become paragraphs (nh3 would merge them into one), wrappers
    (ExternalClass divs, spans, fonts, Word's classes) go, keeping what they hold."""
    for child in list(node.children):
        if not isinstance(child, Node):
            continue
        _reshape(child)
        if child.tag in ("div", "section", "article", "center"):
            if any(isinstance(c, Node) and c.tag in BLOCKS for c in child.children):
                child.unwrap()
            else:
                child.tag = "p"
        elif child.tag not in KEPT:
            child.unwrap()


def _photo_table(table: Node) -> None:
    """A table laid out around photos (a photo in one cell, its caption in the next) becomes the
    photos followed by their caption."""
    images = list(table.elements("img"))
    words = _words(table.text())
    if not images or len(words) > CAPTION_MAX:
        return
    blocks = [Node("p", {}, table.parent) for _image in images]
    for block, image in zip(blocks, images):
        image.parent = block
        block.children.append(image)
    if words:
        caption = Node("p", {"class": "caption"}, table.parent)
        caption.children.append(words)
        blocks.append(caption)
    table.replace_with(*blocks)


def _top(node: Node) -> Node:
    while node.parent is not None and node.parent.tag != "#root":
        node = node.parent
    return node


def _siblings_after(block: Node):
    siblings = block.parent.children
    at = next(n for n, child in enumerate(siblings) if child is block)
    return [child for child in siblings[at + 1:] if isinstance(child, Node) or child.strip()]


def _is_caption(block) -> bool:
    if not isinstance(block, Node) or block.tag != "p" or next(block.elements("img"), None) is not None:
        return False
    words = _words(block.text())
    if not words or len(words) > CAPTION_MAX:
        return False
    style = (block.attrs.get("style", "") + " " + block.attrs.get("align", "")).lower().replace(" ", "")
    if "text-align:center" in style or "center" in style or any(h in block.classes() for h in CAPTION_HINTS):
        return True
    # Every word set in italics: <p><em>Điểm cầu Bình Dương</em></p>
    emphasised = "".join(node.text() for node in block.elements() if node.tag in ("em", "i"))
    return _words(emphasised) == words


def _figures(root: Node, figure) -> int:
    """Each photo replaced by a library figure; consecutive photos share the caption after them.
    A photo inside a paragraph of text is set after that paragraph."""
    made, done, placed = 0, set(), {}
    for image in list(root.elements("img")):
        if id(image) in done:
            continue
        block = _top(image)
        following = _siblings_after(block)
        group = [img for img in block.elements("img")] if block is not image else [image]
        while (following and _only_images(block, empty_ok=True) and isinstance(following[0], Node)
               and _only_images(following[0])):
            group.extend(following.pop(0).elements("img"))
        caption = ""
        if following and _is_caption(following[0]):
            caption = _words(following[0].text())
            following[0].parent.children.remove(following[0])
        for photo in group:
            done.add(id(photo))
            own = _words(photo.attrs.get("data-caption", "")) or caption
            alt = _words(photo.attrs.get("alt", "") or photo.attrs.get("title", ""))
            markup = figure(photo.attrs.get("src", ""), own or ("" if _FILE_NAME.match(alt) else alt))
            holder = _top(photo)
            siblings = holder.parent.children
            at = next(n for n, child in enumerate(siblings) if child is holder)
            if holder is photo:
                siblings[at:at + 1] = [Raw(markup)] if markup else []
            else:
                photo.parent.children.remove(photo)
                if markup:
                    placed[id(holder)] = placed.get(id(holder), 0) + 1
                    siblings.insert(at + placed[id(holder)], Raw(markup))
            made += bool(markup)
    return made


def _only_images(block: Node, empty_ok=False) -> bool:
    has_image = next(block.elements("img"), None) is not None
    return (has_image or empty_ok) and not _words(block.text())


def _words(value: str) -> str:
    return _SPACES.sub(" ", value or "").strip()


def _tidy_text(node: Node) -> None:
    """Runs of spaces and no-break spaces (&#160;&#160;&#160;) as one space."""
    if node.tag == "pre":
        return
    merged = []
    for child in node.children:  # text left either side of a photo taken out is one text
        if merged and type(child) is str and type(merged[-1]) is str:
            merged[-1] += child
        else:
            merged.append(child)
    node.children[:] = merged
    for n, child in enumerate(node.children):
        if isinstance(child, Raw):
            continue
        if isinstance(child, str):
            node.children[n] = _SPACES.sub(" ", child)
        else:
            _tidy_text(child)


def _drop_empty(node: Node) -> None:
    """Paragraphs and headings with nothing to read (<p>&#160;</p>, <p><br></p>) go."""
    for child in list(node.children):
        if isinstance(child, Node) and not isinstance(child, Raw):
            _drop_empty(child)
            if (child.tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "span", "a")
                    and not _words(child.text()) and next(child.elements("img"), None) is None
                    and not any(isinstance(c, Raw) for c in child.children)):
                node.children.remove(child)
