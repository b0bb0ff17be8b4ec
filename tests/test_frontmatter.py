import pytest

from linter.frontmatter import split


@pytest.mark.parametrize("text,problem", [
    ("", "missing"), ("title: x\n", "missing"), (" ---\nx: 1\n---\n", "missing"),
    ("---", "unclosed"), ("---\nx: 1\n", "unclosed"), ("---\r\nx: 1\r\n", "unclosed"),
])
def test_problems(text, problem):
    assert split(text).problem == problem


@pytest.mark.parametrize("text,yaml,body", [
    ("---\nx: 1\n---\nbody\n", "x: 1\n", "body\n"),
    ("---\r\nx: 1\r\n---\r\nbody", "x: 1\r\n", "body"),
    ("---\rx: 1\r...\rbody", "x: 1\r", "body"),
    ("---\n---\n", "", ""),
    ("---  \nx: 1\n---   \nb", "x: 1\n", "b"),
])
def test_fences(text, yaml, body):
    fm = split(text).front_matter
    assert text[fm.start:fm.end] == yaml
    assert text[fm.body_start:] == body


def test_a_dash_line_inside_a_value_is_not_a_fence():
    fm = split("---\nx: |\n  ----\n---\n").front_matter
    assert fm.end == len("---\nx: |\n  ----\n")


def test_closing_fence_found_after_ellipses_and_dashes_in_values():
    from linter.frontmatter import split

    for nl in ("\n", "\r\n", "\r"):
        text = nl.join(["---", 'title: "Wait... what --- really"', "a: b...", "---", "Body..."])
        fm = split(text).front_matter
        assert text[fm.end:fm.close_end] == "---"
        assert text[fm.body_start:] == "Body..."


def test_the_fence_search_shortcut_finds_what_a_plain_search_finds():
    """split() starts its search for the closing fence at the first '---' or '...' (and
    looks for '...' only before the first '---'); a search from the opening fence on must
    find the same fence, on texts made of fences, dots, dashes and every kind of line break."""
    import random

    from linter.frontmatter import _CLOSE, _OPEN, split

    rng = random.Random(4)
    pieces = ["---", "...", "\n", "\r\n", "\r", " ", "\t", "a: b", "-", ".", "x", "--- ", "....", "----",
              "\n---\n", "\n...\n", "\r\n---\r\n"]
    found = 0
    for _ in range(50000):
        text = rng.choice(["---\n", "---\r\n", "--- \n", ""]) + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        fm = split(text).front_matter
        opened = _OPEN.match(text)
        close = None
        if opened:
            begin = opened.end() - 1 if opened.group(0).endswith(("\n", "\r")) else opened.end()
            close = _CLOSE.search(text, begin)
            if close and close.start(1) < opened.end():
                close = None
        assert (fm is None) == (close is None), repr(text)
        if fm is not None:
            assert (fm.start, fm.end, fm.close_end) == (opened.end(), close.start(1), close.end(1)), repr(text)
            rest = text[fm.close_end:]
            assert fm.body_start == fm.close_end + (2 if rest.startswith("\r\n") else 1 if rest[:1] in ("\n", "\r") and rest else 0)
            found += 1
    assert found > 20000


def _reference_split(text):
    """The fences found line by line: a first line '---', then the first line '---' or '...'
    (spaces and tabs after either allowed; a line ends at \\r\\n, \\r or \\n)."""
    import re

    lines = re.split(r"(\r\n|\r|\n)", text)
    pieces = [(lines[i], lines[i + 1] if i + 1 < len(lines) else "") for i in range(0, len(lines), 2)]
    if not re.fullmatch(r"---[ \t]*", pieces[0][0]):
        return "missing"
    offset = len(pieces[0][0]) + len(pieces[0][1])
    start = offset
    for line, end in pieces[1:]:
        if re.fullmatch(r"(?:---|\.\.\.)[ \t]*", line) and (pieces[0][1] or offset > start):
            return start, offset, offset + len(line)
        offset += len(line) + len(end)
    return "unclosed"


def test_the_fences_are_those_a_line_by_line_reading_finds():
    # line breaks of every kind, mixed, and fence-like text in and around the lines
    import random

    rng = random.Random(20240313)
    parts = ["---", "...", "\n", "\r", "\r\n", "a: 1", " ", "\t", "--", ".", "x", "----", "é"]
    for _ in range(20000):
        text = "".join(rng.choice(parts) for _ in range(rng.randrange(1, 14)))
        found = split(text)
        fm = found.front_matter
        got = found.problem if fm is None else (fm.start, fm.end, fm.close_end)
        assert got == _reference_split(text), repr(text)
