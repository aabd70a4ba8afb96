"""Settings for the news portal: every knob is read from the environment.

Defaults are the safe production ones; the Makefile supplies development values
(``DJANGO_DEBUG=1`` and a throw-away secret key) for ``make run``. See ``.env.example``.
"""

from pathlib import Path

import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file beside manage.py is read when present; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))') "
            "or set DJANGO_DEBUG=1 for local development."
        )
    # Development only: a fresh key per process (sessions do not survive a restart).
    from django.core.management.utils import get_random_secret_key

    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "captcha",
    "django_prose_editor",
    "imagekit",
    "reversion",
    "reversion_compare",
    "csp",
    "axes",
    "portal",
    "articles",
    "royalties",
    "comments",
    "stats",
    "questions",
    "documents",
    "multimedia",
    "importer",
]

MIDDLEWARE = [
    "portal.middleware.TrustedProxyMiddleware",
    "portal.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.NulCharacterMiddleware",
    # The most frequent request of all, answered before static files, sessions, languages,
    # CSRF and the rest (it needs none of them).
    "stats.middleware.BeaconMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Cache hits are answered here, before sessions, languages and views are touched.
    "portal.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A 404 that was an address of the old portal: a 301 to the article it became.
    "importer.middleware.OldAddressMiddleware",
    "portal.middleware.ImportMapCSPMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.portal",
            ],
        },
    },
]

# Database: a SQLite file by default, PostgreSQL (psycopg 3) through DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let concurrent readers and writers wait instead of failing;
    # IMMEDIATE transactions take the write lock up front, avoiding upgrade deadlocks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    # Reconnecting on every request halves throughput; keep connections, check them.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# The statistics counters wait in Redis until flush_stats folds them into the database: in
# production a Redis that keeps them on disk and never evicts, apart from the cache's Redis,
# which may evict (docker-compose.yml). Unset: the counters use REDIS_URL.
STATS_REDIS_URL = env.str("STATS_REDIS_URL", default="")
# One address may bring this many new readers in STATS_NEW_READERS_WINDOW seconds; past it
# its new readers are answered but not counted (one client rotating its browser cannot pass
# for thousands of readers). Far above what an office behind one address brings; 0 turns it off.
STATS_NEW_READERS_PER_ADDRESS = env.int("STATS_NEW_READERS_PER_ADDRESS", default=100)
STATS_NEW_READERS_WINDOW = env.int("STATS_NEW_READERS_WINDOW", default=600)
# What this deployment runs (a git SHA, an image tag): part of every cache key, so a deploy
# never serves HTML rendered by the previous templates.
RELEASE = env.str("DJANGO_RELEASE", default="")
CACHE_KEY_PREFIX = ":".join(filter(None, [env.str("DJANGO_CACHE_PREFIX", default="portal"), RELEASE]))
# Anonymous public pages are cached this long (and invalidated at once on changes).
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=30)
# How long {% cache %} keeps the costly blocks of a page (keyed on the page-cache version, so
# never stale); 0 turns template caching off altogether (the "fragments" cache does nothing).
FRAGMENT_CACHE_SECONDS = env.int("DJANGO_FRAGMENT_CACHE_SECONDS", default=600)
if REDIS_URL:
    _redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": {
            # An outage costs speed, never a page: a failed read is a miss, a failed write is skipped.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        },
    }
    CACHES = {"default": _redis, "fragments": _redis}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    _local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": CACHE_KEY_PREFIX}
    CACHES = {"default": {**_local, "LOCATION": "portal"}, "fragments": {**_local, "LOCATION": "fragments"}}
if not FRAGMENT_CACHE_SECONDS:
    CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out logins before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Vietnamese is the default; every public URL carries its language.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi",)

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "portal.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_PERMISSIONS = 0o644
IMAGEKIT_SPEC_CACHEFILE_NAMER = "articles.images.source_name_as_path"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"
LOGIN_URL = "admin:login"
# Where a sign-in lands when its `next` is missing or leads off the site (Django: /accounts/profile/).
LOGIN_REDIRECT_URL = "admin:index"

CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# Proxies whose X-Forwarded-For is believed (nginx of docker-compose: the compose network).
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=[])

# Security. Production behind the nginx of docker-compose terminates TLS and says so.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# The site's one public address (scheme and host): canonical and Open Graph links, robots.txt
# and the office's e-mails use it whatever Host a request names, so a page cached under one of
# the allowed names never sends readers of another elsewhere. Default: the first allowed host
# name (https unless DJANGO_SECURE_SSL_REDIRECT=0); empty in development: the request's own.
_first_host = next((host for host in ALLOWED_HOSTS if host not in ("*", "") and not host.startswith(".")), "")
SITE_URL = env.str("DJANGO_SITE_URL", default="" if DEBUG or not _first_host else
                   f"{'https' if SECURE_SSL_REDIRECT else 'http'}://{_first_host}").rstrip("/")
# Load balancers and container health checks probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_AGE", default=8 * 3600)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # No inline scripts anywhere; admin widgets' import maps are allowed by hash (portal.csp).
        "script-src": ["'self'"],
        # No inline styles either: every style is in a stylesheet (the charts' too, stats.charts).
        # The nonce is for one element on admin pages: the rich-text editor's style element,
        # left empty (templates/admin/base_site.html) so the editor finds it and adds none.
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Brute-force protection of the staff login: shared through the database by every node.
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("DJANGO_LOGIN_LOCKOUT_HOURS", default=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_CLIENT_IP_CALLABLE = "portal.middleware.remote_addr"
# Its log lines name the attempt by these, masked: no account name, address or browser in the logs.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "user_agent"]

SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a one-way commitment each agency must make for its own domain.
    "security.W021",
]

# Comments (read by the comments app at call time): how many a reader may send per window,
# approved comments per page, the window for refusing the same text twice, and whether
# moderators are e-mailed in a background thread (the reader does not wait for the mail server).
COMMENTS_RATE_LIMIT = env.int("COMMENTS_RATE_LIMIT", default=3)
COMMENTS_RATE_WINDOW = env.int("COMMENTS_RATE_WINDOW", default=600)
# New captcha images a reader may ask for in that window (each is a database row).
COMMENTS_CAPTCHA_REFRESH_LIMIT = env.int("COMMENTS_CAPTCHA_REFRESH_LIMIT", default=30)
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=20)
COMMENTS_DUPLICATE_WINDOW = env.int("COMMENTS_DUPLICATE_WINDOW", default=3600)
COMMENTS_NOTIFY_ASYNC = env.bool("COMMENTS_NOTIFY_ASYNC", default=True)
# Citizens' questions (the questions app, read at call time): how many a reader may send per
# window (same counter as the comments', its own key), and after how many days a question still
# waiting is shown as overdue in the admin. The office is e-mailed as for comments.
QUESTIONS_RATE_LIMIT = env.int("QUESTIONS_RATE_LIMIT", default=3)
QUESTIONS_RATE_WINDOW = env.int("QUESTIONS_RATE_WINDOW", default=600)
QUESTIONS_ANSWER_DAYS = env.int("QUESTIONS_ANSWER_DAYS", default=7)
# Legal documents: the largest signed file (PDF, DOC, DOCX, ODT) an editor may upload.
DOCUMENTS_FILE_MAX_BYTES = env.int("DOCUMENTS_FILE_MAX_BYTES", default=30 * 1024 * 1024)

# Captcha: a distorted image with a "new image" button; readable, not too hard.
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 10  # minutes
CAPTCHA_IMAGE_SIZE = (150, 50)
CAPTCHA_FONT_SIZE = 34
CAPTCHA_LETTER_ROTATION = (-25, 25)
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.random_char_challenge"
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_dots",)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django logs the request line (with the reader's path) on 4xx; keep it to warnings.
        "django.request": {"level": "ERROR"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        "portal.requests": {"level": env.str("DJANGO_REQUEST_LOG_LEVEL", default="INFO")},
    },
}
