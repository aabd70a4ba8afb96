from datetime import date


from stats.readers import daily_salt, is_bot, reader_key

from .conftest import CHROME, FIREFOX, GOOGLEBOT

DAY = date(2026, 3, 10)


def test_a_reader_is_the_same_all_day_and_unknown_the_next():
    today = reader_key(ip="203.0.113.7", user_agent=FIREFOX, day=DAY)
    assert today == reader_key(ip="203.0.113.7", user_agent=FIREFOX, day=DAY)
    assert today != reader_key(ip="203.0.113.7", user_agent=FIREFOX, day=date(2026, 3, 11))
    assert today != reader_key(ip="203.0.113.7", user_agent=CHROME, day=DAY)
    assert today != reader_key(ip="203.0.113.8", user_agent=FIREFOX, day=DAY)
    assert "203.0.113.7" not in today and len(today) == 32


def test_the_daily_salt_depends_on_the_secret_key(settings):
    salt = daily_salt(DAY)
    assert salt != daily_salt(date(2026, 3, 11))
    settings.SECRET_KEY = "another-secret-key-" + "y" * 40
    assert daily_salt(DAY) != salt


def test_known_bots_are_recognised_and_browsers_are_not():
    assert is_bot(GOOGLEBOT) and is_bot("") and is_bot("curl/8.5.0")
    assert not is_bot(FIREFOX) and not is_bot(CHROME)
