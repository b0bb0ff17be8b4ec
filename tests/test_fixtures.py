"""Golden files: every fixture under fixtures/invalid/<rule-name>/ sits beside its .expected
output (``line:col CODE message``), reviewed by hand when it changes; fixtures/valid/ must
produce nothing at all. Regenerate with ``python tests/test_fixtures.py --update`` and review
the diff before committing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import ROOT, engine  # noqa: E402

FIXTURES = ROOT / "fixtures"


def _schema_for(md: Path):
    custom = md.parent / "schema.json"
    return str(custom) if custom.exists() else None


def render(md: Path) -> str:
    rel = os.path.relpath(md, Path.cwd())
    result = engine(schema_path=_schema_for(md)).lint_path(rel, md.name)
    return "".join(f"{d.span.start.line}:{d.span.start.column} {d.code} {d.message}\n" for d in result.diagnostics)


def invalid_fixtures():
    return sorted(p for p in (FIXTURES / "invalid").glob("*/*.md"))


@pytest.mark.parametrize("md", sorted((FIXTURES / "valid").glob("*.md")), ids=lambda p: p.name)
def test_valid_fixtures_are_clean(md):
    assert render(md) == ""


@pytest.mark.parametrize("md", invalid_fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_invalid_fixture_matches_golden(md):
    expected = md.with_suffix(".expected").read_text(encoding="utf-8")
    assert render(md) == expected


@pytest.mark.parametrize("md", invalid_fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_invalid_fixture_triggers_its_own_rule(md):
    from linter.rules import get

    rule = get(md.parent.name)
    assert rule is not None, f"folder {md.parent.name} names no rule"
    assert f" {rule.code} " in render(md)


if __name__ == "__main__" and "--update" in sys.argv:
    os.chdir(ROOT)
    for md in invalid_fixtures():
        md.with_suffix(".expected").write_text(render(md), encoding="utf-8")
        print("wrote", md.with_suffix(".expected").relative_to(ROOT))
