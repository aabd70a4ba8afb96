"""The Vietnamese catalogues are complete and their committed .mo files are up to date."""

import gettext

import polib
import pytest

from portal.compilemessages import catalogues


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: str(p.parent.parent.parent.parent.name))
def test_catalogue_is_complete_and_compiled(po_path):
    catalogue = polib.pofile(str(po_path))
    assert not catalogue.untranslated_entries(), [e.msgid for e in catalogue.untranslated_entries()][:10]
    assert not catalogue.fuzzy_entries(), [e.msgid for e in catalogue.fuzzy_entries()][:10]
    with open(po_path.with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalogue.translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            assert compiled.ngettext(key, entry.msgid_plural, 1) == entry.msgstr_plural[0], entry.msgid
        else:
            assert compiled.gettext(key) == entry.msgstr, f"{po_path}: stale .mo for {entry.msgid!r} (make messages)"


def test_vietnamese_is_the_default_and_the_admin_speaks_it(client, db):
    response = client.get("/admin/login/")
    assert "Đăng nhập" in response.text
    english = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Log in" in english.text
