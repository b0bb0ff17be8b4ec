"""URL: web addresses and domains, wherever the schema says ``format: uri`` or ``hostname``.

Validity rules key off the schema's formats, so a user's own schema gets the same checks.
The consistency rules compare fields of one mapping by their names in the news contract
(``webUrl`` with ``provider.domain``, ``ampWebUrl`` with ``cdnAmpWebUrl``, ``originalUrl`` with
``webUrl``); they apply to the article and to each related item alike.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import lru_cache
from typing import Any, List, Optional, Tuple

from ..diagnostics import Severity, format_path
from ..formats import hostname as hostname_problem
from ..formats import idn_hostname as idn_hostname_problem
from ..formats import iri as iri_problem
from ..accel import compiled
from ..formats import URL_FORMATS, ipv4, ipv6, same_page, split_url, url_host, url_parts
from .. import tlds
from . import Rule, register
from .encoding import LOOKALIKES, in_latin_letters

HOST_FORMATS = {"hostname", "idn-hostname"}
WEB_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
SCHEME_WITHOUT_COLON = re.compile(r"(?i)(https?)//(?=[^/])")  # https//example.com: a scheme without its ':'
# second-level labels under which country-code domains register names (co.uk, com.au, ...)
_GENERIC_SLD = {"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gob", "nic", "mil", "ltd", "plc", "nhs", "sch"}


_LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def _lookalike_script(c: str) -> Optional[str]:
    """LATIN, CYRILLIC or GREEK for a letter of those scripts (any of their blocks), else None.
    (encoding._script is another question: which basic alphabet a misread text may show.)"""
    name = unicodedata.name(c, "").partition(" ")[0]
    return name if name in _LOOKALIKE_SCRIPTS else None


def mixed_scripts(host: str) -> Optional[Tuple[str, Optional[str]]]:
    """``(what is wrong, the host in Latin letters or None)`` when a part of ``host`` mixes
    Latin letters with Cyrillic or Greek ones (``aljazeerа.net`` with a Cyrillic ``а``), or
    ``None``. Browsers show such a host in its xn-- form: it is how lookalike addresses are made."""
    if host.isascii():
        return None
    for label in host.split("."):
        if label.isascii():
            continue
        scripts = {_lookalike_script(c) for c in label if c.isalpha()} - {None}
        if "LATIN" not in scripts or len(scripts) < 2:
            continue
        odd = next(c for c in label if c.isalpha() and _lookalike_script(c) not in (None, "LATIN"))
        kind = _lookalike_script(odd).capitalize()
        looks = f", which looks like the Latin '{LOOKALIKES[odd]}'" if odd in LOOKALIKES else ""
        problem = (f"the part '{label}' mixes Latin and {kind} letters: '{odd}' is U+{ord(odd):04X} "
                   f"{unicodedata.name(odd)}{looks}")
        latin = in_latin_letters(host)
        return problem, latin if all(_lookalike_script(c) in (None, "LATIN") for c in latin) else None
    return None


def host_problem(host: str) -> Optional[str]:
    """Why ``host`` is not a valid web host (name, IDN or IP address), or ``None``."""
    if not host:
        return "it has no host name"
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host.strip("[]"))
            return None
        except ValueError:
            return f"'{host}' is not a valid IPv6 address"
    if re.fullmatch(r"[0-9.]+", host):
        try:
            ipaddress.IPv4Address(host)
            return None
        except ValueError:
            return f"'{host}' is not a valid IP address"
    name = host[:-1] if host.endswith(".") else host
    if name.isascii():
        problem = hostname_problem(name)
    else:
        problem = idn_hostname_problem(name)
    if problem:
        return problem.replace("the host name", f"the host '{host}'")
    if "." not in name and name.lower() != "localhost":
        return f"the host '{host}' has no domain ending such as .com"
    return ending_problem(name)


def _known_ending(ending: str) -> bool:
    """Whether ``ending`` (lower case) ends a public host name, or one that :func:`local_host`
    names."""
    return ending in _LOCAL_ENDINGS or tlds.known(ending)


def ending_problem(name: str) -> Optional[str]:
    """Why the last part of the host name ``name`` is no domain ending, or ``None``: every
    public name ends in one of the root zone's (``.com``, ``.de``, ``.рф``); the endings of
    names no public site has are :func:`local_host`'s to tell."""
    ending = name.rpartition(".")[2].lower()
    if "." not in name or _known_ending(ending):
        return None
    guess = tlds.closest(ending)
    return (f"'.{ending}' is not a domain ending" + (f": did you mean .{guess}?" if guess else "")
            + ("" if guess else f" (the host '{name}' may lack its ending, such as .com)"))


_SPACE = re.compile(r"\s")
# after "https:": a host that is, or ends in, a scheme again (https://https//, https://www.https://)
_SCHEME_AGAIN = re.compile(r"//(?:[\w-]+\.)*(https?:?//)", re.I)
# Quotation marks or angle brackets around a whole address: a URL pasted from a word processor
# ("“https://…”"), written as a Markdown autolink (<https://…>) or quoted twice ('"https://…"').
_QUOTES = "\"'“”„‘’‚«»‹›"
_OPENERS, _CLOSERS = re.escape(_QUOTES + "<「『"), re.escape(_QUOTES + ">」』")
_INNER = f"[^{_OPENERS}{_CLOSERS}]*"
_WRAPPED = re.compile(f"^[{_OPENERS}]+((?:https?:)?//{_INNER}|www\\.{_INNER})[{_CLOSERS}]*$", re.I)
# never the last character of a real address (a ' may be: /o'neill)
_CLOSING_QUOTES = "”“’»›」』"
# a path on a Windows or Mac computer, or a file: URL: where the file was, not where it is published
_LOCAL_FILE = re.compile(r"(?i)(?:[a-z]:[\\/]|file:|/(?:Users|home)/[^/]+/(?:Desktop|Documents|Downloads|Pictures)/)")


# The common case, checked in one match: an ASCII http(s) URL with a plain host name and only
# characters RFC 3986 allows unescaped. Anything else takes the full, explaining path.
_URL_CHARS = "[A-Za-z0-9\\-._~!$&'()*+,;=:@/]"  # allowed unescaped in a path
_QUERY_CHARS = "[A-Za-z0-9\\-._~!$&'()*+,;=:@/?]"  # and in a query or fragment
_SIMPLE_URL = re.compile(
    r"https?://(?P<host>[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)"
    r"(?::[0-9]{1,5})?"
    # each part: runs of allowed characters between %XX escapes (unrolled: one test per character)
    rf"(?:/{_URL_CHARS}*(?:%[0-9A-Fa-f]{{2}}{_URL_CHARS}*)*)?"
    rf"(?:\?{_QUERY_CHARS}*(?:%[0-9A-Fa-f]{{2}}{_QUERY_CHARS}*)*)?"
    rf"(?:#{_QUERY_CHARS}*(?:%[0-9A-Fa-f]{{2}}{_QUERY_CHARS}*)*)?\Z"
)


def _regex_simple_url_host(value: str) -> Optional[str]:
    m = _SIMPLE_URL.match(value)
    return m.group("host") if m else None


# the host of a URL _SIMPLE_URL takes, or None; in one compiled pass where it is built
simple_url_host = compiled("simple_url_host", _regex_simple_url_host)


# top-level names that no public site has: RFC 2606 and 6761 reserve the first four, the rest
# are what intranets and development set-ups use
_LOCAL_ENDINGS = {"localhost", "test", "invalid", "example", "local", "internal", "lan", "localdomain", "intranet",
                  "corp", "home"}


@lru_cache(maxsize=1024)
def local_host(host: str) -> Optional[str]:
    """What kind of local or private host ``host`` is (a lower-case host name or IP address,
    IPv6 in brackets or not), or ``None`` for a public one."""
    name = host.strip("[]").rstrip(".")
    if name.replace(".", "").isdigit() or ":" in name:
        try:
            ip = ipaddress.ip_address(name)
        except ValueError:
            return None
        if ip.is_loopback or ip.is_unspecified:
            return "the address of the computer it was written on"
        if ip.is_private or ip.is_link_local or ip.is_reserved:
            return "an address on a private network"
        return None
    ending = name.rpartition(".")[2]
    if ending in _LOCAL_ENDINGS:
        return "the computer it was written on" if ending == "localhost" else f"a name under .{ending}, which no public site has"
    return None


@lru_cache(maxsize=8192)
def url_problem(value: str, schemes=WEB_SCHEMES) -> Optional[Tuple[str, Optional[str]]]:
    """``(what is wrong, hint)`` for a web address, or ``None`` when it is fine. Remembered:
    several rules ask about the same URLs."""
    host = simple_url_host(value) if schemes == WEB_SCHEMES else None
    if host is not None:
        if len(host) <= 253 and "--" not in host[2:4]:
            after = value.find("//") + 2 + len(host)
            port = value[after + 1:].partition("/")[0].partition("?")[0].partition("#")[0]
            port_ok = value[after:after + 1] != ":" or not port or 1 <= int(port) <= 65535  # "host:" has none
            host = host.lower()
            ending = host.rpartition(".")[2]
            if port_ok and not host.startswith("xn--") and ".xn--" not in host and _known_ending(ending):
                _note_local(value, host)
                return None
    found = _url_problem(value, schemes)
    if found is None:
        _note_local(value, url_host(value) or "")
    return found


# {url: what kind of local host it is on}, for each valid URL url_problem has seen on one
# (URL007 reads it): url_problem has the host of a plain URL without splitting it again, and
# remembers its answers. Only local addresses are kept, so it stays small.
_LOCAL: dict = {}


def _note_local(url: str, host: str) -> None:
    if not host:
        return
    may_be_ip = host[-1].isdigit() or host[-1] in "]."  # 10.0.0.5, [::1], or a name ending in '.'
    if may_be_ip or host.rpartition(".")[2] in _LOCAL_ENDINGS:
        kind = local_host(host)
        if kind:
            _LOCAL[url] = kind


def _url_problem(value: str, schemes=WEB_SCHEMES) -> Optional[Tuple[str, Optional[str]]]:
    if not value.strip():
        return "it is empty", None
    if value != value.strip():
        return "it has spaces at the start or end", "remove the spaces"
    if _SPACE.search(value):
        return "it contains a space or line break", "write spaces inside a URL as %20"
    if _LOCAL_FILE.match(value):  # C:\Users\ed\photo.jpg, file:///C:/..., /Users/ed/...
        return ("it is a file on the editor's computer, not a web address",
                "upload the file, and use its https:// address or a path inside the repository")
    if "\\" in value:
        if "\\/" in value:  # https:\/\/host\/path: slashes escaped as JSON escapes them
            return ("it contains backslashes before its slashes (\\/, as JSON escapes them)",
                    f"write it as {value.replace(chr(92) + '/', '/')}")
        return "it contains a backslash (\\); the parts of a URL are separated by /", f"write it as {value.replace(chr(92), '/')}"
    m = _SCHEME.match(value)
    wrapped = None if m else _WRAPPED.match(value)
    if wrapped:
        inner = wrapped.group(1)
        before, after = value[:value.find(inner[0])], value[value.rfind(inner[-1]) + 1:]
        inner = inner if _SCHEME.match(inner) else "https:" + inner if inner.startswith("//") else "https://" + inner
        if before and after:
            return f"it is wrapped in {before}…{after}", f"remove them: {inner}"
        return f"it starts with {before}", f"remove it: {inner}"
    if not m:
        missing = SCHEME_WITHOUT_COLON.match(value)
        if missing:
            return (f"the ':' after '{missing.group(1)}' is missing",
                    f"write it as {missing.group(1).lower()}://{value[missing.end():]}")
        if value.startswith("//"):
            return "it has no scheme (protocol-relative)", f"write it as https:{value}"
        if value.startswith("/") or value.startswith("."):
            return "it is a relative path, not an absolute URL", "write the full address, starting with https://"
        if re.match(r"^(www\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/|$)", value):
            return "it has no scheme", f"write it as https://{value}"
        return "it is not an absolute URL", "write the full address, starting with https://"
    scheme = m.group(1).lower()
    rest = value[m.end():]
    if scheme not in schemes:
        return f"the scheme '{scheme}:' is not allowed here", "use an https:// address"
    if _SCHEME.match(rest.lstrip("/")) and re.match(r"^/*(https?):", rest, re.I):
        return "the scheme is written twice", f"remove the extra '{m.group(0)}//'"
    again = _SCHEME_AGAIN.match(rest)
    if again:  # https://https//host, https://www.https://host: pasted over a start already typed
        second = again.group(1).rstrip(":/").lower()
        return "the scheme is written twice", f"write it as {second}://{rest[again.end():]}"
    if not rest.startswith("//"):
        return f"'{m.group(0)}' must be followed by '//'", f"write it as {scheme}://{rest.lstrip('/')}"
    if value[-1] in _CLOSING_QUOTES:  # https://example.com/story” pasted with its quotation mark
        return f"it ends with {value[-1]}, a quotation mark copied with it", f"remove it: {value.rstrip(_CLOSING_QUOTES)}"
    try:
        parts = split_url(value)
    except ValueError as exc:
        return f"it cannot be read as a URL ({exc})", None
    userinfo, at, authority = parts.netloc.rpartition("@")
    if at:  # valid syntax, but a published address must not carry a login
        login = userinfo.partition(":")[0] + (":…" if ":" in userinfo else "")  # the password is not repeated
        return "it holds a user name or password before the host", f"remove '{login}@'"
    port = authority.rpartition("]")[2].rpartition(":")[2] if ":" in authority.rpartition("]")[2] else ""
    if port and not (port.isascii() and port.isdigit()):
        return f"the port '{port}' is not a number", "remove it, or write a number such as :8080"
    if port and not 1 <= int(port) <= 65535:
        return f"the port {port} is out of range (1 to 65535)", "remove it, or correct it"
    host = authority
    if host.startswith("["):
        host = host[:host.find("]") + 1] if "]" in host else host
    else:
        host = host.rpartition(":")[0] if ":" in host else host
    problem = host_problem(host)
    if problem:
        return problem, None
    mixed = mixed_scripts(host)
    if mixed:
        problem, latin = mixed
        return problem, latin and f"retype the host in Latin letters: {value.replace(host, latin, 1)}"
    problem = iri_problem(value)
    if problem:
        return problem, None
    return None


@register
class InvalidUrl(Rule):
    """A web address that is not a valid absolute http(s) URL.

    ## What it does
    Checks every value the schema marks `format: uri` (or `iri`): it must be an absolute URL
    with the scheme `http` or `https`, a valid host (internationalised names allowed) ending in
    one of the DNS root zone's top-level domains (`.con` is named as a mistyped `.com`), and no
    spaces. `javascript:`, `data:`, `ftp:`, relative paths, doubled schemes and addresses pasted
    with their quotation marks (`“https://…”`) or angle brackets are errors. The message names
    the part that is wrong.

    ## Why is this bad?
    Broken links send readers to error pages; `javascript:` and `data:` links are a security
    risk on any page that renders them.

    ## Example
    ```yaml
    webUrl: "https://https://www.example.com/news/story"
    ```
    Use instead: `webUrl: "https://www.example.com/news/story"`.
    """

    code = "URL001"
    name = "invalid-url"
    supersedes = ("IMG005", "IMG006")  # an image path that is no URL is no repository path (safe or found) either

    def check(self, ctx):
        schemes = tuple(ctx.options.url_schemes)
        for path, fmt, value in ctx.fields_with_format(URL_FORMATS):
            if (fmt.endswith("-reference") and not _SCHEME.match(value) and not SCHEME_WITHOUT_COLON.match(value)
                    and not _WRAPPED.match(value)):
                continue  # a relative reference is allowed by the schema here (https//... and <https://...> are none)
            found = url_problem(value) if schemes == WEB_SCHEMES else url_problem(value, schemes)
            if found:
                problem, hint = found
                yield ctx.diag(self, f"{format_path(path)} is not a valid URL: {problem}",
                               ctx.value_span(path), field=path, hint=hint)


@register
class InsecureUrl(Rule):
    """A web address with plain `http:` where `https:` is expected.

    ## What it does
    Reports URLs (schema `format: uri`) that use `http://`.

    ## Why is this bad?
    Browsers warn about or block insecure links and images on https pages (mixed content).

    ## Example
    ```yaml
    webUrl: "http://www.example.com/news/story"
    ```
    Use instead: `https://www.example.com/news/story`.
    """

    code = "URL002"
    name = "insecure-url"
    severity = Severity.WARNING

    def check(self, ctx):
        if not ctx.options.https_only:
            return
        for path, _fmt, value in ctx.fields_with_format(URL_FORMATS):
            if value[:7].lower() == "http://" and url_problem(value) is None:
                yield ctx.diag(self, f"{format_path(path)} uses http:// instead of https://",
                               ctx.value_span(path), field=path, hint="https://" + value[7:])


@register
class InvalidDomain(Rule):
    """A domain that is not a valid host name.

    ## What it does
    Checks every value the schema marks `format: hostname` (or `idn-hostname`), such as
    `provider.domain`: letters, digits and inner hyphens in dot-separated parts, or a valid
    internationalised name, ending in a top-level domain of the DNS root zone. A URL where a
    bare domain belongs is named as such.

    ## Why is this bad?
    The domain is used to group and attribute articles; a malformed one matches nothing.

    ## Example
    ```yaml
    provider:
      domain: "https://www.news-medical.net/"
    ```
    Use instead: `domain: news-medical.net`.
    """

    code = "URL003"
    name = "invalid-domain"

    def check(self, ctx):
        for path, fmt, value in ctx.fields_with_format(HOST_FORMATS):
            hint = None
            if "://" in value or "/" in value:
                problem = "it is a URL, not a bare domain"
                host = url_host(value if "://" in value else "//" + value) or ""
                hint = f"write only the domain: {host}" if host else None
            elif fmt == "hostname" and not value.isascii():
                problem = idn_hostname_problem(value)
            else:
                problem = hostname_problem(value) if fmt == "hostname" else idn_hostname_problem(value)
            if not problem:
                problem = ending_problem(value.rstrip("."))
            if not problem and not value.isascii():
                problem, latin = mixed_scripts(value) or (None, None)
                hint = latin and f"retype it in Latin letters: {latin}"
            if problem:
                yield ctx.diag(self, f"{format_path(path)} is not a valid domain: {problem}",
                               ctx.value_span(path), field=path, hint=hint)


def registrable(host: str) -> str:
    """The registrable part of a host name (``www.bbc.co.uk`` -> ``bbc.co.uk``), by heuristic."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _GENERIC_SLD:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


_ON_PROVIDER = ("webUrl", "ampWebUrl")  # the addresses of an item that are on its provider's site


def _host(url: Any) -> Optional[str]:
    if not isinstance(url, str) or url_problem(url) is not None:
        return None
    return url_host(url)


@register
class UrlDomainMismatch(Rule):
    """`webUrl` or `ampWebUrl` is not on the provider's domain.

    ## What it does
    Checks that the host of `webUrl` (and of `ampWebUrl`) belongs to `provider.domain` (the
    same registrable domain: `www.news-medical.net` belongs to `news-medical.net`), for the
    article and for each related item. Where the domain is the odd one out (the provider's
    name is the addresses' site, or two of them, `originalUrl` too, agree), the finding is at
    `provider.domain`, once.

    ## Why is this bad?
    A mismatch means the article is attributed to the wrong publisher, or the URL was pasted
    from another article.

    ## Example
    ```yaml
    webUrl: "https://www.technologynetworks.com/tn/news/story"
    provider:
      domain: news-medical.net
    ```
    """

    code = "URL004"
    name = "url-domain-mismatch"

    def check(self, ctx):
        for path, mapping in ctx.mappings:
            provider = mapping.get("provider")
            if not isinstance(provider, dict):
                continue
            domain = provider.get("domain")
            off = [(key, host) for key in _ON_PROVIDER if key in mapping
                   for host in [_off_domain(mapping.get(key), domain)] if host]
            if not off:
                continue
            # the domain can be the odd one out only when all the item's addresses are off it, on one site
            alike = len(off) == sum(k in mapping for k in _ON_PROVIDER) and len({registrable(h) for _k, h in off}) == 1
            odd = _domain_is_odd(mapping, provider, off[0][1]) if alike else None
            if odd:
                yield self._at_domain(ctx, path, domain, odd, off[0][1])
                continue
            for key, host in off:
                field = path + (key,)
                if _is_ip(host):  # an address has no registrable domain to suggest
                    hint = "use the address on the provider's domain name, not an IP address"
                elif key != "webUrl":
                    hint = "check the URL: an article's AMP page is on its publisher's site"
                else:
                    hint = f"check the URL, or set {format_path(path + ('provider', 'domain'))} to {registrable(host)}"
                yield ctx.diag(self, f"{format_path(field)} is on '{host}', which is not the provider's domain '{domain}'",
                               ctx.value_span(field), field=field, hint=hint)

    def _at_domain(self, ctx, path, domain, keys, host):
        """The one finding, at ``provider.domain``, when the domain is the odd one out."""
        field = path + ("provider", "domain")
        urls = " and ".join(format_path(path + (k,)) for k in keys)
        on = f"is on '{host}'" if len(keys) == 1 else f"are on '{registrable(host)}'"
        return ctx.diag(self, f"{format_path(field)} is '{domain}', but {urls} {on}", ctx.value_span(field), field=field,
                        hint=f"set {format_path(field)} to {registrable(host)}, or check the URL{'s' if len(keys) > 1 else ''}")


def _off_domain(url, domain) -> Optional[str]:
    """The host of ``url`` when it is not on ``domain`` (and both are valid), else ``None``."""
    host = _host(url)
    if not isinstance(domain, str) or not host:
        return None
    domain_l = domain.lower().rstrip(".")
    if host == domain_l or host.endswith("." + domain_l):
        return None
    if hostname_problem(domain.lower()) and (idn_hostname_problem(domain) or mixed_scripts(domain)):
        return None  # URL003 reports the domain itself
    if registrable(host) == registrable(domain_l):
        return None
    return host


def _domain_is_odd(mapping: dict, provider: dict, host: str) -> List[str]:
    """The keys of the item's addresses on ``host``'s site, when ``provider.domain`` rather than
    they is what is wrong (its addresses are all off it, the first on ``host``): the provider's
    name is that site's, or (a name of neither) two of them, ``originalUrl`` too, agree on the
    site. Else ``[]``."""
    if _is_ip(host):
        return []
    site = registrable(host)
    agreeing = [key for key in _ON_PROVIDER + ("originalUrl",)
                for other in [_host(mapping.get(key))] if other and registrable(other) == site]
    name = provider.get("name")
    if isinstance(name, str) and _name_fits(name, provider["domain"]):
        return []
    if isinstance(name, str) and _name_fits(name, site):
        return agreeing
    return agreeing if len(agreeing) >= 2 else []


def _name_fits(name: str, domain: str) -> bool:
    """Whether a provider's name is written in its domain (``News Medical``, news-medical.net;
    ``BBC News``, bbc.co.uk; ``Analytics``, healthitanalytics.com)."""
    squashed = "".join(c for c in name.casefold() if c.isalnum())
    label = registrable(domain).split(".")[0].replace("-", "")
    return len(squashed) >= 3 and len(label) >= 3 and (squashed in label or label in squashed)


def _is_ip(host: str) -> bool:
    return ipv4(host) is None or ipv6(host.strip("[]")) is None


def amp_cache_url(amp_url: str) -> Optional[str]:
    """The Google AMP-cache address of ``amp_url`` (``-`` doubled, ``.`` -> ``-``, under cdn.ampproject.org)."""
    parts = url_parts(amp_url)
    if parts is None:
        return None
    scheme, host = parts[0].lower(), parts[1]
    if not host or scheme not in WEB_SCHEMES:
        return None
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return None
    cache_host = ascii_host.replace("-", "--").replace(".", "-")
    secure = "s/" if scheme == "https" else ""
    rest = amp_url.split("://", 1)[1].split("/", 1)
    tail = "/" + rest[1] if len(rest) > 1 else "/"
    return f"https://{cache_host}.cdn.ampproject.org/c/{secure}{host}{tail}"


@register
class AmpCacheMismatch(Rule):
    """`cdnAmpWebUrl` is not the AMP-cache address of `ampWebUrl`.

    ## What it does
    Builds the AMP-cache form of `ampWebUrl` (the host with `-` doubled and `.` turned into
    `-`, under `cdn.ampproject.org/c/s/`, then the original host and path) and compares it with
    `cdnAmpWebUrl`.

    ## Why is this bad?
    A wrong cache address serves another page, or none, to AMP readers.

    ## Example
    ```yaml
    ampWebUrl: "https://www.news-medical.net/amp/news/story.aspx"
    cdnAmpWebUrl: "https://www-news--medical-net.cdn.ampproject.org/c/s/www.news-medical.net/amp/news/story.aspx"
    ```
    """

    code = "URL005"
    name = "amp-cache-mismatch"

    def check(self, ctx):
        for path, mapping in ctx.mappings:
            cdn = mapping.get("cdnAmpWebUrl")
            if not isinstance(cdn, str) or url_problem(cdn) is not None:
                continue
            field = path + ("cdnAmpWebUrl",)
            amp = mapping.get("ampWebUrl")
            if not isinstance(amp, str):
                yield ctx.diag(self, f"{format_path(field)} is set but ampWebUrl is missing",
                               ctx.value_span(field), field=field, hint="add ampWebUrl, or remove cdnAmpWebUrl")
                continue
            if url_problem(amp) is not None:
                continue
            expected = amp_cache_url(amp)
            if expected and cdn != expected and cdn.rstrip("/") != expected.rstrip("/"):
                yield ctx.diag(self, f"{format_path(field)} is not the AMP-cache address of ampWebUrl",
                               ctx.value_span(field), field=field, hint=f"expected {expected}")


@register
class OriginalUrlMismatch(Rule):
    """`originalUrl` and `webUrl` point at different pages.

    ## What it does
    Compares `originalUrl` with `webUrl`, ignoring `http`/`https`, `www.`, a trailing slash,
    the part after `#` and tracking parameters (`utm_source`, `fbclid`, ...).

    ## Why is this bad?
    Usually one of the two was pasted from another article. Syndicated articles can differ on
    purpose, so this is a warning.

    ## Example
    ```yaml
    originalUrl: "https://example.com/news/one-story"
    webUrl: "https://example.com/news/another-story"
    ```
    """

    code = "URL006"
    name = "original-url-mismatch"
    severity = Severity.WARNING

    def check(self, ctx):
        for path, mapping in ctx.mappings:
            original, web = mapping.get("originalUrl"), mapping.get("webUrl")
            if not isinstance(original, str) or not isinstance(web, str) or original == web:
                continue
            if url_problem(original) is not None or url_problem(web) is not None:
                continue
            if same_page(original) != same_page(web):
                field = path + ("originalUrl",)
                yield ctx.diag(self, f"{format_path(field)} differs from webUrl",
                               ctx.value_span(field), field=field, hint=f"webUrl is {web}")


@register
class LocalUrl(Rule):
    """A web address on this computer, a private network or a reserved domain.

    ## What it does
    Checks the host of every valid URL (schema `format: uri`): `localhost`, loopback and
    private IP addresses (`127.0.0.1`, `192.168.1.20`, `10.0.0.5`, `[::1]`), and names under
    endings that no public site has (`.local`, `.test`, `.invalid`, `.internal`, `.lan`, ...).

    ## Why is this bad?
    The address worked on the editor's machine or the office network and nowhere else:
    readers get an error, and images do not load.

    ## Example
    ```yaml
    images:
      - url: "http://localhost:8080/uploads/storm-640x360.jpg"
    ```
    """

    code = "URL007"
    name = "local-url"
    supersedes = ("URL002", "URL004")  # http://localhost, not on the provider's domain either: one finding

    def check(self, ctx):
        for path, _fmt, value in ctx.fields_with_format(URL_FORMATS):
            if url_problem(value) is not None:
                continue  # URL001 reports it
            kind = _LOCAL.get(value)
            if kind:
                host = url_host(value)
                yield ctx.diag(self, f"{format_path(path)} is on '{host}' ({kind}): readers cannot reach it",
                               ctx.value_span(path), field=path,
                               hint="use the public address of the page or image")


@register
class DuplicateRelatedUrl(Rule):
    """A related item that is the article itself, or repeats another related item.

    ## What it does
    Compares the `webUrl` of each item in `related` with the article's own `webUrl` and with
    the items before it, as the same page (ignoring `http`/`https`, `www.`, a trailing slash,
    the part after `#` and tracking parameters).

    ## Why is this bad?
    Readers are offered the page they are reading, or the same story twice: usually a URL
    was pasted into the wrong item.

    ## Example
    ```yaml
    webUrl: "https://www.news-medical.net/news/story.aspx"
    related:
      - title: "The same story"
        webUrl: "https://news-medical.net/news/story.aspx?utm_source=feed"
    ```
    """

    code = "URL008"
    name = "duplicate-related-url"
    severity = Severity.WARNING

    def check(self, ctx):
        data = ctx.data
        related = data.get("related")
        if not isinstance(related, list) or not related:
            return
        own = data.get("webUrl")
        seen = {}
        if isinstance(own, str) and url_problem(own) is None:
            seen[same_page(own)] = None  # the article itself
        for i, item in enumerate(related):
            url = item.get("webUrl") if isinstance(item, dict) else None
            if not isinstance(url, str) or url_problem(url) is not None:
                continue
            key = same_page(url)
            if key is None:
                continue
            if key in seen:
                first = seen[key]
                field = ("related", i, "webUrl")
                if first is None:
                    message, hint = f"{format_path(field)} is the article itself", "link another article, or remove the item"
                else:
                    message = f"{format_path(field)} is the same page as related[{first}].webUrl"
                    hint = "remove one of the two"
                yield ctx.diag(self, message, ctx.value_span(field), field=field, hint=hint)
            else:
                seen[key] = i
