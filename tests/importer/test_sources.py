"""Each export format read into the same items; the mapping of columns."""

import json

import pytest

from importer import sources
from importer.mapping import Mapping, MappingError, column_key, moment


def _by_key(folder, mapping=None):
    return {item.key: item for item in sources.read(folder, mapping or Mapping.load())}


def test_every_format_gives_the_same_500_items(export):
    formats = {name: _by_key(export / name) for name in ("json", "csv", "xlsx")}
    assert {len(items) for items in formats.values()} == {500}
    for key in ("id:1", "id:2", "id:250", "id:500"):
        titles = {name: items[key].fields["title"] for name, items in formats.items()}
        assert len(set(titles.values())) == 1, titles
        dates = {moment(items[key].fields["publish_at"]) for items in formats.values()}
        assert len(dates) == 1
        reads = {int(items[key].fields["read_count"]) for items in formats.values()}
        assert len(reads) == 1


def test_json_pages_are_followed_through_their_next_links(export):
    pages = sorted((export / "json").iterdir())
    assert len(pages) == 5
    first = json.loads((export / "json" / "items.json").read_text())
    assert "__next" in first["d"] and len(first["d"]["results"]) == 100
    items = sources.read(export / "json" / "items.json", Mapping.load())  # the first page alone
    assert [item.row for item in items] == list(range(1, 501))


def test_odata_value_pages_are_read_too(tmp_path):
    (tmp_path / "page1.json").write_text(json.dumps(
        {"value": [{"ID": 7, "Title": "Một"}], "odata.nextLink": "https://old.example/_api/items?p=2"}))
    (tmp_path / "items_p=2.json").write_text(json.dumps({"value": [{"ID": 8, "Title": "Hai"}]}))
    items = sources.read(tmp_path / "page1.json", Mapping.load())
    assert [(item.key, item.fields["title"]) for item in items] == [("id:7", "Một"), ("id:8", "Hai")]


def test_internal_names_are_decoded_to_the_columns_they_name():
    assert column_key("S_x1ed1__x0020_l_x01b0__x1ee3_t_x0020_ng_x01b0__x1edd_i_x0020__x0111__x1ecd_c") == \
        column_key("Số lượt người đọc")
    assert Mapping.load().field_of("T_x00f3_m_x0020_t_x1eaf_t") == "summary"


def test_a_mapping_file_names_other_columns_and_old_addresses(tmp_path):
    (tmp_path / "map.yaml").write_text(
        'columns:\n  "Tiêu đề bài": title\n  NoiDungChinh: content\n'
        'old_addresses: ["/tin-tuc/{friendly_name}.html"]\napproval: {"Chờ biên tập": draft}\n',
        encoding="utf-8")
    mapping = Mapping.load(tmp_path / "map.yaml")
    assert mapping.field_of("TIEU DE BAI") == "title" and mapping.field_of("NoiDungChinh") == "content"
    assert "/tin-tuc/abc.html" in mapping.addresses("5", "abc")
    assert mapping.approval_of("chờ biên tập") == "draft"


@pytest.mark.parametrize("content", ["columns: {Tiêu đề: nowhere}", "[1, 2]", "columns: {a: title", "approval: {x: ok}",
                                     "columns: [1, 2]", "old_addresses: /Pages/{id}.aspx", "approval: [1]",
                                     "old_addresses: [[1]]", "columns: {a: [title]}"])
def test_a_bad_mapping_file_is_refused_with_a_reason(tmp_path, content):
    (tmp_path / "map.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(MappingError):
        Mapping.load(tmp_path / "map.yaml")


def test_dates_as_dd_mm_yyyy_and_iso_are_the_same_moment():
    assert moment("13/07/2021 10:30") == moment("2021-07-13T03:30:00Z")
    with pytest.raises(ValueError):
        moment("31/02/2021")
    with pytest.raises(ValueError):
        moment("13/07/0021")


def test_saved_pages_give_title_date_summary_author_and_read_count(export):
    items = _by_key(export / "pages")
    seed = items["name:hoi-nghi-truc-tuyen-toan-quoc-so-ket-cong-tac-dan-van-6-thang-dau-nam-2021"]
    assert seed.fields["title"].startswith("Hội nghị trực tuyến toàn quốc")
    assert moment(seed.fields["publish_at"]).date().isoformat() == "2021-07-13"
    assert seed.fields["summary"].startswith("Sáng ngày 13/7/2021")
    assert seed.fields["author_name"] == "Trần Thông Thái-BDVTU"
    assert seed.fields["read_count"] == "1234"
    assert "TTTU-2.jpg" in seed.fields["content"] and "Trần Thông Thái" not in seed.fields["content"]


def test_an_unreadable_source_is_a_clear_error(tmp_path):
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(sources.SourceError):
        sources.read(tmp_path / "broken.json", Mapping.load())
    with pytest.raises(sources.SourceError):
        sources.read(tmp_path / "missing.csv", Mapping.load())
    (tmp_path / "x.exe").write_text("MZ")
    with pytest.raises(sources.SourceError):
        sources.read(tmp_path / "x.exe", Mapping.load())
