"""FM rules about values the YAML reader accepts but reads otherwise than written: cut by a
comment (FM013), or a number read as octal (FM014)."""

import pytest

from conftest import VALID, lint, short

TITLE = 'title: "A clean headline"'


def title(line: str) -> str:
    return VALID.replace(TITLE, line)


@pytest.mark.parametrize("line,column,comment,kept", [
    ("title: We're #1 in the rankings", 14, "#1 in the rankings", "We're"),
    ("title: Why #MeToo still matters", 12, "#MeToo still matters", "Why"),
    ("title: Café owners #Montréal", 20, "#Montréal", "Café owners"),
])
def test_a_hashtag_after_an_unquoted_value_is_reported(line, column, comment, kept, pure):
    (d,) = lint(title(line), pure=pure, select=["FM"])
    assert (d.code, d.span.start.line, d.span.start.column) == ("FM013", 3, column)
    assert d.span.end.column == column + len(comment) and d.field == ("title",)
    assert d.message == f"title is cut short: YAML reads '{comment}' as a comment, so the value is only '{kept}'"
    assert d.hint == f'put the whole value in double quotes: {line.replace("title: ", "title: " + chr(34), 1)}"'
    assert d.severity.value == "warning"


@pytest.mark.parametrize("line", [
    'title: "We\'re #1 in the rankings"', "title: 'Why #MeToo matters'", "title: A headline # an editor's note",
    "title: A headline  #note", "title: Issue#42 fixed", "title: A headline #",
])
def test_quoted_values_and_real_comments_are_fine(line, pure):
    assert lint(title(line), pure=pure, select=["FM"]) == []


def test_list_items_and_continuation_lines_are_named(pure):
    text = VALID.replace("heat: -1\n", "heat: -1\ntopics:\n  - AI #tech\n  - ML\n")
    text = text.replace(TITLE, "title: A long headline\n  that goes on #2")
    diags = lint(text, pure=pure, select=["FM"])
    assert short(diags) == ["4:16 FM013", "13:8 FM013"]
    assert diags[0].message.endswith("so the value is only 'A long headline that goes on'")
    assert diags[0].hint == "put the whole value in double quotes"  # the value spans two lines
    assert diags[1].field == ("topics", 0) and diags[1].hint == 'put the whole value in double quotes: "AI #tech"'


def test_crlf_and_quotes_in_the_hint(pure):
    (d,) = lint(title('title: Why #MeToo "matters"').replace("\n", "\r\n"), pure=pure, select=["FM"])
    assert d.span.start.column == 12 and d.hint.endswith('title: "Why #MeToo \\"matters\\""')


@pytest.mark.parametrize("written,octal,decimal", [("054", 44, 54), ("0640", 416, 640), ("-010", -8, -10)])
def test_a_leading_zero_makes_an_octal_number(written, octal, decimal, pure):
    (d,) = lint(VALID.replace("quality: 54", f"quality: {written}"), pure=pure, select=["FM"])
    assert short([d]) == ["9:10 FM014"] and d.field == ("quality",)
    assert d.message == (f"quality is written {written}, which YAML 1.1 readers take for the octal number {octal} "
                         f"(YAML 1.2 readers for {decimal})")
    assert d.hint.startswith(f"write {decimal} without the leading 0")


@pytest.mark.parametrize("written", ["54", "0", "07", '"054"', "0x36", "0o54", "089", "0.5"])
def test_numbers_that_read_the_same_everywhere_are_fine(written, pure):
    assert [d for d in lint(VALID.replace("quality: 54", f"quality: {written}"), pure=pure) if d.code == "FM014"] == []


def test_octal_numbers_in_lists_and_images(pure):
    text = VALID.replace("    width: 640", "    width: 0640").replace("heat: -1", "heat: -1\nranks: [010, 3]")
    assert short(lint(text, pure=pure, select=["FM"])) == ["11:9 FM014", "20:12 FM014"]


def test_an_octal_number_where_text_belongs_is_reported_once(pure):
    diags = [d for d in lint(VALID.replace("  name: News Medical", "  name: 012"), pure=pure)
             if d.field == ("provider", "name")]
    assert [d.code for d in diags] == ["SC003"] and "012 as the number 10" in diags[0].hint


@pytest.mark.parametrize("written, message, title", [
    ('title: "He said "hi" to them"', "text follows the closing double quote", 'He said "hi" to them'),
    ("title: 'It's a tool'", "text follows the closing single quote", "It's a tool"),
    ('title: "Deep learning" tool', "text follows the closing double quote", '"Deep learning" tool'),
    ("title: 'It's \"big\" news'", "text follows the closing single quote", 'It\'s "big" news'),
    ("title: [Update] Deep learning", "is read as a list, and text follows it", "[Update] Deep learning"),
    ("title: {Live} Storm", "is read as a mapping, and text follows it", "{Live} Storm"),
])
def test_text_after_a_closed_value_gets_the_line_that_keeps_it_as_text(written, message, title, pure):
    text = VALID.replace('title: "A clean headline"', written)
    diags = [d for d in lint(text, pure=pure) if d.code == "FM003"]
    assert len(diags) == 1 and message in diags[0].message and diags[0].span.start.line == 3, diags
    fixed = diags[0].hint.split(": ", 1)[1]  # the line the hint proposes
    from conftest import engine

    ctx = engine(pure=pure).context("a.md", VALID.replace('title: "A clean headline"', fixed).encode())
    assert ctx.document.ok and ctx.document.data["title"] == title


@pytest.mark.parametrize("written, value", [("yes", "true"), ("Yes", "true"), ("ON", "true"), ("no", "false"),
                                            ("Off", "false"), ("NO", "false")])
def test_yes_no_on_off_are_booleans_only_in_yaml_1_1(written, value, pure):
    (d,) = lint(VALID.replace("published: false", f"published: {written}"), pure=pure, select=["FM"])
    assert short([d]) == ["11:12 FM015"] and d.field == ("published",)
    assert d.message == (f"published is written {written}, which YAML 1.1 readers take for {value} "
                         f"and YAML 1.2 readers for the text \"{written}\"")
    assert d.hint == f'write {value}, or "{written}" in quotes if it is text'


@pytest.mark.parametrize("written, reading, hint", [
    # colons: base 60, as for times
    ("1:30", "the base-60 number 90", 'write 90, or "1:30" in quotes if it is a time or a score'),
    ("-1:0", "the base-60 number -60", None), ("1:00:00", "the base-60 number 3600", None),
    ("1:30.5", "the base-60 number 90.5", None),
    # underscores between digits
    ("1_280", "the number 1280", "write 1280, without the underscores"),
    ("-1_000", "the number -1000", None), ("1_000.5", "the number 1000.5", None),
    ("0_10", "the number 8", "write the number without the underscores and the leading 0"),  # octal too: one finding
])
def test_a_number_only_yaml_1_1_reads_as_one(written, reading, hint, pure):
    text = VALID.replace("heat: -1", f"heat: -1\nscore: {written}")
    (d,) = lint(text, pure=pure, select=["FM"])
    assert short([d]) == ["11:8 FM015"] and d.field == ("score",)
    assert d.message == f"score is written {written}, which YAML 1.1 readers take for {reading} and YAML 1.2 readers for the text \"{written}\""
    assert hint is None or d.hint == hint


@pytest.mark.parametrize("written", ["true", "False", "TRUE", '"yes"', "'no'", "yes please", "onward", "12:30 pm",
                                     '"1:30"', "!!bool yes", '"1_280"', "a_b", "1280"])
def test_values_that_read_the_same_everywhere_are_fine(written, pure):
    text = VALID.replace("heat: -1", f"heat: -1\nextra: {written}")
    assert [d for d in lint(text, pure=pure) if d.code == "FM015"] == []


def test_yaml_1_1_values_in_lists_and_nested_mappings(pure):
    text = VALID.replace("    isCached: true", "    isCached: yes").replace("heat: -1", "heat: -1\nflags: [on, 3, off]")
    found = [(short([d])[0], d.field) for d in lint(text, pure=pure, select=["FM"])]
    assert found == [("11:9 FM015", ("flags", 0)), ("11:16 FM015", ("flags", 2)), ("22:15 FM015", ("images", 0, "isCached"))]


def test_a_yaml_1_1_boolean_where_text_belongs_is_reported_once(pure):
    diags = [d for d in lint(VALID.replace("type: article", "type: no"), pure=pure) if d.field == ("type",)]
    assert [d.code for d in diags] == ["SC003"] and 'write "no" in quotes' in diags[0].hint


@pytest.mark.parametrize("start, hint", [
    ("\n---\n", "remove the empty line before '---': it must be the first line"),
    ("\n\n---\n", "remove the 2 empty lines before '---': it must be the first line"),
    ("----\n", "write exactly three dashes: ---"),
    ("  ---\n", "remove the spaces or characters before '---' on the first line"),
    ("+++\n", "this is TOML front matter (between '+++' lines); lint-news reads YAML between '---' lines"),
    ("title: x\n", "the first line must be exactly '---'"),
])
def test_a_file_without_front_matter_is_told_what_its_first_lines_lack(start, hint):
    text = VALID.replace("---\n", start, 1)
    assert text != VALID
    found = [d for d in lint(text) if d.code == "FM001"]
    assert [(d.span.start.line, d.hint) for d in found] == [(1, hint)]


@pytest.mark.parametrize("closing", ["--", "----", " ---", "—", "- - -", "***"])
def test_a_closing_fence_written_almost_right_is_pointed_at(closing):
    lines = VALID.split("\n")
    end = lines.index("---", 1)
    text = "\n".join(lines[:end] + [closing] + lines[end + 1:])
    (d,) = [d for d in lint(text) if d.code == "FM002"]
    assert (d.span.start.line, d.message, d.hint) == (
        end + 1, f"the front matter is never closed: this line is '{closing}', not '---'", "write exactly three dashes: ---")


def test_a_missing_closing_fence_is_reported_at_the_opening_one_even_with_a_rule_in_the_body():
    lines = VALID.split("\n")
    end = lines.index("---", 1)
    text = "\n".join(lines[:end] + ["", "The article begins here.", "", "***", "More."])
    (d,) = [d for d in lint(text) if d.code == "FM002"]
    # the hint names where the closing line belongs: after the last field, before the article
    assert d.span.start.line == 1 and d.hint == (
        f"add a line '---' after line {end}, the last front-matter field (before 'The article begins here.')")


@pytest.mark.parametrize("body, before", [
    ("The council approved the budget: 7 votes to 2, after a debate.", "The council approved the budge…"),
    ("Körperschaft: neue Regeln", None),  # reads as a field: no place can be named
])
def test_a_missing_closing_fence_names_the_line_it_belongs_after(body, before):
    lines = VALID.split("\n")
    end = lines.index("---", 1)
    (d,) = [d for d in lint("\n".join(lines[:end] + ["", body])) if d.code == "FM002"]
    assert d.hint == (f"add a line '---' after line {end}, the last front-matter field (before '{before}')" if before
                      else "add a line '---' after the last front-matter field")


def test_a_value_that_begins_with_an_anchor_is_named_with_what_is_left(pure):
    text = VALID.replace('title: "A clean headline"', "title: &Co report on the storm")
    diags = lint(text, select=["FM", "SC"], pure=pure)
    assert short(diags) == ["3:8 FM016"]
    d = diags[0]
    assert d.field == ("title",) and d.span.end.column == 11
    assert "the value is only 'report on the storm'" in d.message
    assert d.hint == 'put the whole value in double quotes: title: "&Co report on the storm"'


def test_anchors_that_an_alias_uses_are_yaml_not_text(pure):
    text = VALID.replace("provider:\n", "topics:\n  - &t Tag one\n  - Tag two\nprovider:\n", 1).replace(
        "  name: News Medical", "  name: *t")
    assert lint(text, select=["FM016"], pure=pure) == []
    assert lint(text, select=["FM", "SC"], pure=pure) == []
    # and one on a mapping is no text at all
    assert lint(VALID.replace("provider:\n", "provider: &p\n", 1), select=["FM016"], pure=pure) == []


def test_an_unused_anchor_on_a_list_item_gets_a_list_item_hint(pure):
    text = VALID.replace("provider:\n", "topics:\n  - Science\n  - &x Markets rally\nprovider:\n", 1)
    (d,) = lint(text, select=["FM016"], pure=pure)
    assert d.field == ("topics", 1) and d.hint.endswith('- "&x Markets rally"')
