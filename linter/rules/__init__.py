"""The rule registry, the rule base class and the context every rule reads.

A rule is a small class: ``code``, ``name``, a default ``severity``, its docs as the class
docstring (a one-line summary, then "What it does", "Why is this bad?", "Example"), and
``check(ctx)``, which yields diagnostics and does nothing else. The engine, not the rule,
decides the final severity and which rules run.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Tuple

from ..diagnostics import Diagnostic, Fix, Severity, Span
from ..document import Document
from ..frontmatter import Split
from ..options import Options  # noqa: F401  (where rules and tests have always found it)
from ..schema import Annotations
from ..source import Source

FAMILIES = {
    "FM": "Front matter and YAML",
    "SC": "Schema",
    "URL": "URLs",
    "DT": "Dates",
    "ENC": "Encoding damage",
    "IMG": "Images",
    "XF": "Across files",
}

# Rules run in two phases: ``source`` rules read the file itself and always run;
# ``data`` rules need front matter that parsed into a mapping.
SOURCE, DATA = "source", "data"


class Rule:
    code: str = ""
    name: str = ""
    severity: Severity = Severity.ERROR
    phase: str = DATA
    fixable: bool = False
    aliases: Tuple[str, ...] = ()
    # the name of a Context property that is false when this rule can find nothing (rules that
    # share it are skipped together, the property read once)
    only_if: Optional[str] = None
    # codes whose findings this rule's finding makes redundant when its span holds theirs
    # (a control character inside a mojibake run that the mojibake fix replaces whole)
    supersedes: Tuple[str, ...] = ()

    @classmethod
    def docs(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.docs().splitlines()[0] if cls.docs() else ""

    @classmethod
    def family(cls) -> str:
        return cls.code.rstrip("0123456789")

    def check(self, ctx: "Context") -> Iterable[Diagnostic]:  # pragma: no cover - abstract
        raise NotImplementedError


REGISTRY: Dict[str, Rule] = {}
_MODULES = ("frontmatter", "schema", "url", "dates", "encoding", "images", "crossfile")
_ORDERED: List[Rule] = []  # every rule in family order, once the rule modules are imported


def double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted value, for hints that give a line to paste."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def register(cls):
    rule = cls()
    if rule.code in REGISTRY:
        raise RuntimeError(f"duplicate rule code {rule.code}")
    REGISTRY[rule.code] = rule
    return cls


def all_rules() -> List[Rule]:
    if not _ORDERED:
        for name in _MODULES:
            importlib.import_module(f"{__name__}.{name}")
        _ORDERED.extend(REGISTRY[c] for c in sorted(REGISTRY, key=_code_key))
    return list(_ORDERED)


def _code_key(code: str):
    fam = code.rstrip("0123456789")
    order = list(FAMILIES).index(fam) if fam in FAMILIES else 99
    return (order, code)


def get(code: str) -> Optional[Rule]:
    """A rule by code (any case), name or alias. Called per diagnostic: no sorting here."""
    if not _ORDERED:
        all_rules()
    found = REGISTRY.get(code) or REGISTRY.get(code.upper())
    if found is not None:
        return found
    for rule in REGISTRY.values():
        if code == rule.name or code in rule.aliases:
            return rule
    return None


_NOTHING = Annotations({}, [], [], [])


class cached_property:  # noqa: N801  (used as functools.cached_property is)
    """``functools.cached_property`` without its lock: Python 3.11's takes one lock shared by
    every instance, about 3 us a first access, and each file's Context has six of them. A
    Context belongs to one thread. The value is stored in the instance, so later reads do
    not reach this descriptor at all."""

    def __init__(self, func):
        self.func = func
        self.attrname = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        self.attrname = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.attrname] = self.func(instance)
        return value


@dataclass
class Context:
    """Everything a rule may read about one file. Expensive facts are computed once, lazily."""

    source: Source
    split: Optional[Split]
    document: Optional[Document]
    schema: Any  # CompiledSchema
    options: Options = field(default_factory=Options)
    file_path: str = ""  # where the file is on disk; source.path is the name shown
    read_other_files: bool = False  # set by a rule that read another file (results not cacheable)
    expires: Optional[float] = None  # set by a rule whose finding holds only until then (epoch seconds)

    def holds_until(self, moment: float) -> None:
        """Record that a finding depends on the real clock and stops holding at ``moment``."""
        self.expires = moment if self.expires is None else min(self.expires, moment)

    @property
    def data(self) -> Any:
        return self.document.data if self.document is not None else None

    @cached_property
    def _annotations(self):
        if self.document is None or not self.document.ok:
            return _NOTHING
        return self.schema.annotate(self.document.data)

    @property
    def formats(self) -> Dict[Tuple[Any, ...], str]:
        """``{path: format}`` for each string the schema gives a ``format``."""
        return self._annotations.formats

    @property
    def mappings(self) -> List[Tuple[Tuple[Any, ...], dict]]:
        """Every mapping in the data with its path (the root first)."""
        return self._annotations.mappings

    @cached_property
    def images(self) -> List[Tuple[Tuple[Any, ...], dict]]:
        """Mappings that are images: with ``width`` or ``height``, or described as images."""
        described = set(self._annotations.images)
        return [(p, m) for p, m in self.mappings if "width" in m or "height" in m or p in described]

    @cached_property
    def odd_characters(self) -> bool:
        """Whether the file's text holds any control or invisible character (one scan)."""
        from .encoding import has_odd_characters

        return has_odd_characters(self.source.text)

    @cached_property
    def escaped_strings(self) -> List[Tuple[Tuple[Any, ...], str, str]]:
        """``(path, value, source text of the value)`` for each string value written with a
        backslash: characters written as YAML escapes are in a value but not in the file's
        text, where the encoding checks look. Found once a file, for the four checks that ask;
        most front matter holds no backslash, and then nothing is walked."""
        fm = self.split.front_matter if self.split is not None else None
        doc = self.document
        text = self.source.text
        if fm is None or doc is None or not doc.ok or text.find("\\", fm.start, fm.end) < 0:
            return []
        found = []
        for path, value in doc.strings():
            loc = doc.loc(path)
            raw = text[loc.start:loc.end] if loc else ""
            if "\\" in raw:
                found.append((path, value, raw))
        return found

    @cached_property
    def structure_problems(self) -> bool:
        """Whether the fences or the YAML had any problem, or the front matter is not a mapping."""
        if self.split is not None and self.split.problem is not None:
            return True
        doc = self.document
        return doc is not None and (bool(doc.problems) or (doc.ok and not isinstance(doc.data, dict)))

    @cached_property
    def schema_errors(self) -> List[Diagnostic]:
        from .schema import map_errors

        return list(map_errors(self))

    def value_span(self, path) -> Span:
        loc = self.document.loc(path) if self.document is not None else None
        if loc is None:
            return self.fence_span()
        return self.source.span(loc.start, loc.end)

    def key_span(self, path) -> Span:
        loc = self.document.loc(path) if self.document is not None else None
        if loc is None:
            return self.fence_span()
        if loc.key_start is None:
            return self.source.span(loc.start, loc.end)
        return self.source.span(loc.key_start, loc.key_end)

    def fence_span(self) -> Span:
        return self.source.span(0, min(3, len(self.source.text)))

    def fields_with_format(self, formats) -> List[Tuple[Tuple[Any, ...], str, str]]:
        """``(path, format, text)`` for each string the schema gives one of ``formats``, in
        document order. Several rules ask with the same set (the URL or the date formats):
        the list is made once per set and file."""
        memo = self._by_formats
        found = memo.get(id(formats))
        if found is None or found[0] is not formats:
            found = memo[id(formats)] = (formats, [f for f in self._annotations.fields if f[1] in formats])
        return found[1]

    @cached_property
    def _by_formats(self) -> Dict[int, Tuple[Any, list]]:
        return {}

    def field_at(self, offset: int) -> Optional[Tuple[Any, ...]]:
        """The innermost field whose value (or key) holds the character at ``offset``."""
        if self.document is None:
            return None
        best = None
        best_size = None
        for path, loc in self.document.index.items():
            for start, end in ((loc.start, loc.end), (loc.key_start, loc.key_end)):
                if start is not None and start <= offset < end and (best_size is None or end - start < best_size):
                    best, best_size = path, end - start
        return best

    def in_front_matter(self, offset: int) -> bool:
        fm = self.split.front_matter if self.split is not None else None
        return fm is not None and fm.start <= offset < fm.end

    def document_value(self, path) -> Any:
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def diag(self, rule: Rule, message: str, span: Span, *, field: Optional[Tuple] = None,
             hint: Optional[str] = None, fix: Optional[Fix] = None) -> Diagnostic:
        return Diagnostic(rule.code, message, span, rule.severity, field, hint, fix)
