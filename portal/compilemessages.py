"""Compile every Vietnamese catalogue (.po -> .mo) in Python: no GNU gettext needed.

Usage: python -m portal.compilemessages  (or `make messages`). The compiled files are
committed, so a fresh clone works without running this.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogues() -> list[Path]:
    found = list((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
    found += [p for p in ROOT.glob("*/locale/*/LC_MESSAGES/*.po") if ".venv" not in p.parts]
    return sorted(found)


def compile_all() -> list[Path]:
    written = []
    for po_path in catalogues():
        catalogue = polib.pofile(str(po_path))
        mo_path = po_path.with_suffix(".mo")
        catalogue.save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(f"compiled {path.relative_to(ROOT)}")
