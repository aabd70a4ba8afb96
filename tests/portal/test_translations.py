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


def test_every_string_of_the_admin_is_vietnamese():
    """Django's own Vietnamese catalogue lags behind its admin; locale/vi fills the gaps
    (portal/vendor_strings.py). A Django upgrade that adds strings fails here, not on screen."""
    from pathlib import Path

    import django.contrib.admin
    from django.utils import translation

    source = Path(django.contrib.admin.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
    internal = {"LogEntry Object", "%(class_name)s %(instance)s"}  # never shown by this portal
    with translation.override("vi"):
        english = [entry.msgid for entry in polib.pofile(str(source))
                   if not entry.obsolete and entry.msgid not in internal and _untranslated(entry, translation)]
    assert not english, english


def test_the_back_office_pages_from_packages_are_vietnamese(client, approver, category):
    from tests.conftest import make_article

    article = make_article(category)
    client.force_login(approver)
    listing = client.get("/admin/articles/article/").text
    assert "Hiện số lượng" in listing and "Show counts" not in listing
    assert "Khôi phục bài viết đã xóa" in listing and "Recover deleted" not in listing
    assert "Thêm bài viết" in listing or "Thêm Bài viết" in listing
    recover = client.get("/admin/articles/article/recover/").text
    assert "Không có mục đã xóa nào để khôi phục." in recover
    history = client.get(f"/admin/articles/article/{article.pk}/history/").text
    assert "Chọn một thời điểm" in history or "chưa có lịch sử thay đổi" in history
    assert "Choose a date" not in history and "change history" not in history


def _untranslated(entry, catalogue) -> bool:
    """Whether `catalogue` (the active translation, or one catalogue) leaves this entry English."""
    if entry.msgid_plural:
        return catalogue.ngettext(entry.msgid, entry.msgid_plural, 2) == entry.msgid_plural
    if entry.msgctxt:
        return catalogue.pgettext(entry.msgctxt, entry.msgid) == entry.msgid
    return catalogue.gettext(entry.msgid) == entry.msgid


def _admin_javascript_catalogue():
    """What /admin/jsi18n/ serves in Vietnamese: Django's admin catalogue with locale/vi on top."""
    from pathlib import Path

    import django.contrib.admin
    from django.utils.translation.trans_real import DjangoTranslation

    return DjangoTranslation("vi", domain="djangojs",
                             localedirs=[str(Path(django.contrib.admin.__file__).parent / "locale")])


def _editor_strings():
    """The English the body editor (django-prose-editor) shows: what it passes through
    gettext, and the titles of its toolbar buttons (static/portal/js/editor-i18n.js)."""
    import re
    from pathlib import Path

    import django_prose_editor

    source = (Path(django_prose_editor.__file__).parent / "static" / "django_prose_editor" / "editor.js").read_text()
    alias = re.search(r"(\w+)=window\.gettext\|\|", source)
    assert alias, "django-prose-editor no longer calls window.gettext as it did: review its strings"
    translated = set(re.findall(rf"\b{re.escape(alias.group(1))}\(\"([^\"]+)\"\)", source))
    titles = set(re.findall(r"\.material\(\"[^\"]*\",\"([^\"]+)\"\)", source))
    styles = set(re.findall(r"option:\w+\(\"\w+\",\{textContent:\"([^\"]+)\"\}\)", source))
    assert len(translated) > 20 and len(titles) > 10 and styles, (translated, titles, styles)
    # the heading levels the article body allows (articles.models.Article.content)
    assert "`heading ${" in source and "`Heading ${" in source
    headings = {f"{word} {level}" for word in ("heading", "Heading") for level in (2, 3, 4)}
    return translated | titles | styles | headings


def test_every_string_of_the_admin_javascript_is_vietnamese():
    """The calendar, the time picker, the two-box selector and the body editor: Django's
    Vietnamese lacks the weekdays and the selector's newer strings, the editor has none."""
    from pathlib import Path

    import django.contrib.admin

    catalogue = _admin_javascript_catalogue()
    source = Path(django.contrib.admin.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"
    english = [entry.msgid for entry in polib.pofile(str(source)) if _untranslated(entry, catalogue)]
    english += [text for text in sorted(_editor_strings()) if catalogue.gettext(text) == text and text != "HTML"]
    assert not english, english


def test_the_admin_serves_its_javascript_catalogue_in_vietnamese(client, editor):
    import json

    client.force_login(editor)
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    for vietnamese in ("Thứ hai", "Chủ nhật", "Đậm", "Chèn bảng", "Hoàn tác"):
        assert json.dumps(vietnamese) in response.text, vietnamese
