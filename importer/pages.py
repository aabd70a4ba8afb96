"""A saved article page of the old portal read back into the list's fields: title, date,
summary, body (with its photos and captions), author line and read count."""

import re

from .markup import DROPPED, Node, parse, serialise

BODY_HINTS = ("ms-rtestate-field", "article-content", "noidung", "noi-dung", "news-content", "content-detail",
              "detail-content", "article-body", "entry-content", "chitiet", "content")
SUMMARY_HINTS = ("summary", "sapo", "tomtat", "tom-tat", "lead", "description", "excerpt")
AUTHOR_HINTS = ("author", "tacgia", "tac-gia", "byline")
DATE_HINTS = ("date", "ngay", "time", "published")
_DATE = re.compile(r"\b(\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2})?|\d{4}-\d{2}-\d{2}"
                   r"(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)")
_READS = re.compile(r"(?:lượt xem|lượt đọc|số lượt người đọc|lượt người đọc|views?|reads?)\s*:?\s*([\d.,]+)", re.I)
_ITEM_ID = re.compile(r"[?&]ID=(\d+)", re.I)
_FRIENDLY = re.compile(r"/Pages/([^/?#]+)\.aspx", re.I)


def _hinted(root: Node, hints, *, longest=False):
    for hint in hints:
        found = [node for node in root.elements() if hint in node.classes() and node.tag not in ("html", "body")]
        if found:
            return max(found, key=lambda node: len(node.text())) if longest else found[0]
    return None


def _meta(root: Node, name: str) -> str:
    node = root.find(lambda n: n.tag == "meta" and name in (n.attrs.get("name"), n.attrs.get("property")))
    return (node.attrs.get("content") or "").strip() if node else ""


def extract(html: str) -> dict:
    root = parse(html, dropped=DROPPED - {"head", "title"})
    fields = {}
    heading = root.find(lambda n: n.tag == "h1") or root.find(lambda n: n.tag == "title")
    fields["title"] = " ".join((heading.text() if heading else _meta(root, "og:title")).split())
    canonical = root.find(lambda n: n.tag == "link" and n.attrs.get("rel") == "canonical")
    address = (canonical.attrs.get("href", "") if canonical else "") or _meta(root, "og:url")
    if _ITEM_ID.search(address):
        fields["id"] = _ITEM_ID.search(address).group(1)
    if _FRIENDLY.search(address):
        fields["friendly_name"] = _FRIENDLY.search(address).group(1)
    fields["image"] = _meta(root, "og:image")
    content = _hinted(root, BODY_HINTS, longest=True)
    # The article's own date, after its heading: not the date bar every page of the portal shows.
    ordered = list(root.elements())
    start = next((n for n, node in enumerate(ordered) if node is heading), 0)
    dated = next((node for node in ordered[start:] if any(h in node.classes() for h in DATE_HINTS)
                  and _DATE.search(node.text())), None)
    found = _DATE.search(dated.text()) if dated else _DATE.search(root.text())
    fields["publish_at"] = found.group(1) if found else ""
    summary = _hinted(root, SUMMARY_HINTS)
    fields["summary"] = " ".join(summary.text().split()) if summary else _meta(root, "description")
    author = _hinted(root, AUTHOR_HINTS)
    if content is not None:
        if summary is not None and _inside(summary, content):
            summary.parent.children.remove(summary)
        if author is None:
            author = _last_line(content)
        if author is not None and _inside(author, content):
            author.parent.children.remove(author)
    fields["author_name"] = " ".join(author.text().split())[:150] if author else ""
    reads = _READS.search(root.text())
    fields["read_count"] = reads.group(1) if reads else "0"
    fields["content"] = serialise(content) if content is not None else ""
    return fields


def _inside(node: Node, container: Node) -> bool:
    while node is not None:
        if node is container:
            return True
        node = node.parent
    return False


def _last_line(content: Node):
    """The author line old pages end their body with: a short, right-aligned or bold last line."""
    blocks = [child for child in content.children if isinstance(child, Node) and " ".join(child.text().split())]
    if not blocks:
        return None
    last = blocks[-1]
    style = (last.attrs.get("style", "") + last.attrs.get("align", "")).replace(" ", "").lower()
    words = " ".join(last.text().split())
    if len(words) <= 80 and ("right" in style or last.find(lambda n: n.tag in ("strong", "b")) is not None):
        return last
    return None
