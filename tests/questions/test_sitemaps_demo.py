"""questions.sitemaps (portal wires it into /sitemap.xml) and the demo questions."""

import io

from django.contrib.sitemaps.views import sitemap
from django.core.management import call_command
from django.test import RequestFactory

from questions.models import Question
from questions.sitemaps import sitemaps
from tests.questions.helpers import make_question

Status = Question.Status


def render_sitemap():
    request = RequestFactory().get("/sitemap.xml")
    response = sitemap(request, sitemaps=sitemaps)
    response.render()
    return response.content.decode()


def test_the_sitemap_lists_published_questions_in_their_own_language_only(licensing):
    vietnamese = make_question(licensing)
    english = make_question(licensing, language="en", title="An English question")
    waiting = make_question(licensing, status=Status.WAITING)
    xml = render_sitemap()
    assert f"<loc>http://testserver/vi/questions/{vietnamese.pk}/</loc>" in xml
    assert f"<loc>http://testserver/en/questions/{english.pk}/</loc>" in xml
    assert f"/en/questions/{vietnamese.pk}/" not in xml and f"/vi/questions/{english.pk}/" not in xml
    assert f"/questions/{waiting.pk}/" not in xml
    # The lists, by field too, in both languages.
    for language in ("vi", "en"):
        assert f"<loc>http://testserver/{language}/questions/</loc>" in xml
        assert f"<loc>http://testserver/{language}/questions/field/cap-phep/</loc>" in xml
    assert "questions" in sitemaps


def test_the_demo_has_answered_questions_in_several_fields_and_languages_and_two_waiting(db):
    call_command("load_demo", stdout=io.StringIO())
    published = Question.objects.published()
    assert published.count() >= 5
    assert published.values("topic").distinct().count() >= 3
    assert set(published.values_list("language", flat=True)) == {"vi", "en"}
    assert all(q.answered_by and q.published_by and q.published_at for q in published)
    assert Question.objects.waiting().count() == 2
    before = Question.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Question.objects.count() == before  # idempotent
