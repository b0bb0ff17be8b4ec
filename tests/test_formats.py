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
