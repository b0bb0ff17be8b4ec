"""The format predicates against the official JSON-Schema-Test-Suite cases."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CONFORMANCE
from linter import formats

SUITE = CONFORMANCE / "json-schema-test-suite" / "draft2020-12" / "optional" / "format"


def cases():
    for path in sorted(SUITE.glob("*.json")):
        for group in json.loads(path.read_text()):
            for test in group["tests"]:
                yield pytest.param(group["schema"]["format"], test["data"], test["valid"],
                                   id=f"{path.stem}:{test['description'][:50]}")


@pytest.mark.parametrize("fmt,data,valid", list(cases()))
def test_conformance(fmt, data, valid):
    assert (formats.check(fmt, data) is None) == valid


def test_suite_is_present():
    assert len(list(cases())) > 200


@pytest.mark.parametrize("value", ["not a uri ::", "//x.com/a", "https://exa mple.com", "http://[::1", "abc"])
def test_invalid_uris_fail(value):
    assert formats.uri(value)


@pytest.mark.parametrize("value,reason", [
    ("2024-02-30T10:00:00Z", "day 30 does not exist in February 2024"),
    ("2024-03-13T10:00:00", "time zone"), ("2024-03-13T24:00:00Z", "hour 24"),
    ("2023-02-29T00:00:00Z", "February 2023"), ("13/03/2024", "not an RFC 3339"),
])
def test_date_time_reasons(value, reason):
    assert reason in formats.date_time(value)


def test_leap_day_is_valid():
    assert formats.date_time("2024-02-29T12:00:00+05:30") is None


@settings(max_examples=1500, deadline=None)
@given(st.tuples(st.sampled_from(["https://", "http://", "", "HTTP://", "https:/"]),
                 st.lists(st.sampled_from(list("hts:/?#@[]%.-_aAzZ09 \t\nxé") + [":80", "a.com"]), max_size=16))
       .map(lambda parts: parts[0] + "".join(parts[1])))
def test_split_url_is_urlsplit(url):
    from urllib.parse import urlsplit

    from linter.formats import split_url, url_host

    try:
        expected = urlsplit(url)
    except ValueError:
        with pytest.raises(ValueError):
            split_url(url)
        return
    assert split_url(url) == expected
    assert url_host(url) == ((expected.hostname or "").lower() or None)


def _date_times():
    """Values in and near the common form YYYY-MM-DDTHH:MM:SSZ: every field at and past its
    limits, leap days and seconds, other zones and forms."""
    import random

    rng = random.Random(3)
    fields = {
        "y": ["1900", "1970", "2000", "2023", "2024", "2100", "0000", "9999"],
        "mo": ["00", "01", "02", "09", "10", "12", "13", "99"],
        "d": ["00", "01", "28", "29", "30", "31", "32"],
        "h": ["00", "09", "23", "24", "99"],
        "mi": ["00", "30", "59", "60"],
        "s": ["00", "30", "59", "60", "61"],
        "z": ["Z", "Z", "z", "+00:00", "-05:30", "", ".5Z", "Z "],
        "t": ["T", "T", "t", " "],
    }
    out = []
    for _ in range(6000):
        f = {k: rng.choice(v) for k, v in fields.items()}
        out.append(f"{f['y']}-{f['mo']}-{f['d']}{f['t']}{f['h']}:{f['mi']}:{f['s']}{f['z']}")
    return out + ["2024-02-29T23:59:60Z", "2023-02-29T10:00:00Z", "٢٠٢٤-01-01T00:00:00Z", "2024-01-01T00:00:00Z\n"]


def test_date_time_shortcut_gives_the_full_answer():
    values = _date_times()
    valid = 0
    for value in values:
        assert formats.date_time(value) == formats.full_date_time(value), value
        valid += formats.date_time(value) is None
    assert 300 < valid < len(values)  # both kinds are really compared



def test_url_parts_shortcut_gives_urlsplits_parts(monkeypatch):
    """url_parts takes a plain http(s) URL's parts from one match (compiled where built); for
    every URL-like string they must be urlsplit's (host from its netloc, in lower case). The
    image size, AMP-cache, original-URL and duplicate-URL checks all read URLs through it."""
    import random

    from test_accel import _url_like

    rng = random.Random(21)
    tails = ["", "/amp/story-640x360.aspx?x=1", "?q=1#f", "/", "?utm_source=x&b=2", " ", "/a/1200x630_b.png"]
    urls = [_url_like(rng) + rng.choice(tails) for _ in range(20000)]
    # hosts (and the rest) in any case, after a scheme the shortcut takes
    urls = [u.split("://", 1)[0] + "://" + u.split("://", 1)[1].swapcase() if i % 3 == 0 and "://" in u else u
            for i, u in enumerate(urls)]
    fast = [formats.url_parts(u) for u in urls]
    monkeypatch.setattr(formats, "plain_http", lambda url: None)
    assert [formats.url_parts(u) for u in urls] == fast
    assert sum(p is not None and p[1] != "" for p in fast) > 10000
