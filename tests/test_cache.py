"""The cache on disk: what a run writes, and that a damaged, stale or shared cache never
changes what is reported."""

import io
import json
import os
import random
import subprocess
import sys
import time

import pytest

from corpus import ALL_DEFECTS, make_article, make_defective
from linter import cache as cache_mod
from linter.cli import main
from linter.engine import Engine

PAST_NS = 1_600_000_000_000_000_000


@pytest.fixture
def content(tmp_path):
    """90 articles, a third of them with a defect, none modified recently."""
    rng = random.Random(17)
    folder = tmp_path / "content"
    folder.mkdir()
    names = sorted(ALL_DEFECTS)
    for i in range(90):
        text = make_defective(rng, names[i % len(names)]).text if i % 3 == 0 else make_article(rng)
        path = folder / f"a{i:03d}.md"
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(PAST_NS + i, PAST_NS + i))
    return folder


def lint(folder, cache_dir=None, jobs="1"):
    where = ["--no-cache"] if cache_dir is None else ["--cache-dir", str(cache_dir)]
    out, err = io.StringIO(), io.StringIO()
    code = main(["--now", "2025-01-01T00:00:00Z", "--jobs", jobs, *where, "-f", "json", str(folder)], stdout=out, stderr=err)
    return code, out.getvalue()


def count_checks(monkeypatch):
    checked = []
    real = Engine.lint_bytes
    monkeypatch.setattr(Engine, "lint_bytes", lambda self, shown, *a, **k: checked.append(shown) or real(self, shown, *a, **k))
    return checked


def key_folder(cache_dir):
    (folder,) = [p for p in cache_dir.iterdir() if p.is_dir()]
    return folder


def test_a_run_writes_a_bounded_number_of_files(content, tmp_path):
    """Entries are packed by digest: however many files have findings, the cache holds at most
    64 index shards and 64 entry packs, and no file per entry."""
    cache_dir = tmp_path / "cache"
    expected = lint(content)
    assert lint(content, cache_dir) == expected
    folder = key_folder(cache_dir)
    names = sorted(p.name for p in folder.iterdir())
    packs = [n for n in names if n.startswith("entries-")]
    shards = [n for n in names if n.startswith("index-")]
    assert set(names) == set(packs) | set(shards) and not [p for p in folder.iterdir() if p.is_dir()]
    assert 1 < len(packs) <= cache_mod.PACKS and 1 < len(shards) <= cache_mod.SHARDS
    stored = {}
    for pack in packs:
        stored.update(json.loads((folder / pack).read_text()))
    records = {}
    for shard in shards:
        records.update(json.loads((folder / shard).read_text()))
    with_findings = {rec[2] for rec in records.values() if rec[3]}
    # one entry for each content with findings, and the index counts what each entry holds
    assert with_findings and set(stored) == with_findings
    for rec in records.values():
        if rec[3]:
            assert len(stored[rec[2]]["d"]) == rec[3]


@pytest.mark.parametrize("damage", ["truncated", "not a mapping", "wrong shapes"])
def test_a_damaged_cache_is_ignored_and_rewritten(content, tmp_path, monkeypatch, damage):
    cache_dir = tmp_path / "cache"
    expected = lint(content)
    lint(content, cache_dir)
    folder = key_folder(cache_dir)
    for path in folder.iterdir():
        text = path.read_text()
        if damage == "truncated":
            path.write_text(text[: len(text) // 2])
        elif damage == "not a mapping":
            path.write_text("[1, 2, 3]")
        else:  # valid JSON, but records of the wrong length and entries of the wrong kinds
            data = json.loads(text)
            if path.name.startswith("index-"):
                data = {k: (v[:3] if i % 2 else [v[0], v[1], 12345, v[3], v[4], v[5]]) for i, (k, v) in enumerate(data.items())}
            else:
                data = {k: ({"d": "x", "l": 7} if i % 2 else ["not", "an", "entry"]) for i, (k, v) in enumerate(data.items())}
            path.write_text(json.dumps(data))
    checked = count_checks(monkeypatch)
    assert lint(content, cache_dir) == expected
    if damage == "wrong shapes":
        # short records are not believed; a clean record's digest matters only to a touched file
        assert 45 <= len(checked) < 90
    else:
        assert len(checked) == 90  # nothing was believed
    checked.clear()
    assert lint(content, cache_dir) == expected
    assert checked == []  # and the cache was written whole again


def test_entries_not_written_for_long_are_dropped_and_then_checked_again(content, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    expected = lint(content)
    lint(content, cache_dir)
    folder = key_folder(cache_dir)
    packs = sorted(folder.glob("entries-*.json"))
    old = time.time() - (cache_mod.ENTRY_DAYS + 1) * 86400
    aged = []
    for pack in packs:
        data = json.loads(pack.read_text())
        dig = sorted(data)[0]
        data[dig]["t"] = old
        aged.append(dig)
        pack.write_text(json.dumps(data))
    # a new content with findings makes its pack be rewritten: that pack drops its aged entry
    extra = content / "new.md"
    extra.write_text(make_defective(random.Random(3), "img-huge").text, encoding="utf-8")
    os.utime(extra, ns=(PAST_NS, PAST_NS))
    lint(content, cache_dir)
    kept = {}
    for pack in folder.glob("entries-*.json"):
        kept.update(json.loads(pack.read_text()))
    dropped = [d for d in aged if d not in kept]
    assert len(dropped) == 1 and len(kept) == sum(len(json.loads(p.read_text())) for p in folder.glob("entries-*.json"))
    # the file whose entry was dropped is checked again, and reported as before
    extra.unlink()
    checked = count_checks(monkeypatch)
    assert lint(content, cache_dir) == expected
    assert len(checked) == 1


def test_two_processes_sharing_one_cache(content, tmp_path):
    """As pre-commit does with batches: two lint-news processes start at once on one cache."""
    cache_dir = tmp_path / "cache"
    expected = lint(content)
    cmd = [sys.executable, "-m", "linter", "--now", "2025-01-01T00:00:00Z", "--jobs", "1", "--cache-dir", str(cache_dir),
           "-f", "json", str(content)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=120), p.stdout.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert results == [expected, expected]
    assert lint(content, cache_dir) == expected
    assert not [p for p in cache_dir.rglob("*.tmp")]


def test_a_lost_pack_is_a_miss_not_a_clean_file(content, tmp_path, monkeypatch):
    """An index record whose digest names no entry (a pack lost) is a miss, not a clean file."""
    cache_dir = tmp_path / "cache"
    expected = lint(content)
    lint(content, cache_dir)
    for pack in key_folder(cache_dir).glob("entries-*.json"):
        pack.unlink()
    checked = count_checks(monkeypatch)
    assert lint(content, cache_dir) == expected
    assert 0 < len(checked) < 90  # only the files with findings, whose entries were lost


def test_the_code_fingerprint_follows_every_module_and_the_extension(tmp_path):
    package = tmp_path / "pkg"
    (package / "rules").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    module = package / "rules" / "url.py"
    module.write_text("A = 1\n")
    extension = tmp_path / "_ext.so"
    extension.write_bytes(b"\x7fELF")
    first = cache_mod.code_fingerprint(str(package), [str(extension)])
    (package / "__pycache__" / "url.cpython-311.pyc").write_bytes(b"compiled")  # not code we ship
    assert cache_mod.code_fingerprint(str(package), [str(extension)]) == first
    module.write_text("A = 2\n")  # same size: the modification time tells
    os.utime(module, ns=(PAST_NS, PAST_NS))
    second = cache_mod.code_fingerprint(str(package), [str(extension)])
    assert second != first
    extension.write_bytes(b"\x7fELF2")
    assert cache_mod.code_fingerprint(str(package), [str(extension)]) not in (first, second)


def test_results_of_other_code_are_not_reused(content, tmp_path, monkeypatch):
    # a development build keeps its version number: its changed checks must not be answered
    # with what the code before them found
    cache_dir = tmp_path / "cache"
    assert lint(content, cache_dir)[0] == 1
    monkeypatch.setattr(cache_mod, "code_version", lambda: "other code")
    checked = count_checks(monkeypatch)
    lint(content, cache_dir)
    assert len(checked) == 90
