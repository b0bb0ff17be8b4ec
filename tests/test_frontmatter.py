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
