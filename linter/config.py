"""Frozen run settings: which rules run, with which severity and options."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

from .diagnostics import Severity
from .options import Options

DEFAULT_EXTENSIONS = (".md", ".markdown")


class ConfigError(Exception):
    """A setting is wrong; the message names it (a usage error, exit 2)."""


def _normalise_codes(codes, what: str) -> Tuple[str, ...]:
    if not codes:
        return ()
    from .rules import all_rules  # only to check codes that were given

    known = [r.code for r in all_rules()]
    names = {r.name: r.code for r in all_rules()}
    out = []
    for raw in codes:
        for code in str(raw).split(","):
            code = code.strip()
            if not code:
                continue
            if code in names:
                code = names[code]
            code = code.upper()
            if code != "ALL" and not any(k.startswith(code) for k in known):
                raise ConfigError(f"{what}: no rule code starts with '{code}' (see 'lint-news rules')")
            out.append(code)
    return tuple(out)


@dataclass(frozen=True)
class Settings:
    schema_path: Optional[str] = None
    select: Tuple[str, ...] = ("ALL",)
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    severity: Tuple[Tuple[str, Severity], ...] = ()
    exclude: Tuple[str, ...] = ()
    include: Tuple[str, ...] = ()  # when set, only paths matching one of these globs
    schemas: Tuple[Tuple[Tuple[str, ...], str], ...] = ()  # (globs, schema path): the first match wins
    extensions: Tuple[str, ...] = DEFAULT_EXTENSIONS
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    strict: bool = False
    pure_yaml: bool = False
    options: Options = field(default_factory=Options)

    @classmethod
    def build(cls, *, select=None, ignore=None, extend_select=None, severity=(), per_file_ignores=(), **kwargs) -> "Settings":
        for code, _level in severity:
            _normalise_codes([code], "severity")
        return cls(
            select=_normalise_codes(select, "select") if select else ("ALL",),
            ignore=_normalise_codes(ignore or (), "ignore"),
            extend_select=_normalise_codes(extend_select or (), "extend-select"),
            severity=tuple(severity),
            per_file_ignores=tuple((glob, _normalise_codes(codes, f"per-file-ignores {glob!r}")) for glob, codes in per_file_ignores),
            **kwargs,
        )

    def filter_per_file(self, result):
        """``result`` without the diagnostics its path's per-file-ignores silence."""
        if not self.per_file_ignores or not result.diagnostics:
            return result
        import fnmatch

        silenced = tuple(c for glob, codes in self.per_file_ignores
                         if fnmatch.fnmatchcase(result.path, glob) or fnmatch.fnmatchcase(result.path.rsplit("/", 1)[-1], glob)
                         for c in codes)
        if not silenced:
            return result
        kept = [d for d in result.diagnostics if not any(c == "ALL" or d.code.startswith(c) for c in silenced)]
        result.diagnostics = kept
        return result

    def enabled(self, code: str) -> bool:
        """Prefix matching in the manner of ruff: the longest matching prefix decides."""
        def longest(prefixes):
            best = -1
            for p in prefixes:
                if p == "ALL":
                    best = max(best, 0)
                elif code.startswith(p):
                    best = max(best, len(p))
            return best

        selected = max(longest(self.select), longest(self.extend_select))
        return selected >= 0 and selected > longest(self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        overrides: Dict[str, Severity] = dict(self.severity)
        return overrides.get(code, default)

    def fingerprint(self) -> str:
        """What the results depend on besides the file and the schema (for caching)."""
        return repr((self.select, self.ignore, self.extend_select, self.severity, self.pure_yaml, self.options))
