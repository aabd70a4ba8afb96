import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.update(env)
    base["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=base,
                          capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_deploy_check_with_production_settings_is_clean():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k" * 10 + "x9-Q" * 12 + "zz",
        DJANGO_ALLOWED_HOSTS="portal.example.gov.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_come_from_the_environment():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default'].get('CONN_MAX_AGE'),"
        " s.CACHES['default']['BACKEND'], s.ALLOWED_HOSTS, s.MEDIA_ROOT, s.EMAIL_BACKEND, s.TIME_ZONE)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="s" * 50,
               DATABASE_URL="postgres://u:p@db:5432/portal", REDIS_URL="redis://redis:6379/0",
               DJANGO_ALLOWED_HOSTS="a.example,b.example", MEDIA_ROOT="/srv/media",
               EMAIL_URL="smtp+tls://user:pw@smtp.example:587")
    out = subprocess.run([sys.executable, "-c", "import django; django.setup();" + code], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    line = out.stdout
    assert "django.db.backends.postgresql 600" in line
    assert "RedisCache" in line
    assert "['a.example', 'b.example']" in line
    assert "/srv/media" in line and "smtp.EmailBackend" in line and "Asia/Ho_Chi_Minh" in line
