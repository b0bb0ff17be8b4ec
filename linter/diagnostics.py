"""The value types every stage shares: positions, spans, diagnostics, fixes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Tuple

FieldPath = Tuple[Any, ...]


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column; columns count code points."""

    line: int
    column: int


@dataclass(frozen=True, order=True)
class Span:
    start: Position
    end: Position

    @property
    def single_line(self) -> bool:
        return self.start.line == self.end.line


BOM_OFFSET = -1  # Edit(BOM_OFFSET, 0, "") removes the byte-order mark that precedes the text


@dataclass(frozen=True)
class Edit:
    """Replace characters ``start:end`` (offsets in the decoded text) with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: Tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    span: Span
    severity: Severity = Severity.ERROR
    field: Optional[FieldPath] = None
    hint: Optional[str] = None
    fix: Optional[Fix] = None

    @property
    def field_name(self) -> Optional[str]:
        return format_path(self.field) if self.field is not None else None

    def sort_key(self):
        return (self.span.start.line, self.span.start.column, self.code, self.message)


@dataclass
class FileResult:
    path: str
    diagnostics: list = field(default_factory=list)
    lines: Dict[int, str] = field(default_factory=dict)  # the source lines diagnostics point at
    fixed: bool = False
    depends_on_files: bool = False  # a check read another file (an image): not cacheable
    facts: Optional[str] = None  # compact facts for the checks across files
    expires: Optional[float] = None  # when a clock-dependent finding stops holding (epoch seconds)
    from_cache: bool = field(default=False, compare=False)  # answered from the cache index unread


def format_path(path: FieldPath) -> str:
    """``("images", 0, "width")`` -> ``images[0].width``; the root is ``(front matter)``."""
    out = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            text = str(part)
            if text and all(c.isalnum() or c in "_-$@" for c in text):
                out.append(("." if out else "") + text)
            else:
                out.append(f"[{text!r}]")
    return "".join(out) or "(front matter)"
