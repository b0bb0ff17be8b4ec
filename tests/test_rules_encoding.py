"""ENC: mojibake, invalid UTF-8, U+FFFD, control and invisible characters, BOM, UTF-16."""

import json

import pytest

from conftest import CONFORMANCE, VALID, assert_diags, lint, short, with_line
from corpus import TEXTS, _mojibake, misread
from linter.rules.encoding import _lines_with_pairs, find_mojibake

FTFY = CONFORMANCE / "ftfy" / "test-cases"


def ftfy_cases(name):
    return json.loads((FTFY / name).read_text(encoding="utf-8"))


def test_the_real_example_damage_is_found(examples):
    for path in examples:
        diags = lint(path.read_bytes())
        (d,) = [d for d in diags if d.code == "ENC001"]
        assert d.hint == "did you mean: patient’s"
        line = path.read_text(encoding="utf-8").split("\n")[d.span.start.line - 1]
        assert line[d.span.start.column - 1:d.span.end.column - 1] == "â€™"


def test_column_points_at_the_damage_at_any_depth():
    text = with_line(VALID, 4, 'excerpt: "Un été à Paris, où le café coûte cher."') + \
        ""
    text = text.replace('    isCached: true', '    isCached: true\nrelated:\n  - title: "Ok"\n'
                        '    webUrl: "https://www.news-medical.net/x"\n    excerpt: "Le cafÃ© est fermÃ©"')
    diags = [d for d in lint(text) if d.code == "ENC001"]
    assert short(diags) == ["25:21 ENC001", "25:32 ENC001"]
    assert diags[0].field == ("related", 0, "excerpt")
    assert [d.hint for d in diags] == ["did you mean: café", "did you mean: fermé"]


def test_negative_cases_are_not_flagged():
    flagged = []
    for case in ftfy_cases("negative.json"):
        fixed = case.get("fixed-encoding", case["fixed"])
        if fixed == case["original"] and find_mojibake(case["original"]):
            flagged.append(case["original"])
    assert flagged == []


@pytest.mark.parametrize("name", ["in-the-wild.json", "synthetic.json", "language-names.json"])
def test_ftfy_cases_detected_without_false_positives(name):
    tp = fn = fp = 0
    for case in ftfy_cases(name):
        original = case["original"]
        damaged = case.get("fixed-encoding", case["fixed"]) != original
        found = bool(find_mojibake(original))
        tp += damaged and found
        fn += damaged and not found
        fp += found and not damaged
    assert fp == 0
    assert tp >= 0.9 * (tp + fn)


def test_the_line_filter_passes_every_line_ftfy_repairs():
    """The cheap scan that chooses which lines ftfy looks at must not hide damage: every line
    of ftfy's own cases that the check finds something in is passed on, except lines whose
    only trace is a C1 control character (ENC004 reports those)."""
    hidden = []
    for name in ["in-the-wild.json", "synthetic.json", "language-names.json", "known-failures.json"]:
        for case in ftfy_cases(name):
            for line in case["original"].splitlines():
                if find_mojibake(line) and not list(_lines_with_pairs(line)):
                    hidden.append(line)
    assert all(any("\x80" <= c <= "\x9f" for c in line) for line in hidden), hidden


def test_the_line_filter_skips_clean_text_in_single_byte_scripts():
    """Cyrillic, Greek and Latin letters are lead and continuation bytes of some code page,
    but a lone pair is no UTF-8 sequence: such lines never reach ftfy."""
    samples = [t for pairs in TEXTS.values() for pair in pairs for t in pair]
    samples += ["Її мова — українська, і вона гарна.", "Ещё её объём: «ёлка», № 5", "Ελληνικά: Ψ, Ω, ά",
                "Dès Noël où un zéphyr haï me vêt de glaçons würmiens", "naïve coöperate façade São Tomé"]
    # "’é" of "l’été" is a whole two-byte sequence in Mac Roman: ftfy is asked, and declines
    assert [s for s in samples if list(_lines_with_pairs(s)) and "’é" not in s] == []
    assert [line for _, line in _lines_with_pairs("ok\nLe cafÃ© est fermÃ©\nok")] == ["Le cafÃ© est fermÃ©"]
    assert list(_lines_with_pairs("patientâ€™s")) and list(_lines_with_pairs("lost byte: â€? here"))


def test_clean_multilingual_text_is_never_flagged():
    samples = [t for pairs in TEXTS.values() for pair in pairs for t in pair]
    samples += ["Dès Noël où un zéphyr haï me vêt de glaçons würmiens", "Straße „Fuß“ groß…", "CAFÉ… ÉTÉ",
                "½ cup at 180 °C — ™ © ® € £ ¥", "naïve coöperate façade São Tomé", "Ελληνικά: Ψ, Ω, ά",
                "Türkçe: ığüşöç İĞÜŞÖÇ", "Čeština: žluťoučký kůň", "Íslenska: þjóð, Þórður, æðardúnn",
                "Română: știință", "Tiếng Việt có dấu: Nguyễn Thị Hương", "日本語のテキスト、句読点。", "한국어 문장입니다.",
                "עברית עם ניקוד: שָׁלוֹם", "العربية: السَّلامُ عليكم", "हिन्दी: नमस्ते दुनिया", "👨‍👩‍👧‍👦 🇫🇷 🏳️‍🌈"]
    flagged = [s for s in samples if find_mojibake(s)]
    assert flagged == []


def repaired(line):
    out = line
    for i1, i2, replacement, *_ in sorted(find_mojibake(line), reverse=True):
        out = out[:i1] + replacement + out[i2:]
    return out


@pytest.mark.parametrize("word", ["patient’s", "café", "Zürich", "naïve", "déjà vu", "Ελλάδα", "Москва", "nową",
                                  "geliştirdi", "“quoted”", "l’été", "Gdańsk", "São Paulo"])
def test_mojibake_of_many_scripts_is_found_and_repaired(word):
    line = f'title: "News about {word} today"'
    assert repaired(line.replace(word, _mojibake(word))) == line


def test_double_encoding_is_found():
    assert repaired(_mojibake(_mojibake("Le café est fermé"))) == "Le café est fermé"


def test_invalid_utf8_is_reported_where_it_is_and_checking_goes_on():
    raw = VALID.encode().replace(b"A clean headline", b"Caf\xe9 headline").replace(b"type: article", b"type: 5")
    diags = lint(raw)
    assert short(diags) == ["3:12 ENC002", "8:7 SC003"]
    assert "Windows-1252" in diags[0].hint and "'é'" in diags[0].hint


@pytest.mark.parametrize("bad,what,hint", [
    (b"\xe2\x80 ", "a character cut short", "delete these bytes, or retype the character"),
    (b"\xf0\x9f\x98 ", "a character cut short", "delete these bytes"),
    (b"\xc0\xaf", "an overlong form", "delete these bytes"),
    (b"\xed\xa0\x80", "a UTF-16 surrogate written as UTF-8", "save the file as standard UTF-8"),
    (b"\xed\xa0\xbd\xed\xb8\x80", "a UTF-16 surrogate written as UTF-8", "it stands for '😀'"),
])
def test_invalid_utf8_that_is_no_legacy_text_says_what_it_is(bad, what, hint):
    (d,) = lint(VALID.encode().replace(b"A clean headline", b"Clean " + bad + b"headline"))
    assert d.code == "ENC002" and d.span.start.line == 3 and d.span.start.column == 15
    assert what in d.message and hint in d.hint and "Windows-1252" not in d.hint


def test_a_file_that_ends_partway_through_a_character_was_cut_short():
    (d,) = lint(VALID.encode() + "Fin: ’".encode()[:-1])
    assert d.code == "ENC002" and "the file ends partway through a character" in d.message
    assert d.hint.startswith("the file was cut short")


def test_bom_is_a_fixable_warning():
    (d,) = lint(b"\xef\xbb\xbf" + VALID.encode())
    assert d.code == "ENC006" and d.severity.value == "warning" and d.fix is not None


def test_replacement_character():
    assert_diags(with_line(VALID, 3, 'title: "Caf\ufffd owners"'), ["3:12 ENC003"])


def test_control_characters_literal_and_escaped():
    text = with_line(VALID, 3, 'title: "Markets\x1b[2J rally"')
    text = with_line(text, 4, 'excerpt: "bell \\a and \\x1b[31m"')
    assert short(lint(text, select=["ENC"])) == ["3:16 ENC004", "4:10 ENC004"]


@pytest.mark.parametrize("escaped,code,what", [
    # PyYAML's writer, without allow_unicode, escapes every non-ASCII character in this way
    ('patient\\xE2\\u20AC\\u2122s view', "ENC001", "'patientâ€™s' is UTF-8 text decoded as Windows-1252"),
    ('caf\\u00c3\\u00a9 au lait', "ENC001", "'cafÃ©' is UTF-8 text decoded as Latin-1"),
    ('lost \\ufffd char', "ENC003", "replacement character"),
    ('zero\\u200bwidth', "ENC005", "U+200B ZERO WIDTH SPACE"),
])
def test_damage_written_as_yaml_escapes_in_an_ascii_file(escaped, code, what, pure):
    diags = lint(with_line(VALID, 4, f'excerpt: "{escaped}"'), select=["ENC"], pure=pure)
    assert short(diags) == [f"4:10 {code}"]
    assert what in diags[0].message and "YAML escape" in diags[0].message and diags[0].field == ("excerpt",)
    assert diags[0].fix is None  # escapes are not rewritten


@pytest.mark.parametrize("escaped", ['caf\\u00e9 \\"au\\" lait', "l\\u2019\\u00e9t\\u00e9 \\u041c\\u043e\\u0441\\u043a\\u0432\\u0430",
                                     "tab\\there", "\\U0001F680 launch"])
def test_correct_text_written_as_escapes_is_not_flagged(escaped, pure):
    assert lint(with_line(VALID, 4, f'excerpt: "{escaped}"'), select=["ENC001", "ENC003", "ENC005"], pure=pure) == []


def test_literal_mojibake_beside_an_escape_is_reported_once_with_its_fix():
    diags = lint(with_line(VALID, 4, 'excerpt: "patientâ€™s \\"view\\""'), select=["ENC"])
    assert short(diags) == ["4:18 ENC001"] and diags[0].fix is not None


@pytest.mark.parametrize("char,meant", [("\x92", "’"), ("\x96", "–"), ("\x93", "“"), ("\x80", "€"), ("\x85", "…")])
def test_a_windows_1252_byte_read_as_latin_1_is_named_and_fixed(char, meant):
    diags = lint(with_line(VALID, 3, f'title: "The patient{char}s view"'), select=["ENC"])
    assert short(diags) == ["3:20 ENC004"]
    assert f"Windows-1252 byte for '{meant}'" in diags[0].message and diags[0].hint == f"did you mean: {meant}"
    assert [(e.replacement, e.end - e.start) for e in diags[0].fix.edits] == [(meant, 1)] and diags[0].fix.safe


@pytest.mark.parametrize("char", ["\x81", "\x8d", "\x8f", "\x90", "\x9d"])
def test_c1_controls_windows_1252_leaves_undefined_get_no_fix(char):
    diags = lint(with_line(VALID, 3, f'title: "The patient{char}s view"'), select=["ENC"])
    assert short(diags) == ["3:20 ENC004"] and diags[0].fix is None and "Windows-1252" not in diags[0].message


def test_controls_and_lost_characters_inside_mojibake_are_part_of_its_finding():
    """UTF-8 read as Latin-1 leaves C1 controls (â\x80\x99 for ’), and a misread character
    can end in �: the mojibake finding, whose fix replaces them, is the only one."""
    text = with_line(VALID, 3, 'title: "The patientâ\x80\x99s view"')
    text = with_line(text, 4, 'excerpt: "Fans replied ðŸ‘\ufffd fast, and a lone \ufffd"')
    diags = lint(text, select=["ENC"])
    assert short(diags) == ["3:20 ENC001", "4:24 ENC001", "4:46 ENC003"]
    assert [e.replacement for e in diags[0].fix.edits] == ["’"]
    # a suppressed mojibake finding leaves the control characters it held to be reported
    suppressed = text.replace('view"', 'view"  # lint-news: disable=ENC001', 1)
    assert short(lint(suppressed, select=["ENC"])) == ["3:21 ENC004", "3:22 ENC004", "4:24 ENC001", "4:46 ENC003"]


def test_tab_allowed_in_body_not_in_values():
    text = with_line(VALID, 3, 'title: "A\ttab"') + "Body\twith tab\n"
    assert short(lint(text, select=["ENC"])) == ["3:10 ENC004"]


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\u2066", "\ufeff", "\u2028"])
def test_invisible_characters(char):
    diags = lint(with_line(VALID, 3, f'title: "Election{char} results"'), select=["ENC"])
    assert short(diags) == ["3:17 ENC005"]


@pytest.mark.parametrize("text", ["👩‍🔬 scientist", "می‌خواهم", "क्‍ष", "ภาษาไทย\u200bภาษา", "שלום\u200fעולם"])
def test_joiners_and_script_spacing_are_fine(text):
    assert lint(with_line(VALID, 4, f'excerpt: "{text}"'), select=["ENC"]) == []


def test_utf16_file(pure):
    diags = lint(VALID.encode("utf-16"), pure=pure)
    assert short(diags) == ["1:1 ENC007"]


def test_binary_file():
    assert short(lint(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)) == ["1:1 ENC007"]


def test_the_pair_scan_finds_what_its_plain_definition_finds():
    """The scan's pattern is arranged for speed (one leading character class); it must match
    exactly where a lead and a continuation of the code pages, a lost no-break space after Â
    or Ã, or U+FFFD stand, written plainly."""
    import random
    import re

    from ftfy.chardata import CHARMAP_ENCODINGS

    from linter.rules.encoding import _mojibake_pairs

    leads, conts = set(), set()
    for encoding in CHARMAP_ENCODINGS:
        leads.update(bytes(range(0xC2, 0xF5)).decode(encoding, errors="ignore"))
        conts.update(bytes(range(0x80, 0xC0)).decode(encoding, errors="ignore"))

    def cls(chars):
        return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"

    plain = re.compile(f"{cls(leads)}{cls(conts)}|[\u00c2\u00c3] |\ufffd")
    fast = _mojibake_pairs()

    def every_match(pattern, text):
        return [(m.start(), m.group(0)) for m in (pattern.match(text, i) for i in range(len(text))) if m]

    rng = random.Random(7)
    alphabet = sorted(leads | conts | set(" aZ\u00c2\u00c3\ufffd\n’é"))
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(20000)]
    texts += [c["original"] for name in ("in-the-wild.json", "synthetic.json", "negative.json") for c in ftfy_cases(name)]
    assert [t for t in texts if every_match(plain, t) != every_match(fast, t)] == []


def test_long_damaged_lines_are_checked_in_full(tmp_path):
    """A long paragraph damaged throughout, and one long line damaged at both ends with the
    same letter repeated between (the line-and-repair comparison was quadratic in the line:
    the first took 8 s and the second did not finish in minutes: the file ran out of its time budget)."""
    import io

    from linter.cli import main

    damaged = "Ã© " * 700
    long_line = "patientâ€™s " + "x" * 70000 + " patientâ€™s"
    text = with_line(VALID, 4, f'excerpt: "{damaged.strip()}"').replace("\nBody", "\n" + long_line + "\nBody")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    out = io.StringIO()
    code = main(["--now", "2025-01-01T00:00:00Z", "--no-cache", "--jobs", "1", "--timeout", "5", "-f", "json",
                 "--select", "ENC001,FM011", str(tmp_path / "a.md")], stdout=out, stderr=io.StringIO())
    found = json.loads(out.getvalue())["diagnostics"]
    assert code == 1 and {d["code"] for d in found} == {"ENC001"}
    lines = text.split("\n")
    in_excerpt = [d for d in found if d["span"]["start"]["line"] == 4]
    assert len(in_excerpt) == 700
    assert all(lines[3][d["span"]["start"]["column"] - 1:d["span"]["end"]["column"] - 1] == "Ã©" for d in in_excerpt)
    row = lines.index(long_line) + 1
    at_ends = [(d["span"]["start"]["column"], d["span"]["end"]["column"]) for d in found if d["span"]["start"]["line"] == row]
    assert at_ends == [(8, 11), (len(long_line) - 3, len(long_line))]


def test_the_traced_regions_of_every_ftfy_repair_rebuild_it():
    """Each repair of ftfy's cases that is traced through its steps gives regions, in order and
    not overlapping, that turn the line into its repair."""
    import ftfy

    from linter.rules.encoding import _transcoded

    traced = 0
    for path in sorted(FTFY.glob("*.json")):
        for case in ftfy_cases(path.name):
            for line in str(case.get("original", "")).split("\n"):
                fixed, steps = ftfy.fix_encoding_and_explain(line)
                regions = _transcoded(line, fixed, steps) if fixed != line else None
                if regions is None:
                    continue
                traced += 1
                rebuilt, at = [], 0
                for i1, i2, j1, j2 in regions:
                    assert at <= i1 < i2 and j1 <= j2
                    rebuilt.append(line[at:i1] + fixed[j1:j2])
                    at = i2
                assert "".join(rebuilt) + line[at:] == fixed, line
    assert traced > 80


def test_the_line_comparison_rebuilds_any_pair_of_texts():
    """The linear comparison used beside the traced one: for random texts that differ in
    short runs or entirely, its regions always turn one into the other."""
    import random

    from linter.rules.encoding import _changes, differences

    rng = random.Random(8)
    alphabet = "xy é’Ã©â€™\xa0"
    for _ in range(3000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60 if rng.random() < 0.8 else 900)))
        b = list(a)
        for _ in range(rng.randint(0, 6)):
            at = rng.randint(0, len(b))
            b[at:at + rng.randint(0, 4)] = rng.choice(["", "é", "’", "xx", "Ã©"])
        b = "".join(b) if rng.random() < 0.9 else "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for compare in (differences, _changes):
            rebuilt, at = [], 0
            for i1, i2, j1, j2 in compare(a, b):
                assert at <= i1 <= i2 and j1 <= j2
                rebuilt.append(a[at:i1] + b[j1:j2])
                at = i2
            assert "".join(rebuilt) + a[at:] == b, (compare.__name__, a, b)


@pytest.mark.parametrize("title, excerpt, encoding, name", [
    ("研究人员开发出预测肺癌脑转移的深度学习工具", "该研究发表在《自然》杂志上，准确率达到百分之八十五。", "gb18030", "GB18030 (Chinese)"),
    ("臺灣研究團隊發表新成果", "研究團隊表示，這項技術可望在三年內應用於臨床。", "big5", "Big5 (Chinese)"),
    ("肺がんの脳転移を予測するAIツールを開発", "研究チームは病理画像を用いて、がんの転移リスクを予測した。", "shift_jis", "Shift_JIS (Japanese)"),
    ("서울에서 새로운 연구 결과 발표", "연구진은 이 기술이 삼 년 안에 임상에 쓰일 수 있다고 밝혔다.", "euc_kr", "EUC-KR (Korean)"),
])
def test_a_file_saved_in_a_legacy_cjk_encoding_is_named_with_the_line_as_it_reads(title, excerpt, encoding, name):
    text = VALID.replace("A clean headline", title).replace("A clean excerpt.", excerpt).replace("Body.", excerpt)
    diags = [d for d in lint(text.encode(encoding)) if d.code == "ENC002"]
    assert diags and diags[0].span.start.line == 3
    assert diags[0].hint == f"the file looks saved as {name}, in which this line reads 'title: \"{title}\"'; save it as UTF-8"


def test_a_stray_latin_1_byte_is_still_read_as_windows_1252():
    raw = VALID.replace("A clean headline", "A clean headline at 37 °C").encode("utf-8").replace("°".encode(), b"\xb0")
    (d,) = [d for d in lint(raw) if d.code == "ENC002"]
    assert d.hint == "the file looks saved as Windows-1252 or Latin-1 ('°'); save it as UTF-8"


# --- UTF-8 read as a Chinese, Japanese or Korean code page ------------------------------------

CJK_DAMAGE = [
    ("研究人员开发出预测肺癌脑转移的深度学习工具", "gbk", "GBK (Chinese)"),
    ("肺がんの脳転移を予測するツールを開発", "cp932", "Shift_JIS (Japanese)"),
    ("臺灣研究團隊發表新成果", "gbk", "GBK (Chinese)"),
    ("新しい研究が発表されました", "gbk", "GBK (Chinese)"),
    ("Москва", "gbk", "GBK (Chinese)"),
    ("Ελλάδα", "gbk", "GBK (Chinese)"),
    ("שלום", "gbk", "GBK (Chinese)"),
    ("연구진", "gbk", "GBK (Chinese)"),
]


@pytest.mark.parametrize("word, codec, name", CJK_DAMAGE)
def test_utf8_read_as_a_cjk_code_page_is_found_where_it_is(word, codec, name):
    damaged = misread(word, codec)
    text = with_line(VALID, 5, f'excerpt: "Seen on 3 March: {damaged} (wire report)"')
    (d,) = [d for d in lint(text) if d.code == "ENC001"]
    assert (d.span.start.line, d.span.start.column) == (5, len('excerpt: "Seen on 3 March: ') + 1)
    assert d.message == f"mojibake in excerpt: '{damaged}' is UTF-8 text decoded as {name}"
    assert d.field == ("excerpt",)
    if "\ufffd" in damaged:  # the code page had no character for the last byte: no fix
        assert d.fix is None
        shown = d.hint.split("'")[1]
        assert len(shown) == len(word) and all(a == b or a == "\ufffd" for a, b in zip(shown, word)), shown
    else:
        assert d.hint == f"did you mean: {word}"
        (edit,) = d.fix.edits
        assert text[:edit.start] + edit.replacement + text[edit.end:] == text.replace(damaged, word)


@pytest.mark.parametrize("phrase", ["Правительство утвердило бюджет на год", "أعلنت الحكومة عن خطة جديدة"])
def test_a_short_word_between_two_cjk_misreadings_is_part_of_the_phrase(phrase):
    # "на" and "عن" read as GBK are two characters each: too short to be findings alone
    damaged = misread(phrase, "gbk")
    (d,) = [d for d in lint(with_line(VALID, 3, f'title: "{damaged}"')) if d.code == "ENC001"]
    assert d.hint == f"did you mean: {phrase}" and d.fix is not None


@pytest.mark.parametrize("emoji", ["🎉🔬", "❤️", "👍🏽"])
def test_emoji_read_as_gbk_are_found_and_repaired(emoji):
    damaged = misread(emoji, "gbk")  # 🎉 is 馃帀
    text = with_line(VALID, 3, f'title: "Scientists celebrate {damaged} today"')
    (d,) = [d for d in lint(text) if d.code == "ENC001"]
    assert d.message == f"mojibake in title: '{damaged}' is UTF-8 text decoded as GBK (Chinese)"
    (edit,) = d.fix.edits
    assert text[:edit.start] + edit.replacement + text[edit.end:] == with_line(VALID, 3, f'title: "Scientists celebrate {emoji} today"')


def test_cjk_misreadings_in_the_body_and_at_depth_are_found():
    body = misread("该研究发表在自然杂志上", "gbk")
    related = misread("研究チームは病理画像を用いた", "cp932")
    text = VALID.replace("Body.", f"The story: {body}.") .replace(
        "images:", f'related:\n  - title: "{related}"\n    webUrl: "https://example.com/a"\nimages:')
    lines = text.split("\n")
    title_line = next(i for i, l in enumerate(lines, 1) if related in l)
    body_line = next(i for i, l in enumerate(lines, 1) if l.startswith("The story"))
    found = {(d.span.start.line, d.message.split(":")[0]) for d in lint(text) if d.code == "ENC001"}
    assert found == {(title_line, "mojibake in related[0].title"), (body_line, "mojibake in the body")}


def test_fix_repairs_a_cjk_misreading_and_is_idempotent(tmp_path, monkeypatch):
    from linter.cli import main

    damaged = misread("新しい研究が発表されました", "cp932")
    path = tmp_path / "a.md"
    path.write_bytes(with_line(VALID, 3, f'title: "{damaged}"').replace("\n", "\r\n").encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    assert main(["--no-cache", "--fix", "--quiet", "a.md"]) == 0
    fixed = path.read_bytes()
    assert fixed == with_line(VALID, 3, 'title: "新しい研究が発表されました"').replace("\n", "\r\n").encode("utf-8")
    assert main(["--no-cache", "--fix", "--quiet", "a.md"]) == 0
    assert path.read_bytes() == fixed


def _frequent(codec, leads, trails):
    out = []
    for lead in leads:
        for trail in trails:
            try:
                out.append(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                pass
    return out


@pytest.mark.parametrize("script", ["zh", "zh-Hant", "ja", "ko"])
def test_correct_cjk_text_is_not_taken_for_a_misreading(script):
    """Runs of real characters in random order (seeded): 5,000 per script, none flagged. Real
    text in a CJK code page almost never reads as UTF-8, and what does reads as rare
    characters: the check would fire on about one run in ten thousand without that test."""
    import random

    from linter.rules.encoding import find_cjk_mojibake

    rng = random.Random(script)
    chars = {
        "zh": _frequent("gb2312", range(0xB0, 0xF8), range(0xA1, 0xFF)) + list("，。、《》：；！？"),
        "zh-Hant": _frequent("big5", range(0xA4, 0xFA), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]) + list("，。「」"),
        "ja": [chr(c) for c in range(0x3041, 0x3097)] * 3 + [chr(c) for c in range(0x30A1, 0x30FB)]
        + _frequent("shift_jis", [*range(0x88, 0xA0), *range(0xE0, 0xEB)], range(0x40, 0xFD))
        + [chr(c) for c in range(0xFF66, 0xFF9E)],
        "ko": _frequent("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF)) + _frequent("euc_kr", range(0xCA, 0xFE), range(0xA1, 0xFF)),
    }[script]
    runs = ["".join(rng.choice(chars) for _ in range(rng.randint(2, 24))) for _ in range(5000)]
    assert [r for r in runs if list(find_cjk_mojibake(r))] == []
    samples = [t for pairs in TEXTS.values() for pair in pairs for t in pair]
    assert [s for s in samples if list(find_cjk_mojibake(s))] == []


def test_a_question_mark_is_a_lost_byte_only_inside_a_character():
    from linter.rules.encoding import find_cjk_mojibake

    whole = misread("Москва", "gbk")
    assert list(find_cjk_mojibake(f"{whole}? yes")) == [(0, len(whole), "Москва", True, "GBK (Chinese)")]
    cut = misread("研究成果", "gbk").rstrip("\ufffd")[:-1]  # half of the last character left
    ((start, end, repaired, fixable, _),) = find_cjk_mojibake(f"{cut}? yes")
    assert (start, end, fixable) == (0, len(cut) + 1, False) and repaired.startswith("研究")


@pytest.mark.parametrize("phrase, codec, name", [
    ("باحثون يطورون أداة ذكاء", "cp1256", "Windows-1256 (Arabic)"),
    ("پژوهشگران ایرانی روش تازه", "cp1256", "Windows-1256 (Arabic)"),
    ("«باحثون» قالوا", "cp1256", "Windows-1256 (Arabic)"),
    ("Учёные Новосибирска", "koi8_r", "KOI8-R (Russian)"),
    ("Київ відновлює", "koi8_r", "KOI8-R (Russian)"),
    ("פיתחו", "cp1255", "Windows-1255 (Hebrew)"),
    ("Հայ գիտնականները", "cp1252", "Windows-1252"),  # Armenian: ftfy takes Ô Õ Ö for Latin letters
    # words of two letters, too short to be findings alone, inside a misread headline
    ("Учёные из Новосибирска", "koi8_r", "KOI8-R (Russian)"),
    ("باحثون في مصر", "cp1256", "Windows-1256 (Arabic)"),
    ("Հայ գիտնականները նոր են ստեղծել", "cp1252", "Windows-1252"),
    # and as Windows-1251, which ftfy repairs for Cyrillic only
    ("Έλληνες επιστήμονες αναπτύσσουν", "cp1251", "Windows-1251"), ("باحثون يطورون أداة", "cp1251", "Windows-1251"),
    # and as the Mac's and DOS's Western pages, which ftfy repairs for Latin text only
    ("Правительство утвердило бюджет", "mac_roman", "Mac Roman"), ("Київ відновлює", "cp850", "DOS code page 850"),
    ("Ελληνικοί επιστήμονες", "cp850", "DOS code page 850"),
    # other scripts in the Arabic and Russian pages; three-byte ones (Indic, Thai, CJK) too
    ("Правительство утвердило", "cp1256", "Windows-1256 (Arabic)"), ("Ελληνικοί επιστήμονες", "koi8_r", "KOI8-R (Russian)"),
    ("政府批准了明年的新预算方案", "koi8_r", "KOI8-R (Russian)"), ("政府は来年度の新しい予算案", "cp1256", "Windows-1256 (Arabic)"),
    ("सरकार ने बजट मंजूर", "cp850", "DOS code page 850"), ("รัฐบาลอนุมัติงบประมาณ", "koi8_r", "KOI8-R (Russian)"),
    ("정부는 새 예산안을", "cp850", "DOS code page 850"),
])
def test_utf8_read_as_a_single_byte_code_page_ftfy_does_not_know(phrase, codec, name):
    damaged = misread(phrase, codec)
    text = with_line(VALID, 3, f'title: "{damaged}"')
    (d,) = [d for d in lint(text) if d.code == "ENC001"]  # a headline is one finding, not one a word
    assert (d.span.start.line, d.span.start.column) == (3, 9)
    assert d.message == f"mojibake in title: '{damaged}' is UTF-8 text decoded as {name}"
    (edit,) = d.fix.edits
    assert text[:edit.start] + edit.replacement + text[edit.end:] == with_line(VALID, 3, f'title: "{phrase}"')


@pytest.mark.parametrize("before, word, codec, after, name", [
    # one damaged word in a line of correct text: ftfy declines the whole line (its correct
    # letters do not re-decode), and the damage is looked for in the word alone
    ("Une étude", "français", "mac_roman", "publiée à Paris", "Mac Roman"),
    ("Các", "bệnh", "mac_roman", "viện tại Hà Nội", "Mac Roman"),
    ("Toplantı", "İstanbul", "mac_roman", "’da yapıldı", "Mac Roman"),
    ("Hà Nội", "đã", "cp437", "triển khai", "DOS code page 437"),
    ("Исследование опубликовано в журнале «", "Природа", "cp1251", "»; метод точнее", "Windows-1251"),
    ("Учёные", "создали", "cp1251", "новый метод", "Windows-1251"),
    # what ftfy declines even alone: Vietnamese letters in Windows-1252, Latin ones in Mac Roman
    ("Chính", "phủ", "cp1252", "Việt Nam công bố", "Windows-1252"),
    ("Kinh tế", "Việt", "cp1252", "Nam tăng trưởng", "Windows-1252"),
    ("Guvernul", "României", "mac_roman", "a aprobat învățământul", "Mac Roman"),
    ("Latvijas", "valdība", "mac_roman", "apstiprināja", "Mac Roman"),
    ("Die Universität berichtet", "über", "cp1253", "neue Ergebnisse; Prüfungen", "Windows-1253"),
    ("Die", "Universität", "cp1257", "berichtet über „neue“ Ergebnisse", "Windows-1257"),
])
def test_one_misread_word_in_a_line_of_correct_text(before, word, codec, after, name):
    damaged = misread(word, codec)
    glue = "" if before.endswith("«") else " "
    line = f'excerpt: "{before}{glue}{damaged}{"" if after[0] in "’»" else " "}{after}"'
    text = with_line(VALID, 4, line)
    (d,) = [d for d in lint(text) if d.code == "ENC001"]
    same = next(i for i, (a, b) in enumerate(zip(damaged, word)) if a != b)  # the damage starts here
    assert (d.span.start.line, d.span.start.column) == (4, line.index(damaged) + same + 1)
    assert f"decoded as {name}" in d.message
    fixed = text[:d.fix.edits[0].start] + d.fix.edits[0].replacement + text[d.fix.edits[0].end:]
    assert fixed.split("\n")[3].count(word) == 1 and damaged not in fixed


@pytest.mark.parametrize("line", [
    "Er sagte: »Über alles« und »Ärger« heute",  # a guillemet and a capital: a lead and a continuation in Mac Roman
    "—Él dijo: «Ésta es» —Ésa no",  # a dash and a capital: Cyrillic у in Mac Roman's reading
    "Ріка Рівне Сірий СІЧЕНЬ РІЗДВО Рёрих Сёмга Ђорђе Рјешење",  # Р and С before letters Windows-1251 holds
    "“À bientôt” — Besançon, 5 € ± 2 %, 37 °C",
    "Bremer/Mccoy – DrÃ¥ber",  # ftfy's own negative: the word alone is not read again in Windows-1252
    "Dijo «está»… y «allá»— se fue, ş",  # á» and a mark of punctuation: a Vietnamese letter's bytes
    "√x ≈ 5 ƒ/2.8, x√2",
])
def test_correct_text_beside_signs_of_those_pages_stays_clean(line):
    assert [d for d in lint(with_line(VALID, 4, f'excerpt: "{line}"')) if d.code.startswith("ENC")] == []


@pytest.mark.parametrize("damaged, meant", [("planâ„¢", "plan™"), ("5â‚¬", "5€"), ("Nâ„–5", "N№5"), ("Aâ†’B", "A→B")])
def test_signs_read_as_windows_1252_after_a_letter_in_a_line_ftfy_declines(damaged, meant):
    line = f'excerpt: "ผลการศึกษา {damaged} ตีพิมพ์"'  # Thai: no Windows-1252 reading of the whole line
    (d,) = [d for d in lint(with_line(VALID, 4, line)) if d.code == "ENC001"]
    assert d.span.start.column == line.index("â") + 1
    assert d.hint == f"did you mean: {meant}"


def test_correct_short_words_between_two_misreadings_stay_outside_them():
    from linter.rules.encoding import _whole_phrases, find_single_byte_mojibake

    first, second = misread("Учёные Новосибирска", "koi8_r"), misread("создали метод", "koi8_r")
    text = f"{first} и {second}"  # a correct "и" between
    assert [f[2] for f in _whole_phrases(text, find_single_byte_mojibake(text))] == ["Учёные Новосибирска", "создали метод"]


def test_a_misreading_that_lost_characters_is_told_without_a_fix():
    damaged = misread("חוקרים בישראל", "cp1255")  # ם and ל have no byte there
    found = [d for d in lint(with_line(VALID, 3, f'title: "{damaged}"')) if d.code == "ENC001"]
    assert found and all(d.fix is None and "was lost" in d.hint for d in found)


@pytest.mark.parametrize("damaged, shown, hint", [
    # ftfy's repair of these deletes what is left of the character, or writes a � into the word
    ("Fans replied ðŸ‘\ufffd fast", "ðŸ‘\ufffd", "'ðŸ‘\ufffd' was one character, whose last byte was lost"),
    ("He said helloâ€\ufffd twice", "â€\ufffd", "most likely ” (a closing double quote)"),
    ("ÐœÐ¾Ñ\ufffdÐºÐ²Ð° today", "ÐœÐ¾Ñ\ufffdÐºÐ²Ð°", "it reads 'Мо\ufffdква', where � is a character that was lost"),
])
def test_a_windows_1252_misreading_that_lost_a_byte_is_told_but_never_fixed(damaged, shown, hint):
    text = with_line(VALID, 3, f'title: "{damaged}"')
    (d,) = [d for d in lint(text) if d.code == "ENC001"]
    assert d.fix is None and hint in d.hint
    start = text.index(shown)
    line_start = text.rfind("\n", 0, start) + 1
    assert (d.span.start.line, d.span.start.column, d.span.end.column) == (3, start - line_start + 1, start - line_start + 1 + len(shown))


def test_damage_beside_correct_accents_names_its_code_page():
    # ftfy repairs such a line in parts, and names no code page for the whole of it
    (d,) = [d for d in lint(with_line(VALID, 3, 'title: "Le café a dit â€œouiâ€\x9d"')) if d.code == "ENC001"]
    assert d.message.endswith("is UTF-8 text decoded as Windows-1252"), d.message


@pytest.mark.parametrize("phrase, codec, name", [
    ("Forscher in München", "cp1251", "Windows-1251"), ("Élection municipale", "cp1251", "Windows-1251"),
    ("Große Straße", "cp1251", "Windows-1251"), ("Magyar kutatók új módszere", "cp1250", "Windows-1250"),
    ("Die Bürger äußerten", "cp1250", "Windows-1250"),
    ("opracowali nową metodę", "cp1251", "Windows-1251"),  # at a word's end
    ("Cluj-Napoca și Iași", "cp1251", "Windows-1251"),  # ș: Latin Extended-B
    ("Hrvatska uvodi euro od 1. siječnja", "cp1250", "Windows-1250"),  # č as ÄŤ
])
def test_latin_text_read_as_windows_1251_or_1250_is_found_and_fixed(phrase, codec, name):
    damaged = phrase.encode("utf-8").decode(codec)
    text = with_line(VALID, 3, f'title: "{damaged}"')
    found = [d for d in lint(text) if d.code == "ENC001"]
    assert found and all(d.message.endswith(f"decoded as {name}") for d in found)
    for d in sorted(found, key=lambda d: -d.fix.edits[0].start):
        for e in sorted(d.fix.edits, key=lambda e: -e.start):
            text = text[:e.start] + e.replacement + text[e.end:]
    assert text == with_line(VALID, 3, f'title: "{phrase}"')


@pytest.mark.parametrize("title", ["„ROMÂNIA EDUCATĂ”", "ROMÂNĂ» azi", "KÄ–Ärger, ÄRA", "SELKÄ\u00a0EDELLÄ", "«Д’Артаньян» и ЕВРОПЕ»", "Её ёлка",
                                   "ĹADOVÉ ĹŠ", "iPhone’а и MacBook’и", "Після «Пі» Ці Ші Чі Щё Ъё Ыі Фі Хі Цє",
                                   "ПІДСУМКИ: «Перемога» і Ї", "Србија: Ђорђе, ЧЂ ШЂ ЦЋ", "«Ф» «Х» «Ц» «Ч» «Ш» «О» «П»"])
def test_capitals_of_those_code_pages_beside_signs_in_correct_text_are_clean(title):
    assert [d for d in lint(with_line(VALID, 3, f'title: "{title}"')) if d.code == "ENC001"] == []


def test_a_word_with_damage_in_two_places_is_one_finding_with_one_fix():
    damaged = _mojibake("„Ärger“ über Äußerungen")
    text = with_line(VALID, 3, f'title: "{damaged}"')
    found = [d for d in lint(text) if d.code == "ENC001"]
    assert [d.message.split("'")[1] for d in found] == damaged.split(" ")
    first = found[0]
    assert first.hint == "did you mean: „Ärger“" and len(first.fix.edits) == 2
    for d in reversed(found):  # each fix applied, from the end
        for e in sorted(d.fix.edits, key=lambda e: -e.start):
            text = text[:e.start] + e.replacement + text[e.end:]
    assert text == with_line(VALID, 3, 'title: "„Ärger“ über Äußerungen"')


def test_the_whole_characters_beside_a_lost_byte_are_still_fixed():
    text = with_line(VALID, 3, 'title: "He said â€œhelloâ€\ufffd twice"')
    fixed = [d for d in lint(text) if d.code == "ENC001" and d.fix is not None]
    assert [e.replacement for d in fixed for e in d.fix.edits] == ["“"]


def test_correct_arabic_hebrew_and_cyrillic_words_are_not_taken_for_misreadings():
    import random

    from linter.rules.encoding import find_single_byte_mojibake

    rng = random.Random(4)
    alphabets = [[chr(c) for c in range(0x621, 0x64B)] + list("پچژکگی،؛؟"),
                 [chr(c) for c in range(0x5D0, 0x5EB)] + ["\u05b0", "\u05bc", "׳"],
                 [chr(c) for c in range(0x410, 0x450)] + ["ё", "Ё", "і", "ї", "є"]]
    words = ["".join(rng.choice(a) for _ in range(rng.randint(2, 12))) for a in alphabets for _ in range(5000)]
    assert [w for w in words if list(find_single_byte_mojibake(w))] == []
    samples = [t for pairs in TEXTS.values() for pair in pairs for t in pair]
    assert [s for s in samples if list(find_single_byte_mojibake(s))] == []
    # the letters an Armenian misreading starts with, in Latin words, before Windows-1252 punctuation
    latin = [f"{w}{p}" for w in ("Österreich", "ÖZEL", "Ônibus", "PÕE", "CÔTE", "HÔTEL", "Ördög", "ÖÖ", "RÕ", "BÔ")
             for p in ("»", "”", "’", "…", "–", "°", "\u00a0", "·»")]
    assert [s for s in latin if list(find_single_byte_mojibake(s))] == []


@pytest.mark.parametrize("line,column,written,meant", [
    ("title: The patient\\u2019s view", 19, "\\u2019", "’"),  # plain: YAML reads no escapes
    ("title: 'The patient\\u2019s view'", 20, "\\u2019", "’"),  # nor in single quotes
    ('title: "The patient\\\\u2019s view"', 20, "\\\\u2019", "’"),  # a doubled backslash in double quotes
    ("title: Launch \\ud83d\\ude80 today", 15, "\\ud83d\\ude80", "🚀"),  # a surrogate pair is one character
    ("title: Caf\\u00c3\\u00a9 owners", 11, "\\u00c3\\u00a9", "é"),  # escapes that spell mojibake
])
def test_escapes_written_out_as_text_are_found_and_fixed(line, column, written, meant, pure):
    diags = lint(with_line(VALID, 3, line), select=["ENC"], pure=pure)
    assert short(diags) == [f"3:{column} ENC008"]
    d = diags[0]
    assert d.field == ("title",) and d.span.end.column - d.span.start.column == len(written)
    assert d.hint.startswith(f"did you mean: {meant}")
    assert d.fix.safe and [e.replacement for e in d.fix.edits] == [meant]


@pytest.mark.parametrize("line,hint", [
    ('excerpt: "First line.\\\\nSecond line."', "write the line break itself, or a space"),
    ('excerpt: He said \\"no\\" twice', 'write the quote itself: "'),
    ("excerpt: 'Name\\tValue'", "write a space"),
])
def test_line_break_tab_and_quote_escapes_are_found_but_not_fixed(line, hint):
    diags = lint(with_line(VALID, 4, line), select=["ENC"])
    assert {d.code for d in diags} == {"ENC008"} and all(d.hint == hint and d.fix is None for d in diags)


def test_an_escape_that_would_change_the_yaml_is_not_fixed_safely():
    diags = lint(with_line(VALID, 3, "title: Markets \\u0022rally\\u0022"), select=["ENC"])
    assert short(diags) == ["3:16 ENC008", "3:27 ENC008"] and not any(d.fix.safe for d in diags)


@pytest.mark.parametrize("line", [
    'excerpt: "caf\\u00e9 \\"au\\" lait\\n"',  # real YAML escapes in double quotes
    "excerpt: The mass is $\\nu \\times 10^3$ and \\theta rises to \\rho",  # TeX
    "excerpt: A backslash \\ alone, and C:\\Users",
])
def test_real_escapes_and_tex_are_not_escapes_as_text(line, pure):
    assert lint(with_line(VALID, 4, line), select=["ENC008"], pure=pure) == []


def test_urls_with_escapes_are_left_to_the_url_check():
    text = VALID.replace('webUrl: "https://www.news-medical.net/news/a.aspx"',
                         "webUrl: https://www.news-medical.net/news/caf\\u00e9.aspx")
    assert [d.code for d in lint(text, select=["ENC008", "URL001"])] == ["URL001"]


@pytest.mark.parametrize("line,column,entity,means", [
    ('title: "The patient&#8217;s view"', 20, "&#8217;", "’"),
    ("title: The patient&rsquo;s view", 19, "&rsquo;", "’"),
    ('title: "Crise&nbsp;: le patient&#x2019;s view"', 14, "&nbsp;", "U+00A0 NO-BREAK SPACE"),
])
def test_html_entities_in_text_are_named(line, column, entity, means, pure):
    diags = lint(with_line(VALID, 3, line), select=["ENC"], pure=pure)
    assert short(diags) == [f"3:{column} ENC009"]
    d = diags[0]
    assert d.severity.value == "warning" and d.fix is None and d.field == ("title",)
    assert f"'{entity}'" in d.message and f"{entity} is {means}" in d.hint
    assert d.span.end.column - d.span.start.column == len(entity)


def test_html_escaped_twice_and_in_urls():
    text = with_line(VALID, 4, 'excerpt: "Q&amp;amp;A: the patient&amp;#8217;s view"')
    text = text.replace('webUrl: "https://www.news-medical.net/news/a.aspx"',
                        'webUrl: "https://www.news-medical.net/news/a.aspx?id=1&amp;page=2"')
    diags = lint(text, select=["ENC009"])
    assert [(d.field, d.span.start.column) for d in diags] == [(("excerpt",), 12), (("webUrl",), 55)]
    assert "HTML-escaped twice" in diags[0].message and "twice" not in diags[1].message


@pytest.mark.parametrize("line", [
    'excerpt: "AT&T; R&D and Q&A; Tom & Jerry; &bogus; &#0;"',  # no character reference
    'excerpt: "Fish & chips"',
])
def test_ampersands_that_are_no_entities_pass(line, pure):
    assert lint(with_line(VALID, 4, line), select=["ENC009"], pure=pure) == []


def test_entities_in_the_markdown_body_are_markdown():
    assert lint(VALID + "\nFish &amp; chips &mdash; and more.\n", select=["ENC009"]) == []


@pytest.mark.parametrize("title, column, message, hint", [
    ('"<b>Breaking:</b> storm hits"', 9, "title holds 2 HTML tags as text: '<b>'",
     "write the text without the tags: Breaking: storm hits"),
    ('"Storm hits<br/>the coast"', 19, "title holds an HTML tag as text: '<br/>'",
     "write the text without the tags: Storm hits the coast"),
    ('"Storm <!-- draft --> hits"', 15, "title holds an HTML tag as text: '<!-- draft -->'",
     "write the text without the tags: Storm hits"),
    # a script or a picture is no text: it is named before the tags of mere emphasis
    ("'<i>Storm</i><img src=x onerror=alert(1)>'", 21, "title holds HTML that is not text: <img>",
     "remove the element; front matter text must be plain text"),
    ('"Storm <SCRIPT>alert(1)</SCRIPT>"', 15, "title holds HTML that is not text: <script>",
     "remove the element; front matter text must be plain text"),
])
def test_html_tags_in_text_are_named_with_the_text_without_them(title, column, message, hint, pure):
    (d,) = lint(with_line(VALID, 3, f"title: {title}"), select=["ENC011"], pure=pure)
    assert (short([d]), d.message, d.hint) == ([f"3:{column} ENC011"], message, hint)


@pytest.mark.parametrize("title", ['"Love <3 and 2 < 3 > 1"', '"a<b and c>d"', '"<bold>no such tag</bold>"',
                                   '"Arrows <- and ->"', '"Ratio x<y, y>z"'])
def test_angle_brackets_that_are_no_tags_pass(title, pure):
    assert lint(with_line(VALID, 3, f"title: {title}"), select=["ENC011"], pure=pure) == []


def test_html_in_the_body_and_in_urls_is_not_html_markup(pure):
    # Markdown allows HTML in the body; a URL with < > is URL001's
    text = VALID.replace("Body.", "Body with <b>bold</b> and <br> breaks.").replace(
        "news/a.aspx", "news/a.aspx?q=<b>x</b>")
    assert lint(text, select=["ENC011"], pure=pure) == []


def test_decomposed_letters_are_found_and_composed(pure):
    text = with_line(VALID, 3, 'title: "Cafe\u0301 owners in Se\u0301ville"')
    text = with_line(text, 4, 'excerpt: "Vi\u1ec7t Nam da\u0302\u0300u ti\u00ean"')  # â + grave: ầ
    diags = lint(text, select=["ENC"], pure=pure)
    assert short(diags) == ["3:12 ENC010", "4:21 ENC010"]
    d = diags[0]
    assert d.severity.value == "warning" and "'é' in title is written as 2 characters (U+0065 U+0301), not as one" in d.message
    assert "1 more on this line" in d.message and d.fix.safe
    assert [(e.end - e.start, e.replacement) for e in d.fix.edits] == [(2, "é"), (2, "é")]
    assert [e.replacement for e in diags[1].fix.edits] == ["ầ"]


def test_decomposed_letters_in_the_body_are_found_and_composed(pure):
    # text pasted from a PDF into the article itself, as into its title
    text = VALID.replace("Body.", "Le cafe\u0301 est ferme\u0301.\n\nTie\u0302\u0301ng Vie\u0323\u0302t.")
    diags = lint(text, select=["ENC"], pure=pure)
    assert short(diags) == ["23:7 ENC010", "25:3 ENC010"]
    assert diags[0].message == "'é' in the body is written as 2 characters (U+0065 U+0301), not as one (1 more on this line)"
    assert [e.replacement for d in diags for e in d.fix.edits] == ["é", "é", "ế", "ệ"]


@pytest.mark.parametrize("decomposed,column,composed", [
    ("\u0dc3\u0dd9\u0dcf", 15, "\u0ddc"),  # Sinhala: a vowel sign in two parts, the second no accent
    ("\u1109\u1165\u110b\u116e\u11af", 14, "\uc11c\uc6b8"),  # Korean in its letters (jamo)
    ("\u212b", 14, "\u00c5"),  # ANGSTROM SIGN, which NFC replaces
])
def test_letters_composed_across_marks_that_are_no_accents(decomposed, column, composed):
    diags = lint(with_line(VALID, 3, f'title: "News {decomposed} today"'), select=["ENC"])
    assert short(diags) == [f"3:{column} ENC010"]
    assert [e.replacement for e in diags[0].fix.edits] == [composed]


def test_composed_text_and_marks_that_do_not_compose_pass(pure):
    # Hindi with a nukta that NFC keeps apart (ज़), Thai and Arabic marks, Vietnamese composed
    text = with_line(VALID, 4, 'excerpt: "\u091c\u093c\u092e\u0940\u0928 \u0e19\u0e49\u0e33 \u0645\u064e\u0631\u062d\u064e\u0628\u0627 Vi\u1ec7t"')
    assert lint(text, select=["ENC010"], pure=pure) == []


def test_the_nfc_scan_finds_every_text_python_calls_unnormalised():
    import unicodedata
    from linter.rules.encoding import _may_be_decomposed, _nfc_suspects

    suspects = _nfc_suspects()
    samples = [t for pair in TEXTS.values() for item in pair for t in item]
    samples += [unicodedata.normalize("NFD", t) for t in samples] + ["\u212b", "\u1100\u1161", "e\u0301", "\u0958"]
    unnormalised = [t for t in samples if not unicodedata.is_normalized("NFC", t)]
    assert len(unnormalised) > 20  # the NFD forms of the corpus texts at least
    for t in samples:
        if t in unnormalised:
            assert any(c in suspects for c in t), t
        assert _may_be_decomposed(t, 0, len(t)) == (t in unnormalised), t


def test_the_nfc_suspects_are_those_of_the_whole_plane():
    """_nfc_suspects reads only the blocks that hold canonical decompositions; computed over
    the whole Basic Multilingual Plane, the set is the same (a newer Unicode that adds some
    elsewhere fails here)."""
    import unicodedata
    from linter.rules.encoding import _nfc_suspects

    whole = set()
    for x in range(0x10000):
        c = chr(x)
        if 0xD800 <= x <= 0xDFFF:
            continue
        if unicodedata.normalize("NFC", c) != c:
            whole.add(c)
        d = unicodedata.decomposition(c)
        if d and not d.startswith("<") and len(d.split()) == 2:
            a, b = (chr(int(h, 16)) for h in d.split())
            if unicodedata.normalize("NFC", a + b) == c:
                whole.add(b)
    whole.update(map(chr, range(0x1161, 0x1176)), map(chr, range(0x11A8, 0x11C3)))
    assert _nfc_suspects() == whole


def test_escapes_and_entities_of_characters_that_do_not_show_are_named():
    (d,) = lint(with_line(VALID, 3, 'title: "Alert &#27;[2J and &#10; break"'), select=["ENC009"])
    assert "&#27; is U+001B ESCAPE" in d.hint and "&#10; is a line break" in d.hint
    diags = lint(with_line(VALID, 3, "title: Alert \\u001b[2J and \\u000a break"), select=["ENC008"])
    assert [d.hint for d in diags] == ["it stands for U+001B ESCAPE, which does not belong in text: delete it",
                                       "write the line break itself, or a space"]
    assert all(d.fix is None for d in diags)


LATIN_PHRASES = ["L'économie française a progressé", "Die Bürger äußerten Kritik", "aprobó la reforma de pensiones",
                 "Sejm przyjął ustawę", "Vláda schválila návrh", "Merkez Bankası faizi sabit tuttu",
                 "The patient’s doctor said “promising”", "Chính phủ đã phê duyệt", "Cluj-Napoca și Iași"]


@pytest.mark.parametrize("codec, name", [
    ("cp437", "DOS code page 437"), ("cp850", "DOS code page 850"), ("gbk", "GBK (Chinese)"),
    ("cp932", "Shift_JIS (Japanese)"), ("big5", "Big5 (Chinese)"), ("cp949", "EUC-KR (Korean)"),
    ("koi8_r", "KOI8-R (Russian)"), ("cp1253", "Windows-1253 (Greek)"), ("cp1255", "Windows-1255 (Hebrew)"),
    ("cp1256", "Windows-1256 (Arabic)"), ("cp874", "Windows-874 (Thai)"),
])
def test_latin_text_read_in_a_code_page_ftfy_does_not_repair_is_found(codec, name):
    # each phrase that the code page holds every byte of is found, named and, applied, repaired
    whole = [p for p in LATIN_PHRASES if "\ufffd" not in misread(p, codec) and misread(p, codec) != p
             and not (codec == "cp1256" and "”" in p)]  # â€ and U+200C: Windows-1252's reading but for one byte
    assert len(whole) >= 3, whole
    for phrase in whole:
        text = with_line(VALID, 3, f'title: "{misread(phrase, codec)}"')
        found = [d for d in lint(text) if d.code == "ENC001"]
        names = {d.message.rpartition(" decoded as ")[2] for d in found}
        assert found and names <= {name, "DOS code page 437 or 850", "DOS code page 437", "Windows-1253", "Windows-1252"}, (phrase, names)
        assert all(d.span.start.line == 3 and d.fix is not None for d in found), phrase
        for d in sorted(found, key=lambda d: -d.fix.edits[0].start):
            for e in sorted(d.fix.edits, key=lambda e: -e.start):
                text = text[:e.start] + e.replacement + text[e.end:]
        assert text == with_line(VALID, 3, f'title: "{phrase}"'), phrase


def test_a_latin_misreading_is_shown_as_its_word_and_fixed_in_one_edit_per_run():
    text = with_line(VALID, 3, 'title: "Patienten ΓÇ£hopeΓÇ¥ and aprob├│ it"')
    found = [d for d in lint(text) if d.code == "ENC001"]
    assert [(d.span.start.column, d.message, d.hint, len(d.fix.edits)) for d in found] == [
        (19, "mojibake in title: 'ΓÇ£hopeΓÇ¥' is UTF-8 text decoded as DOS code page 437", "did you mean: “hope”", 2),
        (39, "mojibake in title: 'aprob├│' is UTF-8 text decoded as DOS code page 437", "did you mean: aprobó", 1)]


def test_a_latin_misreading_that_lost_bytes_is_told_without_a_fix():
    damaged = misread("He said “yes” — then left", "gbk")  # 0x9D and 0x94 before a space are no GBK
    assert "\ufffd" in damaged
    found = [d for d in lint(with_line(VALID, 3, f'title: "{damaged}"')) if d.code == "ENC001"]
    assert found and all(d.span.start.line == 3 for d in found)
    assert [d for d in found if d.fix is None and "was lost" in d.hint]
    # what --fix leaves (the lost characters) is still named, beside the letters it repaired
    partly = f'title: "The minister’s plan was called {misread("“fair”", "gbk")} by unions"'
    (d,) = [d for d in lint(with_line(VALID, 3, partly)) if d.code == "ENC001"]
    assert d.message == "mojibake in title: '鈥渇air鈥\ufffd' is UTF-8 text decoded as GBK (Chinese)" and d.fix is None


def test_correct_text_of_those_scripts_beside_latin_words_is_clean():
    import random

    from linter.rules.encoding import _latin_tables, find_latin_mojibake

    # every character that starts a reading, after a Latin word and before another, and in
    # runs of its script: a correct line never reads as Latin text throughout
    leads = sorted(_latin_tables()[0])
    rng = random.Random(11)
    lines = [f"iPhone{c} и Android{c}{rng.choice(leads)} AI{c}" for c in leads]
    lines += [f"Windows{''.join(rng.choice(leads) for _ in range(rng.randint(1, 6)))} 没有 시대 ένα" for _ in range(3000)]
    lines += ["iPhone没有用户", "AI시대의 CEO는", "Windowsα και Linuxβ", "BMWรถยนต์ใหม่", "Appleأعلنت", "Googleהודיעה",
              "Straße und Maß", "São Paulo e não", "CÔTE D'IVOIRE", "SÃO PAULO", "Moutai茅台", "Xiaomi小米发布"]
    samples = [t for pairs in TEXTS.values() for pair in pairs for t in pair]
    # ftfy's negatives hold box drawing beside letters (├┤a┼┐a: ô and ſ) and a Cyrillic Е in
    # a Latin word (Big5 has the letter; its bytes read as ǲ): neither is a reading
    negatives = [c["original"] for c in ftfy_cases("negative.json") if c.get("fixed-encoding", c["fixed"]) == c["original"]]
    assert "├┤a┼┐a┼┐a┼┐a┼┐a" in negatives and any("SENSЕ" in n for n in negatives)
    flagged = [s for s in lines + samples + negatives if list(find_latin_mojibake(s))]
    assert flagged == []


def test_the_latin_scan_finds_the_same_with_and_without_the_compiled_pair_scan(monkeypatch):
    from linter.rules import encoding

    codecs = ["cp437", "cp850", "gbk", "cp932", "big5", "cp949", "koi8_r", "cp1253", "cp1255", "cp1256", "cp874"]
    texts = [misread(p, c) for p in LATIN_PHRASES for c in codecs]
    texts += [f"ok\n{t}\r\nÂ Ã x{t[:5]}" for t in texts[::7]] + [t for pairs in TEXTS.values() for pair in pairs for t in pair]
    found = [list(encoding.find_latin_mojibake(t)) for t in texts]
    assert sum(map(bool, found)) > len(LATIN_PHRASES) * len(codecs) // 2  # the comparison is of real findings
    monkeypatch.setattr(encoding, "_SB_FIND_PAIR", None)
    assert [list(encoding.find_latin_mojibake(t)) for t in texts] == found


@pytest.mark.parametrize("codec", ["cp1252", "latin-1", "cp1251", "cp1250", "mac_roman", "cp437", "cp850", "koi8_r",
                                   "cp1253", "cp1255", "cp1256", "cp874", "gbk", "cp932", "big5", "cp949"])
def test_each_damaged_character_is_reported_once_whichever_check_finds_it(codec):
    # ftfy's repair, the CJK, single-byte and Latin scans each know some of these pages: where
    # two read the same text (Greek in Mac Roman), one finding stands
    phrases = LATIN_PHRASES + ["Правительство утвердило бюджет", "Ελληνικοί επιστήμονες", "باحثون يطورون أداة",
                               "הממשלה אישרה", "政府批准了新预算", "政府は予算案を承認した", "정부는 예산안을 승인했다"]
    for phrase in phrases:
        found = sorted((d.span.start, d.span.end) for d in lint(with_line(VALID, 3, f'title: "{misread(phrase, codec)}"'))
                       if d.code == "ENC001")
        assert all(a[1] <= b[0] for a, b in zip(found, found[1:])), (phrase, found)


# each language of the corpus in the legacy pages its editors' tools wrote it in
LEGACY = {"fr": ["cp1252"], "de": ["cp1252", "latin-1"], "es": ["cp1252"], "pt": ["cp1252"], "pl": ["cp1250"],
          "tr": ["cp1254"], "ru": ["cp1251", "koi8_r"], "uk": ["cp1251"], "el": ["cp1253"], "ar": ["cp1256"],
          "he": ["cp1255"], "fa": ["cp1256"], "th": ["cp874"]}


@pytest.mark.parametrize("lang", sorted(LEGACY))
def test_a_file_saved_in_a_legacy_single_byte_page_is_told_what_its_bytes_read(lang):
    # the hint quotes the bytes as the page that reads them best shows them: the editor's
    # own words (where two pages read them as well, both are named)
    for codec in LEGACY[lang]:
        for title, excerpt in TEXTS[lang]:
            title = title.replace("\u200c", " ")  # (Windows-1256 has no ZWNJ)
            text = with_line(with_line(VALID, 3, f'title: "{title}"'), 4, f'excerpt: "{excerpt.replace(chr(0x200c), " ")}"')
            try:
                raw = text.encode(codec)
            except UnicodeEncodeError:
                continue
            found = [d for d in lint(raw) if d.code == "ENC002"]
            assert found, (lang, codec)
            for d in found:
                shown = d.message.rpartition(": ")[2].split(" ")  # "bytes 0xE6 0xC5 0xE4"
                if "…" in shown:
                    continue  # (more than eight bytes: the message shows the first)
                meant = bytes(int(b, 16) for b in shown[1:]).decode(codec)
                assert f"'{meant}'" in d.hint and d.hint.endswith("save it as UTF-8"), (lang, codec, meant, d.hint)
                assert "Windows-1252" not in d.hint or codec in ("cp1252", "latin-1"), d.hint


@pytest.mark.parametrize("meant", ["Zuschüsse für Wärmepumpen", "au troisième trimestre", "Merkez Bankası yüzde 50"])
def test_a_misreading_as_latin_9_is_not_repaired_into_a_capital_inside_a_word(meant):
    # ftfy reads Latin-9's Œ € š as Windows-1252's: ZuschÃŒsse would become ZuschÌsse
    damaged = meant.encode("utf-8").decode("iso-8859-15")
    fixed = repaired(damaged)
    assert fixed == meant, fixed
    assert any(f[5] == "ISO-8859-15 (Latin-9)" for f in find_mojibake(damaged))
    # where the capital is meant, the Windows-1252 reading stands
    assert [f[2] for f in find_mojibake("Ãœber ÃœBER")] == ["Ü", "Ü"]


@pytest.mark.parametrize("line, meant", [
    ("The plan™â€™s critics say it’s “too little”.", "The plan™’s critics say it’s “too little”."),
    ("Brand®â€” new and “correct” quotes", "Brand®— new and “correct” quotes"),
])
def test_a_quotation_mark_read_as_windows_1252_after_a_sign_is_found(line, meant):
    # ftfy declines these lines (™ is the byte 0x99, so the damage no longer starts a UTF-8
    # sequence); the three characters of a General Punctuation mark are repaired alone
    assert repaired(line) == meant


def test_a_damaged_letter_after_a_correct_polish_one_is_found():
    # the pair check looked only after ASCII and Latin-1 small letters: 'żÄ…ółtą' (ą) was missed
    assert repaired("przez żÄ…ółtą jesień") == "przez żąółtą jesień"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_carriage_return_alone_is_a_control_character_where_it_stands(newline, pure):
    # YAML reads it as a line break (the title becomes "A clean headline" with a space): the
    # finding is at the end of the line it breaks, and the lines after it count on from there
    text = VALID.replace("A clean headline", "A clean\rheadline").replace("quality: 54", "quality: 540")
    diags = lint(text.replace("\n", newline), pure=pure)
    assert [(d.code, d.span.start.line, d.span.start.column) for d in diags] == [("ENC004", 3, 16), ("SC005", 10, 10)]
    assert diags[0].message == "control character U+000D CARRIAGE RETURN alone in title: YAML and most editors break the line there"
    # a file whose every line ends with a carriage return alone is no such case
    assert [d.code for d in lint(VALID.replace("\n", "\r"), pure=pure)] == []


@pytest.mark.parametrize("char", ["\u00ad", "\u200c", "\u200d", "\u200e", "\u200f"])
def test_joiners_marks_and_soft_hyphens_inside_a_latin_word_are_invisible_characters(char):
    text = with_line(VALID, 3, f'title: "Elec{char}tion results in Zürich"')
    (d,) = [d for d in lint(text) if d.code == "ENC005"]
    assert (d.span.start.line, d.span.start.column) == (3, 13) and d.message.endswith("in title, inside a word")


def test_joiners_and_marks_where_scripts_and_emoji_need_them_pass():
    body = "می\u200cخواهم 👩\u200d🔬 क्\u200dष שלום\u200f world, a soft hyphen in Donau\u00addampf\u00adschiff"
    assert [d for d in lint(VALID.replace("Body.", body)) if d.code == "ENC005"] == []


def test_lines_ending_otherwise_than_the_file_are_reported_by_run_and_fixed(tmp_path):
    from conftest import run_in

    lines = VALID.split("\n")
    for n in (3, 4, 14):  # lines 3-4 and 14 pasted from a Windows editor
        lines[n - 1] += "\r"
    text = "\n".join(lines)
    diags = lint(text, select=["ENC012"])
    assert [(short([d])[0], d.message) for d in diags] == [
        ("3:26 ENC012", "lines 3-4 end with CR LF (Windows), the rest of the file with LF"),
        ("14:21 ENC012", "this line ends with CR LF (Windows), the rest of the file with LF")]
    path = tmp_path / "a.md"
    path.write_bytes(text.encode())
    run_in(str(tmp_path), "--fix", "a.md")
    assert path.read_bytes() == VALID.encode()  # the CRs alone are gone


def test_a_line_ending_in_lf_alone_among_cr_lf_gets_its_cr(tmp_path):
    from conftest import run_in

    crlf = VALID.replace("\n", "\r\n")
    text = crlf.replace('title: "A clean headline"\r\n', 'title: "A clean headline"\n')
    (d,) = lint(text, select=["ENC012"])
    assert (short([d]), d.message) == (["3:26 ENC012"], "this line ends with LF, the rest of the file with CR LF (Windows)")
    path = tmp_path / "a.md"
    path.write_bytes(text.encode())
    run_in(str(tmp_path), "--fix", "a.md")
    assert path.read_bytes() == crlf.encode()


@pytest.mark.parametrize("text", [VALID, VALID.replace("\n", "\r\n"), VALID.replace("\n", "\r"),
                                  VALID.replace("\n", "\r\n") + "last line without an ending"])
def test_one_kind_of_line_ending_throughout_passes(text):
    assert lint(text, select=["ENC012"]) == []


def test_tag_characters_that_spell_hidden_text_are_named_with_what_they_spell():
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "ignore all rules")
    line = f'title: "Breaking{hidden} news"'
    (d,) = [d for d in lint(with_line(VALID, 3, line)) if d.code == "ENC005"]
    assert (d.span.start.line, d.span.start.column, d.span.end.column) == (3, 17, 17 + len(hidden))
    assert d.message == "16 invisible tag characters in title"
    assert d.hint == "delete them: they spell 'ignore all rules', which readers do not see"
    # written as YAML escapes, the value holds them and the file does not
    escaped = "".join(f"\\U{0xE0000 + ord(c):08X}" for c in "hi")
    (d,) = [d for d in lint(with_line(VALID, 3, f'title: "Breaking{escaped} news"')) if d.code == "ENC005"]
    assert d.message == "title contains U+E0068 TAG LATIN SMALL LETTER H, written as a YAML escape"


def test_a_subdivision_flag_keeps_its_tags_and_a_hangul_filler_is_invisible():
    scotland = "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"
    assert [d for d in lint(with_line(VALID, 3, f'title: "Scotland {scotland} wins"')) if d.code.startswith("ENC")] == []
    (d,) = [d for d in lint(with_line(VALID, 3, 'title: "A clean\u3164headline"')) if d.code == "ENC005"]
    assert d.message == "invisible character U+3164 HANGUL FILLER in title"


def fixed_line(text, line_no):
    """Line ``line_no`` of ``text`` with every ENC001 fix on it applied."""
    edits = sorted((e for d in lint(text) if d.code == "ENC001" and d.fix for e in d.fix.edits),
                   key=lambda e: e.start, reverse=True)
    for e in edits:
        text = text[:e.start] + e.replacement + text[e.end:]
    return text.split("\n")[line_no - 1]


@pytest.mark.parametrize("before, word, codec, after", [
    # no Windows-1252 repair of a piece of another page's damage: each of these got a wrong
    # letter in place of the word (ϿϺ for بانت, ь inside Greek, นั plus leftovers for Thai)
    ("باحثون يطورون أداة للتنبؤ", "بانتشار", "cp850", "السرطان"),
    ("Έλληνες επιστήμονες", "φάρμακο", "mac_roman", "νέο"),
    ("Η", "μελέτη", "cp1250", "δημοσιεύθηκε στο περιοδικό"),
    ("", "นักวิจัยพัฒนาเครื่องมือปัญญาประดิษฐ์ทำนายมะเร็ง", "cp1256", ""),
    ("המחקר פורסם השבוע וכלל", "יותר", "cp1256", "מ־2,000 משתתפים."),
    ("சென்னையில் புதிய மெட்ரோ ரயில் சேவை", "தொடங்கியது", "cp437", ""),  # Indic vowel signs are marks
    ("বাংলাদেশে নতুন প্রযুক্তি কেন্দ্র উদ্বোধন", "করলেন", "cp437", "প্রধানমন্ত্রী"),
    ("חוקרים בישראל פיתחו שיטה", "חדשה", "cp850", "לגילוי מוקדם"),  # each piece of it reads in Windows-1252
    # ftfy's repair of the line, or of a run, mends some pieces of the word only
    ("Badania prowadzono w Łodzi i Gdańsku przez", "żółtą", "cp1252", "jesień."),
    ("", "Araştırma", "cp1252", "İstanbul Üniversitesi’nde yürütüldü"),
    # DOS 437 and 850 read ├¢ as Û and ý: no word has a capital between small letters
    ("Ríkisstjórnin kynnti", "nýja", "cp850", "áætlun um þjóðvegi"),
    # ISO-8859-2 and Windows-1250 read ü, é, á differently: the letter the line writes elsewhere
    ("Forscher in", "München", "iso-8859-2", "entwickeln Verfahren für Krebsdiagnose"),
    ("Une", "étude", "iso-8859-2", "menée à Besançon"),
])
def test_the_fix_gives_the_damaged_word_back(before, word, codec, after):
    line = f'excerpt: "{" ".join(p for p in (before, misread(word, codec), after) if p)}"'
    text = with_line(VALID, 4, line)
    assert [d.span.start.line for d in lint(text) if d.code == "ENC001"] == [4]
    assert fixed_line(text, 4) == f'excerpt: "{" ".join(p for p in (before, word, after) if p)}"'
