"""The positioned YAML reader, on both the libyaml and the pure-Python parser."""

import subprocess
import sys
import time

import pytest

from linter import document, frontmatter, source


def load(text, pure):
    src = source.decode("a.md", text.encode())
    doc = document.load(src.text, frontmatter.split(src.text).front_matter, pure=pure)
    return src, doc


def kinds(doc):
    return [p.kind for p in doc.problems]


def test_spans_are_in_the_whole_file(pure):
    src, doc = load('---\ntitle: "Hé"\nimages:\n  - url: u\n    width: 690\n---\n', pure)
    assert doc.ok and doc.data["images"][0]["width"] == 690
    loc = doc.index[("images", 0, "width")]
    assert src.span(loc.start, loc.end).start.line == 5
    assert src.position(loc.start).column == 12 and src.position(loc.key_start).column == 5
    title = doc.index[("title",)]
    assert src.text[title.start:title.end] == '"Hé"'


def test_crlf_positions(pure):
    src, doc = load("---\r\na: 1\r\nb:\r\n  c: x\r\n---\r\n", pure)
    loc = doc.index[("b", "c")]
    assert src.position(loc.start) == source.Position(4, 6)


def test_duplicate_key_reported_at_second_occurrence(pure):
    src, doc = load("---\na: 1\nb: 2\na: 3\n---\n", pure)
    (p,) = doc.problems
    assert p.kind == "duplicate-key" and src.position(p.start).line == 4
    assert src.position(p.detail["first"]).line == 2


def test_timestamps_stay_text_even_when_impossible(pure):
    _, doc = load("---\nd: 2024-02-30T10:00:00Z\ne: 2024-03-13T13:00:00Z\nf: 2024-03-13\n---\n", pure)
    assert doc.ok and doc.data == {"d": "2024-02-30T10:00:00Z", "e": "2024-03-13T13:00:00Z", "f": "2024-03-13"}


@pytest.mark.parametrize("yaml,kind", [
    ("a: !!int 0xZZ", "bad-scalar"), ("a: !!float abc", "bad-scalar"), ("a: !!timestamp foo", None),
    ("a: 25:00:00", None), ("a: !!binary aGVsbG8=", "unsupported-tag"), ("a: !!set {x, y}", "unsupported-tag"),
    ("a: !!omap [x: 1]", "unsupported-tag"), ("a: !custom x", "unsupported-tag"),
])
def test_constructor_traps_never_raise(yaml, kind, pure):
    _, doc = load(f"---\n{yaml}\n---\n", pure)
    assert doc.ok
    assert kinds(doc) == ([kind] if kind else [])


def test_python_tags_build_nothing(tmp_path, pure):
    marker = tmp_path / "ran"
    _, doc = load(f'---\na: !!python/object/apply:os.system ["touch {marker}"]\n'
                  f'b: !!python/object/new:builtins.open ["{marker}", "w"]\n---\n', pure)
    assert kinds(doc) == ["unsupported-tag", "unsupported-tag"]
    assert not marker.exists()


def test_yaml_11_implicit_types_are_recorded(pure):
    _, doc = load("---\na: yes\nb: 012\nc: off\nd: '012'\n---\n", pure)
    assert doc.data == {"a": True, "b": 10, "c": False, "d": "012"}
    assert doc.typed[("a",)].raw == "yes" and doc.typed[("b",)].raw == "012"
    assert ("d",) not in doc.typed


def test_non_string_and_complex_keys(pure):
    _, doc = load("---\n1: a\n? [x]\n: b\nyes: c\n---\n", pure)
    assert kinds(doc) == ["non-string-key", "complex-key", "non-string-key"]
    assert doc.data == {"1": "a", "yes": "c"}


def test_merge_keys(pure):
    _, doc = load("---\nbase: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n---\n", pure)
    assert doc.data["m"] == {"x": 1, "y": 3} and not doc.problems


@pytest.mark.parametrize("yaml", ["a: &a [*a]", "a: &a {b: *a}", "a: &a\n  - x\n  - *a"])
def test_cyclic_aliases_are_refused(yaml, pure):
    _, doc = load(f"---\n{yaml}\n---\n", pure)
    assert not doc.ok and kinds(doc) == ["alias-cycle"]


def bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 9) + "]")
    return "\n".join(lines)


@pytest.mark.parametrize("levels", [6, 9])
def test_alias_bombs_stop_fast(levels, pure):
    text = "---\n" + bomb(levels) + "\n---\n"
    assert 200 <= len(text.encode()) <= 700
    t0 = time.perf_counter()
    _, doc = load(text, pure)
    assert time.perf_counter() - t0 < 1.0
    assert not doc.ok and kinds(doc) == ["alias-limit"]


def test_harmless_aliases_are_fine(pure):
    _, doc = load("---\np: &p {name: A, domain: a.com}\nq: *p\n---\n", pure)
    assert doc.ok and doc.data["q"] == {"name": "A", "domain": "a.com"}


@pytest.mark.parametrize("body", ["[" * 100_000, "[" * 100_000 + "]" * 100_000, "{a: " * 50_000,
                                  "".join(" " * i + "-\n" for i in range(0, 3000))])
@pytest.mark.parametrize("flag", ["", "--pure-yaml"])
def test_deep_nesting_in_a_subprocess(tmp_path, body, flag):
    f = tmp_path / "deep.md"
    f.write_text("---\na: " + body + "\n---\n")
    proc = subprocess.run([sys.executable, "-m", "linter", "--select", "FM", *([flag] if flag else []), str(f)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert "FM006" in proc.stdout or "FM008" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_syntax_error_position(pure):
    src, doc = load("---\ntitle: x\n  bad: [1\n---\n", pure)
    (p,) = doc.problems
    assert p.kind == "syntax" and src.position(p.start).line in (3, 4)


def test_front_matter_size_caps():
    big = "---\nx: " + "a" * 200_000 + "\n---\n"
    _, doc = load(big, False)
    assert kinds(doc) == ["line-too-long"]


def test_forbidden_characters_do_not_stop_parsing(pure):
    _, doc = load('---\ntitle: "a\x1bb\x00c"\n---\n', pure)
    assert doc.ok and doc.data["title"] == "a b c"


@pytest.mark.parametrize("text,data", [("a:", {"a": None}), ("? a", {"a": None}), ("- ", [None]),
                                       ("a: b\nc:", {"a": "b", "c": None})])
def test_empty_values_at_the_end_of_the_front_matter(text, data, pure):
    _, doc = load(f"---\n{text}\n---\n", pure)
    assert doc.ok and doc.data == data


def test_the_fuzzer_find_is_a_diagnostic_not_a_crash(pure):
    from conftest import lint

    diags = lint("---\n?\x00(\n---\n", pure=pure)  # found by hypothesis: an index error once
    assert diags and "FM011" not in [d.code for d in diags]


def test_positions_of_a_document_read_for_its_data_are_read_when_first_asked_for():
    from linter import document as document_mod
    from linter.frontmatter import split

    text = "---\ntitle: x\nimages:\n  - width: 8\n---\nbody\n"
    doc = document_mod.load(text, split(text).front_matter)
    assert doc.data == {"title": "x", "images": [{"width": 8}]}
    assert doc._index is None and doc._typed is None  # not read yet
    assert doc.index[("images", 0, "width")].start == text.index("8")
    assert doc.typed[("images", 0, "width")].tag == "int"
