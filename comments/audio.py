"""The captcha's code as speech, for readers who cannot see its image.

django-simple-captcha's own audio speaks through flite, which has no Vietnamese voice. Here
Debian's espeak-ng speaks the code of the captcha's own key, letter by letter, in the page's
language (its Vietnamese voice on /vi/ pages, its English one on /en/). Nothing else ever tells
the answer: the sound is made on the server for the key the form holds, in a temporary folder,
and the request is rate-limited per reader like a new image (each one runs a speech engine).

Without espeak-ng on the machine (shutil.which finds none) the widget offers no audio button
and the rest of the form works as before.
"""

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from captcha.models import CaptchaStore
from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import ratelimit

logger = logging.getLogger(__name__)

ENGINE = "espeak-ng"
# The page's language -> espeak-ng's voice.
VOICES = {"vi": "vi", "en": "en"}
TIMEOUT = 10  # seconds: a handful of letters takes espeak-ng a fraction of one
SPEED = 120  # words per minute: slower than espeak-ng's 175, each letter clearly apart
WORD_GAP = 12  # tens of milliseconds of silence between letters
# Letters whose Vietnamese names espeak-ng says alike (i and y are both "i"): their full names.
SPOKEN_LETTERS = {"vi": {"i": "i ngắn", "y": "i dài"}}


def engine() -> str | None:
    """The speech engine's path, or None when it is not installed."""
    return shutil.which(getattr(settings, "CAPTCHA_ESPEAK_PATH", "") or ENGINE)


def available() -> bool:
    return engine() is not None


def voice(language: str) -> str:
    return VOICES.get((language or "")[:2], VOICES[settings.LANGUAGE_CODE[:2]])


def spelled(code: str, language: str) -> str:
    """The code as espeak-ng is given it: one letter (or digit) at a time, a pause between them."""
    names = SPOKEN_LETTERS.get(language[:2], {})
    return ", ".join(names.get(char, char) for char in code.lower() if not char.isspace()) + "."


class SpeechError(Exception):
    pass


def speak(code: str, language: str) -> bytes:
    """The code spoken in `language`, as a WAV file's bytes. Raises SpeechError."""
    path = engine()
    if path is None:
        raise SpeechError("no speech engine")
    with tempfile.TemporaryDirectory(prefix="captcha-audio-") as folder:
        output = Path(folder) / "code.wav"
        # An argument list, no shell; the text last, after "--", so it is never read as an option.
        command = [path, "-v", voice(language), "-s", str(SPEED), "-g", str(WORD_GAP), "-w", str(output),
                   "--", spelled(code, language)]
        try:
            subprocess.run(command, check=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            return output.read_bytes()
        except (OSError, subprocess.SubprocessError) as error:
            # The class only: the command line holds the answer.
            raise SpeechError(type(error).__name__) from None


def audio_url(key: str, language: str | None = None) -> str | None:
    """Where the widget finds the spoken code of `key`, in the page's language; None without
    a speech engine."""
    if not available():
        return None
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return reverse("captcha-audio-spoken", kwargs={"language": language if language in VOICES else
                                                   settings.LANGUAGE_CODE[:2], "key": key})


def audio_allowed(visitor: str) -> bool:
    """Count one spoken code; False past COMMENTS_CAPTCHA_REFRESH_LIMIT in the window, as for new images."""
    limit = int(getattr(settings, "COMMENTS_CAPTCHA_REFRESH_LIMIT", ratelimit.CAPTCHA_REFRESH_LIMIT))
    return ratelimit.consume(f"comments:captcha-audio:{visitor}", limit, ratelimit.window_seconds())


@never_cache
@require_GET
def captcha_audio(request, language, key):
    """The spoken code of one captcha key (a WAV), in the language of the page that shows it."""
    if language not in VOICES or not available():
        raise Http404
    with translation.override(language):
        if not audio_allowed(ratelimit.visitor_hash(request)):
            response = JsonResponse({"error": _("Too many codes were asked for. Please try again later.")},
                                    status=429)
            response["Retry-After"] = str(ratelimit.window_seconds())
            return response
    store = CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now()).first()
    if store is None:
        # Gone, as django-simple-captcha answers an expired image: crawlers forget it.
        return HttpResponse(status=410)
    try:
        sound = speak(store.challenge, language)
    except SpeechError as error:
        logger.error("captcha audio not made: %s", error)
        return HttpResponse(status=503)
    response = HttpResponse(sound, content_type="audio/wav")
    response["Content-Disposition"] = 'inline; filename="code.wav"'
    response["X-Robots-Tag"] = "noindex"
    return response
