"""Pure predicates for the JSON Schema formats lint-news checks, with reasons.

Each checker takes a string and returns ``None`` when it is valid, or a short reason written
for a content editor. They are checked against the JSON-Schema-Test-Suite format cases.
jsonschema's own checkers depend on optional libraries and pass silently when those are
missing; lint-news owns its checks so that a format in the schema is always really checked.
"""

from __future__ import annotations

import calendar
from functools import lru_cache
import ipaddress
import re
import unicodedata
import uuid
from typing import Callable, Dict, List, Optional, Tuple
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit

import idna

from .accel import compiled


# An http(s) URL with a plain host, split by one match (urlsplit costs several microseconds):
# scheme, host, port, path, query, fragment. Anything else goes to urlsplit.
_PLAIN_HTTP = re.compile(r"(https?)://([A-Za-z0-9.-]+)(?::([0-9]*))?(/[^?#\t\r\n]*)?"
                         r"(?:\?([^#\t\r\n]*))?(?:#([^\t\r\n]*))?\Z")


def _regex_plain_http(url: str):
    m = _PLAIN_HTTP.match(url)
    return m.groups() if m else None


# ``_PLAIN_HTTP.match(url).groups()``, or None; in one compiled pass where it is built
plain_http = compiled("plain_http", _regex_plain_http)


def split_url(url: str) -> SplitResult:
    """``urlsplit``, faster for a plain http(s) URL. Raises ``ValueError`` as ``urlsplit`` does.
    (Not remembered: each URL of a file is split about once, by the rule or the facts that need
    its parts.)"""
    groups = plain_http(url)
    if groups is None:
        return urlsplit(url)
    scheme, host, port, path, query, fragment = groups
    netloc = host if port is None else f"{host}:{port}"
    return SplitResult(scheme, netloc, path or "", query or "", fragment or "")


def url_parts(url: str) -> Optional[Tuple[str, str, str, str]]:
    """``(scheme, host in lower case, path, query)`` of ``url`` as urlsplit gives them (a plain
    http(s) URL's from one match, without building a SplitResult and parsing its netloc
    again), or ``None`` when urlsplit refuses the URL."""
    groups = plain_http(url)
    if groups is not None:
        return groups[0], groups[1].lower(), groups[3] or "", groups[4] or ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return parts.scheme, (parts.hostname or "").lower(), parts.path, parts.query


_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref_src")


@lru_cache(maxsize=4096)
def same_page(url: str) -> Optional[str]:
    """``url`` as a key that two addresses of one page share: no scheme, no ``www.``, no
    trailing slash, no fragment, no tracking parameters, the rest of the query sorted, host
    in lower case; ``None`` for an address without a host. Remembered: the duplicate checks
    within a file and across files ask about the same addresses."""
    url = url.strip()
    parts = url_parts(url)
    if parts is None or not parts[1]:
        return None
    _scheme, host, path, query = parts
    host = host[4:] if host.startswith("www.") else host
    path = path.rstrip("/")
    if not query:
        return host + path
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not k.lower().startswith(_TRACKING)]
    return host + path + ("?" + urlencode(sorted(kept)) if kept else "")


@lru_cache(maxsize=4096)
def url_host(url: str) -> Optional[str]:
    """The host of ``url`` in lower case, or ``None`` when it has none or cannot be split."""
    parts = url_parts(url)
    return (parts[1] or None) if parts is not None else None

Reason = Optional[str]

URL_FORMATS = frozenset({"uri", "iri", "uri-reference", "iri-reference"})  # the formats that hold a URL

# --- date and time (RFC 3339) -------------------------------------------------------------

_DATE_TIME = re.compile(
    r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})[Tt ]"
    r"(?P<h>[0-9]{2}):(?P<mi>[0-9]{2}):(?P<s>[0-9]{2})(?P<frac>\.[0-9]+)?"
    r"(?P<tz>[Zz]|[+-](?P<oh>[0-9]{2}):(?P<om>[0-9]{2}))?\Z"
)
_DATE = re.compile(r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})\Z")
_TIME = re.compile(
    r"(?P<h>[0-9]{2}):(?P<mi>[0-9]{2}):(?P<s>[0-9]{2})(?P<frac>\.[0-9]+)?"
    r"(?P<tz>[Zz]|[+-](?P<oh>[0-9]{2}):(?P<om>[0-9]{2}))?\Z"
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _date_problem(m) -> Reason:
    year, month, day = int(m["y"]), int(m["mo"]), int(m["d"])
    if not 1 <= month <= 12:
        return f"month {m['mo']} does not exist"
    last = _DAYS[month] if month != 2 or not calendar.isleap(year) else 29
    if not 1 <= day <= last:
        return f"day {m['d']} does not exist in {_MONTHS[month - 1]} {year}"
    return None


def _time_problem(m) -> Reason:
    hour, minute, second = int(m["h"]), int(m["mi"]), int(m["s"])
    if hour > 23:
        return f"hour {m['h']} is out of range (00-23)"
    if minute > 59:
        return f"minute {m['mi']} is out of range (00-59)"
    if not m["tz"]:
        return "it has no time zone: add 'Z' for UTC or an offset such as '+02:00'"
    if m["oh"] is not None:
        if int(m["oh"]) > 23 or int(m["om"]) > 59:
            return f"time-zone offset {m['tz']} is out of range"
    if second > 60:
        return f"second {m['s']} is out of range (00-59)"
    if second == 60:
        # a leap second exists only at 23:59:60 UTC
        off = 0
        if m["oh"] is not None:
            off = (int(m["oh"]) * 60 + int(m["om"])) * (-1 if m["tz"][0] == "+" else 1)
        utc = (hour * 60 + minute + off) % (24 * 60)
        if utc != 23 * 60 + 59:
            return f"second {m['s']} is out of range (00-59)"
    return None


# The form nearly every date-time is written in: UTC, whole seconds.
CANONICAL_UTC = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\Z")


@lru_cache(maxsize=4096)
def date_time(value: str) -> Reason:
    """Why ``value`` is not an RFC 3339 date-time, or ``None``. Remembered: the date rules and
    the date parser ask about the same values."""
    if len(value) == 20 and CANONICAL_UTC.match(value):
        # the common form, judged by slices (two-digit fields compare as text as they do as
        # numbers); anything doubtful (a leap second among them) takes the full path
        month, day = int(value[5:7]), int(value[8:10])
        if 1 <= month <= 12 and 1 <= day <= (_DAYS[month] if month != 2 else 29 if calendar.isleap(int(value[:4])) else 28) \
                and value[11:13] <= "23" and value[14:16] <= "59" and value[17:19] <= "59":
            return None
    return full_date_time(value)


def full_date_time(value: str) -> Reason:
    """:func:`date_time` without its shortcut for the common form (the reference for it)."""
    m = _DATE_TIME.match(value)
    if not m or value[10] == " ":
        return "it is not an RFC 3339 date-time such as 2024-03-13T13:00:00Z"
    return _date_problem(m) or _time_problem(m)


def date(value: str) -> Reason:
    m = _DATE.match(value)
    if not m:
        return "it is not a date such as 2024-03-13"
    return _date_problem(m)


def time(value: str) -> Reason:
    m = _TIME.match(value)
    if not m:
        return "it is not a time such as 13:00:00Z"
    return _time_problem(m)


# --- host names ---------------------------------------------------------------------------

_LDH_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\Z")
_IDN_DOTS = re.compile("[\u3002\uff0e\uff61]")


def _a_label(label: str) -> bool:
    """An ``xn--`` label must decode to a valid IDNA 2008 U-label that encodes back to itself."""
    try:
        ulabel = idna.decode(label)
        return idna.encode(ulabel).decode("ascii") == label.lower() and not ulabel.isascii()
    except (idna.IDNAError, UnicodeError, ValueError):
        return False


@lru_cache(maxsize=4096)
def hostname(value: str) -> Reason:
    if not value:
        return "the host name is empty"
    if len(value) > 253:
        return "the host name is longer than 253 characters"
    if not value.isascii():
        return "the host name has characters other than letters, digits, '-' and '.'"
    for label in value.split("."):
        if not label:
            return "the host name has an empty part (a leading, trailing or doubled '.')"
        if not _LDH_LABEL.match(label):
            if len(label) > 63:
                return f"the part '{label[:20]}…' is longer than 63 characters"
            return f"the part '{label}' may hold only letters, digits and inner '-'"
        if label[2:4] == "--":
            if label[:4].lower() != "xn--" or not _a_label(label):
                return f"the part '{label}' is not a valid internationalised (xn--) label"
    return None


def _rtl(label: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in label)


@lru_cache(maxsize=4096)
def idn_hostname(value: str) -> Reason:
    if not value or len(value) > 253:
        return "the host name is empty or too long"
    labels = _IDN_DOTS.sub(".", value).split(".")
    bidi = any(_rtl(label) for label in labels)
    total = 0
    for label in labels:
        if not label:
            return "the host name has an empty part"
        if label.isascii():
            problem = hostname(label)
            if problem:
                return problem
            alabel = label
        else:
            try:
                alabel = idna.encode(label).decode("ascii")
            except (idna.IDNAError, UnicodeError, ValueError):
                return f"the part '{label}' is not a valid internationalised host name"
            if len(alabel) > 63:
                return f"the part '{label}' is too long once encoded"
        if bidi:
            try:
                idna.check_bidi(idna.decode(alabel) if alabel.lower().startswith("xn--") else label, check_ltr=True)
            except (idna.IDNAError, UnicodeError, ValueError):
                return f"the part '{label}' breaks the rules for right-to-left host names"
        total += len(alabel) + 1
    if total - 1 > 253:
        return "the host name is longer than 253 characters"
    return None


# --- URIs and IRIs (RFC 3986, RFC 3987) ---------------------------------------------------

_UCS = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
    "\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd\U00040000-\U0004fffd"
    "\U00050000-\U0005fffd\U00060000-\U0006fffd\U00070000-\U0007fffd\U00080000-\U0008fffd"
    "\U00090000-\U0009fffd\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd"
    "\U000d0000-\U000dfffd\U000e1000-\U000efffd"
)
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*\Z")
_PCT = r"%[0-9A-Fa-f]{2}"


_ASCII_UNRESERVED = r"A-Za-z0-9\-._~"


def _grammar(iri: bool):
    unreserved = _ASCII_UNRESERVED + (_UCS if iri else "")
    sub = r"!$&'()*+,;="
    pchar = rf"(?:[{unreserved}{sub}:@]|{_PCT})"
    query = rf"(?:[{unreserved}{sub}:@/?{_PRIVATE if iri else ''}]|{_PCT})*"
    fragment = rf"(?:[{unreserved}{sub}:@/?]|{_PCT})*"
    return {
        "userinfo": re.compile(rf"(?:[{unreserved}{sub}:]|{_PCT})*\Z"),
        "reg_name": re.compile(rf"(?:[{unreserved}{sub}]|{_PCT})*\Z"),
        "path_abempty": re.compile(rf"(?:/{pchar}*)*\Z"),
        "path_any": re.compile(rf"(?:/?{pchar}+(?:/{pchar}*)*|/)?\Z"),
        "path_noscheme": re.compile(rf"(?:(?:[{unreserved}{sub}@]|{_PCT})+(?:/{pchar}*)*)?\Z"),
        "query": re.compile(query + r"\Z"),
        "fragment": re.compile(fragment + r"\Z"),
        "future": re.compile(rf"[vV][0-9A-Fa-f]+\.[{_ASCII_UNRESERVED}{sub}:]+\Z"),
        # one character each part may hold unescaped ('%' starts an escape, judged elsewhere)
        "userinfo_char": re.compile(rf"[{unreserved}{sub}:%]"),
        "path_char": re.compile(rf"[{unreserved}{sub}:@/%]"),
        "query_char": re.compile(rf"[{unreserved}{sub}:@/?%{_PRIVATE if iri else ''}]"),
        "fragment_char": re.compile(rf"[{unreserved}{sub}:@/?%]"),
    }


def _must_escape(what: str, part: str, allowed) -> str:
    """Why ``part`` is refused, naming the characters it must escape and how (at most three)."""
    bad: List[str] = []
    for c in part:
        if not allowed.fullmatch(c) and c not in bad:
            bad.append(c)
    if not bad:
        return f"{what} has characters that must be escaped"
    shown = ", ".join(f"'{c}' as {''.join(f'%{b:02X}' for b in c.encode('utf-8', 'surrogatepass'))}" for c in bad[:3])
    more = f" and {len(bad) - 3} more" if len(bad) > 3 else ""
    return f"{what} has {'a character' if len(bad) == 1 else 'characters'} that must be escaped: write {shown}{more}"


_GRAMMARS: Dict[bool, dict] = {}


def _g(iri: bool) -> dict:
    """The compiled grammar, built on first use (the IRI character classes are large)."""
    if iri not in _GRAMMARS:
        _GRAMMARS[iri] = _grammar(iri)
    return _GRAMMARS[iri]

_PCT_BAD = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _host(host: str, g) -> Reason:
    if host.startswith("["):
        if not host.endswith("]"):
            return "the host has an unclosed '['"
        inner = host[1:-1]
        if g["future"].match(inner):
            return None
        try:
            ipaddress.IPv6Address(inner)
        except ValueError:
            return f"'{inner}' is not a valid IPv6 address"
        return None
    if not g["reg_name"].match(host):
        return f"the host '{host}' has characters a host name cannot have"
    return None


def _authority(authority: str, g) -> Reason:
    userinfo, at, hostport = authority.rpartition("@")
    if at and not g["userinfo"].match(userinfo):
        return _must_escape("the part before '@'", userinfo, g["userinfo_char"])
    if hostport.startswith("["):
        close = hostport.find("]")
        host, rest = (hostport, "") if close < 0 else (hostport[:close + 1], hostport[close + 1:])
        if rest and not rest.startswith(":"):
            return "unexpected text after the IPv6 address"
        port = rest[1:] if rest else ""
    else:
        host, _, port = hostport.partition(":")
    if port and not port.isdigit() or not port.isascii():
        return f"the port '{port}' is not a number"
    return _host(host, g)


def _reference(value: str, g, absolute: bool) -> Reason:
    if not value:
        return "it is empty"
    if any(c in value for c in " \t\r\n"):
        return "it contains a space or line break (write spaces as %20)"
    bad = _PCT_BAD.search(value)
    if bad:
        return "it has a '%' that is not followed by two hex digits"
    rest, hash_, fragment = value.partition("#")
    if hash_ and not g["fragment"].match(fragment):
        return _must_escape("the part after '#'", fragment, g["fragment_char"])
    rest, q, query = rest.partition("?")
    if q and not g["query"].match(query):
        return _must_escape("the query (after '?')", query, g["query_char"])
    scheme, colon, hier = rest.partition(":")
    if not colon or "/" in scheme:
        if absolute:
            return "it has no scheme such as 'https:'"
        scheme, hier = "", rest
    elif not _SCHEME.match(scheme):
        if absolute:
            return f"'{scheme}' is not a valid scheme"
        return f"'{scheme}' is not a valid scheme"
    if hier.startswith("//"):
        authority, slash, path = hier[2:].partition("/")
        problem = _authority(authority, g)
        if problem:
            return problem
        if slash and not g["path_abempty"].match("/" + path):
            return _must_escape("the path", path, g["path_char"])
        return None
    pattern = g["path_any"] if scheme or absolute else g["path_noscheme"] if not hier.startswith("/") else g["path_any"]
    if not pattern.match(hier):
        return _must_escape("the path", hier, g["path_char"])
    return None


def uri(value: str) -> Reason:
    return _reference(value, _g(False), absolute=True)


def uri_reference(value: str) -> Reason:
    return _reference(value, _g(False), absolute=False)


def iri(value: str) -> Reason:
    return _reference(value, _g(True), absolute=True)


def iri_reference(value: str) -> Reason:
    return _reference(value, _g(True), absolute=False)


# --- the rest of the common formats -------------------------------------------------------

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\Z")


def email(value: str) -> Reason:
    if not _EMAIL.match(value):
        return "it is not an e-mail address such as name@example.com"
    return None


def ipv4(value: str) -> Reason:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return "it is not an IPv4 address"
    return None


def ipv6(value: str) -> Reason:
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return "it is not an IPv6 address"
    return None


def uuid_(value: str) -> Reason:
    if len(value) != 36 or value.count("-") != 4:
        return "it is not a UUID such as 123e4567-e89b-12d3-a456-426614174000"
    try:
        uuid.UUID(value)
    except ValueError:
        return "it is not a UUID"
    return None


def regex(value: str) -> Reason:
    try:
        re.compile(value)
    except (re.error, RecursionError, OverflowError):
        return "it is not a valid regular expression"
    return None


CHECKERS: Dict[str, Callable[[str], Reason]] = {
    "date-time": date_time,
    "date": date,
    "time": time,
    "hostname": hostname,
    "idn-hostname": idn_hostname,
    "uri": uri,
    "uri-reference": uri_reference,
    "iri": iri,
    "iri-reference": iri_reference,
    "email": email,
    "idn-email": email,
    "ipv4": ipv4,
    "ipv6": ipv6,
    "uuid": uuid_,
    "regex": regex,
}


def check(format_name: str, value) -> Reason:
    """``None`` when ``value`` is valid for ``format_name`` (non-strings always are)."""
    if not isinstance(value, str):
        return None
    checker = CHECKERS.get(format_name)
    return checker(value) if checker else None
