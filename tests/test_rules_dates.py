import pytest

from conftest import VALID, lint, short

DATE = "publishedDateTime: 2024-03-13T13:00:00Z"


def dated(value):
    return VALID.replace(DATE, f"publishedDateTime: {value}")


@pytest.mark.parametrize("value", ["2024-02-30T10:00:00Z", '"2024-02-30T10:00:00Z"', "2024-03-13T24:61:00Z", "13/03/2024",
                                   '"13/03/2024"', "yesterday", "2024-03-13", "2024-03-13T10:00:00", '"2024-03-13 10:00:00Z"',
                                   "2024-13-01T00:00:00Z"])
def test_invalid_dates_quoted_or_not(value, pure):
    diags = lint(dated(value), pure=pure)
    assert short(diags) == ["5:20 DT001"]


def test_hints_say_how_to_write_it():
    assert lint(dated("13/03/2024"))[0].hint.startswith("write it as 2024-03-13T00:00:00Z")
    assert "2024-03-13T10:00:00Z" in lint(dated("2024-03-13T10:00:00"))[0].hint


@pytest.mark.parametrize("written, code, proposed", [
    ('"2016-05-04T15:48:00+0200"', "DT001", "2016-05-04T15:48:00+02:00"),
    ('"2016-05-04T15:48Z"', "DT001", "2016-05-04T15:48:00Z"),
    ('"Wed, 04 May 2016 15:48:00 GMT"', "DT001", "2016-05-04T15:48:00Z"),
    ('"Wed, 04 May 2016 17:48:00 +0200"', "DT001", "2016-05-04T17:48:00+02:00"),
    ('"1462376880"', "DT001", "2016-05-04T15:48:00Z"),
    ("1462376880", "SC003", "2016-05-04T15:48:00Z"),  # a number: the wrong type, and a Unix time
    ("1462376880000", "SC003", "2016-05-04T15:48:00Z"),  # in milliseconds
    ("2016-5-4T15:48:00Z", "DT001", "2016-05-04T15:48:00Z"),  # one-digit parts
    ('"2016-05-04T9:05Z"', "DT001", "2016-05-04T09:05:00Z"),
    ('"2016-05-04T15:48:00 Z"', "DT001", "2016-05-04T15:48:00Z"),  # a space before the zone
    ("20160504T154800Z", "DT001", "2016-05-04T15:48:00Z"),  # ISO 8601's basic form
    ('"2016/05/04 15:48:00+0200"', "DT001", "2016-05-04T15:48:00+02:00"),
    ('"2016-05-04 15:48 UTC"', "DT001", "2016-05-04T15:48:00Z"),  # a zone by its name
    ('"2016-05-04T15:48:00GMT"', "DT001", "2016-05-04T15:48:00Z"),
    ('"2016-05-04T17:48:00 CEST"', "DT001", "2016-05-04T17:48:00+02:00 (CEST is UTC+02:00)"),
    ('"2016-05-04T11:48:00 EDT"', "DT001", "2016-05-04T11:48:00-04:00 (EDT is UTC-04:00)"),
])
def test_dates_in_other_notations_get_the_same_moment_as_their_hint(written, code, proposed):
    (d,) = lint(dated(written))
    assert d.code == code and d.hint.endswith(f" {proposed}")
    proposed = proposed.split(" (")[0]
    assert lint(dated(proposed)) == [], proposed


@pytest.mark.parametrize("written", ["2016-5-4T15:48:00", "2016-2-30T15:48:00Z", "20160504T154800"])
def test_a_respelling_is_proposed_only_when_it_is_valid_and_the_zone_is_written(written):
    (d,) = lint(dated(written))
    assert d.code == "DT001" and "2016-05-04T15:48:00" not in d.hint and "2016-02-30" not in d.hint, d.hint


@pytest.mark.parametrize("zone", ["IST", "CST", "XYZ"])
def test_a_zone_name_of_several_offsets_is_not_guessed(zone):
    (d,) = lint(dated(f'"2016-05-04T15:48:00 {zone}"'))
    assert d.code == "DT001" and f"'{zone}' is a name" in d.hint and "2016-05-04T15:48:00" not in d.hint


def test_numbers_that_are_no_unix_time_are_not_called_one():
    (d,) = lint(dated("12345"))
    assert d.code == "SC003" and "Unix" not in d.hint


@pytest.mark.parametrize("written", ["2024-03-13 10:00", "2024-03-13 10:00:30", "2024-03-13 10:00+02:00",
                                     "2024-03-13 10:00:30Z"])
def test_a_space_for_the_t_gets_a_hint_that_is_itself_valid(written):
    (d,) = lint(dated(written))
    fixed = d.hint.rsplit(": ", 1)[1]
    assert d.hint.startswith("put a 'T' between date and time")
    assert lint(dated(fixed)) == [], fixed


@pytest.mark.parametrize("written, proposed", [
    ("２０２４－０３－１３Ｔ１３：００：００Ｚ", "write it with plain digits and signs: 2024-03-13T13:00:00Z"),  # typed with a CJK IME
    ("٢٠٢٤-03-13T13:00:00Z", "write it with plain digits and signs: 2024-03-13T13:00:00Z"),
    ("２０２４-3-13T13:00:00Z", "write it with plain digits and signs: 2024-03-13T13:00:00Z"),
    ('"2024-03-13T13:00:00Z (UTC)"', "remove '(UTC)' after it: 2024-03-13T13:00:00Z"),
    ('"2024-03-13T13:00:00+01:00 CET"', "remove 'CET' after it: 2024-03-13T13:00:00+01:00"),
])
def test_wide_digits_or_a_note_after_the_date_get_the_date_to_write(written, proposed):
    (d,) = lint(dated(written))
    assert d.code == "DT001" and d.hint == proposed
    assert lint(dated(proposed.rsplit(": ", 1)[1])) == []


@pytest.mark.parametrize("value", ["2024-03-13T13:00:00+02:00", "2024-03-13t13:00:00z", "2024-02-29T00:00:00.123456789Z",
                                   "1998-12-31T23:59:60Z"])
def test_valid_dates(value):
    assert lint(dated(value)) == []


def test_future_and_past_with_an_injected_clock():
    assert short(lint(dated("2025-01-03T00:00:00Z"))) == ["5:20 DT002"]
    assert lint(dated("2025-01-01T20:00:00Z")) == []  # within a day of --now
    assert short(lint(dated("1989-12-31T23:59:59Z"))) == ["5:20 DT003"]


def test_related_published_well_after_the_article_is_a_warning():
    text = VALID.replace("---\nBody", 'related:\n  - title: "R"\n    webUrl: "https://www.news-medical.net/r"\n'
                         "    publishedDateTime: 2024-03-20T00:00:00Z\n---\nBody")
    (d,) = lint(text)
    assert d.code == "DT004" and d.severity.value == "warning" and d.span.start.line == 25
    assert lint(text.replace("2024-03-20T00:00:00Z", "2024-03-13T20:00:00Z")) == []


@pytest.mark.parametrize("value, expected", [
    # valid RFC 3339 dates whose UTC instant is outside what Python's datetime holds
    ("9999-12-31T23:59:59-01:00", ["5:20 DT002", "25:24 DT002"]),
    ("0001-01-01T00:00:00+01:00", ["5:20 DT003", "25:24 DT002"]),
    ("0000-01-01T00:00:00Z", ["5:20 DT003", "25:24 DT002"]),  # RFC 3339 has a year 0000; datetime has none
    ("0000-12-31T23:59:59-01:00", ["5:20 DT003", "25:24 DT002"]),
    # at the edge of the range: an article date plus the related items' tolerance is past it
    ("9999-12-31T23:00:00Z", ["5:20 DT002", "25:24 DT002"]),
])
def test_dates_at_the_ends_of_the_calendar_are_judged_not_crashed_on(value, expected):
    text = dated(value).replace("---\nBody", 'related:\n  - title: "R"\n    webUrl: "https://www.news-medical.net/r"\n'
                                "    publishedDateTime: 9999-12-31T23:30:00Z\n---\nBody")
    # (the related item, in year 9999, is in the future too)
    assert short(d for d in lint(text) if d.code != "DT004") == expected
    assert all(d.code.startswith("DT") for d in lint(text))


def test_related_after_an_article_at_the_end_of_the_calendar():
    text = VALID.replace("---\nBody", 'related:\n  - title: "R"\n    webUrl: "https://www.news-medical.net/r"\n'
                         "    publishedDateTime: 9999-12-31T23:59:59Z\n---\nBody")
    for article, found in [("9999-12-31T23:00:00Z", []), ("9999-12-20T00:00:00Z", ["25:24 DT004"])]:
        got = lint(text.replace("2024-03-13T13:00:00Z", article))
        assert short(d for d in got if d.code == "DT004") == found
        assert {d.code for d in got} <= {"DT002", "DT004"}  # future, as they are; nothing else


def test_a_future_date_on_the_real_clock_is_cached_until_it_stops_being_future(tmp_path):
    import io
    import json
    import os
    import time
    from datetime import datetime, timedelta, timezone

    from linter.cli import main

    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "a.md").write_text(dated("2099-03-13T10:00:00Z"))
    cache = tmp_path / "cache"

    def lint():
        out = io.StringIO()
        code = main(["--cache-dir", str(cache), "-f", "json", str(folder)], stdout=out, stderr=io.StringIO())
        return code, [d["code"] for d in json.loads(out.getvalue())["diagnostics"]]

    past = time.time() - 3600
    os.utime(folder / "a.md", (past, past))  # not racy: the index may trust size and mtime
    assert lint() == (1, ["DT002"])
    records = {}
    for shard in cache.glob("*/index-*.json"):
        records.update(json.loads(shard.read_text()))
    (record,) = records.values()
    expected = datetime(2099, 3, 13, 10, tzinfo=timezone.utc) - timedelta(hours=24)
    assert record[3] == 1 and record[5] == expected.timestamp()
    # while the finding holds, the cache answers (an emptied entry shows it is what is read)
    (pack,) = cache.glob("*/entries-*.json")
    kept = pack.read_text()
    ((dig, entry),) = json.loads(kept).items()
    assert dig == record[2]
    pack.write_text(json.dumps({dig: {**entry, "d": []}}))
    assert lint() == (0, [])
    pack.write_text(kept)
    # once the moment has passed it is a miss, and the file is checked again
    for shard in cache.glob("*/index-*.json"):
        data = json.loads(shard.read_text())
        for rec in data.values():
            rec[5] = time.time() - 1
        shard.write_text(json.dumps(data))
    for pack in cache.glob("*/entries-*.json"):
        data = json.loads(pack.read_text())
        for entry in data.values():
            entry["u"] = time.time() - 1
            entry["d"] = []  # were this expired entry read, the finding would vanish
        pack.write_text(json.dumps(data))
    assert lint() == (1, ["DT002"])
