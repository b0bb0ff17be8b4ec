"""DT: dates, wherever the schema says ``format: date-time`` (or ``date``, ``time``).

Values are judged as written: the YAML reader keeps timestamps as their source text, so an
unquoted ``2024-02-30T10:00:00Z`` is reported here instead of crashing the reader.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from datetime import datetime, timedelta, timezone
from typing import Optional

from ..diagnostics import Severity, format_path
from ..formats import date as date_problem
from ..formats import date_time as date_time_problem
from ..formats import time as time_problem
from . import Rule, register

DATE_FORMATS = {"date-time": date_time_problem, "date": date_problem, "time": time_problem}


_FRACTION = re.compile(r"\.(\d+)")


def utc(value: str) -> datetime:
    """A valid RFC 3339 date-time as an aware UTC datetime (a leap second counts as :59).
    Raises ``ValueError`` when it is not one, and ``OverflowError`` when its instant in UTC
    is outside the years datetime holds (an offset on 0001-01-01 or 9999-12-31)."""
    problem = date_time_problem(value)
    if problem:
        raise ValueError(problem)
    if value.startswith("0000"):  # RFC 3339 has a year 0; datetime starts at year 1
        raise OverflowError("year 0000 is before the years datetime holds")
    if len(value) == 20 and value[19] == "Z" and value[10] == "T" and value[17:19] != "60":
        return datetime.fromisoformat(value[:19] + "+00:00")  # the common form: already in UTC
    text = value.replace("t", "T").replace("z", "Z").replace("Z", "+00:00")
    if text[17:19] == "60":
        text = text[:17] + "59" + text[19:]
    frac = _FRACTION.search(text)
    if frac and len(frac.group(1)) > 6:
        text = text.replace(frac.group(0), "." + frac.group(1)[:6])
    return datetime.fromisoformat(text).astimezone(timezone.utc)


@lru_cache(maxsize=1024)
def parse(value: str) -> Optional[datetime]:
    """:func:`utc`, or ``None`` for a value that is not a date-time. An instant just outside the
    years datetime holds is read as the nearest one it holds, which compares the same way with
    any real date."""
    try:
        return utc(value)
    except ValueError:
        return None
    except OverflowError:
        return (datetime.max if value.startswith("9999") else datetime.min).replace(tzinfo=timezone.utc)


def _hint(value: str) -> Optional[str]:
    v = value.strip()
    if not v.isascii():  # digits and signs of a wide or other script's form: ２０２２－０５－０５Ｔ…
        plain = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in unicodedata.normalize("NFKC", v))
        if plain != v and plain.isascii():
            written = _respelled(plain) if _hint(plain) else None  # (a plain form of another notation: respelled)
            return f"write it with plain digits and signs: {written or plain}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", v):
        return None  # the form is right; the message says which part does not exist
    m = re.match(r"(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))[\s,;]*(\S.*)", v)
    if m:  # a note after a whole date-time: 2024-03-13T13:00:00Z (UTC)
        return f"remove '{m.group(2)}' after it: {m.group(1)}"
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", v)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
        if a > 12 >= b:
            return f"write it as {y}-{b:02d}-{a:02d}T00:00:00Z (year-month-day, time, zone)"
        if b > 12 >= a:
            return f"write it as {y}-{a:02d}-{b:02d}T00:00:00Z (year-month-day, time, zone)"
        return "write it as YYYY-MM-DDTHH:MM:SSZ; the day and month order is ambiguous"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return f"add a time and a zone: {v}T00:00:00Z"
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(:\d{2})?(Z|[+-]\d{2}:\d{2})?", v)
    if m:  # the hint must itself be valid: seconds and a zone are required too
        return f"put a 'T' between date and time: {m.group(1)}T{m.group(2)}{m.group(3) or ':00'}{m.group(4) or 'Z'}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?", v):
        return f"add the time zone: {v}Z for UTC, or an offset such as {v}+02:00"
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})", v)
    if m:
        return f"add the seconds: {m.group(1)}:00{m.group(2)}"
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(\d{2})", v)
    if m:
        return f"write the offset with a colon: {m.group(1)}{m.group(2)}:{m.group(3)}"
    written = _respelled(v)
    if written:
        named = re.search(r"[A-Z]{2,4}\Z", v)
        if named and written[-1] != "Z":
            return f"write it as {written} ({named.group(0)} is UTC{written[-6:]})"
        return f"write it as {written}"
    named = re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}[Tt ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)? ?([A-Z]{2,5})", v)
    if named:  # IST, CST: names of more than one offset
        return f"write the zone as an offset, such as +05:30, or Z for UTC: '{named.group(1)}' is a name, and not one RFC 3339 knows"
    written = unix_time(v)
    if written:
        return f"this looks like a Unix time; write it as {written}"
    written = _rfc2822(v)
    if written:
        return f"write it as {written}"
    return "write it as YYYY-MM-DDTHH:MM:SSZ, for example 2024-03-13T13:00:00Z"


_SPELLINGS = (
    # month, day, hour, minute or second with one digit: 2024-3-5T9:00:00Z
    # (and a zone named by its abbreviation: 2024-03-13 10:00 UTC, 2024-03-13T10:00:00 CET)
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[Tt ](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(\.\d+)? ?"
                r"([Zz]|[+-]\d{2}:?\d{2}|[A-Z]{2,4})"),
     lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}T{int(m[4]):02d}:{int(m[5]):02d}:{int(m[6] or 0):02d}"
               f"{m[7] or ''}{_zone(m[8])}"),
    # ISO 8601's basic form, without separators: 20240313T130000Z
    (re.compile(r"(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(\d{2})?(\.\d+)?([Zz]|[+-]\d{4})"),
     lambda m: f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6] or '00'}{m[7] or ''}{_zone(m[8])}"),
)


# zone abbreviations that name one offset (IST, CST and others name several: not guessed)
_ZONE_NAMES = {"UTC": "Z", "GMT": "Z", "UT": "Z", "WET": "+00:00", "WEST": "+01:00", "BST": "+01:00",
               "CET": "+01:00", "CEST": "+02:00", "EET": "+02:00", "EEST": "+03:00", "MSK": "+03:00",
               "JST": "+09:00", "KST": "+09:00", "AEST": "+10:00", "AEDT": "+11:00", "NZST": "+12:00",
               "EST": "-05:00", "EDT": "-04:00", "PST": "-08:00", "PDT": "-07:00", "MST": "-07:00",
               "HKT": "+08:00", "SGT": "+08:00"}


def _zone(written: str) -> str:
    """The RFC 3339 zone for ``written`` (``Z``, ``+0200``, ``CET``), or "" when a name is
    not one offset (the respelling then has no zone, and is refused)."""
    if written in ("Z", "z"):
        return "Z"
    if written[0] not in "+-":
        return _ZONE_NAMES.get(written, "")
    return written if ":" in written else f"{written[:3]}:{written[3:]}"


def _respelled(value: str) -> Optional[str]:
    """``value`` written as RFC 3339, when it is a date and time with its zone in another
    common spelling (one-digit parts, slashes, a space before the zone, no separators);
    ``None`` otherwise, or when the result would not be valid either."""
    for pattern, respell in _SPELLINGS:  # each with its zone: which one is not ours to guess
        m = pattern.fullmatch(value)
        if m:
            written = respell(m)
            if written != value and not date_time_problem(written):
                return written
    return None


def unix_time(value) -> Optional[str]:
    """The RFC 3339 form of a Unix time in seconds or milliseconds between 2001 and 2096 (the
    numbers a feed or a database export writes for a date), or ``None``."""
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    seconds = number / 1000 if 10 ** 12 <= number < 4 * 10 ** 12 else number if 10 ** 9 <= number < 4 * 10 ** 9 else None
    if seconds is None:
        return None
    return datetime.fromtimestamp(int(seconds), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _rfc2822(text: str) -> Optional[str]:
    """``Wed, 04 May 2016 15:48:00 GMT`` (the form of e-mail and RSS) in RFC 3339, or ``None``."""
    if not re.match(r"(?:[A-Za-z]{3}, )?\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}", text):
        return None
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None  # no zone written: which one is not ours to guess
    offset = when.strftime("%z")
    zone = "Z" if offset in ("+0000", "-0000") else f"{offset[:3]}:{offset[3:]}"
    return when.strftime("%Y-%m-%dT%H:%M:%S") + zone


def _now(ctx) -> datetime:
    now = ctx.options.now
    return now if now is not None else datetime.now(timezone.utc)


@register
class InvalidDateTime(Rule):
    """A date that is not a real RFC 3339 date-time with a time zone.

    ## What it does
    Checks every value the schema marks `format: date-time` (also `date`, `time`): the form
    `YYYY-MM-DDTHH:MM:SS` with `Z` or an offset such as `+02:00`, and a date and time that
    exist (no 30 February, no 24:61). Quoted or not, the value is judged as written.

    ## Why is this bad?
    The pipeline sorts and schedules by this date; an impossible or ambiguous one puts the
    article in the wrong place or drops it.

    ## Example
    ```yaml
    publishedDateTime: 13/03/2024
    ```
    Use instead: `publishedDateTime: 2024-03-13T00:00:00Z`.
    """

    code = "DT001"
    name = "invalid-date-time"

    def check(self, ctx):
        for path, fmt, value in ctx.fields_with_format(DATE_FORMATS):
            problem = DATE_FORMATS[fmt](value)
            if problem:
                hint = _hint(value) if fmt == "date-time" else None
                yield ctx.diag(self, f"{format_path(path)} is not a valid {fmt}: {problem}",
                               ctx.value_span(path), field=path, hint=hint)


@register
class DateInFuture(Rule):
    """A publication date more than a day in the future.

    ## What it does
    Reports date-times later than now plus 24 hours (the clock can be set with `--now`).

    ## Why is this bad?
    A future date usually means a typo in the year or a swapped day and month; scheduled
    articles do not belong in the published set.

    ## Example
    ```yaml
    publishedDateTime: 2042-03-13T13:00:00Z
    ```
    """

    code = "DT002"
    name = "date-in-future"

    def check(self, ctx):
        now, tolerance = _now(ctx), timedelta(hours=ctx.options.future_tolerance_hours)
        for path, fmt, value in ctx.fields_with_format(DATE_FORMATS):
            when = parse(value) if fmt == "date-time" else None
            if when is not None and when - now > tolerance:  # (now + tolerance may pass year 9999)
                if ctx.options.now is None:  # on the real clock the date stops being in the future
                    ctx.holds_until((when - tolerance).timestamp())
                yield ctx.diag(self, f"{format_path(path)} is in the future: {value}",
                               ctx.value_span(path), field=path, hint="check the year, and the order of day and month")


@register
class DateTooOld(Rule):
    """A publication date before 1990.

    ## What it does
    Reports date-times before 1 January 1990 (before web news existed).

    ## Why is this bad?
    Such dates come from defaults (`1970-01-01`) or typos in the year.

    ## Example
    ```yaml
    publishedDateTime: 1970-01-01T00:00:00Z
    ```
    """

    code = "DT003"
    name = "date-too-old"

    def check(self, ctx):
        earliest = datetime(ctx.options.earliest_year, 1, 1, tzinfo=timezone.utc)
        for path, fmt, value in ctx.fields_with_format(DATE_FORMATS):
            when = parse(value) if fmt == "date-time" else None
            if when is not None and when < earliest:
                yield ctx.diag(self, f"{format_path(path)} is before {ctx.options.earliest_year}: {value}",
                               ctx.value_span(path), field=path, hint="check the year; a default date may have been left in")


@register
class RelatedAfterArticle(Rule):
    """A related item published well after the article itself.

    ## What it does
    Compares the `publishedDateTime` of each item in `related` with the article's own and
    reports items more than 48 hours later (related lists are refreshed for a while after
    publication, so a few hours later is normal, as in real feeds).

    ## Why is this bad?
    Related items are earlier coverage; a later one usually has a wrong date or belongs to a
    different article. It can be legitimate for updated stories, so this is a warning.

    ## Example
    ```yaml
    publishedDateTime: 2024-03-12T10:00:00Z
    related:
      - publishedDateTime: 2024-03-14T09:00:00Z
    ```
    """

    code = "DT004"
    name = "related-after-article"
    severity = Severity.WARNING

    def check(self, ctx):
        data = ctx.data
        if not isinstance(data, dict) or not isinstance(data.get("related"), list):
            return
        key = "publishedDateTime"
        article = parse(data[key]) if isinstance(data.get(key), str) else None
        if article is None:
            return
        tolerance = timedelta(hours=ctx.options.related_tolerance_hours)
        for i, item in enumerate(data["related"]):
            if not isinstance(item, dict) or not isinstance(item.get(key), str):
                continue
            when = parse(item[key])
            if when is not None and when - article > tolerance:  # (article + tolerance may pass year 9999)
                path = ("related", i, key)
                yield ctx.diag(self, f"{format_path(path)} ({item[key]}) is later than the article's {key} ({data[key]})",
                               ctx.value_span(path), field=path, hint="check both dates")
