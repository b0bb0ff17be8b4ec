"""The bundled contract, user schemas, and what the validator is allowed to do."""

import json
import os
import socket

import pytest

from conftest import EXAMPLES, ROOT, VALID, lint, short
from linter import schema as schema_mod
from linter.cli import main


def test_bundled_schema_is_valid_2020_12_with_descriptions():
    s = schema_mod.load()
    assert s.schema["$schema"].endswith("2020-12/schema") and s.id and s.schema["title"]

    def walk(node, path):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert "description" in sub or "$ref" in sub, f"{path}.{name} has no description"
                walk(sub, f"{path}.{name}")
            for name, sub in node.get("$defs", {}).items():
                assert "description" in sub
                walk(sub, f"$defs.{name}")
            if isinstance(node.get("items"), dict):
                walk(node["items"], path + "[]")

    walk(s.schema, "")
    assert set(s.schema["required"]) == {"title", "excerpt", "publishedDateTime", "webUrl", "type", "provider"}
    assert s.schema["$defs"]["provider"]["required"] == ["name", "domain"]


def test_examples_pass_the_schema(examples):
    assert examples, "the example documents are missing"
    for path in examples:
        diags = lint(path.read_bytes(), select=["FM", "SC"])
        assert diags == [], short(diags)


@pytest.mark.parametrize("key", ["title", "excerpt", "publishedDateTime", "webUrl", "type", "provider"])
def test_every_required_field(key):
    lines = [l for l in VALID.split("\n") if not l.startswith(key + ":")]
    if key == "provider":
        lines = [l for l in lines if not l.startswith("  name") and not l.startswith("  domain")]
    diags = lint("\n".join(lines), select=["SC"])
    assert [(d.code, d.span.start.line, d.field) for d in diags] == [("SC001", 1, (key,))]


def test_unknown_keys_at_every_level_suggest_the_closest():
    text = VALID.replace("publishedDateTime:", "publishDateTime:").replace("  domain:", "  domian:") \
        .replace("    isCached:", "    isCahced:")
    diags = lint(text, select=["SC002"])
    assert [(d.span.start.line, d.hint) for d in diags] == [
        (5, "did you mean 'publishedDateTime'?"), (15, "did you mean 'domain'?"), (21, "did you mean 'isCached'?")]


def test_a_missing_field_is_left_to_the_unknown_key_that_names_it():
    # 'titel' is the misspelt title: one SC002 with the suggestion, no SC001 for title
    diags = lint(VALID.replace("title:", "titel:"), select=["SC"])
    assert [(d.code, d.hint) for d in diags] == [("SC002", "did you mean 'title'?")]
    # 'typics' is close enough to 'type', but its suggestion is 'topics': the missing type
    # must still be reported, or nothing would name it
    diags = lint(VALID.replace("type: article", "typics: article"), select=["SC"])
    assert sorted((d.code, d.field, d.hint) for d in diags) == [
        ("SC001", ("type",), "type: " + schema_mod.load().schema["properties"]["type"]["description"]),
        ("SC002", ("typics",), "did you mean 'topics'?")]


def test_many_unknown_keys_are_each_reported_and_only_the_first_get_a_fuzzy_hint():
    from linter.rules.schema import SUGGESTED

    extra = "".join(f"titel{i}: x\n" for i in range(SUGGESTED + 50))
    text = VALID.replace("title:", "titel:").replace("---\nBody", extra + "---\nBody")
    diags = lint(text, select=["SC"])
    assert [d.code for d in diags].count("SC002") == SUGGESTED + 51
    assert "SC001" not in [d.code for d in diags]  # 'titel' came first and names title
    hints = [d.hint for d in diags if d.code == "SC002"]
    assert hints[0] == "did you mean 'title'?"
    assert all(h.startswith("known fields: ") for h in hints[SUGGESTED:])


def test_yaml_11_booleans_explained_where_text_is_expected():
    diags = lint(VALID.replace("type: article", "type: yes"), select=["SC"])
    (d,) = diags
    assert d.code == "SC003" and "type must be text" in d.message
    assert 'write "yes" in quotes' in d.hint


@pytest.mark.parametrize("old, new, where, field, what", [
    ('title: "A clean headline"', "title: 2024-03-13", "3:8", "title", "date"),
    ('excerpt: "A clean excerpt."', "excerpt: 2024-03-13T10:00:00Z", "4:10", "excerpt", "date and time"),
    ("  name: News Medical", "  name: 2024-03-13", "14:9", "provider.name", "date"),
    ("heat: -1", "heat: -1\ntopics:\n  - 2024-03-13", "12:5", "topics[0]", "date"),
])
def test_a_date_where_text_belongs_says_how_yaml_reads_it(old, new, where, field, what, pure):
    # lint-news keeps a plain date as its text (the date checks judge it as written), but
    # PyYAML, js-yaml and ruamel.yaml give the pipeline a date object where text belongs
    written = new.rpartition(" ")[2]
    (d,) = lint(VALID.replace(old, new), select=["SC"], pure=pure)
    assert (short([d]), d.message) == ([f"{where} SC003"], f"{field} must be text, found the {what} {written}")
    assert d.hint == f'YAML reads an unquoted {written} as a {what}; write "{written}" in quotes'


def test_plain_dates_in_date_fields_and_quoted_dates_in_text_fields_pass(pure):
    assert "publishedDateTime: 2024-03-13T13:00:00Z" in VALID  # a plain date where the schema asks for one
    text = VALID.replace('title: "A clean headline"', 'title: "2024-03-13"').replace("heat: -1", "heat: -1\nrelated:\n"
        '  - title: "2024-03-12"\n    webUrl: "https://www.news-medical.net/news/b.aspx"\n'
        "    publishedDateTime: 2024-03-12T10:00:00Z")
    assert lint(text, select=["SC"], pure=pure) == []


@pytest.mark.parametrize("old, new, where, message, hint", [
    ("    width: 640", "    width: 640.0", "19:12", "images[0].width must be a whole number, found the decimal number 640.0",
     "write 640"),
    ("quality: 54", "quality: 54.00", "9:10", "quality must be a whole number, found the decimal number 54.00", "write 54"),
    ("heat: -1", "heat: -1.0", "10:7", "heat must be a whole number, found the decimal number -1.0", "write -1"),
    ("    width: 640", '    width: "640.0"', "19:12", 'images[0].width must be a whole number, found the text "640.0"',
     "remove the quotes: 640"),
])
def test_a_whole_number_written_as_a_decimal_one_is_named(old, new, where, message, hint, pure):
    # JSON Schema counts 640.0 as an integer; YAML readers give the pipeline the float 640.0
    (d,) = lint(VALID.replace(old, new), select=["SC"], pure=pure)
    assert (short([d]), d.message, d.hint) == ([f"{where} SC003"], message, hint)


def test_decimal_numbers_where_the_schema_takes_them_pass(tmp_path, pure):
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"type": "object", "properties": {"ratio": {"type": "number"}, "n": {"type": "integer"}}}))
    assert lint("---\nratio: 1.0\nn: 2\n---\n", select=["SC"], pure=pure, schema_path=str(schema)) == []


@pytest.mark.parametrize("old, new, where, message", [
    ('title: "A clean headline"', 'title: "   "', "3:8", 'title must not be empty, found only spaces ("   ")'),
    ('excerpt: "A clean excerpt."', "excerpt: ' '", "4:10", 'excerpt must not be empty, found only spaces (" ")'),
    ("  name: News Medical", '  name: "\\t\\u3000"', "14:9", 'provider.name must not be empty, found only blank characters ("\\t\u3000")'),
    ('excerpt: "A clean excerpt."', 'excerpt: ""', "4:10", "excerpt must not be empty"),
])
def test_text_of_blanks_alone_where_the_schema_asks_for_text_is_empty_text(old, new, where, message, pure):
    # minLength 1 counts the spaces as text: the page shows nothing
    (d,) = lint(VALID.replace(old, new), select=["SC"], pure=pure)
    assert (short([d]), d.message) == ([f"{where} SC006"], message)


def test_blank_text_is_reported_only_where_the_schema_asks_for_a_length(tmp_path, pure):
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"type": "object", "properties": {"note": {"type": "string"},
                                                                   "sep": {"type": "string", "minLength": 3}}}))
    assert lint('---\nnote: "  "\n---\n', select=["SC"], pure=pure, schema_path=str(schema)) == []
    # a value too short is told so, once; long enough, it is still empty text
    (d,) = lint('---\nsep: " "\n---\n', select=["SC"], pure=pure, schema_path=str(schema))
    assert d.message == "sep must have at least 3 characters, found 1"
    (d,) = lint('---\nsep: "    "\n---\n', select=["SC"], pure=pure, schema_path=str(schema))
    assert d.message == 'sep must not be empty, found only spaces ("    ")'


def test_a_topic_listed_twice_is_named_at_its_second_place(pure):
    text = VALID.replace("heat: -1", "heat: -1\ntopics:\n  - Health\n  - AI\n  - Health")
    (d,) = lint(text, select=["SC"], pure=pure)
    assert (short([d]), d.message) == (["14:5 SC009"], 'topics lists "Health" twice: topics[0] and topics[2]')
    assert lint(text.replace("  - Health\n  - AI\n  - Health", "  - Health\n  - health"), select=["SC"], pure=pure) == []


def test_a_field_without_its_colon_before_a_later_colon_is_named(pure):
    # YAML takes 'excerpt "The study' for a field name, and finds no excerpt
    (d,) = lint(VALID.replace('excerpt: "A clean excerpt."', 'excerpt "The study: 5 cases."'), pure=pure)
    assert (short([d]), d.message, d.hint) == (
        ["4:1 SC002"], "the ':' after 'excerpt' is missing: YAML reads the line up to a later ': ' as the field's name",
        'write excerpt: "The study: 5 cases."')


def test_octal_explained():
    diags = lint(VALID.replace("  name: News Medical", "  name: 012"), select=["SC"])
    assert diags[0].code == "SC003" and "012 as the number 10" in diags[0].hint


def test_base_60_explained(pure):
    (d,) = lint(VALID.replace("  name: News Medical", "  name: 1:30"), select=["SC"], pure=pure)
    assert d.code == "SC003" and d.message == "provider.name must be text, found the number 90"
    assert d.hint == 'YAML 1.1 reads 1:30 as the number 90 (counting in sixties, as for times); write "1:30" in quotes'


@pytest.mark.parametrize("written,hint", [
    ("089", "a number with a leading 0 is read as octal, which has no digits 8 or 9; write 89"),
    ('"54"', "remove the quotes: 54"),
    ("54pts", None), ("54 %", "write only the number, without units or quotes: 54"),
    ("54px", "write only the number, without units or quotes: 54"),
    ("5.4e1", "write the number out: 54"),  # YAML 1.1 reads it as text (its exponent has no sign)
    ("1,054", "write the number without separators: 1054"),
    ("54,5", "use a whole number"),  # a decimal comma: not 545
    ("5O", None),  # a letter O for a zero: no guess
])
def test_text_where_a_number_belongs_says_why_it_is_text(written, hint, pure):
    (d,) = lint(VALID.replace("quality: 54", f"quality: {written}"), select=["SC"], pure=pure)
    assert d.code == "SC003" and d.hint == hint


@pytest.mark.parametrize("written, hint", [
    ("", "the value is empty; write it after the ':'"),
    ("~", 'YAML reads ~ as no value; write the value, or "~" in quotes if it is text'),
    ("null", 'YAML reads null as no value; write the value, or "null" in quotes if it is text'),
])
def test_no_value_where_text_belongs_says_how_yaml_read_it(written, hint, pure):
    (d,) = lint(VALID.replace('title: "A clean headline"', f"title: {written}".rstrip()), select=["SC"], pure=pure)
    assert (d.code, d.message, d.hint) == ("SC003", "title must be text, found nothing", hint)


def test_a_value_that_yaml_reads_as_a_comment_says_so(pure):
    (d,) = lint(VALID.replace('title: "A clean headline"', "title: #MeToo at ten"), select=["SC", "FM"], pure=pure)
    assert (d.code, d.message) == ("SC003", "title must be text, found nothing")
    assert d.hint == ("YAML reads '#MeToo at ten' as a comment, so the value is empty: put the whole value in "
                      'double quotes: title: "#MeToo at ten"')


def test_a_value_that_is_only_an_anchor_says_so(pure):
    (d,) = lint(VALID.replace('title: "A clean headline"', "title: &Co"), select=["SC", "FM"], pure=pure)
    assert d.code == "SC003" and d.hint == ("YAML reads '&Co' as the name of an anchor, so the value is empty: "
                                            'put it in double quotes: title: "&Co"')


@pytest.mark.parametrize("key, char", [("title\u00a0", "U+00A0 NO-BREAK SPACE"), ("type\u3000", "U+3000 IDEOGRAPHIC SPACE"),
                                       ("ty\u200bpe", "U+200B ZERO WIDTH SPACE")])
def test_a_field_name_with_a_pasted_space_is_named_with_that_space(key, char):
    name = key.strip("\u00a0\u3000").replace("\u200b", "")
    line = next(l for l in VALID.splitlines() if l.startswith(name + ":"))
    diags = lint(VALID.replace(line, line.replace(name, key, 1)), select=["SC"])
    assert [(d.code, d.message, d.hint) for d in diags] == [
        ("SC002", f"the field name '{name}' holds {char}", f"delete it, so that the name is {name}")]


@pytest.mark.parametrize("key, name, letters", [
    ("tіtle", "title", "'і' (U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I), which looks like a Latin letter"),
    ("tyре", "type", "'р' (U+0440 CYRILLIC SMALL LETTER ER), 'е' (U+0435 CYRILLIC SMALL LETTER IE), which look like Latin letters"),
    ("tίtle", None, None),  # Greek iota with tonos looks like no Latin letter: an unknown field
])
def test_a_field_name_with_lookalike_letters_is_named_with_them(key, name, letters):
    latin = name or "title"
    line = next(l for l in VALID.splitlines() if l.startswith(latin + ":"))
    diags = lint(VALID.replace(line, line.replace(latin, key, 1)), select=["SC"])
    if name is None:
        assert [(d.code, d.message) for d in diags] == [("SC002", f"unknown field '{key}'")]
        return
    assert [(d.code, d.message, d.hint) for d in diags] == [
        ("SC002", f"the field name '{key}' is '{name}' written with {letters}", f"retype it in Latin letters: {name}")]


def test_one_wrong_value_one_diagnostic():
    diags = lint(VALID.replace("images:\n", "images: nothing\nx:\n"), select=["SC"])
    assert [d.code for d in diags if d.field == ("images",)] == ["SC003"]


def write(tmp_path, name, obj):
    p = tmp_path / name
    p.write_text(json.dumps(obj))
    return str(p)


def test_user_schema_is_used(tmp_path, capsys):
    s = write(tmp_path, "s.json", {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                                   "required": ["headline"], "properties": {"headline": {"type": "string"},
                                                                            "link": {"type": "string", "format": "uri"}}})
    md = tmp_path / "a.md"
    md.write_text('---\nlink: "not a uri ::"\n---\n')
    assert main(["--schema", s, str(md)]) == 1
    out = capsys.readouterr().out
    assert "SC001" in out and "headline" in out and "URL001" in out


@pytest.mark.parametrize("files, jobs", [(0, "1"), (0, "2"), (200, "2"), (200, "1")])
def test_invalid_schema_is_a_usage_error(tmp_path, capsys, files, jobs):
    """Also when the workers, started before anything is compiled, are the first to see it."""
    s = write(tmp_path, "bad.json", {"type": "objekt"})
    target = EXAMPLES
    if files:
        target = tmp_path / "content"
        target.mkdir()
        for i in range(files):
            (target / f"a{i:03d}.md").write_text(VALID, encoding="utf-8")
    assert main(["--schema", s, "--no-cache", "--jobs", jobs, str(target)]) == 2
    captured = capsys.readouterr()
    assert "not a valid JSON Schema" in captured.err and "Traceback" not in captured.err
    assert "FM011" not in captured.out


def test_unknown_format_fails_loudly(tmp_path, capsys):
    s = write(tmp_path, "f.json", {"type": "object", "properties": {"x": {"type": "string", "format": "color"}}})
    assert main(["--schema", s, str(EXAMPLES)]) == 2
    assert "format 'color'" in capsys.readouterr().err


@pytest.mark.parametrize("ref", ["http://example.com/schema.json", "file:///etc/passwd", "other.json#/x"])
def test_remote_refs_are_refused_without_any_io(tmp_path, capsys, monkeypatch, ref):
    def no_network(*a, **k):
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    s = write(tmp_path, "r.json", {"type": "object", "properties": {"x": {"$ref": ref}}})
    assert main(["--schema", s, str(EXAMPLES)]) == 2
    assert "lint-news never fetches schemas" in capsys.readouterr().err


def test_formats_are_really_checked():
    bad = VALID.replace('webUrl: "https://www.news-medical.net/news/a.aspx"', 'webUrl: "not a uri ::"') \
        .replace("domain: news-medical.net", "domain: news_medical..net") \
        .replace("2024-03-13T13:00:00Z", "2024-13-13T13:00:00Z")
    codes = sorted(d.code for d in lint(bad))
    assert "URL001" in codes and "URL003" in codes and "DT001" in codes


def test_annotate_follows_refs_and_items():
    s = schema_mod.load()
    data = {"webUrl": "x", "provider": {"domain": "y"}, "related": [{"images": [{"url": "z"}]}], "title": "t"}
    assert s.annotate(data)[0] == {("webUrl",): "uri", ("provider", "domain"): "hostname",
                                ("related", 0, "images", 0, "url"): "uri-reference"}


def test_jsonschemas_format_libraries_are_not_imported(tmp_path):
    """jsonschema imports its optional format libraries at start-up (rfc3987-syntax alone takes
    0.8 s and 20 MiB where installed); lint-news checks formats itself and never loads them,
    and leaves them importable for anyone else."""
    import subprocess
    import sys

    fakes = tmp_path / "fakes"
    fakes.mkdir()
    for name in schema_mod._FORMAT_LIBRARIES:
        (fakes / f"{name}.py").write_text(f"import sys\nsys.stderr.write('IMPORTED {name}\\n')\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    (work / ".lint-news.toml").write_text('select = ["SC", "URL"]\n', encoding="utf-8")
    article = work / "a.md"
    article.write_text(VALID, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fakes), str(ROOT)])}
    run = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--jobs", "1", str(article)],
                         cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "IMPORTED" not in run.stderr
    later = subprocess.run([sys.executable, "-c", "from linter.schema import import_jsonschema, _FORMAT_LIBRARIES\n"
                            "import importlib, sys\nimport_jsonschema()\n"
                            "assert not any(n in sys.modules for n in _FORMAT_LIBRARIES)\n"
                            "[importlib.import_module(n) for n in _FORMAT_LIBRARIES]\n"],
                           env=env, capture_output=True, text=True, timeout=120)
    assert later.returncode == 0, later.stderr
    assert later.stderr.count("IMPORTED") == len(schema_mod._FORMAT_LIBRARIES)


@pytest.mark.parametrize("items, found", [
    ("[1, true, 1.0]", ("1.0", 0, 2)),            # 1 and 1.0 are the same number; true is not 1
    ("[true, 1]", None),
    ("[{a: [1, 2]}, {a: [1.0, 2]}]", ("the same item", 0, 1)),  # equal mappings, compared by value
    ("[x, y, z, y]", ('"y"', 1, 3)),
])
def test_a_repeated_item_is_named_at_its_second_place(tmp_path, items, found):
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                                  "properties": {"tags": {"type": "array", "uniqueItems": True}}}))
    diags = lint(f"---\ntags: {items}\n---\n", schema_path=str(schema))
    if found is None:
        assert diags == []
        return
    shown, first, again = found
    (d,) = diags
    assert d.code == "SC009" and d.field == ("tags", again)
    assert d.message.startswith(f"tags lists {shown}") and d.message.endswith(f"twice: tags[{first}] and tags[{again}]")
    assert d.hint == "remove the repeated item"


def _own_schema(tmp_path, **schema):
    path = tmp_path / "own.json"
    path.write_text(json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", **schema}))
    return str(path)


def test_a_field_required_by_another_is_named_at_the_field_that_needs_it(tmp_path):
    schema = _own_schema(tmp_path, properties={"a": {}, "b": {"description": "The b part."}},
                         dependentRequired={"a": ["b"]})
    (d,) = lint("---\nkind: x\na: 1\n---\n", schema_path=schema)
    assert (d.code, d.span.start.line, d.span.start.column, d.field) == ("SC001", 3, 1, ("b",))
    assert d.message == "missing field 'b', which is required when 'a' is set"
    assert d.hint == "b: The b part."
    assert lint("---\nkind: x\n---\n", schema_path=schema) == []


@pytest.mark.parametrize("schema, text, message", [
    ({"properties": {"tags": {"contains": {"const": "news"}}}}, "tags: [sport]", 'tags must include "news"'),
    ({"properties": {"tags": {"contains": {"enum": ["a", "b"]}}}}, "tags: [c]", 'tags must include one of "a", "b"'),
    ({"properties": {"code": {"not": {"const": "XXX"}}}}, "code: XXX", 'code must not be "XXX"'),
    ({"properties": {"code": {"not": {"type": "integer"}}}}, "code: 5", "code must not be a whole number, found 5"),
    ({"properties": {"code": {"not": {"minLength": 3}}}}, "code: abcd", 'code has a value the schema rules out, found "abcd"'),
])
def test_contains_and_not_are_said_in_words(tmp_path, schema, text, message):
    (d,) = lint(f"---\n{text}\n---\n", schema_path=_own_schema(tmp_path, **schema))
    assert (d.code, d.message, d.span.start.line) == ("SC009", message, 2)


def test_each_field_name_that_breaks_property_names_is_reported_at_its_key(tmp_path):
    schema = _own_schema(tmp_path, properties={"meta": {"propertyNames": {"pattern": "^[a-z]+$"}}})
    diags = lint("---\nmeta:\n  Bad: 1\n  ok: 2\n  Ugly: 3\n---\n", schema_path=schema)
    assert [(d.code, d.span.start.line, d.span.start.column, d.field) for d in diags] == [
        ("SC009", 3, 3, ("meta", "Bad")), ("SC009", 5, 3, ("meta", "Ugly"))]
    assert diags[0].message == 'meta has a field named "Bad", which the schema does not allow'
    assert diags[0].hint == "field names here must match the pattern ^[a-z]+$"


def test_any_of_is_explained_by_the_branch_of_the_values_kind(tmp_path):
    """A mapping under anyOf [text, mapping with src] is missing src; 'must be text' would
    send the editor the wrong way. And 'source' stands for nothing here: no rule reports it,
    since the schema allows other keys, so the missing src is reported."""
    schema = _own_schema(tmp_path, properties={"media": {"anyOf": [
        {"type": "string"}, {"type": "object", "required": ["src"], "properties": {"src": {"type": "string"}}}]}})
    (d,) = lint("---\nmedia:\n  source: x\n---\n", schema_path=schema)
    assert (d.code, d.message, d.span.start.line) == ("SC001", "missing required field 'media.src'", 2)
    (d,) = lint("---\nmedia: 5\n---\n", schema_path=schema)
    assert d.code == "SC003"


@pytest.mark.parametrize("condition, text, where, message", [
    ({"properties": {"video": {"const": True}}}, "video: true", (3, 1),
     "missing field 'duration', which is required when video is true"),
    ({"properties": {"kind": {"enum": ["clip", "film"]}}}, "kind: clip", (3, 1),
     'missing field \'duration\', which is required when kind is one of "clip", "film"'),
    ({"properties": {"video": {"const": True}, "kind": {"const": "clip"}}}, "video: true\nkind: clip", (1, 1),
     "missing required field 'duration'"),  # a condition of two fields: said as before
])
def test_a_field_an_if_then_requires_is_named_with_its_condition(tmp_path, condition, text, where, message):
    schema = _own_schema(tmp_path, properties={"video": {}, "kind": {}, "duration": {}},
                         **{"if": {**condition, "required": list(condition["properties"])}, "then": {"required": ["duration"]}})
    (d,) = lint(f"---\ntitle: x\n{text}\n---\n", schema_path=schema)
    assert (d.code, (d.span.start.line, d.span.start.column), d.message) == ("SC001", where, message)
    assert lint(f"---\ntitle: x\n{text}\nduration: 3\n---\n", schema_path=schema) == []


def test_a_nested_if_then_is_said_with_the_whole_path(tmp_path):
    schema = _own_schema(tmp_path, properties={"media": {"type": "object", "if": {"properties": {"kind": {"const": "video"}},
                                                                                    "required": ["kind"]},
                                                         "then": {"required": ["duration"]}}})
    (d,) = lint("---\nmedia:\n  kind: video\n---\n", schema_path=schema)
    assert (d.span.start.line, d.message) == (3, "missing field 'media.duration', which is required when media.kind is \"video\"")


@pytest.mark.parametrize("value, code, message", [
    ("-3", "SC005", "score must be at least 0, found -3"),  # not: must be "n/a"
    ("na", "SC004", 'score must be "n/a", found "na"'),
    ("true", "SC003", None),
])
def test_any_of_with_a_constant_is_explained_by_the_branch_of_the_values_kind(tmp_path, value, code, message):
    schema = _own_schema(tmp_path, properties={"score": {"anyOf": [{"type": "integer", "minimum": 0}, {"const": "n/a"}]}})
    (d,) = lint(f"---\nscore: {value}\n---\n", schema_path=schema)
    assert d.code == code and (message is None or d.message == message), d.message


@pytest.mark.parametrize("old, new, field, hint", [
    ("provider:\n  name: News Medical\n  domain: news-medical.net", "provider: News Medical", ("provider",),
     "write its fields on the lines below it, indented: 'name: …', 'domain: …'"),
    ("images:\n  - url:", "images:\n    url:", ("images",),
     "a list item starts with '- ': write '- ' before the item's first field"),
    ("images:\n", "topics: AI, Health care, Women’s health\nimages:\n", ("topics",),
     "write it as a list: [AI, Health care, Women’s health]"),
    ("images:\n", 'topics: "AI: the future, health"\nimages:\n', ("topics",),
     "write each item on a line of its own, starting with '- '"),
])
def test_a_list_or_mapping_written_as_something_else_gets_a_hint_for_the_form(old, new, field, hint):
    text = VALID.replace(old, new, 1)
    assert text != VALID
    diags = [d for d in lint(text, select=["SC"]) if d.code == "SC003"]
    assert [(d.field, d.hint) for d in diags] == [(field, hint)]


@pytest.mark.parametrize("fence", ["---", "..."])
def test_fields_below_a_stray_fence_are_pointed_at(fence):
    text = VALID.replace('title: "A clean headline"\n', f'title: "A clean headline"\n{fence}\n', 1)
    diags = [d for d in lint(text, select=["SC001"])]
    by_field = {d.field: d.hint for d in diags}
    assert by_field[("excerpt",)] == f"'excerpt' is on line 5, below the '{fence}' on line 4 that ends the front matter: remove that line"
    assert by_field[("provider",)].startswith("'provider' is on line 14")
    # a field that is missing for good keeps its description as the hint
    text = VALID.replace('excerpt: "A clean excerpt."\n', "")
    (d,) = lint(text, select=["SC001"])
    assert d.hint.startswith("excerpt: A short summary")


@pytest.mark.parametrize("written, hint", [
    ("title: {Breaking news}", 'YAML reads {…} as a mapping; put the whole value in double quotes: title: "{Breaking news}"'),
    ("title: [AI, Health]", 'YAML reads […] as a list; put the whole value in double quotes: title: "[AI, Health]"'),
])
def test_brackets_where_text_belongs_are_explained(written, hint):
    (d,) = lint(VALID.replace('title: "A clean headline"', written), select=["SC003"])
    assert d.hint == hint
    fixed = hint.split("quotes: ", 1)[1]
    assert lint(VALID.replace('title: "A clean headline"', fixed), select=["SC", "FM"]) == []
