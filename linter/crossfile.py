"""Checks across files (XF): duplicate articles, and related items that misname an article.

Per-file work stays independent (and parallel): each file's result carries a few compact
facts (hashes of its normalised webUrl, its title and date, and its related items), which are
cached with it. After all files, this step compares the facts, and reads again only the files
it reports on, to say where.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable, Dict, List, Optional, Tuple

from .diagnostics import Diagnostic, FileResult, Severity, Span

def normalise_url(url: str) -> Optional[str]:
    """:func:`linter.formats.same_page`, imported on first use (the cached path never needs it)."""
    return _formats().same_page(url)


def _formats():
    """:mod:`linter.formats`, imported on first use (the cached path never needs it)."""
    global _FORMATS
    if _FORMATS is None:
        from . import formats

        _FORMATS = formats
    return _FORMATS


_FORMATS = None


def _h(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _norm_title(text: str) -> str:
    return " ".join(text.split()).casefold()


def facts(ctx) -> Optional[str]:
    """The compact facts of one document, as one short string (they are kept for every file of
    a run and cached with it): ``;``-separated records ``u,hash`` (webUrl), ``h,hash`` (title),
    ``t,hash`` (title and date) and ``r,index,url hash,title hash`` (related). They hold no
    places: the few that are reported are located then, so that a clean file never needs the
    positions of its values."""
    data = ctx.data
    if not isinstance(data, dict):
        return None
    out = []
    url = data.get("webUrl")
    norm = normalise_url(url) if isinstance(url, str) else None
    if norm:
        out.append(f"u,{_h(norm)}")
    title, date = data.get("title"), data.get("publishedDateTime")
    if isinstance(title, str) and title.strip():
        norm_title = _norm_title(title)
        out.append(f"h,{_h(norm_title)}")
        if isinstance(date, str):
            out.append(f"t,{_h(norm_title + chr(0) + date.strip())}")
    related_items = data.get("related")
    for i, item in enumerate(related_items if isinstance(related_items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("webUrl"), str) and isinstance(item.get("title"), str):
            rnorm = normalise_url(item["webUrl"])
            if rnorm:
                out.append(f"r,{i},{_h(rnorm)},{_h(_norm_title(item['title']))}")
    return ";".join(out) or None


Locate = Callable[[str, Tuple[Any, ...]], Optional[Span]]
NAMED = 5  # the other files of a group that a finding names; the rest are counted


class Collector:
    """The facts of every file of a run, grouped as each result arrives (while the workers
    are still busy, rather than all at the end); :meth:`findings` then compares them."""

    def __init__(self):
        # each entry carries the file's place in the order files were taken (``seq``): facts
        # grouped later (see :meth:`add`) must give the same groups as facts grouped at once
        self.by_url: Dict[str, List[Tuple[int, str]]] = {}
        self.by_title: Dict[str, List[Tuple[int, str]]] = {}
        self.titles_by_url: Dict[str, Tuple[int, str, str]] = {}  # the first file with the URL
        self.related: List[Tuple[int, str, str]] = []
        self._digest = hashlib.blake2b(digest_size=20)  # of every (path, facts), in order
        self.count = 0
        self._later: List[Tuple[int, str, str]] = []  # (seq, path, facts) taken but not yet grouped

    def add(self, path: str, text: str, later: bool = False) -> None:
        """Take the facts of one file (``facts()`` of its document). With ``later`` (a file
        answered from the cache) they are grouped only if :meth:`findings` is called: when
        every file's facts are as last time, the findings come from the cache and the groups
        are never needed. Facts of files checked now are grouped at once, while the workers
        are busy."""
        if not isinstance(text, str):
            return
        self.count += 1
        self._digest.update(f"{path}\1{text}\0".encode("utf-8", "surrogatepass"))
        if later:
            self._later.append((self.count, path, text))
        else:
            self._group(self.count, path, text)

    def _group(self, seq: int, path: str, text: str) -> None:
        own_url = own_title = None
        for record in text.split(";"):
            kind = record[:2]
            if kind == "r,":
                self.related.append((seq, path, record))
            elif kind == "u,":
                own_url = record[2:]
                self.by_url.setdefault(own_url, []).append((seq, path))
            elif kind == "h,":
                own_title = record[2:]
            elif kind == "t,":
                self.by_title.setdefault(record[2:], []).append((seq, path))
        if own_url and own_title:
            first = self.titles_by_url.get(own_url)
            if first is None or seq < first[0]:
                self.titles_by_url[own_url] = (seq, path, own_title)

    def digest(self) -> str:
        """What the comparison depends on: every file's facts, in the order they came."""
        return self._digest.hexdigest()

    def findings(self, enabled, locate: Locate) -> Dict[str, List[Diagnostic]]:
        """XF diagnostics by path. Only hashes are compared; ``locate(path, field)`` gives the
        place of each field that is reported (the file is read again for it), or ``None``
        when it cannot be found any more."""
        for seq, path, text in self._later:
            self._group(seq, path, text)
        self._later.clear()
        out: Dict[str, List[Diagnostic]] = {}

        def report(groups, code, what, field, hint):
            for group in groups.values():
                if len(group) < 2:
                    continue
                spans = [(p, s) for _seq, p in sorted(group) for s in (locate(p, field),) if s is not None]
                others = len(spans) - 1
                if not others:
                    continue  # the others can no longer be found
                # a few of the others by name: a template copied into a thousand articles
                # must not print a thousand names in each of a thousand messages
                named = [f"{p}:{s.start.line}" for p, s in spans[:NAMED + 1]]
                head = "another article has" if others == 1 else f"{others} other articles have"
                for k, (path, span) in enumerate(spans):
                    shown = [n for j, n in enumerate(named) if j != k][:NAMED]
                    listed = ", ".join(shown) + (f" and {others - len(shown)} more" if others > len(shown) else "")
                    out.setdefault(path, []).append(Diagnostic(code, f"{head} the same {what}: {listed}",
                                                               span, Severity.ERROR, field, hint))

        if enabled("XF001"):
            report(self.by_url, "XF001", "webUrl", ("webUrl",),
                   "an article is published once; remove the copy or correct its URL")
        if enabled("XF002"):
            report(self.by_title, "XF002", "title and date", ("title",), "remove the duplicate, or tell the two apart")
        if enabled("XF003"):
            for _seq, path, record in sorted(self.related):
                parts = record.split(",")
                if len(parts) != 4 or not parts[1].isdigit():
                    continue
                target = self.titles_by_url.get(parts[2])
                target = target[1:] if target else None
                if target and target[0] != path and target[1] != parts[3]:
                    i = int(parts[1])
                    field = ("related", i, "title")
                    span = locate(path, field)
                    if span is not None:
                        out.setdefault(path, []).append(Diagnostic(
                            "XF003", f"related[{i}].title differs from the title of {target[0]}, which has this webUrl",
                            span, Severity.WARNING, field, f"copy the title from {target[0]}"))
        return out


def results(diags_by_path: Dict[str, List[Diagnostic]]) -> List[FileResult]:
    return [FileResult(path, sorted(diags, key=Diagnostic.sort_key)) for path, diags in sorted(diags_by_path.items())]
