"""The generic hostile sweep: every URL pattern the resolver knows and every admin form, each
sent a battery of bad values (huge, negative, year 0 and 9999, NUL, unicode junk, deep JSON,
wrong methods and content types). No answer is a server error, on either database.

New URLs and admin forms are swept without touching this file: it walks the URL resolver and
the admin's registry. tests/test_hostile.py holds the hand-written cases (escaping, what is stored).
"""

import re
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLResolver, get_resolver

from comments.models import Comment

JUNK = ["", "-1", "99999999999999999999", "0000", "9999", "\x00", "a" * 3000, "𝔘🙂\u202e", "../../etc/passwd"]
FORM_JUNK = ["0001-01-01", "99999999999999999999", "-1", "\x00", "9999-12-31", "a" * 3000]
DEEP_JSON = b"[" * 1020 + b"]" * 1020
BODIES = [
    ("application/json", DEEP_JSON),
    ("application/json", b'{"path": {"a": [1, 2]}, "article": [[[]]]}'),
    ("application/x-www-form-urlencoded", b"q=%FF%FE&page=-1&name=\x00&body=" + b"x" * 5000),
    ("multipart/form-data; boundary=nope", b"--broken\r\n\r\n"),
    ("text/xml", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>"),
]
# Signing out would end the sweep's own session; the rest is swept, deletions included.
SKIPPED = {"logout"}
PLACEHOLDER = re.compile(r"<(?:\w+:)?(?P<route>\w+)>|\(\?P<(?P<named>\w+)>[^)]*\)|\((?P<unnamed>[^)?][^)]*)\)")


def url_templates():
    """Every URL pattern as (template, name): "vi/articles/<slug:slug>/", "admin/(?P<url>.*)$" …"""
    def walk(patterns, prefix):
        for pattern in patterns:
            here = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, here)
            else:
                yield here, pattern.name

    return sorted(set(walk(get_resolver().url_patterns, "/")))


def fill(template, values):
    """The template with each placeholder replaced: values[name] or, by position, values[index]."""
    counter = iter(range(100))

    def replace(match):
        name = match.group("route") or match.group("named") or str(next(counter))
        return quote(str(values.get(name, values.get("*", "1"))), safe="@")

    path = PLACEHOLDER.sub(replace, template)
    return path.replace("^", "").replace("$", "").replace("\\", "")


def placeholders(template):
    counter = iter(range(100))
    return [m.group("route") or m.group("named") or str(next(counter)) for m in PLACEHOLDER.finditer(template)]


@pytest.fixture
def world(article, approver, django_user_model):
    from captcha.models import CaptchaStore

    Comment.objects.create(article=article, name="Bạn đọc", email="a@example.com", body="Một góp ý.")
    good = {"slug": article.slug, "pk": "1", "object_id": str(article.pk), "year": "2026", "month": "11",
            "key": CaptchaStore.generate_key(), "app_label": "articles", "url": "articles/",
            "content_type_id": "1", "*": "1"}
    superuser = django_user_model.objects.create_superuser("sweeper", "sweeper@example.gov.vn", "pass-Word-123")
    return {"good": good, "superuser": superuser}


def assert_no_server_error(response, what):
    assert response.status_code < 500, f"{what}: {response.status_code}"


def sweep(client, template, good):
    """The good address with bad query values and bodies, then each placeholder given each bad value."""
    url = fill(template, good)
    for value in ("-1", "99999999999999999999", "0001-01", "\x00", "a" * 3000):
        query = {"q": value, "page": value, "p": value, "o": value, "month": value, "e": value,
                 "cpage": value, "order": value}
        assert_no_server_error(client.get(url, query), f"GET {url} {value[:12]!r}")
    requests = [("POST", content_type, body) for content_type, body in BODIES]
    requests += [("PUT", "application/json", DEEP_JSON), ("DELETE", "text/plain", b"x")]
    for method, content_type, body in requests:
        response = client.generic(method, url, body, content_type=content_type,
                                  HTTP_ORIGIN="http://testserver", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert_no_server_error(response, f"{method} {url} {content_type}")
    for name in placeholders(template):
        for value in JUNK:
            bad = fill(template, {**good, name: value})
            assert_no_server_error(client.get(bad), f"GET {bad[:80]}")


def test_every_public_url_pattern_takes_bad_values(world, settings):
    settings.COMMENTS_RATE_LIMIT = 10_000
    settings.COMMENTS_CAPTCHA_REFRESH_LIMIT = 10_000
    client = Client(raise_request_exception=False)
    for template, name in url_templates():
        if template.startswith("/admin/") or name in SKIPPED:
            continue
        sweep(client, template, world["good"])


def test_every_admin_url_pattern_takes_bad_values(world, settings):
    client = Client(raise_request_exception=False)
    client.force_login(world["superuser"])
    for template, name in url_templates():
        if not template.startswith("/admin/") or name in SKIPPED:
            continue
        sweep(client, template, world["good"])


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model._meta.label)
def test_every_admin_form_and_list_takes_bad_values(world, model):
    """Each field of each admin form given bad values, and each field as a list filter."""
    client = Client(raise_request_exception=False)
    client.force_login(world["superuser"])
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    fields = [field.name for field in opts.get_fields() if not field.auto_created or field.concrete]
    for field in fields:
        for lookup in (field, f"{field}__gte"):
            for value in FORM_JUNK[:4]:
                assert_no_server_error(client.get(base, {lookup: value}), f"{base}?{lookup}={value[:12]!r}")
    add = client.get(f"{base}add/")
    assert_no_server_error(add, f"{base}add/")
    if add.status_code != 200 or not add.context or "adminform" not in add.context:
        return  # a model the admin shows but does not let anyone add
    existing = model._default_manager.order_by("pk").first()
    url = f"{base}{existing.pk}/change/" if existing else f"{base}add/"
    names = list(add.context["adminform"].form.fields)
    for value in FORM_JUNK:  # every field at once: each is cleaned whatever the others hold
        data = {key: value for name in names for key in (name, f"{name}_0", f"{name}_1")}
        assert_no_server_error(client.post(url, data), f"POST {url} every field={value[:12]!r}")
