"""A new captcha image is a database row: readers may ask for a few, never for thousands."""

from captcha.models import CaptchaStore

AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def test_new_images_are_rate_limited_per_reader(client, db, settings):
    settings.COMMENTS_CAPTCHA_REFRESH_LIMIT = 5
    for _ in range(5):
        response = client.get("/captcha/refresh/", REMOTE_ADDR="198.51.100.1", **AJAX)
        assert response.status_code == 200
        assert CaptchaStore.objects.filter(hashkey=response.json()["key"]).exists()
    stored = CaptchaStore.objects.count()
    refused = client.get("/captcha/refresh/", REMOTE_ADDR="198.51.100.1", **AJAX)
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(settings.COMMENTS_RATE_WINDOW)
    assert "quá nhiều mã xác nhận" in refused.json()["error"]  # in the reader's language, Vietnamese by default
    assert CaptchaStore.objects.count() == stored
    # Another reader is not held back.
    assert client.get("/captcha/refresh/", REMOTE_ADDR="198.51.100.2", **AJAX).status_code == 200


def test_the_comment_form_links_to_the_limited_refresh(client, article):
    html = client.get(f"/vi/articles/{article.slug}/comment/").text
    assert 'data-refresh-url="/captcha/refresh/"' in html
