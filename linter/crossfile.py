"""Checks across files (XF): duplicate articles, and related items that misname an article.

Per-file work stays independent (and parallel): each file's result carries a few compact
facts (hashes of its normalised webUrl, its title and date, and its related items, with the
places to report), which are cached with it. After all files, this step compares the facts.
"""

from __future__ import annotations

import hashlib
from typing import Dict, Iterable, List, Optional, Tuple
from urllib.parse import parse_qsl, urlencode, urlsplit

from .diagnostics import Diagnostic, FileResult, Position, Severity, Span

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref_src")


def normalise_url(url: str) -> Optional[str]:
    """``webUrl`` as a duplicate key: no scheme, no ``www.``, no trailing slash, no fragment,
    no tracking parameters, host in lower case."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not host:
        return None
    host = host[4:] if host.startswith("www.") else host
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith(_TRACKING)]
    path = parts.path.rstrip("/") or ""
    return host + path + ("?" + urlencode(sorted(query)) if query else "")


def _h(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _norm_title(text: str) -> str:
    return " ".join(text.split()).casefold()


def facts(ctx) -> Optional[str]:
    """The compact facts of one document, as one short string (they are kept for every file of
    a run and cached with it): ``;``-separated records ``u,hash,place`` (webUrl), ``h,hash``
    (title), ``t,hash,place`` (title and date), ``r,index,url hash,title hash,place`` (related),
    where a place is ``line,column,end line,end column``."""
    data = ctx.data
    if not isinstance(data, dict):
        return None

    def where(path) -> str:
        span = ctx.value_span(path)
        return f"{span.start.line},{span.start.column},{span.end.line},{span.end.column}"

    out = []
    url = data.get("webUrl")
    norm = normalise_url(url) if isinstance(url, str) else None
    if norm:
        out.append(f"u,{_h(norm)},{where(('webUrl',))}")
    title, date = data.get("title"), data.get("publishedDateTime")
    if isinstance(title, str) and title.strip():
        out.append(f"h,{_h(_norm_title(title))}")
        if isinstance(date, str):
            out.append(f"t,{_h(_norm_title(title) + chr(0) + date.strip())},{where(('title',))}")
    related_items = data.get("related")
    for i, item in enumerate(related_items if isinstance(related_items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("webUrl"), str) and isinstance(item.get("title"), str):
            rnorm = normalise_url(item["webUrl"])
            if rnorm:
                out.append(f"r,{i},{_h(rnorm)},{_h(_norm_title(item['title']))},{where(('related', i, 'title'))}")
    return ";".join(out) or None


def _parse(text: str) -> dict:
    f: dict = {"r": []}
    for record in text.split(";"):
        kind, *rest = record.split(",")
        if kind in ("u", "t"):
            f[kind] = [rest[0]] + [int(x) for x in rest[1:5]]
        elif kind == "h":
            f["h"] = rest[0]
        elif kind == "r":
            f["r"].append([int(rest[0]), rest[1], rest[2]] + [int(x) for x in rest[3:7]])
    return f


def _span(w) -> Span:
    return Span(Position(w[0], w[1]), Position(w[2], w[3]))


def check(collected: Iterable[Tuple[str, dict]], enabled) -> Dict[str, List[Diagnostic]]:
    """XF diagnostics by path, from ``(path, facts)`` of every file of the run."""
    by_url: Dict[str, List[Tuple[str, list]]] = {}
    by_title: Dict[str, List[Tuple[str, list]]] = {}
    titles_by_url: Dict[str, Tuple[str, str]] = {}
    items = []
    for path, text in collected:
        try:
            items.append((path, _parse(text)))
        except (ValueError, IndexError, AttributeError):
            continue  # facts from elsewhere that do not read: compare without them
    for path, f in items:
        if "u" in f:
            by_url.setdefault(f["u"][0], []).append((path, f["u"][1:]))
            if "h" in f:
                titles_by_url.setdefault(f["u"][0], (path, f["h"]))
        if "t" in f:
            by_title.setdefault(f["t"][0], []).append((path, f["t"][1:]))
    out: Dict[str, List[Diagnostic]] = {}

    def add(path, d):
        out.setdefault(path, []).append(d)

    if enabled("XF001"):
        for group in by_url.values():
            for path, w in group if len(group) > 1 else ():
                others = ", ".join(f"{p}:{o[0]}" for p, o in group if (p, o) != (path, w))
                add(path, Diagnostic("XF001", f"another article has the same webUrl: {others}", _span(w), Severity.ERROR,
                                     ("webUrl",), "an article is published once; remove the copy or correct its URL"))
    if enabled("XF002"):
        for group in by_title.values():
            for path, w in group if len(group) > 1 else ():
                others = ", ".join(f"{p}:{o[0]}" for p, o in group if (p, o) != (path, w))
                add(path, Diagnostic("XF002", f"another article has the same title and date: {others}", _span(w),
                                     Severity.ERROR, ("title",), "remove the duplicate, or tell the two apart"))
    if enabled("XF003"):
        for path, f in items:
            for i, url_h, title_h, *w in f.get("r", ()):
                target = titles_by_url.get(url_h)
                if target and target[0] != path and target[1] != title_h:
                    add(path, Diagnostic("XF003", f"related[{i}].title differs from the title of {target[0]}, which has this webUrl",
                                         _span(w), Severity.WARNING, ("related", i, "title"),
                                         f"copy the title from {target[0]}"))
    return out


def results(diags_by_path: Dict[str, List[Diagnostic]]) -> List[FileResult]:
    return [FileResult(path, sorted(diags, key=Diagnostic.sort_key)) for path, diags in sorted(diags_by_path.items())]
