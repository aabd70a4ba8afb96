def test_home_is_served_in_vietnamese_and_english(client, article):
    vi = client.get("/vi/")
    en = client.get("/en/")
    assert vi.status_code == 200 and en.status_code == 200
    assert '<html lang="vi"' in vi.text and '<html lang="en"' in en.text
    assert article.title_vi in vi.text
    assert article.title_en in en.text
