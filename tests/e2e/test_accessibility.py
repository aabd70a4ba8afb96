"""axe-core on every public page type, in both languages and both contrast modes.

No serious or critical violation is allowed. The pages also keep a skip link, the right
``lang`` and labelled form fields (the captcha included), and a visible focus ring.
"""

import pytest

from articles.demo import demo_image, demo_pdf
from articles.models import Attachment
from comments.models import Comment
from portal.demo import load_links
from portal.models import AboutPage, Leader, Unit
from tests.conftest import make_article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content(reference_data, category):
    articles = []
    for n in range(14):
        article = make_article(category, title=f"Bài viết số {n} về dân vận", title_en=f"Article number {n}",
                               featured=n < 3, image_caption_vi="Ảnh minh họa", image_caption_en="Illustration")
        article.image.save(f"a{n}.jpg", demo_image(n, (11, 79, 138)), save=True)
        articles.append(article)
    article = articles[0]
    attachment = Attachment(article=article, title_vi="Văn bản", title_en="Document")
    attachment.file.save("van-ban.pdf", demo_pdf("Document"), save=True)
    comment = Comment.objects.create(article=article, name="Nguyễn Văn Đọc", email="doc@example.com",
                                     body="Bài viết rất hữu ích cho người dân.", status=Comment.Status.APPROVED,
                                     reply="Cảm ơn bạn đã góp ý.")
    article.comment_count = 1
    article.save()
    load_links()  # public services, other portals' drop-downs, a banner on the home page
    about = AboutPage.objects.get_or_create(pk=1)[0]
    Leader.objects.create(page=about, name="Nguyễn Văn An", position_vi="Giám đốc Sở", position_en="Director",
                          duties_vi="Lãnh đạo chung", phone="0236 3822 001", email="gd@example.gov.vn")
    Unit.objects.create(page=about, name_vi="Thanh tra Sở", name_en="Inspectorate", head="Đặng Quốc Huy",
                        head_position_vi="Chánh Thanh tra", phone="0236 3822 011")
    return {"article": article, "category": category, "comment": comment}


def page_urls(content):
    article, category = content["article"], content["category"]
    month = article.publish_at.astimezone().strftime("%Y/%m")
    return [
        "/{lang}/",
        f"/{{lang}}/category/{category.slug}/",
        f"/{{lang}}/category/{category.slug}/?page=2",
        f"/{{lang}}/articles/{article.slug}/",
        f"/{{lang}}/articles/{article.slug}/comment/",
        "/{lang}/archive/",
        f"/{{lang}}/archive/{month}/",
        "/{lang}/search/?q=dan+van",
        "/{lang}/about/",
        "/{lang}/no-such-page/",
    ]


def audit(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("contrast", ["0", "2"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_public_pages_have_no_serious_accessibility_violations(live_server, browser, axe_source, content,
                                                               lang, contrast):
    # bypass_csp only lets the audit script in; the pages themselves are unchanged.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/{lang}/")
        page.evaluate(f"localStorage.setItem('portal.contrast', '{contrast}')")
        problems = {}
        for template in page_urls(content):
            url = template.format(lang=lang)
            page.goto(live_server.url + url)
            assert page.locator("html").get_attribute("lang") == lang, url
            assert page.locator("a.skip-link[href='#main']").count() == 1, url
            violations = audit(page, axe_source)
            if violations:
                problems[url] = violations
        assert not problems, problems
    finally:
        context.close()


def test_every_form_field_is_labelled_including_the_captcha(live_server, page, content):
    page.goto(f"{live_server.url}/vi/articles/{content['article'].slug}/comment/")
    fields = page.locator("main input:not([type=hidden]):not([type=submit]), main textarea, main select")
    assert fields.count() >= 4
    for index in range(fields.count()):
        field = fields.nth(index)
        label = field.evaluate("""el => (el.labels && el.labels.length ? el.labels[0].innerText : '')
                                         || el.getAttribute('aria-label') || ''""")
        assert label.strip(), field.evaluate("el => el.outerHTML")


def test_focus_is_visible(live_server, page, content):
    page.goto(f"{live_server.url}/vi/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
