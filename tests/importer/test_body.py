"""Old bodies cleaned of SharePoint's and Word's debris, photos made figures with captions."""

from importer import body

MADE = []


def figure(src, caption):
    MADE.append((src, caption))
    name = src.rsplit("/", 1)[-1].split(".")[0].lower()
    return (f'<figure><img src="/media/multimedia/2026/12/{name}.jpg" alt="{caption or "x"}">'
            f'{f"<figcaption>{caption}</figcaption>" if caption else ""}</figure>')


def clean(html, **kwargs):
    MADE.clear()
    return body.clean(html, figure=figure, **kwargs)


def test_sharepoint_and_word_debris_is_cleaned():
    html, _photos = clean(
        '<div class="ExternalClass9F3A"><div><span style="mso-bidi-font-size:12pt;font-family:Times">Sáng'
        '&#160;&#160;&#160;&#160;ngày 13/7</span><o:p>&#160;</o:p></div>'
        '<p class="MsoNormal" style="mso-line-height-alt:1pt">&#160;</p><p><br></p><p></p>'
        '<div>Đoạn hai</div><p><font face="Arial"><b>Đậm</b></font></p>'
        '<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->'
        '<script>alert(1)</script><p onclick="steal()">Hết</p></div>')
    assert html == "<p>Sáng ngày 13/7</p><p>Đoạn hai</p><p><b>Đậm</b></p><p>Hết</p>"


def test_photos_with_captions_become_figures_and_two_photos_share_the_caption_after_them():
    html, photos = clean(
        '<p>Mở đầu.</p><p style="text-align:center"><img src="/PublishingImages/TTTU-1.jpg" alt="TTTU-1.jpg"></p>'
        '<p style="text-align:center"><em>Điểm cầu trung tâm tại Hà Nội</em></p><p>Giữa.</p>'
        '<p><img src="TTTU-2.jpg"></p><p><img src="TTTU-3.jpg"></p><p align="center"><i>Điểm cầu Bình Dương</i></p>'
        '<p>Cuối.</p>')
    assert photos == 3
    assert MADE == [("/PublishingImages/TTTU-1.jpg", "Điểm cầu trung tâm tại Hà Nội"),
                    ("TTTU-2.jpg", "Điểm cầu Bình Dương"), ("TTTU-3.jpg", "Điểm cầu Bình Dương")]
    assert html.count("<figure>") == 3 and html.count("<figcaption>Điểm cầu Bình Dương") == 2
    assert html.index("Mở đầu") < html.index("tttu-1") < html.index("Giữa") < html.index("tttu-3") \
        < html.index("Cuối")


def test_a_paragraph_that_is_not_a_caption_stays_a_paragraph():
    html, _photos = clean('<p><img src="a.jpg" alt="Cầu Phú Cường"></p><p>Một đoạn văn bình thường.</p>')
    assert MADE == [("a.jpg", "Cầu Phú Cường")]
    assert html.endswith("<p>Một đoạn văn bình thường.</p>")


def test_photos_laid_out_in_tables_and_inline_photos_become_figures():
    html, photos = clean('<p>Trước <img src="inline.jpg" alt="Ảnh giữa dòng"> sau.</p>'
                         '<table><tr><td><img src="t.jpg"></td></tr><tr><td>Chú thích bảng</td></tr></table>')
    assert photos == 2
    assert MADE == [("inline.jpg", "Ảnh giữa dòng"), ("t.jpg", "Chú thích bảng")]
    assert html.startswith("<p>Trước sau.</p><figure>")
    assert "<table>" not in html


def test_a_photo_that_cannot_be_had_leaves_nothing_behind():
    html, photos = body.clean('<p><img src="missing.jpg"></p><p>Chữ.</p>', figure=lambda src, caption: None)
    assert (html, photos) == ("<p>Chữ.</p>", 0)


def test_links_between_old_articles_are_rewritten_and_others_kept():
    addresses = {"pages/bai-cu.aspx": "/vi/articles/bai-cu/"}
    html, _photos = clean('<p><a href="/Pages/Bai-Cu.aspx">cũ</a> <a href="https://chinhphu.vn/">ngoài</a>'
                          ' <a href="javascript:alert(1)">x</a></p>',
                          link=lambda href: addresses.get(href.lower().lstrip("/"), href))
    assert '<a href="/vi/articles/bai-cu/"' in html and 'href="https://chinhphu.vn/"' in html
    assert "javascript" not in html


def test_hostile_markup_never_breaks_the_cleaning():
    for html in ("<p><b><i>unclosed", "</div></div><p>x", "<img>" * 50, "<<<>>>", "<p>\x00</p>", "<table><td>"):
        cleaned, _photos = clean(html)
        assert "<script" not in cleaned
