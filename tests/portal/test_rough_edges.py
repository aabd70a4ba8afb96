"""Rough edges of the back office and the error pages: breadcrumbs, the 403 page."""

import html as htmlmod
import re

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from comments.models import Comment
from portal import urls
from portal.views import permission_denied

BREADCRUMBS = re.compile(r'<div class="breadcrumbs">(.*?)</div>', re.S)


def crumbs(page):
    found = BREADCRUMBS.search(page)
    assert found, "no breadcrumbs"
    text = htmlmod.unescape(re.sub(r"<[^>]+>", "", found.group(1)))
    return [crumb.strip() for crumb in text.split("›")]


def assert_no_repeated_crumb(page, url):
    trail = crumbs(page)
    for before, after in zip(trail, trail[1:]):
        assert before.casefold() != after.casefold(), f"{url}: {' › '.join(trail)}"


def admin_pages(model):
    opts = model._meta
    info = (opts.app_label, opts.model_name)
    yield reverse("admin:%s_%s_changelist" % info)
    yield reverse("admin:%s_%s_add" % info)
    obj = model._default_manager.order_by("pk").first()
    if obj is not None:
        for page in ("change", "history", "delete"):
            yield reverse(f"admin:{info[0]}_{info[1]}_{page}", args=[obj.pk])


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_admin_breadcrumb_says_the_same_twice(admin_client, article, language):
    Comment.objects.create(article=article, name="Bạn đọc", email="a@example.com", body="Một ý kiến.")
    seen = 0
    for model in list(admin.site._registry):
        for url in admin_pages(model):
            response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            if response.status_code != 200:  # a page the model does not offer (singletons, no adding)
                continue
            assert_no_repeated_crumb(response.text, url)
            seen += 1
    # The delete-selected confirmation and the statistics page, which have breadcrumbs of their own.
    response = admin_client.post(reverse("admin:comments_comment_changelist"),
                                 {"action": "delete_selected", "_selected_action": [Comment.objects.get().pk]},
                                 HTTP_ACCEPT_LANGUAGE=language)
    assert_no_repeated_crumb(response.text, "delete selected")
    assert_no_repeated_crumb(admin_client.get("/admin/stats/dailystat/", HTTP_ACCEPT_LANGUAGE=language).text,
                             "statistics")
    assert seen > 40


def test_a_list_named_as_its_app_keeps_one_crumb_leading_to_it(admin_client, article):
    comment = Comment.objects.create(article=article, name="Bạn đọc", email="a@example.com", body="Một ý kiến.")
    page = admin_client.get(f"/admin/comments/comment/{comment.pk}/change/", HTTP_ACCEPT_LANGUAGE="en").text
    assert crumbs(page)[:2] == ["Home", "Comments"]
    assert '<a href="/admin/comments/comment/">Comments</a>' in page
    page = admin_client.get(f"/admin/articles/article/{article.pk}/change/", HTTP_ACCEPT_LANGUAGE="en").text
    assert crumbs(page)[:3] == ["Home", "Content", "Articles"]


# -- the 403 page -----------------------------------------------------------------------------

def test_a_refusal_in_the_admin_is_an_admin_page(client, editor):
    client.force_login(editor)
    response = client.get("/admin/comments/comment/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "admin/403.html" in [template.name for template in response.templates]
    assert 'id="site-name"' in response.text and "Access denied" in response.text
    assert "error-page" not in response.text


def test_the_403_pages_need_no_database(rf):
    # No database in this test: any query fails it.
    for path, marker in (("/admin/comments/comment/", 'id="site-name"'), ("/en/articles/x/", "error-page")):
        request = rf.get(path)
        with translation.override("en"):
            response = permission_denied(request, PermissionDenied())
        assert response.status_code == 403
        assert marker in response.content.decode() and "Access denied" in response.content.decode()


def test_the_public_403_page_is_in_the_readers_language(rf):
    with translation.override("en"):
        page = permission_denied(rf.get("/en/x/"), PermissionDenied()).content.decode()
    assert '<html lang="en">' in page and 'href="/en/"' in page


def test_the_handler_is_the_portals():
    assert urls.handler403 == "portal.views.permission_denied"
