"""docker-compose.yml is checked, not run: no Docker engine runs on our machines."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_every_service(compose):
    assert set(compose["services"]) == {"db", "redis", "cache", "migrate", "web", "stats", "nginx"}


def test_counters_and_cache_have_their_own_redis(compose):
    """The counters wait for flush_stats in a Redis that keeps them on disk and never evicts;
    the cache (pages, fragments, counts) may fill up, so its Redis evicts and keeps nothing."""
    counters, cache = (" ".join(compose["services"][name]["command"]) for name in ("redis", "cache"))
    assert "--appendonly yes" in counters and "--maxmemory-policy noeviction" in counters
    assert "--maxmemory-policy allkeys-lru" in cache and "--maxmemory " in cache and "--appendonly no" in cache
    assert "volumes" not in compose["services"]["cache"]
    for name in ("web", "stats", "migrate"):
        environment = compose["services"][name]["environment"]
        assert environment["REDIS_URL"].startswith("redis://cache:"), name
        assert environment["STATS_REDIS_URL"].startswith("redis://redis:"), name


def test_database_and_redis_have_health_checks_and_volumes(compose):
    db, redis = compose["services"]["db"], compose["services"]["redis"]
    assert db["image"].startswith("postgres:16")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert any(v.startswith("pgdata:") for v in db["volumes"])
    command = " ".join(db["command"])
    assert "shared_buffers=${POSTGRES_SHARED_BUFFERS:-" in command and db["shm_size"]
    assert "ping" in redis["healthcheck"]["test"] and "ping" in compose["services"]["cache"]["healthcheck"]["test"]
    assert set(compose["volumes"]) >= {"pgdata", "media", "static"}


def test_migrate_runs_once_after_the_database_is_healthy(compose):
    migrate = compose["services"]["migrate"]
    assert "migrate --noinput" in " ".join(migrate["command"])
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"


def test_web_nodes_wait_for_everything_and_publish_no_port(compose):
    web = compose["services"]["web"]
    assert "ports" not in web  # so `docker compose up --scale web=3` works
    assert web["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
        "cache": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }
    assert "gunicorn" in web["command"]
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert web["environment"]["GUNICORN_WORKERS"].startswith("${GUNICORN_WORKERS")


def test_only_nginx_binds_host_ports(compose):
    published = {name for name, service in compose["services"].items() if service.get("ports")}
    assert published == {"nginx"}
    nginx = compose["services"]["nginx"]
    assert any("portal.conf.template:/etc/nginx/templates/" in v for v in nginx["volumes"])
    assert nginx["depends_on"]["web"]["condition"] == "service_healthy"


def test_stats_flusher_runs_every_minute(compose):
    command = " ".join(compose["services"]["stats"]["command"])
    assert "flush_stats" in command and "sleep 60" in command
    assert "captcha_clean" in command  # expired captchas deleted every minute


def test_secrets_come_from_an_env_file_that_is_not_committed(compose):
    assert compose["services"]["web"]["env_file"] == ".env"
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    assert (ROOT / ".env.example").exists()
    text = (ROOT / "docker-compose.yml").read_text()
    assert "POSTGRES_PASSWORD:?" in text  # refuses to start without it, no default password


def test_dockerfile_runs_gunicorn_as_a_non_root_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "USER portal" in dockerfile and "collectstatic" in dockerfile and "gunicorn" in dockerfile
    assert "pip install ." in dockerfile  # from pyproject


def test_nginx_health_check_uses_its_own_liveness_page(compose):
    assert "/nginx-health" in " ".join(compose["services"]["nginx"]["healthcheck"]["test"])
    assert "location = /nginx-health" in (ROOT / "deploy/nginx/portal.conf.template").read_text()


def test_app_nodes_trust_forwarded_addresses_from_nginx_alone(compose):
    nginx_address = compose["services"]["nginx"]["networks"]["default"]["ipv4_address"]
    assert nginx_address == "${NGINX_ADDRESS:-172.30.250.10}"
    assert compose["networks"]["default"]["ipam"]["config"][0]["subnet"] == "${APP_SUBNET:-172.30.250.0/24}"
    for name in ("web", "stats", "migrate"):
        environment = compose["services"][name].get("environment") or compose["x-app"]["environment"]
        assert environment["DJANGO_TRUSTED_PROXIES"] == nginx_address, name
        assert environment["GUNICORN_FORWARDED_ALLOW_IPS"] == nginx_address, name
