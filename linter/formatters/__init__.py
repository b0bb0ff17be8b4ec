"""Output formats. Every formatter has the same lifecycle: ``start()``, ``file(result)`` for
each file in path order, ``end(summary)``. All escaping of file content lives here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import IO, Optional, Type

# Characters never written raw: C0/C1 controls (tab too), DEL, bidi embedding/override/isolate
# controls, line/paragraph separators, lone surrogates, BOM and other invisible format chars,
# and the tag characters, which spell hidden ASCII text.
_UNSAFE_RANGES = ((0x00, 0x1F), (0x7F, 0x9F), (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x2069),
                  (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0xD800, 0xDFFF), (0xE0000, 0xE007F))
_UNSAFE = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in _UNSAFE_RANGES) + "]")


def _escape(code: int) -> str:
    if code == 0x0A:
        return "\\n"
    if code == 0x0D:
        return "\\r"
    if code == 0x09:
        return "\\t"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


# the escape of every character _UNSAFE matches, for str.translate (a value can hold
# thousands of them, and each diagnostic prints its line)
_ESCAPES = {code: _escape(code) for a, b in _UNSAFE_RANGES for code in range(a, b + 1)}


def inert(text: str) -> str:
    """``text`` with every control or invisible character shown as a visible escape."""
    if not _UNSAFE.search(text):
        return text
    return text.translate(_ESCAPES)


@dataclass
class Summary:
    files: int
    errors: int
    warnings: int
    infos: int
    files_with_findings: int
    fixed: int = 0


class Formatter:
    name = ""

    def __init__(self, out: IO[str], err: IO[str], *, color: bool = False, schema_id: str = ""):
        self.out = out
        self.err = err
        self.color = color
        self.schema_id = schema_id

    def start(self) -> None:
        pass

    def file(self, result) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def end(self, summary: Summary) -> None:
        pass


class Tee:
    """Several formatters fed the same results (the report, and the GitHub step summary)."""

    def __init__(self, *formatters, closing=None):
        self.formatters = formatters
        self.closing = closing

    @property
    def err(self):
        return self.formatters[0].err

    @err.setter
    def err(self, value):
        self.formatters[0].err = value

    def start(self) -> None:
        for f in self.formatters:
            f.start()

    def file(self, result) -> None:
        for f in self.formatters:
            f.file(result)

    def end(self, summary) -> None:
        for f in self.formatters:
            f.end(summary)
        if self.closing is not None:
            self.closing.close()


def summary_line(summary: Summary) -> str:
    def plural(n, word):
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not (summary.errors or summary.warnings or summary.infos):
        text = f"No problems found in {plural(summary.files, 'file')}."
    else:
        parts = [plural(summary.errors, "error"), plural(summary.warnings, "warning")]
        if summary.infos:
            parts.append(plural(summary.infos, "note"))
        text = f"{', '.join(parts)} in {summary.files_with_findings} of {plural(summary.files, 'file')}."
    if summary.fixed:
        text += f" Fixed {plural(summary.fixed, 'file')}."
    return text


def rule_name(code: str) -> Optional[str]:
    """The name of the rule with ``code``, or ``None``, from :mod:`linter.rule_names`: naming
    a finding does not import the rules."""
    from ..rule_names import NAMES

    return NAMES.get(code)


_CLASSES = {"text": ("text", "TextFormatter"), "github": ("github", "GithubFormatter"),
            "json": ("json_format", "JsonFormatter"), "sarif": ("sarif", "SarifFormatter"),
            "junit": ("junit", "JunitFormatter"), "gitlab": ("gitlab", "GitlabFormatter")}


def get_formatter(name: str) -> Type[Formatter]:
    """The formatter class for ``name``; only its module is imported."""
    import importlib

    module, cls = _CLASSES[name]
    return getattr(importlib.import_module(f"{__name__}.{module}"), cls)


FORMATS = ("text", "github", "json", "sarif", "junit", "gitlab")
