"""The compiled data reader (``_lint_news_accel``) must read exactly what the pure-Python line
reader (``blockyaml._read_data``) reads: the same documents taken, the same data with the same
types, and the same documents refused; on real articles and on lines built from the characters
that decide how YAML is read."""

import os
import random

import pytest

from corpus import ALL_DEFECTS, make_article, make_defective, misread
from linter import blockyaml
from linter import document as document_mod
from linter import frontmatter

accel = blockyaml._ACCEL


def test_the_compiled_reader_is_built_where_required():
    """CI sets LINT_NEWS_REQUIRE_ACCEL=1: there the package must have built its C reader, or
    the speed measured by the benchmark is not what users get."""
    if not os.environ.get("LINT_NEWS_REQUIRE_ACCEL"):
        pytest.skip("LINT_NEWS_REQUIRE_ACCEL is not set")
    assert accel is not None, "the C extension _lint_news_accel was not built or not importable"


needs_accel = pytest.mark.skipif(accel is None, reason="the compiled reader is not built here")


def python_read(source: str):
    src = source if source.endswith("\n") else source + "\n"
    try:
        return blockyaml._read_data(src, document_mod.resolve_plain, document_mod._value_of)
    except (blockyaml._GiveUp, ValueError, OverflowError):
        return blockyaml.NOT_READ


def compiled_read(source: str):
    saved = blockyaml._ACCEL
    blockyaml._ACCEL = accel
    try:
        return blockyaml.read_data(source, document_mod.resolve_plain, document_mod._value_of)
    finally:
        blockyaml._ACCEL = saved


def typed(value):
    """The data with every scalar's type made explicit (True == 1 in Python, not here)."""
    if isinstance(value, dict):
        return ("map", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [typed(v) for v in value])
    if isinstance(value, float) and value != value:
        return ("float", "nan")
    return (type(value).__name__, value)


def read_with_dates(read, source: str):
    """What ``read`` reads, and the plain values it recorded as possible dates."""
    blockyaml.DATES_READ.clear()
    data = read(source)
    dates = list(blockyaml.DATES_READ)
    blockyaml.DATES_READ.clear()
    return data, dates


def assert_same(source: str) -> bool:
    """True when both took the document (and recorded the same possible dates)."""
    (expected, expected_dates), (found, found_dates) = read_with_dates(python_read, source), read_with_dates(compiled_read, source)
    assert (found is blockyaml.NOT_READ) == (expected is blockyaml.NOT_READ), repr(source)
    if expected is blockyaml.NOT_READ:
        return False
    assert typed(found) == typed(expected), repr(source)
    assert found_dates == expected_dates, repr(source)
    return True


@needs_accel
def test_same_as_python_on_fixtures_and_generated_articles():
    rng = random.Random(5)
    texts = [make_article(rng) for _ in range(400)]
    texts += [make_defective(rng, name).text for name in sorted(ALL_DEFECTS) for _ in range(4)]
    taken = 0
    for text in texts:
        fm = frontmatter.split(text).front_matter
        if fm is not None:
            taken += assert_same(text[fm.start:fm.end])
    assert taken > 350  # both take nearly every article: the comparison is of real reads


# The characters that decide how a line is read: indentation, dashes, colons, quotes and
# escapes, comments, flow and node indicators, YAML 1.1 words and numbers, and characters the
# reader refuses or that Unicode counts as spaces (NBSP, ideographic space, NEL, LS, tab, CR).
_PIECES = [
    " ", " ", "  ", "- ", "-", ":", ": ", "a", "key", "b_c", "$x", "9", "0", "012", "-1", "1.5", ".5",
    "yes", "no", "true", "False", "~", "null", "on", "y", "2024-01-02", "2024-01-02T03:04:05Z", "٣٣٣٣-", "#",
    " #", "'", "''", '"', '\\"', "\\", "\\n", "\\x41", "\\u00e9", "\\z", "[", "]", "{", "}", ",", "&", "*",
    "!", "|", ">", "%", "@", "`", "?", "é", "中文", "Ünï", "\xa0", "\u3000", "\u2003", "\x85", "\u2028",
    "\t", "\r", "\x00", "\x1f", "\x7f", "\ufeff", "\ufffe", "\ud800", "😀", "news", "x:", "http://a.b/c",
]


_WORDS = ["x", "text here", "yes", "012", "-1", "2024-01-02T03:04:05Z", "'q'", '"d"', "news", "é 中文", "a:b"]


def _document(rng) -> str:
    """A few entries at the margin, some opening a nested mapping or a list, each value one
    ordinary word or a run of pieces of the alphabet above."""
    lines = []
    for n in range(rng.randint(1, 5)):
        pick = rng.random()
        if pick < 0.6:
            value = rng.choice(_WORDS)
        elif pick < 0.85:
            value = rng.choice(_PIECES)
        else:
            value = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 6)))
        key = f"k{n}" if rng.random() < 0.85 else rng.choice(["yes", "a b", "-k", "k#", "é", "k:", "0"])
        shape = rng.random()
        if shape < 0.5:
            lines.append(f"{key}:{rng.choice([' ', ' ', '  ', ''])}{value}")
        elif shape < 0.7:
            lines += [f"{key}:", f"{' ' * rng.choice([1, 2, 2, 4])}n:{rng.choice([' ', ''])}{value}"]
        elif shape < 0.9:
            lines += [f"{key}:", f"{' ' * rng.choice([0, 2, 2])}-{rng.choice([' ', ' ', '  ', ''])}{value}"]
        else:
            lines.append(rng.choice(["", "# c", "  ", value]))
    return "\n".join(lines) + rng.choice(["\n", "", "\n\n", "\n# end\n"])


def test_same_as_python_on_lines_built_from_the_characters_that_matter():
    if accel is None:
        pytest.skip("the compiled reader is not built here")
    rng = random.Random(20240313)
    taken = 0
    for _ in range(30000):
        taken += assert_same(_document(rng))
    assert taken > 4000  # enough documents are taken that the data itself is compared


@needs_accel
def test_bad_arguments_are_type_errors_not_crashes():
    with pytest.raises(TypeError):
        accel.read_data(b"a: 1\n", set(), None, None, None, None, None, None)
    with pytest.raises(TypeError):
        accel.read_data("a: 1\n")


@needs_accel
def test_turned_off_by_the_environment(tmp_path):
    import subprocess
    import sys

    code = "from linter import blockyaml; print(blockyaml._ACCEL is None)"
    env = dict(os.environ, LINT_NEWS_NO_ACCEL="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "True"


def _texts_for_scans():
    rng = random.Random(8)
    texts = [make_article(rng) for _ in range(200)]
    texts += [make_defective(rng, name).text for name in sorted(ALL_DEFECTS) for _ in range(3)]
    # and text made of the characters the scans look for, among ASCII and other scripts
    from linter.rules import encoding

    encoding._mojibake_pairs()
    alphabet = sorted(set(encoding._TAIL) | set("ÂÃâ€™Ã©Ð¸ÑÎ±Ø§à¸ \ufffd\u200b\u202e\x00\x1b\x9f\x85 \nabc中😀"))
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    return texts


@needs_accel
def test_pair_search_same_as_the_pattern():
    from linter.rules import encoding

    encoding._mojibake_pairs()
    assert encoding._PAIR_SEARCH is not encoding._regex_pair_search  # the compiled scan is in use
    found = 0
    for text in _texts_for_scans():
        for pos in range(0, len(text) + 1, max(1, len(text) // 7)):
            expected = encoding._regex_pair_search(text, pos)
            assert encoding._PAIR_SEARCH(text, pos) == expected, (text, pos)
            found += expected is not None
    assert found > 1000


@needs_accel
def test_scans_follow_the_set_they_are_given():
    """The scans keep a table built from the last sets passed; other sets rebuild it."""
    import re

    from linter.rules import encoding

    classes = ["[a-c]", "[x-z\u00e9]", "[\u4e2d\u00e9]", "[a-c]"]
    texts = _texts_for_scans()[:400]
    for pattern in classes * 2:  # each set in turn, and again
        bits = encoding._bitmap(encoding._class_chars(pattern))
        regex = re.compile(pattern)
        for text in texts:
            m = regex.search(text)
            assert accel.find_in(text, 0, bits) == (m.start() if m else -1), (pattern, text)
    with pytest.raises(ValueError):
        accel.find_in("abc", 0, b"short")


@needs_accel
def test_odd_character_scan_same_as_the_pattern():
    from linter.rules import encoding

    odd = 0
    for text in _texts_for_scans():
        expected = encoding._CONTROL_OR_INVISIBLE.search(text) is not None
        assert encoding.has_odd_characters(text) == expected, text
        odd += expected
    assert encoding._ODD_BITS  # the compiled scan was used
    assert odd > 500


def _url_like(rng) -> str:
    """Strings near the two URL patterns: schemes right and wrong, hosts with every kind of
    label, ports of every length, escapes good and bad, and the characters each part refuses."""
    scheme = rng.choice(["https://", "http://", "https://", "HTTP://", "https:/", "ftp://", "httpss://", ""])
    labels = [rng.choice(["www", "a", "news-medical", "-a", "a-", "xn--bcher-kva", "1", "a" * 63, "a" * 64, "", "ü", "a_b"])
              for _ in range(rng.randint(1, 4))]
    host = ".".join(labels) + rng.choice(["", "", ".", ".."])
    port = rng.choice(["", "", "", ":", ":8080", ":12345", ":123456", ":a"])
    pieces = ["/", "/news", "/a b", "%20", "%2", "%zz", "?", "?q=1&r=2", "#", "#frag", "é", "\t", "\n", "\r", "[", "]",
              "'", "(", "~", "@", ":", "!", "$", "%", "^", "|", "\\", "/path/to/story-123.aspx"]
    rest = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
    if rng.random() < 0.5:  # one flaw at most, so that many are plain URLs
        scheme, host = rng.choice(["https://", "http://"]), rng.choice(["www.a.com", "a.b.co.uk", "x1.io", host])
        port = rng.choice(["", "", port])
        rest = rng.choice(["", "/news/story-1.aspx", "/a/b?x=1&y=%2F#top", "?q", "#f", rest])
    return scheme + host + port + rest


def test_url_passes_same_as_the_patterns():
    if accel is None:
        pytest.skip("the compiled reader is not built here")
    from linter import formats
    from linter.rules import url

    assert url.simple_url_host is accel.simple_url_host and formats.plain_http is accel.plain_http
    rng = random.Random(17)
    simple = plain = 0
    for _ in range(40000):
        value = _url_like(rng)
        expected = url._regex_simple_url_host(value)
        assert accel.simple_url_host(value) == expected, value
        groups = formats._regex_plain_http(value)
        assert accel.plain_http(value) == groups, value
        simple += expected is not None
        plain += groups is not None
    assert simple > 3000 and plain > 6000  # both kinds of answer are really compared


def _python_annotate(compiled, data):
    from linter import schema

    saved = schema._ANNOTATE_WALK
    schema._ANNOTATE_WALK = None
    try:
        return compiled.annotate(data)
    finally:
        schema._ANNOTATE_WALK = saved


def _walk_schemas(tmp_path):
    """The bundled schema, one with prefixItems, patternProperties and additionalProperties,
    and one without any format (annotate then guesses formats from key names)."""
    import json

    from linter import schema

    extra = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "pair": {"type": "array", "prefixItems": [{"type": "string", "format": "uri"}, {"format": "date-time"}]},
            "images": {"type": "array", "items": {"type": "object", "properties": {
                "url": {"type": "string", "format": "uri"}, "width": {}, "height": {}}}},
            "any": {"type": "object", "additionalProperties": {"type": "string", "format": "hostname"}},
        },
        "patternProperties": {"^x-": {"type": "string", "format": "date-time"}},
    }
    plain = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}
    out = [schema.load(None)]
    for i, doc in enumerate((extra, plain)):
        path = tmp_path / f"s{i}.json"
        path.write_text(json.dumps(doc))
        out.append(schema.load(str(path)))
    return out


def _random_data(rng, depth=0):
    keys = ["webUrl", "title", "images", "url", "width", "height", "provider", "domain", "related", "pair", "any",
            "x-date", "publishedDateTime", 7, "é", "ampWebUrl"]
    kind = rng.random()
    if depth > 3 or kind < 0.35:
        return rng.choice(["https://a.b/c", "text", 12, None, True, "2024-01-01T00:00:00Z", 1.5, ""])
    if kind < 0.7:
        return {rng.choice(keys): _random_data(rng, depth + 1) for _ in range(rng.randint(0, 5))}
    return [_random_data(rng, depth + 1) for _ in range(rng.randint(0, 4))]


@needs_accel
def test_schema_walk_same_as_python(tmp_path):
    from linter import schema

    assert schema._ANNOTATE_WALK is accel.annotate_walk
    rng = random.Random(23)
    documents = [make_article(rng) for _ in range(100)]
    datas = []
    for text in documents:
        fm = frontmatter.split(text).front_matter
        data = compiled_read(text[fm.start:fm.end])
        if data is not blockyaml.NOT_READ:
            datas.append(data)
    datas += [{"root": _random_data(rng)} for _ in range(1500)] + [_random_data(rng) for _ in range(1500)]
    fields = 0
    for compiled in _walk_schemas(tmp_path):
        for data in datas:
            expected = _python_annotate(compiled, data)
            found = compiled.annotate(data)
            assert found.formats == expected.formats and found.fields == expected.fields, data
            assert found.images == expected.images, data
            assert [(p, id(m)) for p, m in found.mappings] == [(p, id(m)) for p, m in expected.mappings], data
            fields += len(found.fields)
    assert fields > 2000


def _cjk_texts():
    """Articles, their CJK misreadings, and short runs of the characters the search tells
    apart: where a misreading can start, what may stand before one, and CJK text."""
    from linter.rules import encoding

    rng = random.Random(9)
    texts = [make_article(rng) for _ in range(150)]
    texts += [misread(t, codec) for t in texts[:60] for codec in ("gbk", "cp932", "cp949")]
    firsts = sorted(encoding._first_any())
    alphabet = [*rng.sample(firsts, 40), *"ab \n\t\u3000\ufffd\u00e9\u0416中文日本語한국，。ｱ?😀"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    return texts


def test_what_may_stand_before_a_misreading_is_what_ends_a_run():
    """ASCII, spaces (as the run pattern's ``\\s`` and ``str.isspace`` tell them) and U+FFFD."""
    from linter.rules import encoding

    bmp = [chr(c) for c in range(0x10000)]
    assert set(encoding._BOUNDARY) == {c for c in bmp if c < "\x80" or c.isspace() or c == "\ufffd"}
    assert {c for c in bmp if not encoding._RUN.match(c)} == set(encoding._BOUNDARY)


@needs_accel
def test_run_search_same_as_python():
    from linter.rules import encoding

    firsts, boundary = encoding._first_any(), set(encoding._BOUNDARY)
    encoding._RUN_BITS.clear()
    list(encoding._candidate_runs("中文"))  # builds the bitmaps
    first_bits, boundary_bits = encoding._RUN_BITS
    found = 0
    for text in _cjk_texts():
        expected = next((i for i, c in enumerate(text) if c in firsts and (i == 0 or text[i - 1] in boundary)), -1)
        assert accel.find_run(text, 0, first_bits, boundary_bits) == expected, text
        found += expected >= 0
    assert found > 1000
    with pytest.raises(TypeError):
        accel.find_run("abc", 0, first_bits)


@needs_accel
def test_cjk_misreadings_found_the_same_with_and_without_the_extension(monkeypatch):
    from linter.rules import encoding

    texts = _cjk_texts()
    fast = [list(encoding.find_cjk_mojibake(t)) for t in texts]
    monkeypatch.setattr(encoding, "_WIDE_BITS", b"")
    assert [list(encoding.find_cjk_mojibake(t)) for t in texts] == fast
    assert sum(map(len, fast)) > 100


@needs_accel
def test_single_byte_misreadings_found_the_same_with_and_without_the_extension(monkeypatch):
    from linter.rules import encoding

    rng = random.Random(10)
    texts = [make_article(rng) for _ in range(150)]
    texts += [misread(t, codec) for t in texts[:60] for codec in ("cp1256", "koi8_r", "cp1255")]
    alphabet = [*"طظعغпя׳¨§ˆ†‡«»─│┌╫▀▒\ufffd ab", "\u00a0"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    fast = [list(encoding.find_single_byte_mojibake(t)) for t in texts]
    monkeypatch.setattr(encoding, "_SB_FIND_PAIR", None)
    assert [list(encoding.find_single_byte_mojibake(t)) for t in texts] == fast
    assert sum(map(len, fast)) > 100


def test_a_text_without_cjk_characters_holds_no_cjk_candidate():
    """What lets either search skip such a text at once: no character a CJK misreading can
    start with lies outside the CJK ranges."""
    from linter.rules import encoding

    assert encoding._first_any() and all(encoding._WIDE.match(c) for c in encoding._first_any())


@needs_accel
def test_both_readers_record_the_plain_values_that_may_be_dates():
    # (for SC003's "a date where text belongs": quoted values and other numbers are not dates)
    source = 'a: 2024-03-13\nb: "2024-03-14"\nc:\n  - 2024-03-15\nd: 2024-3-1x\ne: 12345-6\nf: 2024-03-16T10:00:00Z\n'
    expected = ["2024-03-13", "2024-03-15", "2024-3-1x", "2024-03-16T10:00:00Z"]
    assert read_with_dates(python_read, source)[1] == expected
    assert read_with_dates(compiled_read, source)[1] == expected
