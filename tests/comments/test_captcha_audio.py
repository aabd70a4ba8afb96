"""The captcha's code as speech (comments.audio): espeak-ng speaks the key's own code, letter by
letter, in the page's language; it is rate-limited like a new image; without espeak-ng the
button is not there and the forms work as before."""

import io
import re
import shutil
import subprocess
import wave

import pytest
from captcha.models import CaptchaStore
from django.contrib.staticfiles import finders

from comments import audio
from comments.models import Comment
from questions.models import Question, Topic
from tests.comments.helpers import comment_url, form_data
from tests.questions.helpers import ask_url, form_data as question_data

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                  reason="espeak-ng is not installed (apt-get install espeak-ng)")
AUDIO_LINK = re.compile(r'href="(/captcha/audio/(vi|en)/(\w+)\.wav)"')


def audio_link(html):
    match = AUDIO_LINK.search(html)
    assert match, "no audio link in the form"
    return match.group(1), match.group(2), match.group(3)


def store(code: str) -> CaptchaStore:
    return CaptchaStore.objects.create(challenge=code.upper(), response=code.lower())


def duration(data: bytes) -> float:
    with wave.open(io.BytesIO(data)) as sound:
        assert sound.getnchannels() == 1 and sound.getsampwidth() == 2
        return sound.getnframes() / sound.getframerate()


@pytest.fixture
def no_espeak(monkeypatch):
    """A machine without the speech engine."""
    monkeypatch.setattr(audio.shutil, "which", lambda name, *args, **kwargs: None)


@pytest.fixture
def fake_espeak(monkeypatch):
    """A speech engine that answers at once (for what does not need the real one)."""
    calls = []

    def speak(code, language):
        calls.append((code, language))
        return b"RIFF-fake-wav"

    monkeypatch.setattr(audio, "engine", lambda: "/usr/bin/espeak-ng")
    monkeypatch.setattr(audio, "speak", speak)
    return calls


# -- the sound itself ---------------------------------------------------------------------------
@needs_espeak
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_audio_decodes_to_a_wav_whose_length_follows_the_code(client, db, language):
    lengths = {}
    for code in ("KQ", "KQMTR", "KQMTRBXWZ"):
        response = client.get(f"/captcha/audio/{language}/{store(code).hashkey}.wav")
        assert response.status_code == 200
        assert response["Content-Type"] == "audio/wav"
        assert response.content[:4] == b"RIFF" and response.content[8:12] == b"WAVE"
        lengths[code] = duration(response.content)
    assert 0.5 < lengths["KQ"] < lengths["KQMTR"] < lengths["KQMTRBXWZ"] < 30
    # Each letter adds about as much as the others: the code is spelled, not read as a word.
    per_letter = (lengths["KQMTRBXWZ"] - lengths["KQMTR"]) / 4
    assert 0.3 < per_letter < 2.0


@needs_espeak
def test_the_voice_is_the_pages_language(client, db):
    key = store("ABCDE").hashkey
    vietnamese = client.get(f"/captcha/audio/vi/{key}.wav").content
    english = client.get(f"/captcha/audio/en/{key}.wav").content
    assert duration(vietnamese) > 0 and duration(english) > 0
    assert vietnamese != english


def test_the_code_is_spelled_letter_by_letter_with_vietnamese_names_where_needed():
    assert audio.spelled("KQM", "en") == "k, q, m."
    # i and y sound alike in Vietnamese letter names: their full names tell them apart.
    assert audio.spelled("AIY", "vi") == "a, i ngắn, i dài."
    assert audio.voice("vi") == "vi" and audio.voice("en") == "en" and audio.voice("fr") == "vi"


def test_the_engine_runs_without_a_shell_with_a_timeout(monkeypatch, tmp_path):
    seen = {}

    def run(command, **options):
        seen["command"], seen["options"] = command, options
        output = command[command.index("-w") + 1]
        with wave.open(output, "wb") as sound:
            sound.setnchannels(1), sound.setsampwidth(2), sound.setframerate(22050)
            sound.writeframes(b"\0\0" * 22050)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(audio, "engine", lambda: "/usr/bin/espeak-ng")
    monkeypatch.setattr(audio.subprocess, "run", run)
    data = audio.speak("XYZAB", "vi")
    assert duration(data) == 1.0
    command, options = seen["command"], seen["options"]
    assert isinstance(command, list) and command[0] == "/usr/bin/espeak-ng"
    assert command[command.index("-v") + 1] == "vi"
    assert command[-2:] == ["--", "x, i dài, z, a, b."]
    assert "shell" not in options and options["timeout"] == audio.TIMEOUT and options["check"]


def test_a_failing_or_hanging_engine_answers_503_without_telling_the_code(client, db, monkeypatch, caplog):
    def hang(command, **options):
        raise subprocess.TimeoutExpired(command, options.get("timeout"))

    monkeypatch.setattr(audio, "engine", lambda: "/usr/bin/espeak-ng")
    monkeypatch.setattr(audio.subprocess, "run", hang)
    response = client.get(f"/captcha/audio/vi/{store('QWERT').hashkey}.wav")
    assert response.status_code == 503
    assert "qwert" not in caplog.text.lower() and "TimeoutExpired" in caplog.text


# -- what the forms show ----------------------------------------------------------------------------
def test_the_comment_form_offers_the_code_as_speech_in_its_language(client, article, fake_espeak):
    html = client.get(comment_url(article)).text
    url, language, key = audio_link(html)
    assert language == "vi" and CaptchaStore.objects.filter(hashkey=key).exists()
    assert f'name="captcha_0" value="{key}"' in html  # the code of the form's own key
    assert "Nghe mã" in html and 'data-captcha-audio-play' in html
    assert 'data-audio-template="/captcha/audio/vi/KEY.wav"' in html
    assert '<script src="/static/comments/captcha-audio.js" defer></script>' in html
    assert 'role="status"' in html
    english = client.get(comment_url(article, "en")).text
    assert audio_link(english)[1] == "en" and "Listen to the code" in english
    assert client.get(url).status_code == 200
    challenge = CaptchaStore.objects.get(hashkey=key).challenge
    assert fake_espeak == [(challenge, "vi")]


def test_the_question_form_offers_it_too(client, db, fake_espeak):
    assert audio_link(client.get(ask_url()).text)[1] == "vi"
    assert audio_link(client.get(ask_url("en")).text)[1] == "en"


def test_the_comment_fragment_offers_it_too(client, article, fake_espeak):
    assert audio_link(client.get(f"{comment_url(article)}form/").text)[1] == "vi"


def test_the_sound_never_tells_the_code_otherwise(client, db, fake_espeak):
    key = store("HJKLM").hashkey
    response = client.get(f"/captcha/audio/vi/{key}.wav")
    headers = " ".join(f"{name}: {value}" for name, value in response.items()).lower()
    assert "hjklm" not in headers and key not in headers
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    # A key is answered once per request; the answer is never in the page.
    assert "HJKLM" not in client.get(ask_url()).text


def test_an_unknown_or_expired_key_is_gone_and_other_languages_are_not_found(client, db, fake_espeak):
    from django.utils import timezone

    assert client.get("/captcha/audio/vi/" + "0" * 40 + ".wav").status_code == 410
    old = store("OLDER")
    CaptchaStore.objects.filter(pk=old.pk).update(expiration=timezone.now() - timezone.timedelta(minutes=1))
    assert client.get(f"/captcha/audio/vi/{old.hashkey}.wav").status_code == 410
    assert client.get(f"/captcha/audio/fr/{store('FRENC').hashkey}.wav").status_code == 404
    assert client.post(f"/captcha/audio/vi/{store('POSTS').hashkey}.wav").status_code == 405
    assert fake_espeak == []


def test_the_sound_is_rate_limited_like_a_new_image(client, db, fake_espeak, settings):
    settings.COMMENTS_CAPTCHA_REFRESH_LIMIT = 3
    key = store("ABCDE").hashkey
    for _ in range(3):
        assert client.get(f"/captcha/audio/vi/{key}.wav", REMOTE_ADDR="198.51.100.20").status_code == 200
    refused = client.get(f"/captcha/audio/vi/{key}.wav", REMOTE_ADDR="198.51.100.20")
    assert refused.status_code == 429 and refused["Retry-After"] == str(settings.COMMENTS_RATE_WINDOW)
    assert "quá nhiều mã xác nhận" in refused.json()["error"]
    english = client.get(f"/captcha/audio/en/{key}.wav", REMOTE_ADDR="198.51.100.20")
    assert english.status_code == 429 and "Too many codes" in english.json()["error"]
    assert len(fake_espeak) == 3  # refused before the engine runs
    # Another reader is not held back, and new images have their own count.
    assert client.get(f"/captcha/audio/vi/{key}.wav", REMOTE_ADDR="198.51.100.21").status_code == 200
    refresh = client.get("/captcha/refresh/", REMOTE_ADDR="198.51.100.20", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert refresh.status_code == 200


# -- without espeak-ng ----------------------------------------------------------------------------
def test_without_espeak_the_button_is_gone_and_the_comment_form_still_posts(client, article, no_espeak):
    html = client.get(comment_url(article)).text
    assert "data-captcha-audio" not in html and "Nghe mã" not in html and "captcha-audio.js" not in html
    assert "data-captcha-image" in html and "data-captcha-refresh" in html
    response = client.post(comment_url(article), form_data())
    assert response.status_code == 302 and Comment.objects.count() == 1


def test_without_espeak_the_question_form_still_posts(client, db, no_espeak):
    html = client.get(ask_url()).text
    assert "data-captcha-audio" not in html and "Mã xác nhận" in html
    response = client.post(ask_url(), question_data(Topic.objects.get(slug="cap-phep")))
    assert response.status_code == 302 and Question.objects.count() == 1


def test_without_espeak_the_sound_is_not_found(client, db, no_espeak):
    assert client.get(f"/captcha/audio/vi/{store('ABCDE').hashkey}.wav").status_code == 404


def test_the_script_is_served():
    assert finders.find("comments/captcha-audio.js")
