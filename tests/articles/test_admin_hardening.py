"""The admin against hostile or mistaken input: dates out of range, URL lookups, history, sign-in."""

import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from portal.admin import StrictAdminMixin
from portal.dates import EARLIEST_YEAR, LATEST_YEAR
from portal.roles import MODERATORS
from royalties.models import CoefficientUnit
from tests.articles.test_admin import ADD_URL, article_data, change_url
from tests.conftest import OWN_APPS, make_article

ARTICLES = "/admin/articles/article/"
COMMENTS = "/admin/comments/comment/"
UNITS = "/admin/royalties/coefficientunit/"
OUT_OF_RANGE = f"The date must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}."


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def store_year_zero_publish_date(article):
    """Write what PostgreSQL kept of an editor's 01/01/0001 00:00 in Asia/Ho_Chi_Minh: an instant
    in year 0, which Python cannot read back (on SQLite, its UTC text). Raw SQL, as the ORM
    refuses to write it."""
    value = "0001-01-01 00:00:00+07" if connection.vendor == "postgresql" else "0000-12-31 17:00:00"
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET publish_at = %s WHERE id = %s", [value, article.pk])


# -- item 2: dates out of range ---------------------------------------------------------------

@pytest.mark.parametrize("day", ["01/01/0001", "31/12/1899", "01/01/2201", "31/12/9999"])
def test_a_publish_date_out_of_range_is_a_form_error_and_nothing_is_stored(client, editor, category,
                                                                           news_type, day):
    client.force_login(editor)
    response = client.post(ADD_URL, article_data(client, category, news_type, publish_at_0=day,
                                                 publish_at_1="00:00:00"))
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.text
    assert not Article.objects.exists()


@pytest.mark.parametrize("day", ["01/01/1900", "31/12/2200"])
def test_a_publish_date_at_either_end_of_the_range_is_saved(client, editor, category, news_type, day):
    client.force_login(editor)
    response = client.post(ADD_URL, article_data(client, category, news_type, publish_at_0=day,
                                                 publish_at_1="12:00:00"))
    assert response.status_code == 302, response.content[:2000]
    assert f"{timezone.localtime(Article.objects.get().publish_at):%d/%m/%Y}" == day


def test_a_coefficient_unit_dated_out_of_range_is_a_form_error(client, approver):
    client.force_login(approver)
    response = client.post(f"{UNITS}add/", {"valid_from": "01/01/0001", "value": "100000",
                                            "base_salary": "", "note": ""})
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.text
    assert not CoefficientUnit.objects.filter(valid_from__year=1).exists()


def test_the_database_check_names_articles_dated_out_of_range(article):
    store_year_zero_publish_date(article)
    out, err = io.StringIO(), io.StringIO()
    call_command("check", "--database", "default", stdout=out, stderr=err)
    report = out.getvalue() + err.getvalue()
    assert "articles.W001" in report and "1 article" in report and "repair_dates" in report


def test_the_database_check_is_quiet_when_every_date_is_in_range(article):
    out, err = io.StringIO(), io.StringIO()
    call_command("check", "--database", "default", stdout=out, stderr=err)
    assert "articles.W001" not in out.getvalue() + err.getvalue()


def test_repair_dates_gives_an_unreadable_publish_date_the_creation_time_back(client, approver, category):
    broken, sound = make_article(category), make_article(category, title="Bài khác", slug="bai-khac")
    store_year_zero_publish_date(broken)
    sound_date = sound.publish_at
    out = io.StringIO()
    call_command("repair_dates", "--dry-run", stdout=out)
    assert "1 article" in out.getvalue()
    assert Article.objects.filter(pk=broken.pk, publish_at__year__lt=EARLIEST_YEAR).exists()
    call_command("repair_dates", stdout=out)
    assert "1 article" in out.getvalue()
    broken.refresh_from_db()
    assert broken.publish_at == broken.created_at
    assert Article.objects.get(pk=sound.pk).publish_at == sound_date
    client.force_login(approver)
    for url in (change_url(broken), f"{ARTICLES}{broken.pk}/history/", f"{ARTICLES}{broken.pk}/delete/",
                f"{ARTICLES}?o=4"):
        assert client.get(url).status_code == 200, url


# -- item 3: the history page -----------------------------------------------------------------

@pytest.mark.parametrize("role", ["editor", "approver"])
def test_editors_and_approvers_open_an_articles_history(request, client, editor, category, news_type, role):
    client.force_login(editor)
    client.post(ADD_URL, article_data(client, category, news_type))
    article = Article.objects.get()
    client.force_login(request.getfixturevalue(role))
    response = client.get(f"{ARTICLES}{article.pk}/history/")
    assert response.status_code == 200
    assert "editor1" in response.text  # the one who added it, in the log


# -- item 4: only the filters a list offers ---------------------------------------------------

@pytest.mark.parametrize("lookup", ["email__startswith=s", "email__startswith=z", "phone__startswith=0",
                                    "email__contains=@", "created_by__email__startswith=e",
                                    "search_body_vi__contains=noi", "publish_at__gte=2000-01-01"])
def test_an_editor_cannot_filter_the_list_by_another_authors_contact(client, editor, other_editor,
                                                                     category, lookup):
    make_article(category, title_en="Someone else's article", created_by=other_editor,
                 email="secret@example.vn", phone="0905 000 000")
    client.force_login(editor)
    response = client.get(f"{ARTICLES}?{lookup}")
    assert response.status_code == 400
    assert "Someone else" not in response.text


def test_the_filters_the_article_list_offers_still_filter(client, approver, category):
    make_article(category, title="Đã duyệt", title_en="Approved one")
    draft = make_article(category, title="Bản nháp", slug="ban-nhap", title_en="", approval=Article.Approval.DRAFT)
    client.force_login(approver)
    month = f"{timezone.localtime(draft.publish_at):%Y-%m}"
    unfiltered = client.get(ARTICLES).text
    assert "Bản nháp" in unfiltered and "Approved one" in unfiltered
    for query in ("approval__exact=draft", f"category__id__exact={category.pk}&approval__exact=draft",
                  "english=missing", f"month={month}&approval__exact=draft", "featured__exact=0&q=nháp",
                  f"article_type__id__exact={draft.article_type_id}&is_shown__exact=1&approval__exact=draft&o=2"):
        response = client.get(f"{ARTICLES}?{query}")
        assert response.status_code == 200, query
        assert "Bản nháp" in response.text and "Approved one" not in response.text, query


def test_the_comment_list_takes_its_filters_and_no_other_lookup(client, approver, article):
    Comment.objects.create(article=article, name="Bạn đọc", email="reader@example.vn", body="Hay quá.")
    client.force_login(approver)
    year = timezone.localdate().year
    offered = (f"{COMMENTS}?status__exact=pending&article__id__exact={article.pk}"
               f"&created_at__year={year}&q=reader")
    assert "Hay quá" in client.get(offered).text
    assert client.get(f"{COMMENTS}?email__startswith=r").status_code == 400
    assert client.get(f"{COMMENTS}?article__title__startswith=D").status_code == 400


def test_a_moderator_cannot_read_article_contact_through_the_comment_list(client, django_user_model, article):
    moderator = django_user_model.objects.create_user("mod1", "mod1@example.vn", "x", is_staff=True)
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    Comment.objects.create(article=article, name="Bạn đọc", email="reader@example.vn", body="Hay quá.")
    client.force_login(moderator)
    assert client.get(f"{COMMENTS}?article__email__startswith=a").status_code == 400


def test_every_admin_takes_only_its_own_filters_and_dates_in_range():
    registered = admin.site._registry.items()
    assert {model._meta.app_label for model, _model_admin in registered} >= {*OWN_APPS, "auth", "axes"}
    for model, model_admin in registered:
        assert isinstance(model_admin, StrictAdminMixin), model


def test_the_user_and_group_lists_take_only_their_own_filters(admin_client):
    assert admin_client.get("/admin/auth/user/?is_staff__exact=1&q=admin").status_code == 200
    assert admin_client.get("/admin/auth/user/?password__startswith=md5").status_code == 400
    assert admin_client.get("/admin/auth/group/?permissions=999999999999").status_code == 400
    response = admin_client.post("/admin/auth/group/add/", {"name": "Đọc", "permissions": "9" * 20})
    assert response.status_code == 200 and not Group.objects.filter(name="Đọc").exists()


@pytest.mark.parametrize("bound", ["attempt_time__gte=0001-01-01", "attempt_time__lt=9999-12-31"])
def test_a_date_filter_bound_out_of_range_redirects_to_the_list_with_an_error(admin_client, bound):
    response = admin_client.get(f"/admin/axes/accessattempt/?{bound}")
    assert response.status_code == 302 and response["Location"].endswith("?e=1")
    since = {"attempt_time__gte": str(timezone.localtime())}  # as the filter's own links say it
    assert admin_client.get("/admin/axes/accessattempt/", since).status_code == 200


# -- item 6: months and years no list can show ------------------------------------------------

@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1899-12", "2201-01", "2026-13", "x-y"])
def test_a_month_out_of_range_leaves_the_article_list_unfiltered(client, approver, article, month):
    client.force_login(approver)
    response = client.get(f"{ARTICLES}?month={month}")
    assert response.status_code == 200
    assert article.title_en in response.text  # the admin is in English here


@pytest.mark.parametrize("url", [
    f"{COMMENTS}?created_at__year=0", f"{COMMENTS}?created_at__year=1", f"{COMMENTS}?created_at__year=9999",
    f"{COMMENTS}?created_at__year=2026&created_at__month=13",
    f"{COMMENTS}?created_at__year=9999&created_at__month=12&created_at__day=31",
    f"{COMMENTS}?created_at__year=²", f"{UNITS}?valid_from__year=9999", f"{UNITS}?valid_from__year=0",
])
def test_a_year_out_of_range_in_a_date_hierarchy_redirects_to_the_list_with_an_error(client, approver, article, url):
    client.force_login(approver)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_a_year_in_range_is_listed(client, approver, article):
    client.force_login(approver)
    year = timezone.localdate().year
    response = client.get(f"{UNITS}?valid_from__year={year}")
    assert response.status_code == 200


# -- item 10: where a sign-in lands -----------------------------------------------------------

@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_a_sign_in_with_an_unsafe_next_lands_on_the_admin_index(client, editor, next_url):
    credentials = {"username": "editor1", "password": "pass-Word-123"}
    response = client.post(f"/admin/login/?next={next_url}", {**credentials, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
