"""Shared by the deployment tests: static files collected once per run, as the image does."""

import os

import pytest

from tests.deploy.servers import collectstatic


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SECRET_KEY="collect", DJANGO_STATIC_ROOT=str(root), DJANGO_SETTINGS_MODULE="portal.settings")
    collectstatic(env)
    return root
