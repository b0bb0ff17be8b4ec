"""One file through the pipeline: bytes -> source -> front matter -> document -> rules.

Parse failures are values (diagnostics), never exceptions; any unexpected exception while
checking one file becomes an internal-error diagnostic for that file and the run goes on.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import replace
from typing import Iterable, List, Optional, Tuple

from . import document as document_mod
from . import crossfile, frontmatter, source, suppressions
from .config import Settings
from .diagnostics import Diagnostic, FileResult, Span
from .files import MAX_FILE_BYTES
from .rules import DATA, SOURCE, Context, all_rules, get


class Engine:
    def __init__(self, settings: Settings, schema):
        """``schema`` is a CompiledSchema, or a SchemaSource compiled on first use."""
        self.settings = settings
        self._schema = schema
        self.rules = [r for r in all_rules() if settings.enabled(r.code)]
        self.cross_file = any(r.code.startswith("XF") for r in self.rules)
        self._source_rules = _plan([r for r in self.rules if r.phase == SOURCE])
        self._data_rules = _plan([r for r in self.rules if r.phase in (SOURCE, DATA)])
        # the rules run again on front matter read without the line of its YAML error
        self._recovery_rules = _plan([r for r in self.rules if r.phase == DATA and r.code not in _NOT_RECOVERED])
        self._supersedes = {r.code: frozenset(r.supersedes) for r in self.rules if r.supersedes}

    @property
    def schema(self):
        if hasattr(self._schema, "compiled"):
            self._schema = self._schema.compiled
        return self._schema

    # -- reading ----------------------------------------------------------------------------
    def lint_path(self, path: str, display: Optional[str] = None) -> FileResult:
        display = display or path
        raw, early = self.read(path, display)
        return early if early is not None else self.lint_bytes(display, raw, path)

    def read(self, path: str, display: str) -> Tuple[bytes, Optional[FileResult]]:
        """The file's bytes, or a diagnostic result when it cannot or must not be read whole."""
        raw, early, _stat = self.read_stat(path, display)
        return raw, early

    def read_stat(self, path: str, display: str) -> Tuple[bytes, Optional[FileResult], Optional[Tuple[int, int]]]:
        """:meth:`read`, and the ``(size, mtime_ns)`` of the file as it was opened (before its
        bytes were read: a later change shows as a new mtime), or ``None``."""
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not hang us
        except OSError as exc:
            return b"", self._unreadable(display, exc), None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
                return b"", self._engine_diag(display, "FM010", f"cannot check this path: it is {kind}"), None
            if info.st_size > MAX_FILE_BYTES:
                return b"", self._engine_diag(
                    display, "FM008", f"the file is too large ({info.st_size:,} bytes, limit {MAX_FILE_BYTES:,}); it was not checked"), None
            # one read of the size fstat gave (and a byte more, to see a file that grew): a read
            # of a fixed large size allocates that much for every small file
            raw = os.read(fd, info.st_size + 1)
            if len(raw) != info.st_size:  # it changed while being read: read on to the end
                chunks = [raw]
                remaining = MAX_FILE_BYTES + 1 - len(raw)
                while remaining > 0:
                    chunk = os.read(fd, min(remaining, 1 << 20))
                    if not chunk:
                        break
                    chunks.append(chunk)
                    remaining -= len(chunk)
                raw = b"".join(chunks)
        except OSError as exc:
            return b"", self._unreadable(display, exc), None
        finally:
            os.close(fd)
        if len(raw) > MAX_FILE_BYTES:
            return b"", self._engine_diag(display, "FM008", f"the file is too large (over {MAX_FILE_BYTES:,} bytes); it was not checked"), None
        return raw, None, (info.st_size, info.st_mtime_ns)

    def _unreadable(self, display: str, exc: OSError) -> FileResult:
        reason = exc.strerror or type(exc).__name__
        return self._engine_diag(display, "FM010", f"cannot read the file: {reason}")

    def _engine_diag(self, display: str, code: str, message: str) -> FileResult:
        from .diagnostics import Position, Span

        rule = get(code)
        span = Span(Position(1, 1), Position(1, 1))
        diags = []
        if self.settings.enabled(code):
            diags.append(Diagnostic(code, message, span, self.settings.severity_of(code, rule.severity)))
        return FileResult(display, diags)

    # -- checking ---------------------------------------------------------------------------
    def lint_bytes(self, display: str, raw: bytes, path: Optional[str] = None) -> FileResult:
        try:
            ctx = self.context(display, raw, path=path)
            return self.result(ctx)
        except Exception as exc:  # a bug in a check must not take the run down
            message = f"lint-news failed on this file ({type(exc).__name__}: {str(exc)[:200]}); please report it"
            return self._engine_diag(display, "FM011", message)

    def result(self, ctx: Context, diags: Optional[List[Diagnostic]] = None) -> FileResult:
        if diags is None:
            diags = self.run_rules(ctx)
        lines = {d.span.start.line: ctx.source.line_text(d.span.start.line) for d in diags}
        found = crossfile.facts(ctx) if self.cross_file else None
        return FileResult(ctx.source.path, diags, lines, depends_on_files=ctx.read_other_files, facts=found,
                          expires=ctx.expires)

    def context(self, display: str, raw: bytes, pure: Optional[bool] = None, path: Optional[str] = None) -> Context:
        """``display`` is the name shown; ``path`` is where the file is (for relative image paths)."""
        src, split, doc = read_document(display, raw, self.settings.pure_yaml if pure is None else pure)
        return Context(src, split, doc, self.schema, self.settings.options, path or display)

    def run_rules(self, ctx: Context) -> List[Diagnostic]:
        has_data = ctx.document is not None and ctx.document.ok and isinstance(ctx.document.data, dict)
        out: List[Diagnostic] = []
        for only_if, rules in self._data_rules if has_data else self._source_rules:
            if only_if is not None and not getattr(ctx, only_if):
                continue  # none of these rules can find anything in this file
            for rule in rules:
                found = list(rule.check(ctx))
                if found:
                    out.extend(self._finish(found))
        if not has_data and ctx.document is not None and any(p.kind == "syntax" for p in ctx.document.problems):
            out.extend(self._recovered(ctx, out))
        elif ctx.split is not None and ctx.split.problem == "unclosed" and not ctx.source.binary:
            out.extend(self._recovered_unclosed(ctx))
        out = self._suppress(ctx, out)
        if len(out) > 1 and self._supersedes:  # after suppressions: one that silences the finding keeps the rest
            out = _without_superseded(out, self._supersedes)
        return sort_diagnostics(out)

    def _recovered(self, ctx: Context, found: List[Diagnostic]) -> List[Diagnostic]:
        """The findings of the data rules (URL, DT, IMG, SC...) on the other lines of front
        matter whose YAML fails on one line: that line is read otherwise (see :func:`_masked`,
        every other character in its place), and if the front matter then reads as a mapping,
        the findings on its other lines are reported too, without fixes. ``[]`` when the YAML
        error was not placed on one line, or the front matter still does not read."""
        from .rules.frontmatter import nonblank_below

        lines = {d.span.start.line for d in found if d.code == "FM003"}
        fm = ctx.split.front_matter if ctx.split is not None else None
        if len(lines) != 1 or fm is None:
            return []
        line = lines.pop()
        src = ctx.source
        below = src.line_text(nonblank_below(src, line))
        deeper_below = bool(below) and _indent(below) > _indent(src.line_text(line))
        masked = _masked(src.text, src.line_starts[line - 1], src.line_text(line), fm, deeper_below)
        if masked is None:
            return []
        return [d for d in self._recovery(ctx, replace(src, text=masked), ctx.split) if d.span.start.line != line]

    def _recovered_unclosed(self, ctx: Context) -> List[Diagnostic]:
        """The findings of the data rules on front matter never closed, read up to its last
        field before the article's first words (where FM002's hint puts the closing line)."""
        from .rules.frontmatter import probable_end

        src = ctx.source
        end = probable_end(src)
        if end is None:
            return []
        stop = src.line_starts[end[0]] if end[0] < len(src.line_starts) else len(src.text)  # after the last field's line
        fm = frontmatter.FrontMatter(src.line_starts[1], stop, stop, stop)  # (line 1 is the opening fence)
        return self._recovery(ctx, src, frontmatter.Split(fm))

    def _recovery(self, ctx: Context, src, split) -> List[Diagnostic]:
        """The findings, without fixes, of the data rules on ``src`` read with ``split``, when
        its front matter then reads as a mapping; else ``[]``."""
        doc = document_mod.load(src.text, split.front_matter, pure=self.settings.pure_yaml)
        if not doc.ok or doc.problems or not isinstance(doc.data, dict):
            return []
        rctx = Context(src, split, doc, self.schema, self.settings.options, ctx.file_path)
        out = []
        for only_if, rules in self._recovery_rules:
            if only_if is not None and not getattr(rctx, only_if):
                continue
            for rule in rules:
                out.extend(replace(d, fix=None) for d in self._finish(rule.check(rctx)))
        ctx.read_other_files |= rctx.read_other_files
        if rctx.expires is not None:
            ctx.holds_until(rctx.expires)
        return out

    def _suppress(self, ctx: Context, diags: List[Diagnostic]) -> List[Diagnostic]:
        """Drop what the front matter's suppression comments silence; report unused ones."""
        fm = ctx.split.front_matter if ctx.split is not None else None
        if fm is None:
            return diags
        found = suppressions.find(ctx.source.text, fm.start, fm.end, lambda o: ctx.source.position(o).line)
        if not found:
            return diags
        kept = [d for d in diags if d.code == "FM011" or not suppressions.silenced(d.code, d.span.start.line, found)]
        if self.settings.enabled("FM012"):
            rule = get("FM012")
            for s in found:
                # a code that names no rule running now may well be needed by another run
                if not s.used and all(any(r.code.startswith(c) for r in self.rules) for c in s.codes):
                    kind = "disable-file" if s.whole_file else "disable"
                    kept.append(Diagnostic("FM012", f"this suppression ({kind}={','.join(s.codes)}) silences nothing",
                                           ctx.source.span(s.start, s.end),
                                           self.settings.severity_of("FM012", rule.severity),
                                           hint="remove it, or correct the codes it names"))
        return kept

    def _finish(self, diags: Iterable[Diagnostic]) -> Iterable[Diagnostic]:
        for d in diags:
            if not self.settings.enabled(d.code):
                continue
            rule = get(d.code)
            severity = self.settings.severity_of(d.code, rule.severity if rule else d.severity)
            yield d if d.severity == severity else replace(d, severity=severity)


# not run on front matter read without the line of its YAML error: the field of that line would
# be missing (a required one, the height beside a width, the ampWebUrl of a cdnAmpWebUrl), and
# the structure rules read the YAML itself
_NOT_RECOVERED = frozenset({"SC001", "IMG001", "URL005", "FM004", "FM005", "FM006", "FM007", "FM009"})


# a field and its value on one line: the value is read as null in the recovery
_FIELD_VALUE = re.compile(r"""[ \t]*(?:- )?(?:[^\s:#'"][^:#]*?|"[^"\n]*"|'[^'\n]*'):[ \t]+(\S)""")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _masked(text: str, start: int, line: str, fm, deeper_below: bool) -> Optional[str]:
    """``text`` with the line at ``start`` read otherwise, every other character in its place:
    a field's value as null (``~ #`` over its first characters), or else the line as a comment
    (a ``#`` over its first character); ``None`` when the line is blank, outside the front
    matter, or a list item with lines below it (its fields would become the list's own)."""
    if not line.strip() or not fm.start <= start < fm.end:
        return None
    indentation = line[:len(line) - len(line.lstrip(" \t"))]
    m = _FIELD_VALUE.match(line) if "\t" not in indentation else None  # (a tab there: the line goes)
    if m is not None:
        at = start + m.start(1)
        width = min(3, len(line) - m.start(1))
        return text[:at] + "~ #"[:width] + text[at + width:]
    if line.lstrip(" \t").startswith("-") and deeper_below:
        return None
    at = start if "\t" in indentation else start + len(indentation)
    return text[:at] + "#" + text[at + 1:]


def _without_superseded(diags: List[Diagnostic], supersedes) -> List[Diagnostic]:
    """``diags`` without the findings that another finding's span holds and whose code its
    rule names in ``supersedes`` (``{code: codes it makes redundant}``). Each covering span is
    filed under the lines it spans, so that a file with thousands of findings (a field name
    repeated 50,000 times) costs one look per finding, not one per pair."""
    superseded = frozenset().union(*supersedes.values())
    if not any(d.code in superseded for d in diags):
        return diags
    by_line: dict = {}
    for d in diags:
        codes = supersedes.get(d.code)
        if codes:
            for line in range(d.span.start.line, d.span.end.line + 1):
                by_line.setdefault(line, []).append((d.span, codes))
    return [d for d in diags
            if d.code not in superseded
            or not any(d.code in codes and span.start <= d.span.start and d.span.end <= span.end
                       for span, codes in by_line.get(d.span.start.line, ()))]


def _plan(rules) -> List[Tuple[Optional[str], List]]:
    """``[(only_if, rules)]``: the rules that always run first, then each group that one
    Context property gates (the order of rules does not matter: diagnostics are sorted)."""
    groups: dict = {None: []}
    for rule in rules:
        groups.setdefault(rule.only_if, []).append(rule)
    return list(groups.items())


def read_document(display: str, raw: bytes, pure: bool = False):
    """File bytes -> ``(source, split, document)``; the last two are ``None`` for a binary file,
    the document also when there is no front matter."""
    src = source.decode(display, raw)
    split = doc = None
    if not src.binary:
        split = frontmatter.split(src.text)
        if split.front_matter is not None:
            doc = document_mod.load(src.text, split.front_matter, pure=pure)
    return src, split, doc


def locate_field(path: str, field) -> Optional[Span]:
    """Where ``field`` is in the file at ``path`` (read again), or ``None``: for findings that
    are made after the files were checked, from facts that hold no places."""
    from .files import read_regular

    raw = read_regular(path, MAX_FILE_BYTES)
    if raw is None:
        return None
    src, _split, doc = read_document(path, raw)
    loc = doc.loc(field) if doc is not None else None
    return None if loc is None else src.span(loc.start, loc.end)


def sort_diagnostics(diags: List[Diagnostic]) -> List[Diagnostic]:
    unique = {}
    for d in diags:
        unique.setdefault((d.code, d.span, d.message), d)
    return sorted(unique.values(), key=Diagnostic.sort_key)
