from conftest import VALID, lint, short, with_line


def test_line_suppression_silences_that_line_only():
    text = with_line(VALID, 8, "type: 5  # lint-news: disable=SC003")
    assert short(lint(text)) == []
    text = with_line(text, 9, "quality: 540")
    assert short(lint(text)) == ["9:10 SC005"]


def test_prefixes_and_file_suppression():
    text = VALID.replace("width: 640", "width: 6400").replace("type: article", "type: article  # lint-news: disable-file=IMG")
    assert short(lint(text)) == []


def test_unused_suppression_is_a_warning():
    text = with_line(VALID, 3, 'title: "A clean headline"  # lint-news: disable=ENC001')
    (d,) = lint(text)
    assert d.code == "FM012" and d.severity.value == "warning" and d.span.start.line == 3 and d.span.start.column == 28


def test_a_hash_inside_a_quoted_value_is_not_a_comment_marker_for_other_lines():
    text = with_line(VALID, 3, 'title: "Issue #lint-news: disable=SC003"').replace("type: article", "type: 5")
    assert "SC003" in [d.code for d in lint(text)]


def test_suppressions_of_disabled_rules_are_not_reported():
    text = with_line(VALID, 3, 'title: "A clean headline"  # lint-news: disable=ENC001')
    assert lint(text, ignore=["ENC"]) == []


def test_suppressions_hold_in_files_with_crlf_and_cr_line_endings():
    text = with_line(VALID, 8, "type: 5  # lint-news: disable=SC003")
    text = text.replace("---\n", "---\n# lint-news: disable-file=IMG\n", 1).replace("width: 640", "width: 6400")
    for newline in ("\r\n", "\r"):
        assert short(lint(text.replace("\n", newline))) == [], repr(newline)
