"""The line reader for plain block YAML must read exactly what libyaml's composer reads: the
same data, the same YAML 1.1 typing and the same offsets for every key and value; and give up,
never guess, on anything else."""

import math
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from corpus import ALL_DEFECTS, make_article, make_defective
from linter import blockyaml
from linter import document as document_mod
from linter import frontmatter


@pytest.fixture(scope="module", autouse=True, params=["compiled", "python"])
def reader(request):
    """Every test here runs twice: with the compiled data reader (when it is built) and with
    the pure-Python one (``blockyaml._read_data``)."""
    saved = blockyaml._ACCEL
    if request.param == "compiled" and saved is None:
        pytest.skip("the compiled reader is not built here")
    blockyaml._ACCEL = saved if request.param == "compiled" else None
    yield request.param
    blockyaml._ACCEL = saved


def front_matter_of(text: str):
    fm = frontmatter.split(text).front_matter
    if fm is None:
        return None, 0
    source = text[fm.start:fm.end]
    return document_mod.YAML_FORBIDDEN.sub(" ", source), fm.start


def both(source: str, base: int = 0):
    fast = blockyaml.read(source, base, document_mod.resolve_plain, document_mod._typed_plain)
    composed = document_mod._load_composed(source, base)
    return fast, composed


def same_data(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b))
    return a == b


def assert_agrees(source: str, base: int = 0) -> bool:
    """True when the line reader took the document; then it must agree with libyaml. Read for
    its data alone, it must take and refuse the same documents and give the same data."""
    fast, composed = both(source, base)
    data_only = blockyaml.read_data(source, document_mod.resolve_plain, document_mod._value_of)
    assert (data_only is blockyaml.NOT_READ) == (fast is None), source
    if fast is None:
        return False
    assert same_data(data_only, fast[0]), source
    assert composed is not None, f"the line reader accepted what libyaml does not:\n{source}"
    assert same_data(fast[0], composed[0]), source
    assert fast[1] == composed[1], source
    assert fast[2] == composed[2], source
    return True


def corpus_sources():
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "fixtures").rglob("*.md"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT.parent / "shared" / "examples").glob("*.md"))]
    texts += [make_article(rng) for _ in range(300)]
    texts += [make_defective(rng, name).text for name in sorted(ALL_DEFECTS) for _ in range(5)]
    return texts


def test_agrees_with_libyaml_on_fixtures_examples_and_a_generated_corpus():
    taken = 0
    for text in corpus_sources():
        source, base = front_matter_of(text)
        if source is not None and assert_agrees(source, base):
            taken += 1
    assert taken > 300  # it really is the common path


def test_takes_nearly_every_clean_article():
    rng = random.Random(11)
    sources = [front_matter_of(make_article(rng).replace("\r\n", "\n")) for _ in range(200)]
    taken = sum(assert_agrees(s, b) for s, b in sources)
    assert taken >= 190


def test_collections_end_where_the_next_token_starts():
    source = "a:\n  b: 1\n  c:\n  - x\n  - y: 2\n    z: 3\n\n  # note\nd: 'q'  # c\n"
    assert assert_agrees(source, 10)
    data, index, _ = blockyaml.read(source, 10, document_mod.resolve_plain, document_mod._typed_plain)
    assert data == {"a": {"b": 1, "c": ["x", {"y": 2, "z": 3}]}, "d": "q"}
    d_key = 10 + source.index("d:")
    assert index[("a",)].end == d_key and index[("a", "c")].end == d_key
    assert index[()].end == 10 + len(source)


def test_typing_is_yaml_1_1():
    source = "a: yes\nb: 012\nc: 1_000\nd: 1:20\ne: 2024-01-02T03:04:05Z\nf: ~\ng: .5\nh: 0x1F\ni: 'yes'\n"
    assert assert_agrees(source)
    data, _, typed = blockyaml.read(source, 0, document_mod.resolve_plain, document_mod._typed_plain)
    assert data == {"a": True, "b": 10, "c": 1000, "d": 80, "e": "2024-01-02T03:04:05Z", "f": None,
                    "g": 0.5, "h": 31, "i": "yes"}
    assert typed[("e",)].tag == "timestamp" and ("i",) not in typed


def test_escapes_in_double_quotes():
    source = 'a: "tab\\there \\"q\\" \\u00e9\\x41\\\\"\nb: \'it\'\'s\'\n'
    assert assert_agrees(source)
    data, _, _ = blockyaml.read(source, 0, document_mod.resolve_plain, document_mod._typed_plain)
    assert data == {"a": 'tab\there "q" éA\\', "b": "it's"}


GIVE_UP = [
    "a: [1, 2]\n",  # flow collections
    "a: {b: 1}\n",
    "a: |\n  text\n",  # block scalars
    "a: >\n  text\n",
    "a: long\n  continued\n",  # a multi-line plain scalar
    'a: "open\n  close"\n',  # a quoted scalar over two lines
    "a: &x 1\nb: *x\n",  # anchors and aliases
    "a: !!str 1\n",  # tags
    "a:\nb: 1\n",  # an empty value
    "a: 1\na: 2\n",  # a duplicate key
    "a:\tb\n",  # a tab
    'a: "x\ty"\n',  # ... anywhere
    "a: b # c\x85\n",  # a NEL, even in a comment
    "\ufeffa: b\n",  # a byte-order mark
    "a: 1\r\nb: 2\r\n",  # CRLF
    "a: b: c\n",  # YAML refuses this
    "a: 'x' y\n",
    "title: x #\n? complex\n",
    "- 1\n- 2\n",  # not a mapping
    "1: one\n",  # a typed key
    "a: \"\\q\"\n",  # an unknown escape
    "  a: 1\n",  # indented root
    "a:\n  b: 1\n c: 2\n",  # bad indentation
    "a: -\n",
    "a: x:\n",
    "<<: {}\n",
]


def test_gives_up_on_everything_outside_the_subset():
    for source in GIVE_UP:
        fast, _ = both(source)
        assert fast is None, source
        assert blockyaml.read_data(source, document_mod.resolve_plain, document_mod._value_of) is blockyaml.NOT_READ


# Documents built from lines that are mostly in the subset, with the traps near its edges.
_KEYS = st.sampled_from(["title", "a", "b", "url", "yes", "on", "n", "x1", "2024", "k_k", "$ref", "a-b", "a.b"])
_VALUES = st.sampled_from([
    "", "x", "plain text", "a: b", "a:b", "C#", "x #c", "x#c", "'q'", "'it''s'", '"d"', '"e\\"f"', '"\\u00e9"',
    '"\\z"', "yes", "No", "~", "null", "012", "0o12", "1_000", "1:20", "1e3", "1.5", ".inf", "-.5", "+1",
    "2024-01-02", "2024-01-02T03:04:05Z", "2024-02-30", "-", "- x", "?", "? x", ":x", "[1]", "{a: 1}", "&a x",
    "*a", "!t x", "|", ">", "%x", "@x", "`x", "x:", "'open", '"open', "é ü 中", "tab\there", "x  ", "# only",
    # near the line reader's shortcuts for words, numbers and dates
    "TRUE", "False", "NULL", "On", "y", "falsey", "nullable", "offset", "technology", "0", "00", "007",
    "1234567890123456789012", "1.5e-5", "1.5e+5", "1234-5", "2024-1-2", "2024-01-02 03:04:05", "2024-01-02t03:04:05z",
    "12345-6", "2024-01-02T03:04:05Z: x", "2024-01-02:", "٣٣٣٣-01-02",
])


_GOOD_KEYS = st.sampled_from(["title", "a", "b", "url", "x1", "k_k", "$ref", "a-b", "a.b", "webUrl", "Ünï"])
_GOOD_VALUES = st.sampled_from([
    "x", "plain text here", "C#", "a:b", "'q'", '"d \\"e\\""', "12", "-3", "true", "2024-01-02T03:04:05Z",
    "https://example.com/a?b=1&c=2#frag", "é ü 中文", "'it''s'", "x#y", "0.5", "~",
    "FALSE", "nullable", "technologynetworks.com", "0", "2024-01-02 03:04:05", "1234-5", "12345678",
])


@st.composite
def documents(draw):
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 2, 2, 4, 1, 3, 6]))
        kind = draw(st.sampled_from(["entry", "entry", "open", "item", "item-entry", "blank", "comment"]))
        key, value = draw(_KEYS), draw(_VALUES)
        if kind == "entry":
            lines.append(f"{indent}{key}: {value}".rstrip() if value else f"{indent}{key}:")
        elif kind == "open":
            lines.append(f"{indent}{key}:")
        elif kind == "item":
            lines.append(f"{indent}- {value}")
        elif kind == "item-entry":
            lines.append(f"{indent}- {key}: {value}")
        elif kind == "blank":
            lines.append(indent)
        else:
            lines.append(f"{indent}# {value}")
    end = draw(st.sampled_from(["\n", "", "\n\n", "\n# end\n"]))
    return "\n".join(lines) + end


@st.composite
def structured(draw):
    """Well-formed block YAML in the many ways people indent it, with the tricky values."""
    out = []

    def mapping(indent, depth, first_prefix=None):
        keys = draw(st.lists(st.one_of(_GOOD_KEYS, _GOOD_KEYS, _GOOD_KEYS, _GOOD_KEYS, _KEYS),
                             min_size=1, max_size=4, unique=True))
        for n, key in enumerate(keys):
            pad = first_prefix if (n == 0 and first_prefix is not None) else " " * indent
            if draw(st.integers(0, 5)) == 0:
                out.append(" " * indent + draw(st.sampled_from(["", "# note", "  # note"])))
            shape = draw(st.sampled_from(["scalar", "scalar", "scalar", "map", "list"])) if depth < 3 else "scalar"
            gap = draw(st.sampled_from([" ", " ", "  "]))
            if shape == "scalar":
                value = draw(st.one_of(_GOOD_VALUES, _GOOD_VALUES, _GOOD_VALUES, _VALUES))
                comment = draw(st.sampled_from(["", "", " # c", "   #c"]))
                out.append(f"{pad}{key}:{gap}{value}{comment}")
            elif shape == "map":
                out.append(f"{pad}{key}:" + draw(st.sampled_from(["", "", " # c"])))
                mapping(indent + draw(st.sampled_from([2, 2, 4, 1])), depth + 1)
            else:
                out.append(f"{pad}{key}:")
                sequence(indent + draw(st.sampled_from([0, 2, 2, 4])), depth + 1)

    def sequence(indent, depth):
        for _ in range(draw(st.integers(1, 3))):
            dash = " " * indent + "-" + " " * draw(st.sampled_from([1, 1, 3]))
            if draw(st.booleans()):
                out.append(dash + draw(st.one_of(_GOOD_VALUES, _GOOD_VALUES, _VALUES)))
            else:
                mapping(len(dash), depth + 1, first_prefix=dash)

    mapping(0, 0)
    return "\n".join(out) + draw(st.sampled_from(["\n", "", "\n\n", "\n# end\n"]))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents(), structured()), st.integers(0, 50))
def test_never_disagrees_with_libyaml(source, base):
    assert_agrees(source, base)


def test_structured_documents_are_mostly_taken():
    """The property above has teeth only if the line reader takes many of the documents."""
    taken = []

    @settings(max_examples=300, database=None, derandomize=True, deadline=None)
    @given(structured())
    def run(source):
        taken.append(both(source)[0] is not None)

    run()
    assert sum(taken) > len(taken) * 0.3


def test_both_passes_refuse_what_yaml_refuses_outright():
    for char in ("\x00", "\x07", "\x1b", "\x7f", "\x9f", "\ud800", "\ufffe"):
        for source in (f"a: x{char}y\n", f'a: "x{char}"\n', f"a: b  # {char}\n"):
            assert blockyaml.read_data(source, document_mod.resolve_plain, document_mod._value_of) is blockyaml.NOT_READ
            assert blockyaml.read(source, 0, document_mod.resolve_plain, document_mod._typed_plain) is None
