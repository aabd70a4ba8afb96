"""A small HTML tree (the standard library's parser; no dependency) for reshaping old bodies
and reading saved pages: elements with their attributes and children, text as strings."""

from html import escape
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Closed by the next of their kind (the parser is not HTML5's, but old pages leave these open).
SELF_CLOSING_SIBLINGS = {"p": {"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "figure"},
                         "li": {"li"}, "td": {"td", "th", "tr"}, "th": {"td", "th", "tr"}, "tr": {"tr"},
                         "option": {"option"}}
DROPPED = {"script", "style", "noscript", "xml", "head", "title", "iframe", "object", "template"}


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag, attrs=None, parent=None):
        self.tag, self.attrs, self.children, self.parent = tag, dict(attrs or {}), [], parent

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    def elements(self, tag=None):
        """Every element under this one, depth first."""
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.elements(tag)

    def find(self, predicate):
        return next((node for node in self.elements() if predicate(node)), None)

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def classes(self) -> str:
        return f"{self.attrs.get('class') or ''} {self.attrs.get('id') or ''}".lower()

    def replace_with(self, *nodes):
        siblings = self.parent.children
        at = next(n for n, child in enumerate(siblings) if child is self)
        for node in nodes:
            if isinstance(node, Node):
                node.parent = self.parent
        siblings[at:at + 1] = list(nodes)

    def unwrap(self):
        self.replace_with(*self.children)


class Raw(str):
    """Markup already made (a figure): written out as it is."""


class _Builder(HTMLParser):
    def __init__(self, dropped):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root")
        self.skipping = 0
        self.dropped = dropped

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            self.skipping += tag not in VOID
            return
        if tag in self.dropped:
            self.skipping = 1
            return
        closes = SELF_CLOSING_SIBLINGS.get(self.current.tag)
        if closes and tag in closes and self.current.parent is not None:
            self.current = self.current.parent
        node = Node(tag, ((name, value or "") for name, value in attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        if tag in VOID or self.skipping:
            self.handle_starttag(tag, attrs)
        else:  # <o:p/>, <div/>: an empty element
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping -= tag not in VOID
            return
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        if not self.skipping:
            self.current.children.append(data)


def parse(html: str, dropped=DROPPED) -> Node:
    builder = _Builder(dropped)
    builder.feed(html or "")
    builder.close()
    return builder.root


def serialise(node) -> str:
    if isinstance(node, Raw):
        return str(node)
    if isinstance(node, str):
        return escape(node, quote=False)
    inner = "".join(serialise(child) for child in node.children)
    if node.tag == "#root":
        return inner
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in node.attrs.items())
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{inner}</{node.tag}>"
