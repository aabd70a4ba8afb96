"""Approval in levels: the editor writes, the section secretary checks and forwards or returns,
the editorial board approves. Every step is the server's to allow, and is recorded."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from articles import services
from articles.models import Article, ApprovalLevel, Category, EditorialNote, Transition
from portal.roles import APPROVERS, SECRETARIES
from tests.articles.test_admin import ADD_URL, article_data, change_url
from tests.conftest import make_article, make_staff


@pytest.fixture(autouse=True)
def _mail_now(settings):
    settings.COMMENTS_NOTIFY_ASYNC = False


@pytest.fixture
def secretary(db, django_user_model):
    return make_staff(django_user_model, "secretary1", SECRETARIES)


@pytest.fixture
def two_levels(db):
    ApprovalLevel.objects.create(position=1, name="Thư ký tòa soạn kiểm tra",
                                 group=Group.objects.get(name=SECRETARIES))
    ApprovalLevel.objects.create(position=2, name="Lãnh đạo duyệt", group=Group.objects.get(name=APPROVERS))


@pytest.fixture
def submitted(two_levels, category, editor, secretary, approver, django_capture_on_commit_callbacks):
    article = make_article(category, approval=Article.Approval.DRAFT, created_by=editor, coefficient="3")
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=article, by=editor)
    return article


def post_step(client, article, category, news_type, **step):
    return client.post(change_url(article), article_data(client, category, news_type, url=change_url(article),
                                                         title_vi=article.title_vi, **step))


def test_an_article_passes_two_levels_and_each_step_is_recorded(
        client, submitted, secretary, approver, editor, category, news_type, django_capture_on_commit_callbacks):
    assert (submitted.approval, submitted.approval_level) == ("pending", 1)
    assert [m.to for m in mail.outbox] == [[secretary.email]]  # the first level is told, with a link
    assert f"/admin/articles/article/{submitted.pk}/change/" in mail.outbox[0].body
    client.force_login(secretary)
    form = client.get(change_url(submitted)).text
    assert 'name="_forward"' in form and 'name="_approve"' not in form and "cấp 1/2" in form
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert post_step(client, submitted, category, news_type, _forward="1").status_code == 302
    submitted.refresh_from_db()
    assert (submitted.approval, submitted.approval_level) == ("pending", 2)
    assert approver.email in [m.to[0] for m in mail.outbox]
    client.force_login(approver)
    assert 'name="_approve"' in client.get(change_url(submitted)).text
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert post_step(client, submitted, category, news_type, _approve="1", is_shown="on").status_code == 302
    submitted.refresh_from_db()
    assert submitted.approval == "approved" and submitted.approved_by == approver and submitted.fee
    assert [m.to for m in mail.outbox] == [[editor.email]]
    steps = [(t.action, t.from_status, t.from_level, t.to_status, t.to_level, t.by) for t in submitted.transitions.all()]
    assert steps == [("submit", "draft", 0, "pending", 1, editor), ("forward", "pending", 1, "pending", 2, secretary),
                     ("approve", "pending", 2, "approved", 0, approver)]
    history = client.get(change_url(submitted)).text
    assert re.search(r"\((level|cấp) 1\) → \S", history)  # the history names the levels


def test_no_one_skips_a_level_or_acts_for_another_group(client, submitted, secretary, approver, editor,
                                                        category, news_type):
    # The board may not approve what the secretary has not checked, even by a crafted POST.
    with pytest.raises(PermissionDenied):
        services.article_approve(article=submitted, by=approver)
    with pytest.raises(PermissionDenied):
        services.article_forward(article=submitted, by=approver)
    client.force_login(approver)
    assert post_step(client, submitted, category, news_type, _approve="1").status_code == 403
    client.force_login(editor)
    assert post_step(client, submitted, category, news_type, _forward="1").status_code == 403
    services.article_forward(article=submitted, by=secretary)
    # The secretary's level is passed: they cannot act at the board's.
    with pytest.raises(PermissionDenied):
        services.article_forward(article=submitted, by=secretary)
    with pytest.raises(PermissionDenied):
        services.article_return(article=submitted, by=secretary, note="Sửa lại")
    submitted.refresh_from_db()
    assert (submitted.approval, submitted.approval_level) == ("pending", 2)
    assert submitted.transitions.count() == 2


def test_a_returned_article_carries_its_note_back_to_the_editor(
        client, submitted, secretary, editor, category, news_type, django_capture_on_commit_callbacks):
    client.force_login(secretary)
    response = post_step(client, submitted, category, news_type, _return="1", _workflow_note="  ")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.approval == "pending"  # no note, no return
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_step(client, submitted, category, news_type, _return="1", _workflow_note="Bổ sung nguồn số liệu.")
    submitted.refresh_from_db()
    assert (submitted.approval, submitted.approval_level) == ("returned", 0)
    assert [m.to for m in mail.outbox] == [[editor.email]] and "Bổ sung nguồn số liệu." in mail.outbox[0].body
    client.force_login(editor)
    page = client.get(change_url(submitted)).text
    assert "Bổ sung nguồn số liệu." in page and 'name="_submit"' in page
    services.article_submit(article=submitted, by=editor)
    submitted.refresh_from_db()
    assert (submitted.approval, submitted.approval_level) == ("pending", 1)


def test_a_level_may_forbid_passing_ones_own_article(two_levels, category, secretary, django_user_model):
    own = make_article(category, approval=Article.Approval.PENDING, approval_level=1, created_by=secretary)
    secretary.user_permissions.add(*Group.objects.get(name=SECRETARIES).permissions.all())
    with pytest.raises(PermissionDenied):
        services.article_forward(article=own, by=secretary)
    ApprovalLevel.objects.filter(position=1).update(own_articles=True)
    services.article_forward(article=own, by=secretary)
    own.refresh_from_db()
    assert own.approval_level == 2


def test_a_category_may_have_levels_of_its_own(two_levels, category, editor, secretary, approver):
    press = Category.objects.create(name_vi="Báo chí", name_en="Press", slug="bao-chi")
    for position, group in ((1, SECRETARIES), (2, SECRETARIES), (3, APPROVERS)):
        ApprovalLevel.objects.create(category=press, position=position, name=f"Cấp {position}",
                                     group=Group.objects.get(name=group), own_articles=True)
    article = make_article(press, approval=Article.Approval.DRAFT, created_by=editor)
    services.article_submit(article=article, by=editor)
    services.article_forward(article=article, by=secretary)
    services.article_forward(article=article, by=secretary)
    with pytest.raises(PermissionDenied):
        services.article_forward(article=article, by=secretary)
    services.article_approve(article=article, by=approver)
    assert article.approval == "approved"
    assert [t.to_level for t in article.transitions.all()] == [1, 2, 3, 0]


def test_one_level_works_as_before(category, editor, approver):
    draft = make_article(category, approval=Article.Approval.DRAFT, created_by=editor)
    services.article_approve(article=draft, by=approver)  # an approver may approve a draft at once
    assert draft.approval == "approved"
    other = make_article(category, title="Bài khác", approval=Article.Approval.DRAFT, created_by=editor)
    with pytest.raises(PermissionDenied):
        services.article_approve(article=other, by=editor)


def test_the_admin_refuses_a_level_that_follows_nothing(client, django_user_model, two_levels):
    admin = django_user_model.objects.create_superuser("root", "root@example.gov.vn", "pass-Word-123")
    client.force_login(admin)
    ApprovalLevel.objects.filter(position=2).delete()
    response = client.post("/admin/articles/approvallevel/add/", {
        "category": "", "position": "3", "name": "Cấp ba", "group": Group.objects.get(name=APPROVERS).pk})
    assert response.status_code == 200 and "errornote" in response.text
    assert not ApprovalLevel.objects.filter(position=3).exists()
    response = client.post("/admin/articles/approvallevel/add/", {
        "category": "", "position": "1", "name": "Trùng", "group": Group.objects.get(name=APPROVERS).pk})
    assert response.status_code == 200  # level 1 exists already: a form error, not a 500


def test_each_person_finds_their_own_queue_first_and_counted(client, submitted, secretary, approver, category):
    waiting = make_article(category, title="Chờ lãnh đạo", approval=Article.Approval.PENDING, approval_level=2)
    make_article(category, title="Đã đăng từ trước")
    client.force_login(secretary)
    index = client.get("/admin/").text
    assert re.search(r"level 1 \(Thư ký tòa soạn kiểm tra\)</a></th>\s*<td[^>]*>1</td>", index) or \
        re.search(r"cấp 1 \(Thư ký tòa soạn kiểm tra\)</a></th>\s*<td[^>]*>1</td>", index)
    rows = re.findall(r'<th class="field-title"><a href="[^"]+">([^<]+)</a>', client.get("/admin/articles/article/").text)
    assert rows[0] == submitted.title_vi
    client.force_login(approver)
    rows = re.findall(r'<th class="field-title"><a href="[^"]+">([^<]+)</a>', client.get("/admin/articles/article/").text)
    assert rows[0] == waiting.title_vi
    listed = client.get("/admin/articles/article/?approval__exact=pending&level=2").text
    assert waiting.title_vi in listed and submitted.title_vi not in listed
    assert client.get("/admin/articles/article/?level=x").status_code in (200, 302, 400)


def test_internal_notes_are_kept_in_order_and_never_shown_to_readers(client, editor, approver, category,
                                                                     news_type):
    client.force_login(editor)
    data = article_data(client, category, news_type, **{"notes-TOTAL_FORMS": "1",
                                                        "notes-0-text": "Ảnh do phóng viên Minh chụp."})
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    note = EditorialNote.objects.get()
    assert note.by == editor and note.article == article
    client.force_login(approver)
    data = article_data(client, category, news_type, url=change_url(article), is_shown="on",
                        **{"notes-TOTAL_FORMS": "2", "notes-INITIAL_FORMS": "1", "notes-0-id": note.pk,
                           "notes-1-text": "Đã kiểm tra nguồn."})
    data["notes-0-article"] = article.pk
    assert client.post(change_url(article), data).status_code == 302
    page = client.get(change_url(article)).text
    assert page.index("Ảnh do phóng viên Minh chụp.") < page.index("Đã kiểm tra nguồn.")
    services.article_approve(article=article, by=approver)
    public = client.__class__().get(article.get_absolute_url()).text
    assert "phóng viên Minh" not in public and "Đã kiểm tra nguồn" not in public


def test_returning_or_rejecting_needs_a_note(submitted, secretary):
    with pytest.raises(ValidationError):
        services.article_return(article=submitted, by=secretary, note="")
    with pytest.raises(ValidationError):
        services.article_reject(article=submitted, by=secretary, reason=" ")
    services.article_reject(article=submitted, by=secretary, reason="Trùng bài đã đăng.")
    assert Transition.objects.filter(article=submitted, action="reject").get().reason == "Trùng bài đã đăng."
