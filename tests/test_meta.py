"""The rule registry keeps its promises: unique codes and names, docs, fixtures, README."""

import re

from conftest import ROOT
from linter.rules import FAMILIES, all_rules

ENGINE_ONLY = {"FM010", "FM011", "XF001", "XF002", "XF003"}  # emitted by the engine or across files:
# tested in test_cli, test_hostile and test_crossfile


def test_codes_and_names_are_unique_and_well_formed():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for r in rules:
        assert re.fullmatch(r"(FM|SC|URL|DT|ENC|IMG|XF)\d{3}", r.code), r.code
        assert r.family() in FAMILIES
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name), r.name
        assert not r.name.startswith("no-"), "names name the problem"


def test_every_rule_has_its_three_sections_of_docs():
    for r in all_rules():
        docs = r.docs()
        assert r.summary() and len(r.summary()) < 120, r.code
        for heading in ("## What it does", "## Why is this bad?", "## Example"):
            assert heading in docs, f"{r.code} lacks {heading}"


def test_every_rule_has_a_fixture():
    folders = {p.name for p in (ROOT / "fixtures" / "invalid").iterdir() if p.is_dir()}
    missing = [r.name for r in all_rules() if r.code not in ENGINE_ONLY and r.name not in folders]
    assert missing == []
    unknown = folders - {r.name for r in all_rules()}
    assert unknown == set()


def test_readme_lists_every_rule():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for r in all_rules():
        assert re.search(rf"\|\s*{r.code}\s*\|\s*`?{r.name}`?\s*\|", readme), f"README does not list {r.code}"


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r"```(?:sh|bash|console)?\n(?:.*\n)*?(python -m pytest[^\n]*)\n", readme).group(1)
    assert command in ci.splitlines()


def test_the_table_of_rule_names_is_the_rules():
    """Formatters name findings from linter/rule_names.py (so that a cached run imports no
    rules); it must list exactly the registered rules, in their order, with their names."""
    from linter.rule_names import NAMES

    assert list(NAMES.items()) == [(r.code, r.name) for r in all_rules()]
