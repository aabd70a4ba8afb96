"""The question's life: waiting, answered, published (or not), and search that ignores diacritics."""

import pytest
from django.utils import translation

from questions.models import Question
from tests.questions.helpers import make_question

Status = Question.Status


def test_a_question_waits_then_awaits_approval_then_is_published(licensing, answerer, publisher):
    question = make_question(licensing, status=Status.WAITING)
    assert not Question.objects.published().exists()

    question.set_answer("  Sở đã tiếp nhận và trả lời như sau.  ", by=answerer)
    question.refresh_from_db()
    assert question.status == Status.ANSWERED
    assert question.answer == "Sở đã tiếp nhận và trả lời như sau."
    assert question.answered_by == answerer and question.answered_at is not None
    assert not Question.objects.published().exists()

    assert question.publish(by=publisher)
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED and question.published_by == publisher
    assert list(Question.objects.published()) == [question]


def test_no_answer_no_publication(licensing, publisher):
    question = make_question(licensing, status=Status.WAITING)
    assert not question.publish(by=publisher)
    assert Question.objects.get().status == Status.WAITING


def test_emptying_an_unpublished_answer_puts_the_question_back_in_the_queue(licensing, answerer):
    question = make_question(licensing, status=Status.ANSWERED)
    question.set_answer("   ", by=answerer)
    question.refresh_from_db()
    assert question.status == Status.WAITING and question.answered_by is None


def test_withdrawing_and_rejecting(licensing, publisher):
    question = make_question(licensing)
    question.withdraw()
    assert Question.objects.get().status == Status.ANSWERED
    question.reject()
    assert Question.objects.get().status == Status.REJECTED
    assert not Question.objects.published().exists()


@pytest.mark.parametrize("query", ["cap phep", "CẤP PHÉP", "Cấp   phép", "giay phep", "trạm phát sóng"])
def test_search_ignores_diacritics_and_case(licensing, query):
    found = make_question(licensing, title="Cấp phép trạm phát sóng", body="Thủ tục xin giấy phép thế nào?",
                          answer="Nộp hồ sơ tại bộ phận một cửa.")
    make_question(licensing, title="Bưu chính công ích", body="Nhận kết quả tại nhà qua bưu điện.")
    assert list(Question.objects.search(query)) == [found]


def test_search_finds_words_of_the_answer_and_only_whole_words(licensing):
    found = make_question(licensing, title="Một câu hỏi", body="Nội dung câu hỏi.", answer="Liên hệ bộ phận một cửa.")
    assert list(Question.objects.search("mot cua")) == [found]
    assert not Question.objects.search("cu").exists()  # not a word of it
    assert not Question.objects.search("  ").exists()


def test_search_follows_edits(licensing, publisher):
    question = make_question(licensing, title="Câu hỏi cũ", body="Nội dung ban đầu của người dân.")
    question.edit(title="Câu hỏi về viễn thông", body="Nội dung đã biên tập.", by=publisher)
    assert list(Question.objects.search("vien thong")) == [question]
    assert not Question.objects.search("ban dau").exists()
    question.set_answer("Trả lời về tần số vô tuyến.", by=publisher)
    assert list(Question.objects.search("tan so")) == [question]


def test_its_address_is_in_the_language_it_was_asked_in(licensing):
    vietnamese = make_question(licensing)
    english = make_question(licensing, language="en", title="An English question")
    with translation.override("en"):
        assert vietnamese.get_absolute_url() == f"/vi/questions/{vietnamese.pk}/"
    assert english.get_absolute_url() == f"/en/questions/{english.pk}/"


def test_the_asker_is_marked_notified_once(licensing):
    question = make_question(licensing)
    assert question.mark_notified()
    assert not question.mark_notified()
    assert not Question.objects.get(pk=question.pk).mark_notified()


def test_the_fields_come_with_a_fresh_database(db):
    from questions.models import Topic

    names = {(t.name_vi, t.name_en) for t in Topic.objects.all()}
    assert ("Cấp phép", "Licensing") in names and ("Viễn thông", "Telecommunications") in names


def test_a_new_field_gets_a_slug_from_its_vietnamese_name(db):
    from questions.models import Topic

    first = Topic.objects.create(name_vi="Tần số vô tuyến điện", name_en="Radio frequencies")
    second = Topic.objects.create(name_vi="Tần số vô tuyến điện", name_en="Radio frequencies (2)")
    assert first.slug == "tan-so-vo-tuyen-dien" and second.slug == "tan-so-vo-tuyen-dien-2"
