"""Readable text: ``path:line:col: CODE message``, the source line and a caret under the span."""

from __future__ import annotations

import re
import unicodedata

from . import Formatter, inert, rule_name, summary_line

_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


_NON_ASCII = re.compile("[^\x00-\x7f]")


def _width(text: str) -> int:
    """Terminal columns of ``text``: wide characters take two, combining marks none. Only the
    non-ASCII characters are looked at (a line can be thousands of characters long)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 if unicodedata.east_asian_width(c) in "WF" else -1 if unicodedata.combining(c) else 0
                           for c in _NON_ASCII.findall(text))


class TextFormatter(Formatter):
    name = "text"

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def file(self, result) -> None:
        if not result.diagnostics:
            return
        for d in result.diagnostics:
            start = d.span.start
            head = f"{inert(result.path)}:{start.line}:{start.column}:"
            code = self._c(_COLORS.get(d.severity.value, ""), d.code)
            level = "" if d.severity.value == "error" else f" [{d.severity.value}]"
            self.out.write(f"{self._c(_BOLD, head)} {code}{level} {inert(d.message)}\n")
            if d.span.start.line in result.lines:
                self._excerpt(result.lines[d.span.start.line], d)
            if d.hint:
                self.out.write(f"   {self._c(_DIM, '= hint:')} {inert(d.hint)}\n")
            if d.fix is not None and rule_name(d.code) is not None:
                self.out.write(f"   {self._c(_DIM, '= fix:')} {inert(d.fix.title)} (run with --fix)\n")
        self.out.write("\n")

    def _excerpt(self, line: str, d) -> None:
        line_no = d.span.start.line
        if len(line) > 400:  # show a window around the column on very long lines
            begin = max(0, d.span.start.column - 100)
            shown_prefix = "…" if begin else ""
            line_part = line[begin:begin + 300]
            caret_col = d.span.start.column - 1 - begin
            prefix = shown_prefix + line_part
            offset = len(shown_prefix)
        else:
            prefix, caret_col, offset = line, d.span.start.column - 1, 0
        shown = inert(prefix)
        before = inert(prefix[:offset + caret_col])
        if d.span.single_line:
            length = max(1, d.span.end.column - d.span.start.column)
        else:
            length = max(1, len(line) - d.span.start.column + 1)
        marked = inert(prefix[offset + caret_col: offset + caret_col + length]) or " "
        gutter = f"{line_no:>4} | "
        self.out.write(f"{self._c(_DIM, gutter)}{shown}\n")
        pad = " " * _width(before)
        carets = "^" * max(1, min(_width(marked), 200))
        self.out.write(f"{self._c(_DIM, ' ' * (len(gutter) - 2) + '| ')}{pad}{self._c(_COLORS.get(d.severity.value, ''), carets)}\n")

    def end(self, summary) -> None:
        self.err.write(summary_line(summary) + "\n")
