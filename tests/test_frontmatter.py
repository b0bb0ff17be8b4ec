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
