"""The fast paths must change nothing: the compiled validator against jsonschema alone, the
line reader against libyaml's composer and the composed-tree YAML reader against the event reader, on every fixture, the conformance
data and a generated corpus. And --jobs 2 prints exactly what --jobs 1 prints."""

import io
import json
import os
import random

import pytest

from conftest import CONFORMANCE, ROOT, engine
from corpus import ALL_DEFECTS, make_article, make_defective
from linter import blockyaml
from linter import document as document_mod
from linter.cli import main


def corpus_texts():
    rng = random.Random(99)
    texts = [p.read_bytes() for p in sorted((ROOT / "fixtures").rglob("*.md"))]
    texts += [make_article(rng).encode() for _ in range(150)]
    texts += [make_defective(rng, name).text.encode() for name in sorted(ALL_DEFECTS) for _ in range(4)]
    # values from the conformance data placed in the fields that carry those formats
    for name, field in (("uri.json", "webUrl"), ("date-time.json", "publishedDateTime"), ("hostname.json", "domain")):
        for group in json.loads((CONFORMANCE / "json-schema-test-suite" / "draft2020-12" / "optional" / "format" / name).read_text()):
            for test in group["tests"]:
                value = json.dumps(test["data"])
                base = make_article(rng).replace("\r", "")
                key = "  domain" if field == "domain" else field
                lines = [f"{key}: {value}" if l.startswith(key + ":") else l for l in base.split("\n")]
                texts.append("\n".join(lines).encode())
    return texts


def render(eng, texts):
    return [[(d.code, d.span, d.message, d.hint, d.field) for d in eng.lint_bytes(f"f{i}.md", t).diagnostics]
            for i, t in enumerate(texts)]


@pytest.fixture(scope="module")
def texts():
    return corpus_texts()


def test_compiled_validator_changes_nothing(texts, monkeypatch):
    fast = engine()
    pytest.importorskip("jsonschema_rs")
    assert fast.schema.fast is not None
    with_fast = render(fast, texts)
    monkeypatch.setattr(fast.schema, "fast", None)
    assert render(fast, texts) == with_fast


def test_block_line_reader_changes_nothing(texts, monkeypatch):
    eng = engine()
    with_lines = render(eng, texts)
    monkeypatch.setattr(blockyaml, "read", lambda *args: None)
    monkeypatch.setattr(blockyaml, "read_data", lambda *args: blockyaml.NOT_READ)
    assert render(eng, texts) == with_lines


def test_composed_reader_changes_nothing(texts, monkeypatch):
    eng = engine()
    monkeypatch.setattr(blockyaml, "read", lambda *args: None)
    monkeypatch.setattr(blockyaml, "read_data", lambda *args: blockyaml.NOT_READ)
    composed = render(eng, texts)
    monkeypatch.setattr(document_mod, "_load_composed", lambda source, base: None)
    assert render(eng, texts) == composed


def test_composed_reader_is_really_used(texts):
    used = sum(1 for t in texts[:150] if t.startswith(b"---\n") and document_mod._load_composed(
        t.decode("utf-8", "replace").split("\n---\n")[0][4:] + "\n", 0) is not None)
    assert used > 100


def test_jobs_2_prints_what_jobs_1_prints(tmp_path, texts):
    for i, t in enumerate(texts):
        (tmp_path / f"{i % 7}").mkdir(exist_ok=True)
        (tmp_path / f"{i % 7}" / f"a{i:04d}.md").write_bytes(t)
    outputs = []
    for jobs in ("1", "2"):
        for fmt in ("text", "json", "github"):
            out, err = io.StringIO(), io.StringIO()
            code = main(["--now", "2025-01-01T00:00:00Z", "--no-cache", "--jobs", jobs, "-f", fmt, str(tmp_path)],
                        stdout=out, stderr=err)
            outputs.append((jobs, fmt, code, out.getvalue(), err.getvalue()))
    one = [o[2:] for o in outputs if o[0] == "1"]
    two = [o[2:] for o in outputs if o[0] == "2"]
    assert one == two
    assert one[0][0] == 1 and one[0][1].count("\n") > 100


def test_cache_changes_nothing_and_is_used(tmp_path, texts):
    folder = tmp_path / "content"
    folder.mkdir()
    for i, t in enumerate(texts[:120]):
        (folder / f"a{i:04d}.md").write_bytes(t)
        os.utime(folder / f"a{i:04d}.md", ns=(1_600_000_000_000_000_000 + i, 1_600_000_000_000_000_000 + i))
    runs = []
    for _ in range(2):
        out, err = io.StringIO(), io.StringIO()
        code = main(["--now", "2025-01-01T00:00:00Z", "--cache-dir", str(tmp_path / "cache"), "-f", "json", str(folder)],
                    stdout=out, stderr=err)
        runs.append((code, out.getvalue()))
    assert runs[0] == runs[1]
    records = {}
    for shard in (tmp_path / "cache").glob("*/index-*.json"):
        records.update(json.loads(shard.read_text()))
    # every file but those whose result depends on the clock or on other files
    assert 110 <= len(records) <= 120
    # with the size and mtime the workers saw when they opened each file (a cold run stats nothing itself)
    for shown, rec in records.items():
        info = os.stat(shown)
        assert rec[:2] == [info.st_size, info.st_mtime_ns], shown


@pytest.mark.parametrize("count, jobs", [(1, 2), (95, 2), (1000, 2), (20000, 2), (20000, 8), (5000, 1)])
def test_chunks_cover_every_file_in_order_and_end_small(count, jobs):
    from linter.runner import CHUNK, MAX_CHUNK, _chunks

    chunks = _chunks(list(range(count)), jobs)
    assert [i for c in chunks for i in c] == list(range(count))
    assert all(0 < len(c) <= MAX_CHUNK for c in chunks)
    # the last jobs * 2 chunks are small: no worker waits long for another at the end
    assert all(len(c) <= CHUNK // 3 for c in chunks[-2 * jobs:])
    if count >= 20000 and jobs == 2:
        assert len(chunks) < count / CHUNK / 3  # far fewer round trips than fixed chunks of CHUNK


def test_gated_rules_find_nothing_when_their_gate_is_closed(texts):
    """Rules that share an ``only_if`` property are skipped when it is false: over the
    fixtures, generated articles with every defect and the conformance values, each such rule
    finds something only where its property is true, and the gates do close on clean files."""
    from linter.engine import Engine
    from linter.rules import all_rules

    eng = engine()
    gated = [r for r in all_rules() if r.only_if]
    assert {r.only_if for r in gated} == {"structure_problems", "schema_errors", "escaped_strings"}
    closed = found = 0
    for i, t in enumerate(texts):
        ctx = eng.context(f"f{i}.md", t)
        for rule in gated:
            hits = list(rule.check(ctx))
            if hits:
                found += 1
                assert getattr(ctx, rule.only_if), (rule.code, i)
            closed += not getattr(ctx, rule.only_if)
    assert found > 20 and closed > len(texts)
    # and the engine gives the same findings with the gates as with every rule run
    ungated = Engine(eng.settings, eng.schema)
    ungated._data_rules = [(None, [r for _, rules in ungated._data_rules for r in rules])]
    ungated._source_rules = [(None, [r for _, rules in ungated._source_rules for r in rules])]
    assert render(ungated, texts) == render(eng, texts)


def test_entries_are_looked_up_by_content_except_in_a_new_cache(tmp_path, monkeypatch):
    """A new cache folder holds no entries: the first run does not look for any. A later run
    answers a copy of a checked file (a new path, the same bytes) from the entry of its bytes."""
    from linter import cache as cache_mod
    from linter.engine import Engine

    folder = tmp_path / "content"
    folder.mkdir()
    bad = make_defective(random.Random(5), "mojibake").text
    (folder / "a.md").write_text(bad, encoding="utf-8")
    lookups, checked = [], []
    real_read, real_lint = cache_mod.Packs.read, Engine.lint_bytes
    monkeypatch.setattr(cache_mod.Packs, "read", lambda self, shown, dig: lookups.append(shown) or real_read(self, shown, dig))
    monkeypatch.setattr(Engine, "lint_bytes", lambda self, shown, *a, **k: checked.append(shown) or real_lint(self, shown, *a, **k))
    argv = ["--now", "2025-01-01T00:00:00Z", "--jobs", "1", "--cache-dir", str(tmp_path / "cache"), "-f", "json", str(folder)]
    out = io.StringIO()
    assert main(argv, stdout=out, stderr=io.StringIO()) == 1
    assert lookups == [] and len(checked) == 1
    (folder / "b.md").write_text(bad, encoding="utf-8")
    out2 = io.StringIO()
    assert main(argv, stdout=out2, stderr=io.StringIO()) == 1
    assert "b.md" in [os.path.basename(p) for p in lookups] and len(checked) == 1  # b.md came from a.md's entry
    found = [d for d in json.loads(out2.getvalue())["diagnostics"] if not d["code"].startswith("XF")]
    first = [d for d in found if d["path"].endswith("a.md")]
    second = [d for d in found if d["path"].endswith("b.md")]
    assert first and [dict(d, path="") for d in first] == [dict(d, path="") for d in second]


def test_a_run_answered_from_the_cache_imports_no_checks(tmp_path):
    """The pre-commit case: unchanged files are answered from the cache index, and the
    process imports neither the rules, the YAML readers, jsonschema, ftfy nor the pool, also
    when it prints a finding read from the cache."""
    import subprocess
    import sys

    folder = tmp_path / "content"
    folder.mkdir()
    article, bad = folder / "a.md", folder / "b.md"
    article.write_text(make_article(random.Random(4)), encoding="utf-8")
    bad.write_text(make_defective(random.Random(4), "img-huge").text, encoding="utf-8")
    for path in (article, bad):
        os.utime(path, (1_600_000_000, 1_600_000_000))
    args = ["--cache-dir", str(tmp_path / "cache"), str(article), str(bad)]
    assert main(args, stdout=io.StringIO(), stderr=io.StringIO()) == 1  # fills the cache
    heavy = ["linter.rules", "linter.document", "linter.engine", "yaml", "jsonschema", "ftfy", "multiprocessing",
             "concurrent.futures"]
    code = ("import sys\nfrom linter.cli import main\n"
            f"code = main({args!r})\n"
            f"print(code, [m for m in {heavy!r} if m in sys.modules])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert "IMG002" in out.stdout and out.stdout.split("\n")[-2] == "1 []", out.stdout + out.stderr
    # and a file that needs checking does import them (the test above would pass on a broken cache)
    article.write_text(article.read_text(encoding="utf-8") + "\nmore\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert "linter.rules" in out.stdout.split("\n")[-2], out.stdout
