"""The folding that makes "45/2026/QĐ-UBND", "45 2026 qd ubnd" and "45/2026" one search."""

from articles.text import search_normalise


def fold_number(number: str) -> str:
    """A document number as lower-case ASCII words: "45/2026/QĐ-UBND" -> "45 2026 qd ubnd"."""
    return search_normalise(number)


def padded(text: str) -> str:
    """Words padded with spaces, so a whole-word (or whole-sequence) match is a substring match."""
    return f" {text} " if text else ""


def number_slug_source(number: str) -> str:
    """A number made ready for a slug: its slashes are separators ("45/2026/QĐ-UBND" -> 45-2026-qd-ubnd)."""
    return (number or "").replace("/", " ").replace("\\", " ").replace(".", " ")
