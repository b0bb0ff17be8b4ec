"""ENC: encoding damage anywhere in the file (front matter at any depth, and the body).

The checks scan the file's own text, so columns point at the damaged characters themselves,
and map the place back to the field that holds it. Characters that exist only through YAML
escapes (``"\\e[2J"``, ``"\\u202e"``) are found in the parsed values as well.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from itertools import chain
from typing import Any, Iterator, List, Optional, Tuple

from ..diagnostics import BOM_OFFSET, Edit, Fix, Severity, format_path
from ..formats import URL_FORMATS
from ..accel import compiled
from . import SOURCE, Rule, register

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_INVISIBLE = re.compile("[\u200b\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069\u2028\u2029\u180e\ufff9-\ufffb\u3164\uffa0]")
_LINE_END = re.compile(r"\r\n|\r|\n")
_LONE_CR = re.compile(r"\r(?!\n)")
# either of the two above: one scan tells both checks whether they have anything to look at
_CONTROL_OR_INVISIBLE = re.compile(f"{_CONTROL.pattern}|{_INVISIBLE.pattern}")
# scripts that use U+200B between words as a matter of course
_ZWSP_SCRIPTS = re.compile("[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u1a20-\u1aaf]")
_ENCODING_NAMES = {"sloppy-windows-1252": "Windows-1252", "windows-1252": "Windows-1252", "latin-1": "Latin-1",
                   "iso-8859-2": "Latin-2", "sloppy-windows-1250": "Windows-1250", "sloppy-windows-1251": "Windows-1251",
                   "macroman": "Mac Roman", "cp437": "DOS code page 437", "sloppy-windows-1253": "Windows-1253",
                   "sloppy-windows-1254": "Windows-1254", "sloppy-windows-1257": "Windows-1257"}
# a repaired character that is also YAML syntax could change how the line parses
_YAML_SENSITIVE = set("\"'\\:#{}[],&*!|>%@`\n\r\t")


def has_odd_characters(text: str) -> bool:
    """Whether ``text`` holds a control or invisible character at all (``Context.odd_characters``
    asks once a file, for both checks)."""
    if _ODD_BITS:
        return _FIND_IN(text, 0, _ODD_BITS) >= 0
    return _CONTROL_OR_INVISIBLE.search(text) is not None


def _where(ctx, offset: int) -> Tuple[Optional[tuple], str]:
    if not ctx.in_front_matter(offset):
        # (front matter never closed has no body either: where one ends is a guess)
        return None, "in the body" if ctx.split is None or ctx.split.problem != "unclosed" else "in the text"
    path = ctx.field_at(offset)
    return path, f"in {format_path(path)}" if path else "in the front matter"


_WORD_BREAK = re.compile("[\\s\"']")  # what ends the word a repair is shown in (see _word_window)


def _word_window(a: str, i1: int, i2: int, limit: int = 24) -> Tuple[int, int]:
    lo, hi = i1, i2
    while lo > 0 and i1 - lo < limit and not a[lo - 1].isspace() and a[lo - 1] not in "\"'":
        lo -= 1
    while hi < len(a) and hi - i2 < limit and not a[hi].isspace() and a[hi] not in "\"'":
        hi += 1
    return lo, hi


_PAIRS = None
_PAGES: list = []  # for each code page: ({lead character: its byte}, continuation characters)
_TAIL = ""  # what may stand for a further continuation: one, or what a lost byte became
_PAIR_TAIL: dict = {}  # remembered answers of _pair_tail


def _mojibake_pairs():
    """A pattern for the trace every mojibake leaves: a UTF-8 lead byte (0xC2-0xF4) followed by
    a continuation byte (0x80-0xBF, or a space where a no-break space was lost), both shown as
    characters of one of the single-byte code pages ftfy repairs from. A line without such a
    pair holds no mojibake ftfy could fix, and skips ftfy's costly badness scan."""
    global _PAIRS, _TAIL, _PAIR_SEARCH
    if _PAIRS is None:
        import ftfy  # noqa: F401  (registers the "sloppy" codecs)
        from ftfy.chardata import CHARMAP_ENCODINGS

        leads, conts = set(), set()
        for encoding in CHARMAP_ENCODINGS:
            page_leads = {}
            for byte in range(0xC2, 0xF5):
                char = bytes([byte]).decode(encoding, errors="ignore")
                if char:
                    page_leads[char] = byte
            page_conts = frozenset(c for c in (bytes([b]).decode(encoding, errors="ignore") for b in range(0x80, 0xC0)) if c)
            _PAGES.append((page_leads, page_conts))
            leads.update(page_leads)
            conts.update(page_conts)

        def cls(chars):
            return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"

        _TAIL = "".join(sorted(conts | set("?\x1a\ufffd")))  # ftfy turns a lost byte into U+FFFD
        # A lead, then a continuation; or a lost no-break space after Â or Ã; or U+FFFD alone.
        # The pattern starts with one character class, so the regular-expression engine steps
        # over every other character (ASCII among them) in its own fast loop.
        _PAIRS = re.compile(f"{cls(leads | {chr(0xFFFD)})}(?:(?<=\ufffd)|{cls(conts)}|(?<=[\u00c2\u00c3]) )")
        _PAIR_SEARCH = _regex_pair_search
        find_pair = compiled("find_pair", None)
        if find_pair is not None and all(len(c) == 1 and c < "\U00010000" for c in leads | conts):
            lead_bits, cont_bits = _bitmap(leads | {chr(0xFFFD)}), _bitmap(conts)
            _PAIR_SEARCH = lambda text, pos: find_pair(text, pos, lead_bits, cont_bits)  # noqa: E731
    return _PAIRS


_PAIR_SEARCH = None  # (text, pos) -> (start, end) of the next match of _PAIRS, or None


def _regex_pair_search(text: str, pos: int) -> Optional[Tuple[int, int]]:
    m = _PAIRS.search(text, pos)
    return (m.start(), m.end()) if m else None


def _bitmap(chars) -> bytes:
    """A set of characters of the Basic Multilingual Plane as the compiled scans take it."""
    bits = bytearray(8192)
    for c in chars:
        bits[ord(c) >> 3] |= 1 << (ord(c) & 7)
    return bytes(bits)


def _class_chars(pattern: str) -> set:
    r"""The characters of a regular-expression class written as literal characters and
    ranges, such as ``"[\x00-\x08\u200b]"`` (no escapes, no negation)."""
    body = pattern[1:-1]
    assert pattern[0] == "[" and pattern[-1] == "]" and not body.startswith("^") and "\\" not in body
    out, i = set(), 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            out.update(map(chr, range(ord(body[i]), ord(body[i + 2]) + 1)))
            i += 3
        else:
            out.add(body[i])
            i += 1
    return out


# the bitmap of _CONTROL_OR_INVISIBLE and the compiled scan that takes it; b"" without it
_FIND_IN = compiled("find_in", None)
_ODD_BITS = _bitmap(_class_chars(_CONTROL.pattern) | _class_chars(_INVISIBLE.pattern)) if _FIND_IN else b""


def _pair_tail(pair: str):
    """For a lead and a continuation character of one code page: ``(continuations still due,
    whether a space may stand for one)`` (ftfy restores a no-break space turned into a space
    after leads 0xE0-0xE3 and 0xF0); the most lenient over the code pages, or ``None`` when no
    single code page holds both."""
    if pair in _PAIR_TAIL:
        return _PAIR_TAIL[pair]
    best = None
    for page_leads, page_conts in _PAGES:
        byte = page_leads.get(pair[0])
        if byte is None or pair[1] not in page_conts:
            continue
        due = 0 if byte < 0xE0 else 1 if byte < 0xF0 else 2  # a 2-, 3- or 4-byte sequence
        found = (due, 0xE0 <= byte <= 0xE3 or byte == 0xF0)
        if best is None or (found[0], not found[1]) < (best[0], not best[1]):
            best = found
    if len(_PAIR_TAIL) < 65536:
        _PAIR_TAIL[pair] = best
    return best


def _completed(text: str, at: int, tail, tail_chars: str) -> bool:
    """Whether the continuations a pair's lead still calls for (``tail``, from
    :func:`_pair_tail`) follow at ``at``."""
    if tail is None:
        return False
    due, spaced = tail
    after = text[at:at + due]
    return len(after) == due and not after.strip(tail_chars + " " if spaced else tail_chars)


def _lines_with_pairs(text: str) -> Iterator[Tuple[int, str]]:
    """Lines holding a whole UTF-8 sequence written in ONE code page: a lead and as many
    continuation characters as the lead byte calls for (``ç`` then ``ã`` are each a byte of some
    code page, but of no single one; Cyrillic ``ні`` is a three-byte lead and one continuation in
    Windows-1251, with no second continuation after it: no decoding could have made either)."""
    _mojibake_pairs()
    search = _PAIR_SEARCH
    tail_chars = _TAIL
    done = 0  # where the last line yielded ends
    pos = 0
    while True:
        m = search(text, pos)
        if not m:
            return
        start, stop = m
        if stop - start == 2 and text[start + 1] != " " \
                and not _completed(text, stop, _pair_tail(text[start:stop]), tail_chars):
            pos = start + 1
            continue
        begin = max(text.rfind("\n", done, start), text.rfind("\r", done, start), done - 1) + 1
        end_m = _LINE_END.search(text, start)
        end = end_m.start() if end_m else len(text)
        yield begin, text[begin:end]
        pos = done = end + 1 if end_m else len(text)


def find_mojibake(line: str):
    """``[(i1, i2, replacement, original_word, fixed_word, encoding)]`` for a line, or ``[]``.

    Only ftfy's encoding repair is used (no quote straightening, no HTML unescaping, no
    normalisation), and only a repair that really re-decodes bytes counts: a doubtful case
    is left alone rather than flagged.
    """
    return [_as_iso(line, f) for f in _find_mojibake(line)]


# the ISO pages whose signs stand where Windows-1252 and 1250 have others: a UTF-8 ü read as
# Latin-9 shows as ÃŒ, which ftfy takes for Windows-1252 (Ì); an ö read as Latin-2, Ãś, for
# Windows-1250 (Ü)
_ISO_PAGES = (("iso-8859-15", "ISO-8859-15 (Latin-9)"), ("iso-8859-2", "ISO-8859-2 (Latin-2)"))


def _as_iso(line: str, found):
    """``found`` (see :func:`find_mojibake`), or the same damage read in an ISO page where that
    gives a small letter and ftfy's repair a capital between a letter and a small one
    (``ZuschÃŒsse`` is ``Zuschüsse``, not ``ZuschÌsse``; ``WÃ€rme`` is ``Wärme``)."""
    i1, i2, replacement, word, fixed_word, encoding = found
    if not (len(replacement) == 1 and replacement.isupper()
            and i1 > 0 and line[i1 - 1].isalpha() and line[i2:i2 + 1].islower()):
        return found
    for codec, name in _ISO_PAGES:
        try:
            meant = line[i1:i2].encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if len(meant) == 1 and meant.islower():
            lo, hi = _word_window(line, i1, i2)
            return i1, i2, meant, word, line[lo:i1] + meant + line[i2:hi], name
    return found


def _find_mojibake(line: str):
    # a repair of a part of the line (ftfy's of the Windows-1252 pieces, or ours where ftfy
    # declined the whole) is not made inside a word that is whole damage of one code page
    # (Thai read as Windows-1256, ×ھ of Hebrew, Greek read as Mac Roman), where the reading
    # of a piece gives a wrong letter: the word is read whole in that page instead
    out, words = [], set()
    for f in _repair(line, 0) or _find_in_parts(line):
        other = _whole_reading(line, f)
        if other is None:
            out.append(f)
        elif other[:2] not in words:
            words.add(other[:2])
            out.append(other)
    return _words_completed(line, out)


def _holds_damage(text: str) -> bool:
    """Whether ``text`` holds a whole UTF-8 sequence in one code page (see _lines_with_pairs)."""
    return any(True for _line in _lines_with_pairs(text))


def _words_completed(line: str, found: list) -> list:
    """``found``, where a repair left damage in its word (ftfy's repair of a line or a run
    mends some pieces only: AraÅŸtırma), with ftfy's repair of that word alone instead, when
    that leaves none."""
    if not any(_holds_damage(f[4]) for f in found):
        return found
    out, redone = [], []
    for f in found:
        lo, hi = _word_window(line, f[0], f[1])
        if any(a <= f[0] < b for a, b in redone):
            continue
        if _holds_damage(f[4]):
            alone = _repair(line[lo:hi], lo)
            if alone and not any(_holds_damage(a[4]) for a in alone):
                redone.append((lo, hi))
                out = [g for g in out if not lo <= g[0] < hi]
                out.extend(alone)
                continue
        out.append(f)
    return out


# the code pages whose reading of a whole word may stand for a piece's (see _whole_reading)
_WHOLE_PAGES = (("cp1256", "Windows-1256 (Arabic)"), ("cp1255", "Windows-1255 (Hebrew)"), ("cp1253", "Windows-1253"),
                ("cp1251", "Windows-1251"), ("iso-8859-2", "ISO-8859-2 (Latin-2)"), ("cp1250", "Windows-1250"),
                ("cp1257", "Windows-1257"), ("koi8_r", "KOI8-R (Russian)"), ("mac_roman", "Mac Roman"),
                ("cp437", "DOS code page 437"), ("cp850", "DOS code page 850"), ("cp874", "Windows-874 (Thai)"))
_PAGE_OF_NAME = {name: codec for codec, name in _WHOLE_PAGES}


def _whole_reading(line: str, found):
    """For a repair ``found`` of a part of ``line``: ``None`` when it stands (the word around
    it is Windows-1252's or Latin-1's reading of UTF-8, whole, or the repair's own page reads
    the whole word as it does, or no page reads the word whole as letters of one script);
    else the finding for the word as a code page's reading, whole (its characters written
    back in that page are UTF-8, of letters of one script; the repair's own page first)."""
    i1, i2, replacement, _word, _fixed_word, name = found
    lo, hi = _piece_around(line, i1, i2, " \t")
    while lo < hi and line[lo] < "\x80":
        lo += 1  # (ASCII reads the same in every page: a quotation mark stays outside the edit)
    while hi > lo and line[hi - 1] < "\x80":
        hi -= 1
    word = line[lo:hi]
    for own in ("windows-1252", "latin-1"):  # (Latin-1 holds the C1 controls: patientâ\x80\x99s)
        try:
            word.encode(own).decode("utf-8")
            return None  # the word is this page's reading, whole
        except UnicodeError:
            pass
    own = _PAGE_OF_NAME.get(name)
    for codec, page in sorted(_WHOLE_PAGES, key=lambda p: p[0] != own):
        try:
            meant = word.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if meant != word:
            if _plausible(meant) or all(_news_latin_letter(c) for c in meant if c.isalpha()):
                if codec == own and line[lo:i1] + replacement + line[i2:hi] == meant:
                    return None  # the repair is the whole word's reading
                return lo, hi, meant, word, meant, page
    return None


def _find_in_parts(line: str):
    found = []
    whole = bool(_CP1252_RUN.fullmatch(line))
    if not whole:
        # Correct letters that Windows-1252 cannot hold (ę, ı, Cyrillic) stop ftfy from
        # re-decoding the whole line; the damage can only lie in Windows-1252 runs: try those.
        for m in _CP1252_RUN.finditer(line):
            if not m.group(0).isascii():
                found.extend(_repair(m.group(0), m.start()))
        if found:
            return found
    # Where ftfy saw the whole line and declined, it knows best about the common Ã/Â pairs
    # (Latin-1 letters); it under-weighs pairs for Latin Extended, Greek and Cyrillic letters.
    return _two_byte_pairs(line, latin1=not whole) or _latin_pairs_in_other_code_pages(line) \
        or _punctuation_triples(line) or _vietnamese_triples(line) or _runs_of_other_pages(line)


# for each of ftfy's other code pages: (pattern of a run of its characters, pattern of one
# whole UTF-8 sequence in it, its name, the codec), made on first use
_PAGE_RUNS: list = []


# the characters DOS code page 850 has and 437 has not (Ô, ¤, ®...)
_CP850_ONLY = re.compile("[" + re.escape("".join(sorted(set(bytes(range(0x80, 0x100)).decode("cp850"))
                                                      - set(bytes(range(0x80, 0x100)).decode("cp437"))))) + "]")


def _page_chars(codec: str, first: int, last: int) -> str:
    """The characters the bytes ``first`` to ``last - 1`` are in ``codec``, escaped for a class."""
    return re.escape("".join(bytes([b]).decode(codec, errors="ignore") for b in range(first, last)))


def _runs_of_other_pages(line: str):
    """As the Windows-1252 runs above, for ftfy's other code pages (Mac Roman, DOS 437,
    Windows-1250/1251/1253/1254/1257, Latin-2): correct letters the page cannot hold stop
    ftfy from re-decoding the whole line (``b·ªánh`` is ``bệnh`` beside correct Vietnamese),
    so each run of the page's characters that holds a whole UTF-8 sequence (a lead and its
    continuations) is given to ftfy alone, which still decides; where ftfy declines the run
    (or the page holds the whole line: ``Une étude fran√ßais``), the pieces around each
    sequence are (see :func:`_repair_pieces`)."""
    if not _PAGE_RUNS:
        _mojibake_pairs()  # (ftfy's codecs registered)
        from ftfy.chardata import CHARMAP_ENCODINGS

        for codec in CHARMAP_ENCODINGS:
            if codec in ("latin-1", "sloppy-windows-1252"):
                continue
            cont = f"[{_page_chars(codec, 0x80, 0xC0)}]"
            # a lead and as many continuations as it calls for (a correct Ukrainian "ві" is a
            # three-byte lead and one continuation in Windows-1251)
            whole = (f"[{_page_chars(codec, 0xC2, 0xE0)}]{cont}|[{_page_chars(codec, 0xE0, 0xF0)}]{cont}{{2}}"
                     f"|[{_page_chars(codec, 0xF0, 0xF5)}]{cont}{{3}}")
            _PAGE_RUNS.append((re.compile(f"[\\x00-\\x7f{_page_chars(codec, 0x80, 0x100)}]+"), re.compile(whole),
                               _ENCODING_NAMES[codec], codec))
    # where a lead of any of ftfy's pages is followed by a continuation of any (the scan that
    # chose this line; a few places a line): each page's whole sequences start at some of them
    starts = []
    pos = 0
    while True:
        found = _PAIR_SEARCH(line, pos)
        if found is None:
            break
        starts.append(found[0])
        pos = found[0] + 1
    for run, pair, name, codec in _PAGE_RUNS:
        if not _holds_sequence(line, starts, pair, codec):  # (a sequence lies in one run of the page's characters)
            continue
        if codec == "cp437" and _CP850_ONLY.search(line):
            continue  # DOS 850's damage (┬¢ is its ½, 437's ›): the Latin scan reads it in that page
        found = []
        for m in run.finditer(line):
            text = m.group(0)
            if not pair.search(text):
                continue
            repaired = _repair(text, m.start()) if len(text) < len(line) else []
            if not repaired:  # ftfy declined it whole: correct letters of the page beside the damage
                repaired = _repair_pieces(text, m.start(), pair)
            # ftfy's reading in this page only: Windows-1252 damage was looked for above, in
            # the line's context (a word alone is a weaker case: DrÃ¥ber)
            found.extend(f for f in repaired if f[5] == name and _reads_as_words(f, run, line))
        if found:
            return found
    return []


def _holds_sequence(line: str, starts, pair, encoding: str) -> bool:
    """Whether ``line`` holds, at one of ``starts``, a whole sequence (``pair``) of the code
    page ``encoding`` that reads back as a character a repair may give there. (French
    ``l’école`` holds ``’é``, Mac Roman's reading of Armenian Վ: no letter of another script
    stands between Latin letters.)"""
    for start in starts:
        m = pair.match(line, start)
        if m is None:
            continue
        try:
            char = m.group(0).encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
        if _common_sign(char) or _news_latin_letter(char):
            return True
        if char.isalpha() and _script(char) is not None \
                and not _news_latin_letter(line[m.start() - 1:m.start()] or " ") \
                and not _news_latin_letter(line[m.end():m.end() + 1] or " "):
            return True
    return False


def _piece_around(text: str, i1: int, i2: int, breaks: str) -> Tuple[int, int]:
    """``(lo, hi)``: the piece of ``text`` around ``text[i1:i2]``, between two of ``breaks``."""
    lo = max(text.rfind(c, 0, i1) for c in breaks) + 1
    hi = min((j for j in (text.find(c, i2) for c in breaks) if j >= 0), default=len(text))
    return lo, hi


def _repair_pieces(text: str, base: int, pair, breaks: str = " \t\u00a0\u2009\u202f\u3000") -> list:
    """ftfy's repairs of each piece of ``text`` that holds a whole sequence (``pair``) and
    that ftfy declined whole: the words (between ``breaks``), then the words' parts between
    quotation marks and dashes (``ƒ∞stanbul’da``). Only the pieces around each sequence are
    cut out: a long line holds few."""
    out = []
    done = 0
    for p in pair.finditer(text):
        i = p.start()
        if i < done:
            continue
        lo, hi = _piece_around(text, i, i, breaks)
        done = max(hi, i + 1)
        if p.end() > hi or hi - lo >= len(text):
            continue  # the sequence holds a break itself, or the piece is all of ``text``
        piece = text[lo:hi]
        out.extend(_repair(piece, base + lo) or
                   (_repair_pieces(piece, base + lo, pair, _PART_BREAKS) if breaks != _PART_BREAKS else []))
    return out


_PART_BREAKS = " \t\u00a0\u2009\u202f\u3000’‘“”«»„–—…"
# what a repair of ftfy's other pages may give besides letters: the punctuation and signs
# that news text writes (a lead and a continuation of those pages are also a quotation mark
# and a capital, »Über, which ftfy alone would read as U+0206)
_COMMON_SIGNS = frozenset("\xa0’‘“”„‚‹›«»–—…•·°±€£¥¢©®™§¶µ¡¿½¼¾×")


def _common_sign(c: str) -> bool:
    """One of :data:`_COMMON_SIGNS`, or an emoji."""
    return c in _COMMON_SIGNS or "\U0001F300" <= c <= "\U0001FAFF"


def _news_latin_letter(c: str) -> bool:
    """A letter of the Latin alphabets news is written in: ASCII, Latin-1, Latin Extended-A,
    Romanian ș ț, Vietnamese ơ ư and its letters with two marks."""
    o = ord(c)
    return (c.isascii() and c.isalpha()) or (0xC0 <= o <= 0x17F and o not in (0xD7, 0xF7)) \
        or 0x218 <= o <= 0x21B or o in (0x1A0, 0x1A1, 0x1AF, 0x1B0) or 0x1EA0 <= o <= 0x1EF9


def _reads_as_words(found, run, line: str) -> bool:
    """Whether a repair (see :func:`_repair`) gives common letters or signs of one script:
    Latin letters in a word of Latin letters (``—Él`` is a dash and a word: its bytes read
    back as Cyrillic у), or a whole word of the page's characters read back as a word of
    another script (not a piece of one: a phrase read so is the single-byte scan's)."""
    i1, i2, replacement, _word, fixed_word, _name = found
    letters = [c for c in fixed_word if c.isalpha()]
    if not all(c.isalpha() or _common_sign(c) for c in replacement):
        return False
    if all(_news_latin_letter(c) for c in letters):
        return True
    lo, hi = _word_window(line, i1, i2)
    scripts = {_script(c) for c in letters}
    return len(letters) >= 2 and len(scripts) == 1 and None not in scripts and run.fullmatch(line, lo, hi) is not None


def _punctuation_triples(line: str):
    """As :func:`_two_byte_pairs`, for quotation marks, dashes and other General Punctuation,
    currency signs (€), letterlike signs (™, №) and arrows read as Windows-1252 where ftfy
    declines the line."""
    # (after ã, ƒ or † it is a piece of damage that ftfy leaves whole: ã†â€™ãƒ)
    return _cp1252_triples(line, _PUNCTUATION_TRIPLE, 0xE2, _SIGN_BLOCKS,
                           lambda m: not ("\x7f" < line[m.start() - 1:m.start()] and line[m.start() - 1] not in "™®©°§"))


def _cp1252_triples(line: str, pattern, lead: int, blocks, fits) -> list:
    """The findings of a character's three UTF-8 bytes read as Windows-1252: each match of
    ``pattern`` (its second and third byte as its groups) after the byte ``lead``, that
    ``fits`` where it stands and decodes to a character of one of ``blocks``."""
    out = []
    for m in pattern.finditer(line):
        if not fits(m):
            continue
        try:
            char = bytes([lead, _cp1252_byte(m.group(1)), _cp1252_byte(m.group(2))]).decode("utf-8")
        except UnicodeError:
            continue
        if not any(a <= char <= b for a, b in blocks):
            continue
        i1, i2 = m.start(), m.end()
        lo, hi = _word_window(line, i1, i2)
        out.append((i1, i2, char, line[lo:hi], line[lo:i1] + char + line[i2:hi], "Windows-1252"))
    return out


_CONTINUATION = "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ\xa0¡¢£¤¥¦§¨©ª«¬\xad®¯°±²³´µ¶·¸¹º»¼½¾¿"
_PAIR_IN_WORD = re.compile(f"(?<=[a-zß-ÿ\u0101-\u017f])([Â-Þ])([{re.escape(_CONTINUATION)}])")
# â, then € ‚ „ or †, and one more continuation: the three UTF-8 bytes of a punctuation mark
# (’ is E2 80 99, â€™), a currency sign (€: â‚¬), a letterlike sign (™: â„¢) or an arrow
# (→: â†’), which no correct text writes; ftfy declines a line where a sign stands before
# them (plan™â€™), as its bytes no longer start with a lead, or where a letter does (planâ„¢)
_PUNCTUATION_TRIPLE = re.compile(f"â([€‚„†])([{re.escape(_CONTINUATION)}])")
_SIGN_BLOCKS = (("\u2010", "\u205e"), ("\u20a0", "\u20bf"), ("\u2100", "\u214f"), ("\u2190", "\u21ff"))


# á, then º or », and a continuation: the three UTF-8 bytes (E1 BA/BB xx) of a letter of
# Latin Extended Additional, Vietnamese's (ủ is E1 BB A7: phá»§), read as Windows-1252
_VIETNAMESE_TRIPLE = re.compile(f"á([º»])([{re.escape(_CONTINUATION)}])")
_PUNCTUATION_AFTER_QUOTE = "…–—‘’“”•™›‹"  # what may follow a closing » of correct text (está»…)
_VIETNAMESE_LETTERS = re.compile("[\u1ea0-\u1ef9ơưđƠƯĐ]")


def _vietnamese_triples(line: str):
    """As :func:`_punctuation_triples`, for Vietnamese letters read as Windows-1252 where
    ftfy declines the line (correct Vietnamese letters beside them, that Windows-1252 cannot
    hold). A Spanish «está»… is correct text: a mark of punctuation after the » counts only
    in a line with Vietnamese letters of its own."""
    return _cp1252_triples(line, _VIETNAMESE_TRIPLE, 0xE1, (("\u1ea0", "\u1ef9"),),
                           lambda m: m.group(2) not in _PUNCTUATION_AFTER_QUOTE or _VIETNAMESE_LETTERS.search(line))


def _two_byte_pairs(line: str, latin1: bool):
    """A last, narrow look for what ftfy judges too doubtful on its own: one letter's two UTF-8
    bytes shown as an upper-case Latin-1 letter plus a Windows-1252 symbol, inside a lower-case
    word (``nowÄ…`` for ``nową``, ``geliÅŸtirdi`` for ``geliştirdi``), decoding to a letter."""
    out = []
    for m in _PAIR_IN_WORD.finditer(line):
        try:
            char = bytes([ord(m.group(1)), _cp1252_byte(m.group(2))]).decode("utf-8")
        except (UnicodeError, ValueError):
            continue
        # a letter of the Latin alphabets, as the letter before it is: a German "Fuß“" must not
        # become U+07D3, nor the œÑŒ of Greek read as Mac Roman a Cyrillic ь
        if len(char) != 1 or not _news_latin_letter(char):
            continue
        if not latin1 and char <= "\u00ff":
            continue
        i1, i2 = m.start(), m.end()
        lo, hi = _word_window(line, i1, i2)
        out.append((i1, i2, char, line[lo:hi], line[lo:i1] + char + line[i2:hi], "Windows-1252"))
    return out


# code pages whose reading of a Latin letter's two UTF-8 bytes ftfy leaves alone, and the lead
# bytes it shows for them: Windows-1251 shows Г Д Е (MГјnchen), Windows-1250 Ă Ä Ĺ (kutatĂłk,
# sijeÄŤnja: Ä only inside a word, before a sign or a capital no German word has after it)
# (a Cyrillic capital after a Latin letter is never a word's correct end: nowД… is nową; but
# Ă and Ĺ are letters of Romanian and Slovak, whose capitals end words: EDUCATĂ”)
_LATIN_LEADS = (("cp1251", "Windows-1251", (0xC3, 0xC4, 0xC5, 0xC8), True),
                ("cp1250", "Windows-1250", (0xC3, 0xC4, 0xC5), False),
                # and the Mac's √ ƒ ≈ (Rom√¢niei, valdƒ´ba), Greek Γ Δ Ε (ΓΌber) and Baltic Ć
                # (UniversitĆ¤t), which ftfy repairs only in a whole line (not Baltic Ä and Å,
                # the letters of Nordic words: HÅØYA)
                ("mac_roman", "Mac Roman", (0xC3, 0xC4, 0xC5), True),
                ("cp1253", "Windows-1253", (0xC3, 0xC4, 0xC5), True),
                ("cp1257", "Windows-1257", (0xC3,), True))
_LATIN_PAIRS: list = []  # (code page, its name, pattern), made on first use


def _latin_pairs_in_other_code_pages(line: str):
    """As :func:`_two_byte_pairs`, for Windows-1251 and Windows-1250: a lead and a continuation
    of the code page between Latin letters of one word (``MГјnchen``, ``kutatĂłk``), or at the
    start of a word before a small letter (``Г‰lection``), that read back as one Latin letter.
    Correct text never puts a Cyrillic capital, or Ă and Ĺ, between Latin letters and such a
    sign (a Romanian ``EDUCATĂ”`` ends its word, and stays clean)."""
    if not _LATIN_PAIRS:
        for codec, name, leads, at_end in _LATIN_LEADS:
            lead = "".join(re.escape(bytes([b]).decode(codec)) for b in leads)
            # (not a no-break space: Finnish "SELKÄ\u00a0EDELLÄ" is correct, and Ġ a rare letter)
            conts = "".join(re.escape(c) for c in (bytes([b]).decode(codec, errors="ignore") for b in range(0x80, 0xC0))
                            if c and c != "\u00a0")
            pair = f"[{lead}][{conts}]"
            after = f"(?=[A-Za-z]|{pair}|[\\s.,;:!?)\"']|\\Z)" if at_end else f"(?=[A-Za-z]|{pair})"
            # inside a word (a Latin letter before, and one or another such pair after), or at
            # its start before a small letter: never a capital at a word's end before a quote
            pattern = re.compile(f"(?:(?:(?<=[A-Za-z])|(?<={pair})){pair}{after}|(?<![^\\s\"'(«„“‘]){pair}(?=[a-z]))")
            _LATIN_PAIRS.append((codec, name, pattern))
    out = []
    for codec, name, pattern in _LATIN_PAIRS:
        for m in pattern.finditer(line):
            i1, i2 = m.start(), m.end()
            try:
                char = line[i1:i2].encode(codec).decode("utf-8")
            except UnicodeError:
                continue
            if len(char) != 1 or not unicodedata.category(char).startswith("L") or not "\u00c0" <= char <= "\u024f":
                continue
            found_name = name
            if codec == "cp1250":
                # ISO-8859-2 shows the same lead and another continuation for many letters (ü
                # is Ăź there, ß in Windows-1250): the reading whose letter the line writes
                # correctly elsewhere is the one (für ... MĂźnchen)
                try:
                    other = line[i1:i2].encode("iso-8859-2").decode("utf-8")
                except UnicodeError:
                    other = char
                if other != char and other.isalpha() and other in line and char not in line:
                    char, found_name = other, "ISO-8859-2 (Latin-2)"
            lo, hi = _word_window(line, i1, i2)
            out.append((i1, i2, char, line[lo:hi], line[lo:i1] + char + line[i2:hi], found_name))
        if out:
            return out
    return out


def _cp1252_byte(c: str) -> int:
    try:
        return c.encode("windows-1252")[0]
    except UnicodeError:
        if ord(c) < 256:
            return ord(c)
        raise ValueError(c) from None


_CP1252_RUN = re.compile("[\x00-\xff\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152"
                         "\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]+")


def _repair(line: str, base: int):
    import ftfy
    from ftfy.badness import is_bad

    if not is_bad(line):  # what fix_encoding would ask first, without its set-up cost
        return []
    fixed, steps = ftfy.fix_encoding_and_explain(line)
    if fixed == line or not any(s[0] == "decode" or s[1] == "decode_inconsistent_utf8" for s in steps):
        return []
    encoding = next((s[1] for s in steps if s[0] == "encode"), "")
    out = []
    groups = []  # changed regions, merged when only a few non-space characters lie between
    traced = _transcoded(line, fixed, steps)
    # each traced region is narrowed to what differs in it (the trace of a fixer that rewrites a
    # stretch at once covers the whole stretch); without a trace, the line is compared whole
    changes = _changes(line, fixed) if traced is None else (
        (i1 + a1, i1 + a2, j1 + b1, j1 + b2)
        for i1, i2, j1, j2 in traced for a1, a2, b1, b2 in _changes(line[i1:i2], fixed[j1:j2]))
    for i1, i2, j1, j2 in changes:
        if groups and i1 - groups[-1][1] <= 3 \
                and not any(c.isspace() for c in line[groups[-1][1]:i1]):
            groups[-1] = (groups[-1][0], i2, groups[-1][2], j2)
        else:
            groups.append((i1, i2, j1, j2))
    for i1, i2, j1, j2 in groups:
        lo, hi = _word_window(line, i1, i2)
        word = line[lo:hi]
        fixed_word = line[lo:i1] + fixed[j1:j2] + line[i2:hi]
        named = encoding or _encoding_of(line[i1:i2])  # a line with correct text too: ask about this part
        out.append((base + i1, base + i2, fixed[j1:j2], word, fixed_word,
                    _ENCODING_NAMES.get(named, named or "a legacy encoding")))
    return out


def _encoding_of(damaged: str) -> str:
    """The code page ftfy reads ``damaged`` (the changed part of a line that ftfy repaired in
    parts, as text of two encodings) back into, or ``""``."""
    import ftfy

    steps = ftfy.fix_encoding_and_explain(damaged).explanation or []
    return next((s[1] for s in steps if s[0] == "encode"), "")


_NON_ASCII_BYTES = re.compile(rb"[\x80-\xff]+")


def _transcoded(line: str, fixed: str, steps) -> Optional[List[Tuple[int, int, int, int]]]:
    """The changed regions of ftfy's repair of ``line``, traced through its steps (re-encoding
    with a single-byte code page, decoding, and the few byte and text fixers ftfy applies on
    the way) in linear time: each character of ``fixed`` comes from known characters of
    ``line``. ``None`` when a step is of another kind, or does not give what ftfy gave."""
    starts, ends = list(range(len(line))), list(range(1, len(line) + 1))
    value: Any = line
    for kind, name in steps:
        traced = _trace_step(kind, name, value, starts, ends)
        if traced is None:
            return None
        value, starts, ends = traced
    if value != fixed or len(starts) != len(fixed):
        return None
    out: List[Tuple[int, int, int, int]] = []
    for j, char in enumerate(fixed):
        if ends[j] - starts[j] == 1 and line[starts[j]] == char:
            continue
        if out and out[-1][3] == j and out[-1][1] >= starts[j]:
            out[-1] = (out[-1][0], max(out[-1][1], ends[j]), out[-1][2], j + 1)
        else:
            out.append((starts[j], ends[j], j, j + 1))
    return out


def _trace_step(kind: str, name: str, value, starts, ends):
    """``(new value, starts, ends)`` after one of ftfy's steps, or ``None``."""
    if kind == "encode":
        try:
            data = value.encode(name)
        except (UnicodeError, LookupError, AttributeError):
            return None
        return (data, starts, ends) if len(data) == len(value) else None
    if kind == "decode":
        try:
            text = value.decode(name)
        except (UnicodeError, LookupError, AttributeError):
            return None
        if len(text) == len(value):
            return text, starts, ends
        if name != "utf-8":
            return None
        new_starts: List[int] = []
        new_ends: List[int] = []
        at = 0  # the byte where the next character starts
        for m in _NON_ASCII_BYTES.finditer(value):
            new_starts.extend(starts[at:m.start()])
            new_ends.extend(ends[at:m.start()])
            at = m.start()
            for char in m.group(0).decode("utf-8"):
                size = len(char.encode("utf-8"))
                new_starts.append(starts[at])
                new_ends.append(ends[at + size - 1])
                at += size
        new_starts.extend(starts[at:])
        new_ends.extend(ends[at:])
        return text, new_starts, new_ends
    try:
        return _trace_fixer(kind, name, value, starts, ends)
    except AttributeError:  # a version of ftfy whose fixers are named otherwise
        return None


def _trace_fixer(kind: str, name: str, value, starts, ends):
    import ftfy.fixes

    if kind == "transcode" and name == "fix_c1_controls":
        fixed = ftfy.fixes.fix_c1_controls(value)  # each control character for one other
        return (fixed, starts, ends) if len(fixed) == len(value) else None
    if kind == "transcode" and name == "replace_lossy_sequences":
        return _trace_sub(ftfy.fixes.LOSSY_UTF8_RE, lambda m: "\ufffd".encode(), value, starts, ends)
    if kind == "transcode" and name == "restore_byte_a0":
        step = _trace_sub(ftfy.fixes.A_GRAVE_WORD_RE, lambda m: b"\xc3\xa0 ", value, starts, ends)
        if step is None:
            return None
        return _trace_sub(ftfy.fixes.ALTERED_UTF8_RE, lambda m: m.group(0).replace(b"\x20", b"\xa0"), *step)
    if kind == "apply" and name == "decode_inconsistent_utf8":
        from ftfy.badness import is_bad

        def fix(m):
            sub = m.group(0)
            return ftfy.fix_encoding(sub) if len(sub) < len(value) and is_bad(sub) else sub

        return _trace_sub(ftfy.fixes.UTF8_DETECTOR_RE, fix, value, starts, ends)
    return None


def _trace_sub(pattern, replace, value, starts, ends):
    """``pattern.sub(replace, value)`` with each replacement traced to the whole of what it
    replaced. These steps copy ftfy's fixers; a copy that no longer matches them gives
    another text than ftfy's, and :func:`_transcoded` then declines the whole trace."""
    pieces = []
    new_starts: List[int] = []
    new_ends: List[int] = []
    at = 0
    for m in pattern.finditer(value):
        pieces.append(value[at:m.start()])
        new_starts.extend(starts[at:m.start()])
        new_ends.extend(ends[at:m.start()])
        new = replace(m)
        pieces.append(new)
        if new == m.group(0):
            new_starts.extend(starts[m.start():m.end()])
            new_ends.extend(ends[m.start():m.end()])
        elif m.end() > m.start():
            new_starts.extend([starts[m.start()]] * len(new))
            new_ends.extend([ends[m.end() - 1]] * len(new))
        else:
            return None
        at = m.end()
    pieces.append(value[at:])
    new_starts.extend(starts[at:])
    new_ends.extend(ends[at:])
    return value[:0].join(pieces), new_starts, new_ends


_MATCHER_LIMIT = 300  # characters between the first and the last change, for difflib's matcher


def _changes(a: str, b: str) -> Iterator[Tuple[int, int, int, int]]:
    """The regions where a line and its repair differ: difflib's matcher between the first and
    the last change, unless that stretch is long (its cost grows with the square of it)."""
    head = _common_prefix(a, 0, b, 0)
    tail = _common_suffix(a, head, b, head)
    if len(a) - head - tail > _MATCHER_LIMIT or len(b) - head - tail > _MATCHER_LIMIT:
        yield from differences(a, b)
        return
    matcher = SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            yield head + i1, head + i2, head + j1, head + j2


_SYNC = 3  # equal characters that end a changed region (or one equal space)
_MAX_OLD, _MAX_NEW = 24, 8  # the longest regions looked for: a character encoded thrice, and back


def differences(a: str, b: str) -> Iterator[Tuple[int, int, int, int]]:
    """``(i1, i2, j1, j2)`` for each region where ``a`` and ``b`` differ, in order: replacing
    each ``a[i1:i2]`` by ``b[j1:j2]`` turns ``a`` into ``b``.

    For a line and its repair, whose differences are short and far apart, in time linear in
    the length of the line (difflib's matcher is quadratic in it: a 70,000-character line of
    one repeated letter did not finish in minutes). After each difference the shortest way back to
    ``_SYNC`` equal characters is taken; failing that, the rest up to the common end is one
    region."""
    n, m = len(a), len(b)
    i = j = 0
    while True:
        k = _common_prefix(a, i, b, j)
        i, j = i + k, j + k
        if i == n and j == m:
            return
        found = _resync(a, i, b, j)
        if found is None:
            tail = _common_suffix(a, i, b, j)
            yield i, n - tail, j, m - tail
            return
        yield i, found[0], j, found[1]
        i, j = found


def _resync(a: str, i: int, b: str, j: int) -> Optional[Tuple[int, int]]:
    n, m = len(a), len(b)
    for d in range(1, _MAX_OLD + _MAX_NEW + 1):
        for di in range(min(d, _MAX_OLD), max(-1, d - _MAX_NEW - 1), -1):
            ii, jj = i + di, j + d - di
            if ii > n or jj > m:
                continue
            if n - ii >= _SYNC and m - jj >= _SYNC:
                if a[ii:ii + _SYNC] == b[jj:jj + _SYNC] or (a[ii] == b[jj] and a[ii].isspace()):
                    return ii, jj
            elif a[ii:] == b[jj:]:  # near the end: all that is left is equal
                return ii, jj
    return None


def _common_prefix(a: str, i: int, b: str, j: int) -> int:
    """The length of the common prefix of ``a[i:]`` and ``b[j:]`` (by halving: slices compare
    at C speed)."""
    lo, hi = 0, min(len(a) - i, len(b) - j)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[i:i + mid] == b[j:j + mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, i: int, b: str, j: int) -> int:
    """The length of the common suffix of ``a[i:]`` and ``b[j:]``."""
    n, m = len(a), len(b)
    lo, hi = 0, min(n - i, m - j)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[n - mid:] == b[m - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return lo


# codecs a UTF-8 text may have been misread with, in order of how common the damage is
_CJK_MOJIBAKE = (("gbk", "GBK (Chinese)"), ("cp932", "Shift_JIS (Japanese)"),
                 ("cp949", "EUC-KR (Korean)"), ("big5", "Big5 (Chinese)"))
# what a misreading shows: CJK punctuation, kana and Han, Hangul, half-width katakana
_WIDE_RANGES = ((0x3000, 0x9FFF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFF61, 0xFF9F))
_WIDE = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _WIDE_RANGES) + "]")
_RUN = re.compile("[^\\x00-\\x7f\\s\ufffd]+")  # a run of characters a misreading may show
_RUN_END = re.compile("[^\\x00-\\x7f\\s\ufffd]*")
_FIRST: dict = {}  # code page -> the characters a misreading can start with (None: in any of them)


def _range_bitmap(ranges) -> bytes:
    """:func:`_bitmap` of ranges of code points (whole bytes at once: it is built at import)."""
    bits = bytearray(8192)
    for lo, hi in ranges:
        while lo <= hi and lo & 7:
            bits[lo >> 3] |= 1 << (lo & 7)
            lo += 1
        full = (hi + 1 - lo) >> 3
        bits[lo >> 3:(lo >> 3) + full] = b"\xff" * full
        for c in range(lo + 8 * full, hi + 1):
            bits[c >> 3] |= 1 << (c & 7)
    return bytes(bits)


_WIDE_BITS = _range_bitmap(_WIDE_RANGES) if _FIND_IN else b""


def _first_characters(codec: str) -> frozenset:
    """The characters of ``codec`` that a misread UTF-8 text can start with: a lead byte
    (0xC2-0xF4) and a continuation byte (0x80-0xBF) read as one character, or a lead byte
    alone (Shift_JIS reads 0xC2-0xDF as half-width katakana). Made on first use, in two
    decodings of all the candidates, one per line."""
    found = _FIRST.get(codec)
    if found is None:
        chars = set()
        for group in ([bytes([lead, tail]) for lead in range(0xC2, 0xF5) for tail in range(0x80, 0xC0)],
                      [bytes([lead]) for lead in range(0xC2, 0xF5)]):
            pieces = b"\n".join(group).decode(codec, errors="replace").split("\n")
            if len(pieces) != len(group):  # a decoder that took a line break into a character
                pieces = [g.decode(codec, errors="replace") for g in group]
            chars.update(p for p in pieces if len(p) == 1 and p != "\ufffd")
        found = _FIRST[codec] = frozenset(chars)
    return found


# the frequent characters of each CJK standard, as byte ranges in it (see _common)
_COMMON = (("gb2312", b"\xb0\xa1", b"\xd7\xf9"), ("shift_jis", b"\x88\x9f", b"\x98\x72"),
           ("big5", b"\xa4\x40", b"\xc6\x7e"), ("euc_kr", b"\xb0\xa1", b"\xc8\xfe"))


# the scripts of the 128-character blocks from U+0980 to U+0DFF (Bengali, Gurmukhi, Gujarati,
# Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala)
_BLOCKS = ("bengali", "gurmukhi", "gujarati", "oriya", "tamil", "telugu", "kannada", "malayalam", "sinhala")


def _script(c: str) -> Optional[str]:
    """The script of a letter a misread text may consist of, or None: the basic alphabets of
    the two-byte UTF-8 scripts, the letters of Devanagari and Thai, and the common characters
    of the CJK ones."""
    o = ord(c)
    if 0x0410 <= o <= 0x044f or o in (0x0401, 0x0451, 0x0404, 0x0454, 0x0406, 0x0456, 0x0407, 0x0457, 0x0490, 0x0491):
        return "cyrillic"
    if 0x0386 <= o <= 0x03ce:
        return "greek"  # with the accented capitals (Έ)
    if 0x05d0 <= o <= 0x05ea:
        return "hebrew"
    if 0x0531 <= o <= 0x0556 or 0x0561 <= o <= 0x0587:
        return "armenian"
    if 0x0621 <= o <= 0x064a or o in (0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC):
        return "arabic"  # and the letters Persian adds
    if 0x0904 <= o <= 0x0939 or 0x0958 <= o <= 0x0961:
        return "devanagari"  # (its vowel signs are marks: see _plausible)
    if 0x0e01 <= o <= 0x0e30 or 0x0e32 <= o <= 0x0e33 or 0x0e40 <= o <= 0x0e46:
        return "thai"
    if 0x0980 <= o <= 0x0dff or 0x1000 <= o <= 0x109f or 0x1780 <= o <= 0x17ff or 0x10a0 <= o <= 0x10ff \
            or 0x1200 <= o <= 0x137f:
        # the other Indic scripts (Bengali to Sinhala), Myanmar, Khmer, Georgian, Ethiopic: a
        # block of one script each, tested as letters by the caller
        return _BLOCKS[(o >> 7) - (0x0980 >> 7)] if o < 0x0e00 else "myanmar" if o < 0x10a0 else \
            "georgian" if o < 0x1100 else "ethiopic" if o < 0x1380 else "khmer"
    if 0x3041 <= o <= 0x30ff:
        return "kana"
    if 0xac00 <= o <= 0xd7a3:
        return "hangul" if _common(c) else None
    if 0x4e00 <= o <= 0x9fff:
        return "han" if _common(c) else None
    return None


def _common(c: str) -> bool:
    """Whether ``c`` is among the frequent characters of a CJK standard: level 1 of GB2312 or
    JIS X 0208, the frequent part of Big5, or KS X 1001 (a misreading lands on rare ones)."""
    for codec, lo, hi in _COMMON:
        try:
            b = c.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(b) == 2 and lo <= b <= hi:
            return True
    return False


def _plausible(text: str) -> bool:
    """Whether ``text`` reads as words of one script: at least two letters of Chinese,
    Japanese (kana and Han together) or Korean, or three of an alphabet; punctuation between
    them, and ASCII only at the end (a byte of the next word, taken into the last character)."""
    scripts = set()
    letters = 0
    last = len(text) - 1
    for i, c in enumerate(text):
        if c < "\x80":
            if i != last and not c.isspace() and c not in ".,;:!?":
                return False
            continue
        cat = unicodedata.category(c)
        if cat[0] == "L":
            s = _script(c)
            if s is None:
                return False
            scripts.add(s)
            letters += 1
        elif (cat[0] == "M" or c in "\u200c\u200d") and letters \
                and scripts - {"cyrillic", "greek", "hebrew", "armenian", "arabic", "kana", "hangul", "han"}:
            continue  # a vowel sign or tone mark after a letter of a script that writes them so
        elif cat[0] != "P" and cat != "Zs":
            return False
    if scripts and (scripts <= {"han", "kana"} or scripts == {"hangul"}):
        return letters >= 2  # three-byte characters: two already make six bytes that fit
    return len(scripts) == 1 and letters >= 3


def _emoji_only(text: str) -> bool:
    """Whether ``text`` is emoji alone (``🎉🔬`` read as GBK is ``馃帀馃敩``), with at least one
    of the four-byte ones or an emoji's presentation selector (``❤️``): a run of frequent CJK
    characters never reads as that."""
    if not any(c >= "\U0001f000" or c == "\ufe0f" for c in text):
        return False
    return all("\U0001f000" <= c <= "\U0001faff" or "\u2600" <= c <= "\u27bf" or c in "\u200d\ufe0f"
               for c in text)


def _utf8(data: bytes) -> Tuple[Optional[str], bool]:
    """``(text, whole)``: ``data`` read as UTF-8, where only the last character may be cut
    short (``whole`` is then false); ``(None, False)`` when it is not UTF-8."""
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data" or exc.end != len(data):
            return None, False
        return data[:exc.start].decode("utf-8"), False


# what may stand before a misreading: ASCII, a space (str.isspace), or a lost character
_BOUNDARY = "".join(map(chr, range(0x80))) + "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" \
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufffd"
_FIND_RUN = compiled("find_run", None)
_RUN_BITS: list = []  # (bitmap of the characters a misreading can start with, of _BOUNDARY)


def _first_any() -> frozenset:
    """The characters a misreading can start with, in any of the code pages, that are CJK
    characters: so a text without a CJK character holds no candidate at all. The others are
    Shift_JIS private-use characters (the lead of an emoji, which never reads as words) and
    15 Cyrillic capitals of Big5."""
    found = _FIRST.get(None)
    if found is None:
        chars = frozenset().union(*(_first_characters(codec) for codec, _ in _CJK_MOJIBAKE))
        found = _FIRST[None] = frozenset(c for c in chars if _WIDE.match(c))
    return found


def _candidate_runs(text: str) -> Iterator[Tuple[int, int]]:
    """``(start, end)`` of each run of two or more characters other than ASCII, spaces and
    U+FFFD that starts with a character a misreading can start with."""
    if _FIND_RUN is not None and _WIDE_BITS:
        if not _RUN_BITS:  # made with the first file that holds a CJK character
            if _FIND_IN(text, 0, _WIDE_BITS) < 0:
                return
            _RUN_BITS.extend((_bitmap(_first_any()), _bitmap(_BOUNDARY)))
        firsts, boundaries = _RUN_BITS
        run_end = _RUN_END.match
        pos = 0
        while True:
            start = _FIND_RUN(text, pos, firsts, boundaries)
            if start < 0:
                return
            pos = run_end(text, start).end()
            if pos - start >= 2:
                yield start, pos
    if _WIDE.search(text) is None:
        return
    first_any = _first_any()
    for m in _RUN.finditer(text):
        if m.end() - m.start() >= 2 and text[m.start()] in first_any:
            yield m.start(), m.end()


def find_cjk_mojibake(text: str) -> Iterator[Tuple[int, int, str, bool, str]]:
    """``(start, end, repaired text, whole, encoding)`` for each run of ``text`` that is UTF-8
    read as a Chinese, Japanese or Korean code page (``鍙戝竷`` for ``发布``, ``袩褉懈胁械褌`` for
    ``Привет``): the run, written back in that code page, is UTF-8 for words of one script.
    ``whole`` is false when characters were lost in the misreading (a byte the code page had
    no character for became ``�`` or ``?``, or half a character is left at the end): the
    repaired text then shows ``�`` for each, and there is no fix (:func:`_whole_phrases`
    makes a stretch broken only by them one finding).

    ftfy leaves these alone (it repairs single-byte code pages only). Correct CJK text almost
    never reads as UTF-8 at all, and the rare run that does reads as rare characters of mixed
    scripts: only frequent characters of one script count as a reading."""
    for start, end in _candidate_runs(text):
        run = text[start:end]
        after = text[end:end + 1]
        for codec, name in _CJK_MOJIBAKE:
            if run[0] not in _first_characters(codec):
                continue
            try:
                data = run.encode(codec)
            except UnicodeEncodeError:
                continue
            decoded, whole = _utf8(data)
            if decoded is None or not (_plausible(decoded) or _emoji_only(decoded)):
                continue
            # what a byte the code page had no character for became: U+FFFD, or a "?" where
            # the text stops in the middle of a character (else it is a question mark)
            lost = after == "\ufffd" or (after == "?" and not whole)
            yield start, end + lost, decoded + "\ufffd" * (not whole or lost), whole and not lost, name
            break


# single-byte code pages ftfy does not repair, each with the bytes that lead the UTF-8 of its
# script: Arabic (U+0600-U+06FF) starts with 0xD8-0xDB, shown as ط ظ ع غ in Windows-1256
_THREE_BYTE_LEADS = tuple(range(0xE0, 0xEE))  # Indic scripts and Thai (0xE0), Chinese, Japanese, Korean
_SINGLE_BYTE = (("cp1256", "Windows-1256 (Arabic)", tuple(range(0xCE, 0xDC)) + _THREE_BYTE_LEADS),
                ("cp1255", "Windows-1255 (Hebrew)", (0xD7,)),
                ("koi8_r", "KOI8-R (Russian)", tuple(range(0xCE, 0xDC)) + _THREE_BYTE_LEADS),
                # Armenian (U+0530-U+058F) as Ô Õ Ö: ftfy takes those for Latin letters and repairs none
                ("cp1252", "Windows-1252", (0xD4, 0xD5, 0xD6)),
                # Greek, Armenian, Hebrew and Arabic as the Cyrillic capitals О П, Ф Х Ц, Ч, Ш Щ Ъ Ы;
                # and Cyrillic as Р С, which ftfy repairs only where the whole line is damaged
                # (one word of a correct Russian line: «РџСЂРёСЂРѕРґР°» for «Природа»)
                ("cp1251", "Windows-1251", (0xCE, 0xCF, 0xD0, 0xD1, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB)),
                # Cyrillic, Greek, Hebrew and Arabic in the Mac's and DOS's Western pages (–ü, ðƒ),
                # which ftfy repairs for Latin text only
                ("mac_roman", "Mac Roman", (0xCE, 0xCF, 0xD0, 0xD1, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB)),
                ("cp850", "DOS code page 850", (0xCE, 0xCF, 0xD0, 0xD1, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB) + _THREE_BYTE_LEADS))
_CODEC_OF_NAME = {name: codec for codec, name, _leads in _SINGLE_BYTE}
_CODEC_OF_NAME.update({name: codec for codec, name in _CJK_MOJIBAKE})  # (a short word between two, see _gap_read)
# [({lead: code pages}, bitmap of leads and U+FFFD, bitmap of continuations, pattern,
#   {lead: the continuations of its code pages})]
_SB_TABLES: list = []
# the rest of such a run: a no-break space goes on with it (it is byte 0xA0, a continuation)
_SB_RUN_END = re.compile("[^\\x00-\\x7f\ufffd]*")
_SB_FIND_PAIR = compiled("find_pair", None)  # the pair scan of _lines_with_pairs, with these sets


def _single_byte_tables():
    if not _SB_TABLES:
        leads: dict = {}
        conts = set()
        paired: dict = {}
        for codec, name, lead_bytes in _SINGLE_BYTE:
            own = {c for c in (bytes([b]).decode(codec, errors="ignore") for b in range(0x80, 0xC0)) if c}
            for b in lead_bytes:
                lead = bytes([b]).decode(codec)
                leads.setdefault(lead, []).append((codec, name))
                paired[lead] = paired.get(lead, frozenset()) | own
            conts.update(own)
        conts -= {" ", "\ufffd"}
        pattern = re.compile("[" + "".join(map(re.escape, sorted(leads))) + "][" + "".join(map(re.escape, sorted(conts))) + "]")
        _SB_TABLES.append((leads, _bitmap(set(leads) | {"\ufffd"}), _bitmap(conts), pattern, paired))
    return _SB_TABLES[0]


def _next_pair(text: str, pos: int, first_bits: bytes, second_bits: bytes, pattern) -> Optional[Tuple[int, int]]:
    """``(start, end)`` of the next character of one set followed by one of the other, at or
    after ``pos`` (the compiled scan also stops at U+FFFD alone, and at a space after Â or Ã
    of the first set), or ``None``; ``pattern`` is the same search in Python, for where the
    extension is not built."""
    if _SB_FIND_PAIR is not None:
        return _SB_FIND_PAIR(text, pos, first_bits, second_bits)
    m = pattern.search(text, pos)
    return (m.start(), m.end()) if m else None


def find_single_byte_mojibake(text: str) -> Iterator[Tuple[int, int, str, bool, str]]:
    """As :func:`find_cjk_mojibake`, for UTF-8 read as Windows-1256 (``ط¨ط§ط­ط«`` for ``باحث``),
    Windows-1255 or KOI8-R, Armenian read as Windows-1252, and Greek, Armenian, Hebrew or Arabic
    read as Windows-1251. A run starts where the lead of its script's UTF-8 is followed by a
    continuation byte, both shown in the code page; it ends where the code page's reading stops
    being UTF-8 (a closing ``»`` stays outside)."""
    leads, lead_bits, cont_bits, pattern, paired = _single_byte_tables()
    pos = 0
    while True:
        found = _next_pair(text, pos, lead_bits, cont_bits, pattern)
        if found is None:
            return
        start = found[0]
        # the compiled scan also stops at U+FFFD alone, and the sets are of all the pages: a
        # lead of one followed by a continuation of another (Persian شگ, Ukrainian ві) is none
        if text[start] == "\ufffd" or text[start + 1:start + 2] not in paired[text[start]]:
            pos = start + 1
            continue
        end = run_end = _SB_RUN_END.match(text, start).end()
        pos = end
        run = text[start:end]
        for codec, name in leads.get(run[0], ()):
            try:
                data = run.encode(codec)
            except UnicodeEncodeError:
                continue
            cut = False
            try:
                decoded = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                if exc.start < 2:
                    continue
                cut = exc.reason == "unexpected end of data"
                decoded = data[:exc.start].decode("utf-8")
                end = start + exc.start  # one byte a character: the reading is UTF-8 up to here
            if not _plausible(decoded):
                continue
            while start >= 2 and "\x7f" < text[start - 2] and "\x7f" < text[start - 1]:  # a quotation mark before
                try:
                    mark = text[start - 2:start].encode(codec).decode("utf-8")
                except UnicodeError:
                    break
                if unicodedata.category(mark)[0] != "P":
                    break
                start, decoded = start - 2, mark + decoded
            if cut:  # the run ends in half a character: all of it, and a U+FFFD after it, is the damage
                end = run_end + (text[run_end:run_end + 1] == "\ufffd")
                yield start, end, decoded + "\ufffd", False, name
            elif text[end:end + 1] == "\ufffd":
                end += 1
                yield start, end, decoded + "\ufffd", False, name  # the last character was lost
            else:
                yield start, end, decoded, True, name
            pos = end
            break


# code pages whose reading of Latin text ftfy does not repair (or, for 437 and 1253, does
# not always): DOS consoles, Chinese, Japanese and Korean systems, and single-byte pages of
# other scripts. The Latin letters' UTF-8 leads (0xC2-0xC9 for U+0080-U+027F, 0xE1 for
# Vietnamese, 0xE2 for quotation marks and dashes) show as their characters in the page.
_LATIN_CODE_PAGES = (("cp437", "DOS code page 437"), ("cp850", "DOS code page 850")) + _CJK_MOJIBAKE + (
    ("koi8_r", "KOI8-R (Russian)"), ("cp1253", "Windows-1253 (Greek)"), ("cp1255", "Windows-1255 (Hebrew)"),
    ("cp1256", "Windows-1256 (Arabic)"), ("cp874", "Windows-874 (Thai)"))
_LATIN_LEAD_BYTES = tuple(range(0xC2, 0xCA)) + (0xE1, 0xE2)
_LATIN_TABLES: list = []  # [({character: code pages it leads a Latin letter in}, bitmap of leads, of what precedes)]
_NON_ASCII_RUN = re.compile("[^\\x00-\\x7f\\s]+")


def _latin_tables():
    if not _LATIN_TABLES:
        leads: dict = {}
        for codec, name in _LATIN_CODE_PAGES:
            for lead in _LATIN_LEAD_BYTES:
                if codec == "cp1256" and lead == 0xE2:
                    continue  # â: Windows-1256 reads quotation marks as Windows-1252 does (ftfy's)
                for data in [bytes([lead])] + [bytes([lead, cont]) for cont in range(0x80, 0xC0)]:
                    try:
                        char = data.decode(codec)
                    except UnicodeDecodeError:
                        continue
                    # (not ß and ã of the DOS pages: small Latin letters follow letters in correct
                    # text all the time, and a misreading of Vietnamese or Latin Extended-B is rare;
                    # nor the Greek and Cyrillic letters of the CJK pages: a lookalike in a Latin word)
                    if len(char) == 1 and char not in (" ", "\ufffd") and not (char.islower() and _latin_text(char)) \
                            and ((codec, name) not in _CJK_MOJIBAKE or _WIDE.match(char)):
                        leads.setdefault(char, [])
                        if (codec, name) not in leads[char]:
                            leads[char].append((codec, name))
        before = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'\ufffd")
        _LATIN_TABLES.append((leads, _bitmap(before), _bitmap(leads), re.compile(
            "[A-Za-z'][" + "".join(map(re.escape, sorted(leads))) + "]")))
    return _LATIN_TABLES[0]


# what a Latin text is made of besides ASCII: Latin-1's signs and letters, Latin Extended-A
# but for ĸ, ŉ and ſ, the letters of Latin Extended-B that languages write today (Romanian ș ț,
# Vietnamese ơ ư, pinyin's tones, Azerbaijani ə, ƒ), Latin Extended Additional (Vietnamese),
# General Punctuation, € and ™
_LATIN_CHARS = frozenset(map(chr, [*range(0xA0, 0x17F), *range(0x1E00, 0x1F00), *range(0x2010, 0x203B),
                                   0x18F, 0x192, 0x1A0, 0x1A1, 0x1AF, 0x1B0, *range(0x1CD, 0x1DD), *range(0x218, 0x21C),
                                   0x259, 0x20AC, 0x2122])) - {"\u0138", "\u0149"}


def _latin_text(text: str) -> bool:
    """Whether every character of ``text`` is ASCII or in :data:`_LATIN_CHARS`."""
    for c in text:
        if c >= "\x80" and c not in _LATIN_CHARS:
            return False
    return True


def _latin_reading(run: str, codec: str) -> Optional[Tuple[str, bool]]:
    """``(text, whole)``: a run of characters other than ASCII and spaces written back in
    ``codec`` and read as UTF-8, when that is Latin text; each U+FFFD in the run stands for a
    lost character (the character before it may have lost its last bytes), and ``whole`` is
    then false. ``None`` when the run is no such misreading."""
    pieces = run.split("\ufffd")
    out = []
    for k, piece in enumerate(pieces):
        if piece:
            try:
                data = piece.encode(codec)
            except UnicodeEncodeError:
                return None
            decoded, whole = _utf8(data)
            if decoded is None or (not whole and k == len(pieces) - 1) or not _latin_text(decoded):
                return None
            piece = decoded
        out.append(piece)
    return "\ufffd".join(out), len(pieces) == 1


def _line_start(text: str, offset: int) -> int:
    """Where the line that holds ``offset`` begins (after a \\n, a \\r or both)."""
    nl = text.rfind("\n", 0, offset)
    return max(nl, text.rfind("\r", nl + 1, offset)) + 1  # (a \r is looked for on this line only)


def find_latin_mojibake(text: str, skip=None) -> Iterator[Tuple[int, int, int, str, bool, str]]:
    """``(line start, start, end, repaired text, whole, encoding)`` for each run of a line of
    Latin text read in one of :data:`_LATIN_CODE_PAGES` (``aprob├│`` for ``aprobó`` in code
    page 437, ``patient鈥檚`` for ``patient’s`` in GBK, ``ﾃｩ`` for ``é`` in Shift_JIS). A line
    counts only when a Latin letter's lead in the page follows a letter or an apostrophe, and
    every run of it other than ASCII and Latin text reads back as Latin text in that one page
    (correct text of the page's script never does: its words are not UTF-8). Runs that
    overlap one of the ``skip`` spans (``{line start: [(start, end)]}``, found by the other
    checks) are not yielded."""
    leads, before_bits, lead_bits, pattern = _latin_tables()
    pos = 0
    while True:
        found = _next_pair(text, pos, before_bits, lead_bits, pattern)
        if found is None:
            return
        at = found[1] - 1
        if text[at] not in leads:  # U+FFFD alone, or a space after Â or Ã (the compiled scan stops there too)
            pos = at + 1
            continue
        begin = _line_start(text, at)
        end_m = _LINE_END.search(text, at)
        end = end_m.start() if end_m else len(text)
        pos = end + 1
        line = text[begin:end]
        runs = [(m.start(), m.end()) for m in _NON_ASCII_RUN.finditer(line)]
        for codec, name in leads[text[at]]:
            out = []
            for s, e in runs:
                read = _latin_reading(line[s:e], codec)
                if read is None:
                    if _latin_text(line[s:e]):
                        continue  # correct Latin letters and marks (or a repair made already) say nothing
                    break
                if read[0] != line[s:e]:
                    out.append((s, e) + read)
            else:
                if not out:
                    continue
                if codec == "cp437":
                    in_850 = [(s, e) + read for s, e, *_ in out for read in [_latin_reading(line[s:e], "cp850")] if read]
                    if in_850 == out:
                        name = "DOS code page 437 or 850"  # the two read box drawing and most letters alike
                    elif len(in_850) == len(out) and _capital_inside(line, out) and not _capital_inside(line, in_850):
                        out, name = in_850, "DOS code page 850"  # n├¢ja is 437's nÛja, 850's ý
                taken = skip.get(begin, ()) if skip else ()
                for s, e, repaired, whole in out:
                    if not any(a < begin + e and begin + s < b for a, b in taken):
                        yield begin, begin + s, begin + e, repaired, whole, name
                break


def _capital_inside(line: str, repairs) -> bool:
    """Whether a repair ``(start, end, text, whole)`` of ``line`` puts a capital letter between
    two small ones, which no word has: of two code pages' readings, the other one is meant."""
    for s, e, repaired, _whole in repairs:
        word = line[max(0, s - 1):s] + repaired + line[e:e + 1]
        if any(word[i].isupper() and word[i - 1].islower() and word[i + 1].islower() for i in range(1, len(word) - 1)):
            return True
    return False


_BETWEEN = r"[ ,.;:!?()\-]"  # what stands between the words of a phrase
_BETWEEN_WORDS = re.compile(_BETWEEN + r"*\Z")
_PUNCTUATION_RUN = re.compile(f"({_BETWEEN}+)")


def _gap_read(text: str, start: int, end: int, name: str) -> Optional[str]:
    """What the text between two whole findings of the code page ``name`` reads: itself when
    it is spaces and punctuation; else each word of it read back as that code page's UTF-8,
    when every word is too short to be a finding on its own but reads as letters of one
    script (the ``из`` of a KOI8-R headline, the ``են`` of an Armenian one); else ``None``."""
    gap = text[start:end]
    if _BETWEEN_WORDS.match(gap) is not None:
        return gap
    codec = _CODEC_OF_NAME.get(name)
    if codec is None or "\n" in gap or len(gap) > 12:
        return None
    out = []
    for piece in _PUNCTUATION_RUN.split(gap):
        if not piece or _PUNCTUATION_RUN.fullmatch(piece):
            out.append(piece)
            continue
        try:
            word = piece.encode(codec).decode("utf-8")
        except UnicodeError:
            return None
        kinds = {_script(c) if unicodedata.category(c)[0] == "L" else None for c in word
                 if unicodedata.category(c)[0] != "M"}  # (a vowel sign goes with its letter: ने)
        if len(kinds) != 1 or _script(word[0]) is None:
            return None
        out.append(word)
    return "".join(out)


def _lost_tail_hint(shown: str) -> str:
    """The hint for the first bytes of a character and the ``�`` its lost last byte became
    (ftfy's repair deletes them, and the clue with them: there is no fix)."""
    if shown == "â€\ufffd":  # E2 80 9D, whose 0x9D Windows-1252 has no character for
        return "it was most likely ” (a closing double quote): write ” in place of all three"
    return f"'{shown}' was one character, whose last byte was lost: retype it from the original"


def _whole_phrases(text: str, found) -> Iterator[Tuple[int, int, str, bool, str]]:
    """Findings of one code page that touch (a run broken by a lost character), or that are
    whole and separated only by spaces, punctuation and short words of the same misreading
    on one line, as one: a headline read with the wrong code page is one finding, not one a
    word."""
    held = None
    for f in found:
        gap = None  # what joins f to the phrase held, if anything does
        if held is not None and held[4] == f[4] and held[1] <= f[0]:
            if held[1] == f[0]:
                gap = ""  # touching: a run broken by a lost character
            elif held[3] and f[3]:
                gap = _gap_read(text, held[1], f[0], f[4])
        if gap is not None:
            held = (held[0], f[1], held[2] + gap + f[2], held[3] and f[3], f[4])
            continue
        if held is not None:
            yield held
        held = f
    if held is not None:
        yield held


@register
class Mojibake(Rule):
    """Text damaged by decoding UTF-8 with the wrong encoding (mojibake), such as `patientâ€™s`.

    ## What it does
    Finds text whose characters are UTF-8 bytes read as Windows-1252 or Latin-1 (once or more),
    using ftfy's encoding repair only, and points at the damaged characters. It also finds
    what ftfy leaves alone, where it reads back as frequent words of one script:
    * Latin letters read as Windows-1251, Windows-1250 or Mac Roman (`MГјnchen`, `kutatĂłk`,
      `Rom√¢niei`), Vietnamese letters as Windows-1252 beside correct ones (`phá»§`), and one
      damaged word in a line of correct text in any code page ftfy knows (`fran√ßais`);
    * Latin text read as a DOS code page (`aprob├│`), GBK, Shift_JIS, Big5 or EUC-KR
      (`patient鈥檚`, `rﾃｩforme`), KOI8-R, Windows-1253, 1255, 1256 or 874: every damaged
      run of the line reads back as Latin letters and marks in that one code page;
    * Chinese, Japanese or Korean code pages (GBK, Shift_JIS, EUC-KR, Big5: `鍙戝竷` for
      `发布`, `袦芯褋泻胁邪` for `Москва`);
    * Windows-1256, Windows-1255 or KOI8-R (`ط¨ط§ط­ط«` for `باحث`; Russian, Greek, Hindi, Thai
      or CJK text in Windows-1256, KOI8-R or DOS 850 too), Armenian read as
      Windows-1252 (`Õ€Õ¡Õµ` for `Հայ`), and Greek, Armenian, Hebrew or Arabic read as
      Windows-1251 (`О•О»О»О¬ОґО±` for `Ελλάδα`); a headline read so is one finding.

    Where the misreading lost a character, the rest is shown with `�` in its place and
    nothing is fixed. The repaired text is shown, and `--fix` writes it back, changing nothing
    else. Damage written as YAML escapes
    (`"caf\\u00c3\\u00a9"`, as a YAML writer that escapes non-ASCII characters leaves it) is
    reported at the value, without a fix.

    ## Why is this bad?
    Readers see `Ã©` instead of `é` and `â€™` instead of `’`; search and sharing previews show
    the damage too. Correct text in any language is never flagged.

    ## Example
    ```yaml
    excerpt: "whether a patientâ€™s lung cancer will spread"
    ```
    Use instead:
    ```yaml
    excerpt: "whether a patient’s lung cancer will spread"
    ```
    """

    code = "ENC001"
    name = "mojibake"
    phase = SOURCE
    fixable = True
    # a C1 control (â\x80\x99 is UTF-8 read as Latin-1) or a � inside a misread word is part of
    # this finding, and of its fix
    supersedes = ("ENC003", "ENC004")

    def check(self, ctx):
        text = ctx.source.text
        if ctx.source.binary:
            return
        yield from self._escaped(ctx)
        if text.isascii():
            return
        # the spans reported below, by the start of their line (each lies on one): the later
        # scans leave them alone, looking only at the spans of their own line
        reported: dict = {}
        for begin, line in _lines_with_pairs(text):
            held: list = []  # the repairs of one word so far, reported as one finding
            for found in find_mojibake(line):
                reported.setdefault(begin, []).append((begin + found[0], begin + max(found[1], found[0] + 1)))
                i1, i2, replacement, word, fixed_word, encoding = found
                lost = "\ufffd" in replacement or "\ufffd" in line[i1:i2]  # ftfy's repair shows a lost byte as �
                tail = not replacement and line[i2:i2 + 1] == "\ufffd"  # and deletes the rest of its character
                if held and (lost or tail or held[-1][5] != encoding or _WORD_BREAK.search(line, held[-1][1], i1)):
                    yield self._word(ctx, begin, line, held)
                    held = []
                if lost:  # no fix
                    yield self._finding(ctx, begin + i1, begin + i2, None, word, fixed_word, encoding)
                elif tail:
                    yield self._finding(ctx, begin + i1, begin + i2 + 1, None, word, None, encoding,
                                        _lost_tail_hint(line[i1:i2 + 1]))
                else:
                    held.append(found)
            if held:
                yield self._word(ctx, begin, line, held)
        for start, end, repaired, whole, encoding in chain(_whole_phrases(text, find_cjk_mojibake(text)),
                                                           _whole_phrases(text, find_single_byte_mojibake(text))):
            line_spans = reported.setdefault(_line_start(text, start), [])
            if any(a < end and start < b for a, b in line_spans):
                continue  # ftfy's repair (Mac Roman reads Greek for it too), or another page's
            line_spans.append((start, end))
            word = text[start:end]
            if whole:
                yield self._finding(ctx, start, end, [(start, end, repaired)], word, repaired, encoding)
            else:  # characters were lost: say what the rest reads, fix nothing
                yield self._finding(ctx, start, end, None, word, repaired, encoding)
        word: list = []  # the runs of one word so far (``aprob├│`` is one, ``ΓÇ£hopeΓÇ¥`` two)
        for found in chain(find_latin_mojibake(text, reported), [None]):
            if word and (found is None or found[0] != word[0][0] or _WORD_BREAK.search(text, word[-1][2], found[1])):
                yield self._latin_word(ctx, text, word)
                word = []
            if found is not None:
                word.append(found)

    def _latin_word(self, ctx, text, runs):
        """One finding for the runs of one word that :func:`find_latin_mojibake` found; with no
        fix when a character of one of them was lost."""
        begin = runs[0][0]
        end = _LINE_END.search(text, begin)
        line = text[begin:end.start() if end else len(text)]
        repairs = [(start - begin, stop - begin, repaired, None, None, name) for _b, start, stop, repaired, _w, name in runs]
        return self._word(ctx, begin, line, repairs, fixable=all(r[4] for r in runs))

    def _word(self, ctx, begin, line, repairs, fixable=True):
        """One finding for the repairs of one word of ``line`` (``â€žÃ„rgerâ€œ`` is two: the
        quotes and the letter), each an edit of its fix (none where ``fixable`` is false)."""
        lo = _word_window(line, repairs[0][0], repairs[0][1])[0]
        hi = _word_window(line, repairs[-1][0], repairs[-1][1])[1]
        fixed_word, at = [], lo
        for i1, i2, replacement, *_ in repairs:
            fixed_word += [line[at:i1], replacement]
            at = i2
        edits = [(begin + i1, begin + i2, replacement) for i1, i2, replacement, *_ in repairs]
        return self._finding(ctx, begin + repairs[0][0], begin + repairs[-1][1], edits if fixable else None,
                             line[lo:hi], "".join(fixed_word) + line[at:hi], repairs[0][5])

    def _finding(self, ctx, start, end, edits, word, fixed_word, encoding, hint=None):
        """The finding for ``word`` at ``start:end``, with the fix that makes ``edits``
        (``[(start, end, replacement)]``); with none (characters were lost), what the rest reads
        (``fixed_word``) or ``hint``, and no fix."""
        path, where = _where(ctx, start)
        fix = None
        if edits is not None:
            safe = not any(set(r) & _YAML_SENSITIVE for _s, _e, r in edits) and not ctx.source.decode_errors
            fix = Fix(f"replace '{word}' with '{fixed_word}'", tuple(Edit(*e) for e in edits), safe=safe)
            hint = f"did you mean: {fixed_word}"
        elif hint is None:
            hint = f"it reads '{fixed_word}', where � is a character that was lost: retype it from the original"
        return ctx.diag(self, f"mojibake {where}: '{word}' is UTF-8 text decoded as {encoding}",
                        ctx.source.span(start, end), field=path, hint=hint, fix=fix)

    def _escaped(self, ctx):
        """Mojibake written as YAML escapes (``"caf\\xC3\\xA9"``, as a YAML writer that
        escapes every non-ASCII character leaves it): reported at the value, with no fix."""
        for path, value, raw in ctx.escaped_strings:
            if value.isascii():
                continue
            _mojibake_pairs()
            for line in value.splitlines():
                found = [f for f in find_mojibake(line) if f[3] not in raw] if _PAIRS.search(line) else []
                if found:
                    _i1, _i2, _replacement, word, fixed_word, encoding = found[0]
                    yield ctx.diag(self, f"{format_path(path)} holds mojibake written as YAML escapes: '{word}' is "
                                   f"UTF-8 text decoded as {encoding}", ctx.value_span(path), field=path,
                                   hint=f"did you mean: {fixed_word}; write the text itself, not escapes")
                    break


# legacy encodings of Chinese, Japanese and Korean, by their Python names; a file in one of
# them is thousands of invalid UTF-8 runs whose Windows-1252 reading means nothing
_CJK_ENCODINGS = {
    "gb18030": "GB18030 (Chinese)", "gbk": "GBK (Chinese)", "gb2312": "GB2312 (Chinese)",
    "big5": "Big5 (Chinese)", "big5hkscs": "Big5-HKSCS (Chinese)", "cp950": "Big5 (Chinese)",
    "cp932": "Shift_JIS (Japanese)", "shift_jis": "Shift_JIS (Japanese)", "shift_jis_2004": "Shift_JIS (Japanese)",
    "euc_jp": "EUC-JP (Japanese)", "euc_jis_2004": "EUC-JP (Japanese)",
    "euc_kr": "EUC-KR (Korean)", "cp949": "EUC-KR (Korean)", "johab": "Johab (Korean)",
}


def _legacy_cjk(raw: bytes) -> Optional[Tuple[str, List[str]]]:
    """``(name of the encoding, the file's lines read in it)`` when the file reads as Chinese,
    Japanese or Korean in a legacy encoding, else ``None``. Asked only of files that are not
    UTF-8; charset-normalizer judges which reading makes sense (a single stray byte is not
    enough for it to go on, and is left to the Windows-1252 reading)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    try:
        best = from_bytes(raw[:65536]).best()
    except Exception:  # a guess that fails is no guess
        return None
    if best is None or best.encoding not in _CJK_ENCODINGS:
        return None
    try:
        lines = raw.decode(best.encoding, errors="replace").splitlines()
    except LookupError:
        return None
    return _CJK_ENCODINGS[best.encoding], lines


# single-byte code pages a file that is not UTF-8 may be in, in the order that breaks ties (a
# German file reads the same in Windows-1252 and 1250); Hebrew before Cyrillic: Hebrew's
# bytes read as small Cyrillic letters, while Russian text read as Hebrew is never letters
_LEGACY_PAGES = (("cp1252", "Windows-1252 or Latin-1"), ("cp1254", "Windows-1254 (Turkish)"),
                 ("cp1250", "Windows-1250 (Central European)"), ("cp1257", "Windows-1257 (Baltic)"),
                 ("cp1255", "Windows-1255 (Hebrew)"), ("cp1256", "Windows-1256 (Arabic)"),
                 ("cp1253", "Windows-1253 (Greek)"), ("cp1251", "Windows-1251 (Cyrillic)"),
                 ("koi8_r", "KOI8-R (Russian)"), ("cp874", "Windows-874 (Thai)"))
# signs a legacy byte of running text stands for (not ¹ ² ³: Polish ą and ł in Windows-1252)
_LEGACY_SIGNS = frozenset("’‘‚“”„«»‹›–—…•°·§©®™€£¥¢±×÷¼½¾¡¿ªº\u00a0")
# letters rare in the texts a page is used for: Icelandic ý þ ð where Turkish has ı ş ğ, and
# the Western letters Turkish has no use for (Czech ř ě ů read in Windows-1254)
_LEGACY_RARE = {"cp1252": frozenset("ýþðÝÞÐ"), "cp1254": frozenset("øØìÌòÒùÙèÈÿ")}
_LEGACY_WORD = re.compile(r"[^\W\d_]+")


def _vowel(c: str) -> bool:
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base in "aeiouyаеёиоуыэюяієїαεηιουω"


def _reading_cost(lines: List[str], codec: str) -> int:
    """How badly ``lines`` (the text that holds a file's invalid bytes) read in ``codec``: a
    byte the page has no character for, a symbol that is no sign of running text, a sign or
    a mark where no word has one, a word of mixed scripts or of mixed case (``МоСКВа``), a
    Latin word of three letters none of them ASCII (``Ïðàâ``), what no word of Greek or Russian
    has (``ς`` inside a word, ``ь`` at its start), words of an alphabet with too few vowels
    (Hebrew and Arabic read as one), a Greek word that ends as none does, capitals throughout,
    a rare letter; 0 for a reading that is words of one script."""
    cost = 0
    rare = _LEGACY_RARE.get(codec, ())
    letters = vowels = words = capitals = 0
    for line in lines:
        for i, c in enumerate(line):
            if c < "\x80" or c.isalpha():
                if c in rare:
                    cost += 1
                continue
            kind = unicodedata.category(c)
            if c == "\ufffd":
                cost += 3
            elif kind == "Mn":  # a mark belongs after a letter of its own script, not after ASCII
                cost += 2 * (i == 0 or line[i - 1] < "\x80"
                             or not (line[i - 1].isalpha() or unicodedata.category(line[i - 1]) == "Mn"))
            elif kind[0] != "P" and c not in _LEGACY_SIGNS:
                cost += 2
            elif c not in "’·" and 0 < i < len(line) - 1 and line[i - 1].isalpha() and line[i + 1].isalpha():
                cost += 2  # a sign between two letters: the byte was a letter
        for m in _LEGACY_WORD.finditer(line):
            word = m.group(0)
            if word.isascii():
                continue  # the same in every reading
            scripts = {unicodedata.name(c, "?").split(" ")[0] for c in word}
            if len(scripts) > 1:
                cost += 2
                continue
            if word.lower() == word.upper():
                continue  # a script without case (Hebrew, Arabic, Thai)
            if not (word.islower() or word.isupper() or word.istitle()):
                cost += 1
            if scripts == {"LATIN"} and len(word) >= 3 and word.isalpha() and not any(c < "\x80" for c in word):
                cost += 2
            if "ς" in word[:-1] or word[0] in "ъьыЪЬЫ" \
                    or any(a in "ъЪ" and b not in "еёюяЕЁЮЯ" for a, b in zip(word, word[1:])):
                cost += 2  # final sigma inside a word; a Russian word that starts with a sign
            if scripts == {"GREEK"} and len(word) > 2 and not (_vowel(word[-1]) or word[-1].lower() in "ςσνρξψ"):
                cost += 1  # Greek words end in a vowel, ς, ν or ρ
            letters += len(word)
            vowels += sum(map(_vowel, word))
            words += 1
            capitals += len(word) >= 3 and word.isupper()
    if letters >= 8 and vowels * 4 < letters:
        cost += letters // 4
    if words >= 3 and capitals * 2 > words:
        cost += capitals  # text in capitals throughout: the bytes were small letters of another page
    return cost


def _legacy_single_byte(source) -> Tuple[List[Tuple[str, str]], bool]:
    """``([(codec, name)], whole)``: the single-byte code pages the invalid bytes of ``source``
    read best in (several when they read as well), judged on the lines that hold them (the
    first 40). ``whole`` when most of those lines' characters other than ASCII are invalid
    bytes: the file is then taken for a legacy one, and the lines are read whole in each page
    (some byte pairs of it may happen to be UTF-8); else only the invalid bytes are."""
    text = source.text
    by_line: dict = {}  # {offset of a line: [(column, bytes)]}
    for offset, bad in source.decode_errors:
        start = text.rfind("\n", 0, offset) + 1
        if start not in by_line and len(by_line) >= 40:
            break  # (the errors come in the order of the text)
        by_line.setdefault(start, []).append((offset - start, bad))
    starts = sorted(by_line)
    lines = [text[a:(text.find("\n", a) + 1 or len(text) + 1) - 1] for a in starts]
    invalid = sum(len(bad) for runs in by_line.values() for _c, bad in runs)
    valid = sum(1 for line in lines for c in line if c > "\x7f" and c != "\ufffd")
    whole = invalid >= valid
    if whole:
        raw_lines = (source.raw[3:] if source.bom else source.raw).split(b"\n")
        numbers, at, count = [], 0, 0
        for a in starts:  # the line numbers, counted in one pass (raw and text split alike at \n)
            count += text.count("\n", at, a)
            at = a
            numbers.append(count)
        raw_lines = [raw_lines[n] for n in numbers if n < len(raw_lines)]
    readings = []
    for codec, _name in _LEGACY_PAGES:
        if whole:
            readings.append([line.decode(codec, errors="replace") for line in raw_lines])
            continue
        found = []
        for a, line in zip(starts, lines):
            for col, bad in by_line[a]:
                line = line[:col] + bad.decode(codec, errors="replace") + line[col + len(bad):]
            found.append(line)
        readings.append(found)
    costs = [_reading_cost(found, codec) for (codec, _n), found in zip(_LEGACY_PAGES, readings)]
    return [page for page, cost in zip(_LEGACY_PAGES, costs) if cost == min(costs)], whole


def _join_surrogates(text: str) -> Optional[str]:
    """``text`` with each UTF-16 surrogate pair joined into its character, or ``None`` when a
    surrogate is left unpaired."""
    try:
        return text.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeError:
        return None


def _utf8_length(lead: int) -> int:
    """How many bytes a UTF-8 character that begins with ``lead`` has (0: no such lead)."""
    return 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0


def _kind_of_bad_bytes(bad: bytes, at_end: bool) -> Optional[Tuple[str, str]]:
    """``(what the bytes are, hint)`` for invalid UTF-8 that is not legacy text: a character
    cut short, an overlong form, a surrogate written as UTF-8; ``None`` otherwise (a lone
    byte such as 0xE9 is most likely Windows-1252, and the caller says so)."""
    follows = all(0x80 <= b <= 0xBF for b in bad[1:])
    triples = [bad[i:i + 3] for i in range(0, len(bad), 3)]
    if all(len(t) == 3 and t[0] == 0xED and 0xA0 <= t[1] <= 0xBF and 0x80 <= t[2] <= 0xBF for t in triples):
        units = [((t[0] & 0x0F) << 12) | ((t[1] & 0x3F) << 6) | (t[2] & 0x3F) for t in triples]
        meant = _join_surrogates("".join(map(chr, units)))
        said = f": it stands for '{meant}'" if meant and meant.isprintable() else ""
        return ("a UTF-16 surrogate written as UTF-8, as CESU-8 and Java's modified UTF-8 do",
                f"save the file as standard UTF-8{said}")
    if bad[0] in (0xC0, 0xC1) and len(bad) >= 2 and follows:
        return "an overlong form, which no UTF-8 writer produces", "delete these bytes; if they stood for a character, retype it"
    need = _utf8_length(bad[0])
    if need and 2 <= len(bad) < need and follows:
        if at_end:
            return "the file ends partway through a character", "the file was cut short: restore its end from the original"
        return ("a character cut short, as when text is shortened to a number of bytes",
                "delete these bytes, or retype the character from the original")
    return None


@register
class InvalidUtf8(Rule):
    """Bytes that are not valid UTF-8.

    ## What it does
    Reports each run of bytes that cannot be decoded as UTF-8, at its line and column, and
    says which character it probably was when the file was saved in a legacy encoding: the
    code page is the one whose reading of the file's invalid bytes is words of one script
    (Windows-1250 to 1257, KOI8-R, Windows-874; Chinese, Japanese and Korean encodings), and
    both are named where two read them as well. The rest of the file is still checked.

    ## Why is this bad?
    The pipeline reads files as UTF-8; invalid bytes turn into `�` or stop the import.

    ## Example
    A file saved as Windows-1252 where `café` is the bytes `caf\\xe9`. Save it as UTF-8.
    """

    code = "ENC002"
    name = "invalid-utf8"
    phase = SOURCE
    LIMIT = 20

    def check(self, ctx):
        errors = ctx.source.decode_errors
        if not errors:
            return
        # a legacy Chinese, Japanese or Korean file is many runs of invalid bytes; one or two
        # runs in UTF-8 text are more likely a character cut short or a stray byte
        legacy = _legacy_cjk(ctx.source.raw) if len(errors) >= 3 else None
        pages, legacy_file = _legacy_single_byte(ctx.source) if legacy is None else ([("cp1252", "")], True)
        legacy_file = legacy_file and len(errors) >= 3  # (one or two runs: a stray byte, a character cut short)
        if pages[0][0] == "cp1252":
            # a stray byte in UTF-8 text, or Western text, that other pages read as well (è as
            # Czech č, ï as Arabic Windows-1256's ï): by far the most likely is Windows-1252
            pages = pages[:1]
        for offset, bad in errors[:self.LIMIT]:
            shown = " ".join(f"0x{b:02X}" for b in bad[:8]) + (" …" if len(bad) > 8 else "")
            readings = {}  # {what the bytes read: the first page that reads them so}
            for codec, name in pages:
                readings.setdefault(bad.decode(codec, errors="replace"), (codec, name))
            guess, (codec, name) = next(iter(readings.items()))
            hint = "save the file as UTF-8"
            line = ctx.source.position(offset).line
            # (in a file of legacy text a lead byte before continuations is a letter or two of it)
            kind = None if legacy_file else _kind_of_bad_bytes(bad, at_end=offset + len(bad) >= len(ctx.source.text))
            if legacy is not None and line <= len(legacy[1]):
                reads = legacy[1][line - 1].strip()
                reads = reads if len(reads) <= 60 else reads[:60] + "…"
                hint = f"the file looks saved as {legacy[0]}, in which this line reads '{reads}'; save it as UTF-8"
            elif kind is not None:
                why, hint = kind
                shown += f" ({why})"
            elif guess and "\ufffd" not in guess and guess.isprintable():
                hint = (f"the file looks saved as Windows-1252 or Latin-1 ('{guess}'); save it as UTF-8"
                        if codec == "cp1252" else
                        f"the file looks saved as {name}, in which these bytes read '{guess}'; save it as UTF-8")
                if len(readings) > 1:  # as good a reading in two pages: both are named
                    (other, (_c, other_name)) = list(readings.items())[1]
                    if "\ufffd" not in other and other.isprintable():
                        hint = (f"the file is not UTF-8: in {name} these bytes read '{guess}', in {other_name} "
                                f"'{other}'; save it as UTF-8")
            path, where = _where(ctx, offset)
            yield ctx.diag(self, f"invalid UTF-8 {where}: byte{'s' if len(bad) > 1 else ''} {shown}",
                           ctx.source.span(offset, offset + len(bad)), field=path, hint=hint)
        if len(errors) > self.LIMIT:
            offset = errors[self.LIMIT][0]
            yield ctx.diag(self, f"{len(errors) - self.LIMIT} more runs of invalid UTF-8 bytes after this point",
                           ctx.source.span(offset, offset + 1), hint="save the file as UTF-8")


@register
class ReplacementCharacter(Rule):
    """The replacement character `�` (U+FFFD): text lost in an earlier conversion.

    ## What it does
    Reports every U+FFFD in the file (bytes that were invalid in this file are reported by
    ENC002 instead), and in front-matter values also those written as the escape `"\\ufffd"`.

    ## Why is this bad?
    `�` means a character was destroyed before the text reached the file; readers see the
    symbol instead of a letter.

    ## Example
    ```yaml
    title: "Caf� owners protest"
    ```
    Use instead: retype the lost character, `Café owners protest`.
    """

    code = "ENC003"
    name = "replacement-character"
    phase = SOURCE

    def check(self, ctx):
        text = ctx.source.text
        for path, value, raw in ctx.escaped_strings:
            if "\ufffd" in value and "\ufffd" not in raw:
                yield ctx.diag(self, f"{format_path(path)} contains the replacement character �, written as a YAML escape",
                               ctx.value_span(path), field=path, hint="retype the missing character from the original source")
        if "\ufffd" not in text:
            return
        from_decoding = set()
        for offset, bad in ctx.source.decode_errors:
            from_decoding.update(range(offset, offset + len(bad)))
        for m in re.finditer("\ufffd+", text):
            if m.start() in from_decoding:
                continue
            path, where = _where(ctx, m.start())
            yield ctx.diag(self, f"replacement character � {where}: a character was lost before this text was saved",
                           ctx.source.span(m.start(), m.end()), field=path,
                           hint="retype the missing character from the original source")


_CONTROL_NAMES = {0: "NULL", 7: "BELL", 8: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
                  0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE", 0x9B: "CONTROL SEQUENCE INTRODUCER",
                  0x09: "TAB", 0x0D: "CARRIAGE RETURN"}


# Cyrillic and Greek letters that look like Latin ones, as a pasted or spoofed name holds them
LOOKALIKES = dict(zip("аеорсухіјѕԁԛԝһӏАВЕКМНОРСТХІЈЅοανιρκτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
                      "aeopcyxijsdqwhlABEKMHOPCTXIJSoavipktuxABEZHIKMNOPTYX"))


def in_latin_letters(text: str) -> str:
    """``text`` with each Cyrillic or Greek letter that looks like a Latin one replaced by it."""
    return "".join(LOOKALIKES.get(c, c) for c in text)


# the spaces and invisible characters that text pasted from a word processor or a web page
# brings where YAML needs a plain space (a regular-expression class)
PASTED_SPACES = "[\u00a0\u1680\u2000-\u200b\u202f\u205f\u2060\u3000\ufeff]"


def char_name(c: str) -> str:
    """``U+00A0 NO-BREAK SPACE``: a character as messages name it."""
    name = unicodedata.name(c, "") or _CONTROL_NAMES.get(ord(c), "")
    return f"U+{ord(c):04X}" + (f" {name}" if name else "")


def _windows_1252_reading(char: str) -> Optional[str]:
    """The character a C1 control stands for when it is a Windows-1252 byte that was read as
    Latin-1 (U+0092 for ``’``), or ``None`` (not C1, or a byte Windows-1252 leaves undefined)."""
    if not "\x80" <= char <= "\x9f":
        return None
    try:
        return bytes([ord(char)]).decode("cp1252")
    except UnicodeDecodeError:
        return None


@register
class ControlCharacter(Rule):
    """A control character (C0 or C1, such as ESC or NUL) in the text.

    ## What it does
    Reports control characters anywhere in the file, and in front-matter values also those
    written as YAML escapes (`"\\e"`, `"\\x1b"`). Tabs are allowed in the body only; line
    breaks are never reported, but for a carriage return alone in a file whose lines end with
    line feeds (YAML and most editors break the line there, git does not). A C1 control that
    is a Windows-1252 byte read as Latin-1 (U+0092 for `’`, U+0096 for `–`) is named as that
    character, and `--fix` writes it.

    ## Why is this bad?
    Control characters are invisible in editors, break JSON and XML feeds downstream, and
    terminal escape sequences can rewrite what a reviewer sees in a log.

    ## Example
    ```yaml
    title: "Markets rally\\x1b[2J"
    ```
    """

    code = "ENC004"
    name = "control-character"
    phase = SOURCE
    fixable = True

    def check(self, ctx):
        text = ctx.source.text
        if ctx.source.binary:
            return
        fm = ctx.split.front_matter if ctx.split is not None else None
        for m in _CONTROL.finditer(text) if ctx.odd_characters else ():
            yield self._report(ctx, m.start(), m.group(0))
        if "\r" in text and "\n" in text:  # (a file of CR line ends has only those)
            for n, m in enumerate(_LONE_CR.finditer(text)):
                if n == 20:
                    break
                path, where = _where(ctx, m.start())
                yield ctx.diag(self, f"control character U+000D CARRIAGE RETURN alone {where}: YAML and most editors "
                               "break the line there", ctx.source.span(m.start(), m.start() + 1),
                               field=path, hint="delete it, or put a space in its place")
        if fm is not None and text.find("\t", fm.start, fm.end) >= 0:
            for m in re.finditer("\t", text[fm.start:fm.end]):
                offset = fm.start + m.start()
                path = ctx.field_at(offset)
                value = ctx.document_value(path) if path else None
                if isinstance(value, str) and "\t" in value:
                    yield self._report(ctx, offset, "\t")
        yield from self._escaped(ctx)

    def _report(self, ctx, offset: int, char: str):
        path, where = _where(ctx, offset)
        meant = _windows_1252_reading(char)
        if meant is not None:  # patient\x92s: Windows-1252 text read as Latin-1
            fix = Fix(f"replace {char_name(char)} with '{meant}'", (Edit(offset, offset + 1, meant),),
                      safe=not ctx.source.decode_errors)
            return ctx.diag(self, f"control character {char_name(char)} {where}: it is the Windows-1252 byte for "
                            f"'{meant}', read as Latin-1", ctx.source.span(offset, offset + 1), field=path,
                            hint=f"did you mean: {meant}", fix=fix)
        return ctx.diag(self, f"control character {char_name(char)} {where}",
                        ctx.source.span(offset, offset + 1), field=path,
                        hint="delete it; if it stood for a letter or a space, retype that")

    def _escaped(self, ctx):
        for path, value, raw in ctx.escaped_strings:
            m = _CONTROL_IN_VALUE.search(value)
            if not m or m.group(0) in raw:
                continue  # none, or written literally: reported above
            char = m.group(0)
            name = "an unpaired surrogate" if "\ud800" <= char <= "\udfff" else char_name(char)
            yield ctx.diag(self, f"{format_path(path)} contains {name}, written as a YAML escape",
                           ctx.value_span(path), field=path, hint="remove the escape sequence")


@register
class InvisibleCharacter(Rule):
    """An invisible character that changes how text behaves: zero-width space, bidi control, BOM.

    ## What it does
    Reports zero-width spaces (except in scripts that use them between words, such as Thai),
    word joiners, byte-order marks inside text, line and paragraph separators, Hangul fillers,
    the bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), and tag
    characters (U+E0000–U+E007F, which spell hidden ASCII text) outside a flag emoji. Zero-width
    joiners and non-joiners, which emoji and many scripts need, and the left-to-right and
    right-to-left marks are reported only between two Latin letters, as is a soft hyphen in the
    front matter (`Elec\u00adtion`: search and duplicate checks no longer match the word).

    ## Why is this bad?
    They are invisible to editors and reviewers, break search and URL matching, and bidi
    overrides can make text display in a different order than it is stored.

    ## Example
    ```yaml
    title: "Election\u200b results"
    ```
    """

    code = "ENC005"
    name = "invisible-character"
    severity = Severity.WARNING
    phase = SOURCE

    def check(self, ctx):
        text = ctx.source.text
        if ctx.source.binary:
            return
        for m in _INVISIBLE.finditer(text) if ctx.odd_characters and not text.isascii() else ():
            c = m.group(0)
            if c == "\u200b":
                around = text[max(0, m.start() - 1):m.end() + 1]
                if _ZWSP_SCRIPTS.search(around):
                    continue
            path, where = _where(ctx, m.start())
            yield ctx.diag(self, f"invisible character {char_name(c)} {where}",
                           ctx.source.span(m.start(), m.end()), field=path, hint="delete it")
        yield from self._inside_latin_words(ctx, text)
        if b"\xf3\xa0" in ctx.source.raw:  # the UTF-8 of U+E0000-U+E0FFF: one byte search finds none
            yield from self._tags(ctx, text)
        for path, value, raw in ctx.escaped_strings:
            m = _INVISIBLE.search(value) or _TAGS.search(value)
            if m and m.group(0) not in raw:
                yield ctx.diag(self, f"{format_path(path)} contains {char_name(m.group(0)[0])}, written as a YAML escape",
                               ctx.value_span(path), field=path, hint="remove the escape sequence")

    def _tags(self, ctx, text):
        """Runs of tag characters (U+E0000-U+E007F), which show nothing and spell ASCII text
        that a reader never sees but a program reading the field does; the only use they have
        in text is a subdivision flag (🏴 and lower-case tags up to U+E007F: 🏴󠁧󠁢󠁳󠁣󠁴󠁿)."""
        for m in _TAGS.finditer(text):
            run = m.group(0)
            if text[m.start() - 1:m.start()] == "\U0001F3F4" and _FLAG_TAGS.fullmatch(run):
                continue
            hidden = "".join(chr(ord(c) - 0xE0000) for c in run if "\U000E0020" <= c <= "\U000E007E")
            path, where = _where(ctx, m.start())
            what = f"{len(run)} invisible tag characters" if len(run) > 1 else f"invisible character {char_name(run)}"
            hint = f"delete them: they spell '{hidden[:60]}{'…' if len(hidden) > 60 else ''}', which readers do not see" \
                if hidden else "delete it"
            yield ctx.diag(self, f"{what} {where}", ctx.source.span(m.start(), m.end()), field=path, hint=hint)

    def _inside_latin_words(self, ctx, text):
        """Joiners, bidi marks and soft hyphens between two Latin letters: other scripts and
        emoji need the first two, right-to-left text the marks, and no Latin word any of them
        (a soft hyphen in the body may be a hyphenation hint, and is left there)."""
        if text.isascii():
            return
        fm = ctx.split.front_matter if ctx.split is not None else None
        pos = 0
        while True:
            at = _FIND_IN(text, pos, _IN_WORD_BITS) if _FIND_IN else _in_word_search(text, pos)
            if at < 0:
                return
            pos = at + 1
            c = text[at]
            if not (0 < at < len(text) - 1 and _latin_letter(text[at - 1]) and _latin_letter(text[at + 1])):
                continue
            if c == "\u00ad" and not (fm is not None and fm.start <= at < fm.end):
                continue
            path, where = _where(ctx, at)
            yield ctx.diag(self, f"invisible character {char_name(c)} {where}, inside a word",
                           ctx.source.span(at, at + 1), field=path, hint="delete it")


_TAGS = re.compile("[\U000E0000-\U000E007F]+")
_FLAG_TAGS = re.compile("[\U000E0061-\U000E007A\U000E0030-\U000E0039]+\U000E007F")
# what is invisible and belongs in no Latin word (see InvisibleCharacter._inside_latin_words)
_IN_WORD = "\u00ad\u200c\u200d\u200e\u200f\u061c"
# all that a text may hold unseen (a field name, where none of it belongs): the pasted spaces,
# the invisible characters and those that belong in no Latin word
UNSEEN = f"{PASTED_SPACES}|{_INVISIBLE.pattern}|[{_IN_WORD}]"
_IN_WORD_BITS = _bitmap(_IN_WORD) if _FIND_IN else b""
_IN_WORD_RE = re.compile(f"[{_IN_WORD}]")


def _in_word_search(text: str, pos: int) -> int:
    m = _IN_WORD_RE.search(text, pos)
    return m.start() if m else -1


def _latin_letter(c: str) -> bool:
    return c.isascii() and c.isalpha() or ("\u00c0" <= c <= "\u024f" and c.isalpha())


@register
class ByteOrderMark(Rule):
    """The file starts with a UTF-8 byte-order mark.

    ## What it does
    Reports a UTF-8 BOM at the start of the file. `--fix` removes it.

    ## Why is this bad?
    Some front-matter readers do not expect the BOM and fail to see the opening `---`.

    ## Example
    A file whose first bytes are `EF BB BF 2D 2D 2D`.
    """

    code = "ENC006"
    name = "byte-order-mark"
    severity = Severity.WARNING
    phase = SOURCE
    fixable = True

    def check(self, ctx):
        if ctx.source.bom:
            fix = Fix("remove the byte-order mark", (Edit(BOM_OFFSET, 0, ""),), safe=not ctx.source.decode_errors)
            yield ctx.diag(self, "the file starts with a UTF-8 byte-order mark (BOM)", ctx.source.span(0, 0),
                           hint="save the file as UTF-8 without BOM", fix=fix)


@register
class NotUtf8(Rule):
    """The file is not UTF-8 text at all: UTF-16, or binary.

    ## What it does
    Reports files saved as UTF-16 (they are still checked, as decoded text) and binary files
    with a `.md` name (not checked further).

    ## Why is this bad?
    The pipeline expects UTF-8; a UTF-16 file looks like binary to it.

    ## Example
    A file whose first bytes are `FF FE 2D 00 2D 00 2D 00`.
    """

    code = "ENC007"
    name = "not-utf8"
    phase = SOURCE

    def check(self, ctx):
        if ctx.source.binary:
            yield ctx.diag(self, "this is a binary file, not Markdown text", ctx.source.span(0, 0),
                           hint="remove it or give it another extension")
        elif ctx.source.encoding != "utf-8":
            yield ctx.diag(self, f"the file is saved as {ctx.source.encoding.upper()}, not UTF-8",
                           ctx.source.span(0, 0), hint="save it as UTF-8")



# an escape sequence as JSON, Python or YAML double quotes write it, left as plain text
_LITERAL_ESCAPE = re.compile(r'\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|[nrt"])')
_ESCAPE_RUN = re.compile(f"(?:{_LITERAL_ESCAPE.pattern})+")
# TeX commands that begin like \n, \r or \t escapes (science text writes $\nu$, \theta, \times)
_TEX = re.compile(r"\\(?:n(?:u|abla|eq?|ot|ewline|eg|i|mid)|t(?:au|heta|imes|o|ext[a-z]*|anh?|ilde|op|riangle)"
                  r"|r(?:ho|ight[a-z]*|angle|m|ceil|floor))(?![A-Za-z])")
_SENSITIVE_IN = {'"': set('"\\'), "'": set("'"), "": _YAML_SENSITIVE}  # per scalar style
_LINE_BREAK_HINT = "write the line break itself, or a space"


def _clip(text: str, limit: int = 40) -> str:
    """``text`` as a message shows it: at most ``limit`` characters."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _unescaped_units(run: str) -> str:
    """The characters a run of ``\\u``/``\\U``/``\\x`` escapes names one by one, unpaired
    surrogates and control characters included ("" when the run holds other escapes)."""
    try:
        return "".join(chr(int(m.group(0)[2:], 16)) for m in _LITERAL_ESCAPE.finditer(run) if m.group(0)[1] in "uUx")
    except (ValueError, OverflowError):
        return ""


def _unescaped(run: str) -> Optional[str]:
    """The characters a run of ``\\u``/``\\U``/``\\x`` escapes stands for (a surrogate pair
    joined), or ``None`` when the run holds a line break, tab or quote escape, or stands for a
    character that is not printable."""
    if any(m.group(0)[1] not in "uUx" for m in _LITERAL_ESCAPE.finditer(run)):
        return None
    units = _unescaped_units(run)  # "" only when an escape names no character at all
    text = _join_surrogates(units) if units else None
    if text is None or any(unicodedata.category(c)[0] == "C" for c in text):
        return None
    return text


@register
class LiteralEscapeSequence(Rule):
    """An escape sequence such as `\\u2019` or `\\n` written out as text, where YAML reads it as it stands.

    ## What it does
    Reports `\\uXXXX`, `\\UXXXXXXXX`, `\\xXX`, `\\n`, `\\r`, `\\t` and `\\"` inside a text value
    where YAML does not read escapes: in a plain or single-quoted value, or doubled (`\\\\u2019`)
    in double quotes. URLs are left to URL001. `--fix` writes the character itself when the
    escape stands for a printable character that cannot change how the line parses.

    ## Why is this bad?
    The text was copied from JSON or source code, and readers see `patient\\u2019s` on the
    page instead of `patient’s`.

    ## Example
    ```yaml
    title: The patient\\u2019s view
    ```
    Use instead: `title: The patient’s view`.
    """

    code = "ENC008"
    name = "literal-escape-sequence"
    fixable = True
    only_if = "escaped_strings"  # most front matter holds no backslash at all

    def check(self, ctx):
        formats = ctx.formats
        for path, value, raw in ctx.escaped_strings:
            if "\\" not in value or formats.get(path) in URL_FORMATS:
                continue
            style = raw[0] if raw[:1] in ('"', "'") else ""
            loc = ctx.document.loc(path)
            at = 0  # where in ``raw`` to look for the next run
            for m in _ESCAPE_RUN.finditer(value):
                run = m.group(0)
                if run[1] in "nrt" and _TEX.match(value, m.start()):
                    continue
                written = run.replace("\\", "\\\\") if style == '"' else run  # as it stands in the file
                found = raw.find(written, at)
                yield self._finding(ctx, path, run, written, style, None if found < 0 else loc.start + found)
                if found >= 0:
                    at = found + len(written)

    def _finding(self, ctx, path, run, written, style, offset):
        """``run`` is the escapes in the value, ``written`` the same as the file has them, at
        ``offset`` (``None``: not found in the file's text, reported at the value)."""
        length = len(written)
        meant = _unescaped(run)
        shown, shown_written = _clip(run), _clip(written)
        fix = None
        if meant is None:
            hint = {"\\n": _LINE_BREAK_HINT, "\\r": _LINE_BREAK_HINT, "\\t": "write a space",
                    '\\"': 'write the quote itself: "'}.get(run[:2])
            if hint is None:  # an escape of a control character, or of half a surrogate pair
                stands = _unescaped_units(run)
                if stands and set(stands) <= set("\r\n"):
                    hint = _LINE_BREAK_HINT
                else:
                    hint = (f"it stands for {_shown_char(stands)}, which does not belong in text: delete it"
                            if stands else "retype the character")
        else:
            repairs = find_mojibake(meant)  # \u00c3\u00a9: escapes of UTF-8 read as Latin-1
            if repairs:
                damaged = meant
                for i1, i2, replacement, *_ in reversed(repairs):
                    meant = meant[:i1] + replacement + meant[i2:]
            hint = f"did you mean: {_clip(meant)}" + (f" (the escapes spell '{_clip(damaged)}', which is mojibake)" if repairs else "")
            safe = offset is not None and not set(meant) & _SENSITIVE_IN[style] and not ctx.source.decode_errors
            if offset is not None:
                fix = Fix(f"replace '{shown_written}' with '{_clip(meant)}'", (Edit(offset, offset + length, meant),), safe=safe)
        span = ctx.source.span(offset, offset + length) if offset is not None else ctx.value_span(path)
        where = "in double quotes, written with its backslash doubled" if style == '"' else "where YAML reads it as it stands"
        return ctx.diag(self, f"{format_path(path)} holds the escape sequence '{shown}' as text ({where})",
                        span, field=path, hint=hint, fix=fix)


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ESCAPED_TWICE = re.compile(f"&amp;{_ENTITY.pattern[1:]}")  # &amp;#8217; &amp;amp;


def _shown_char(text: str) -> str:
    """``text`` as a message shows it: itself, or the names of characters that do not show
    (a control character, a line break, a space of another kind)."""
    if text.isprintable() and not any(c in text for c in "\u00a0\u200b\u2060\ufeff"):
        return text
    named = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}
    return " ".join(named.get(c) or char_name(c) for c in text[:4])


def _values_holding(ctx, char: str) -> Iterator[Tuple[Tuple[Any, ...], str]]:
    """``(path, value)`` of each string value of the front matter holding ``char``; nothing
    is walked when the front matter's text holds none."""
    fm = ctx.split.front_matter
    if ctx.source.text.find(char, fm.start, fm.end) < 0:
        return
    for path, value in ctx.document.strings():
        if char in value:
            yield path, value


def _span_in_value(ctx, path, found: str):
    """Where ``found``, a part of the value at ``path``, is in the file: the first place in
    the value's text that holds it as written, or else (written with escapes) the value."""
    loc = ctx.document.loc(path)
    at = ctx.source.text.find(found, loc.start, loc.end) if loc is not None else -1
    return ctx.source.span(at, at + len(found)) if at >= 0 else ctx.value_span(path)


def _entity_char(entity: str) -> Optional[str]:
    """What an HTML character reference stands for, or ``None`` when it names nothing."""
    import html  # here, not at the top: html.entities costs 3 ms, and few files hold an entity
    from html.entities import html5

    if entity[1] != "#":
        return html5.get(entity[1:])
    try:
        code = int(entity[3:-1], 16) if entity[2] in "xX" else int(entity[2:-1])
    except ValueError:
        return None
    if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return html.unescape(entity) or chr(code)  # (HTML drops a control character: it is named)


@register
class HtmlEntity(Rule):
    """An HTML character reference such as `&#8217;` or `&amp;` written in text.

    ## What it does
    Reports HTML entities (`&rsquo;`, `&amp;`, `&#8217;`, `&#x2019;`) in any text value,
    URLs included, and names the character each stands for. Text escaped twice
    (`&amp;#8217;`) is named as such. There is no automatic fix: a pipeline that renders raw
    HTML may want the entity.

    ## Why is this bad?
    The text was copied from HTML source. A pipeline that escapes text for the page shows
    `patient&#8217;s` to readers, and a URL with `&amp;` between its parameters loses them.

    ## Example
    ```yaml
    title: "The patient&#8217;s view"
    ```
    Use instead: `title: "The patient’s view"`.
    """

    code = "ENC009"
    name = "html-entity"
    severity = Severity.WARNING

    def check(self, ctx):
        for path, value in _values_holding(ctx, "&"):
            entities = [m for m in _ENTITY.finditer(value) if _entity_char(m.group(0)) is not None]
            if not entities:
                continue
            first = entities[0].group(0)
            span = _span_in_value(ctx, path, first)
            twice = [m for m in _ESCAPED_TWICE.finditer(value) if _entity_char("&" + m.group(0)[5:]) is not None]
            inside = {m.start() for m in twice}  # the &amp; of &amp;#8217;, named with what follows it
            meanings = list(dict.fromkeys(
                [f"{m.group(0)} is {_shown_char(_entity_char('&' + m.group(0)[5:]))}" for m in twice]
                + [f"{m.group(0)} is {_shown_char(_entity_char(m.group(0)))}" for m in entities if m.start() not in inside]))
            count = "an HTML entity" if len(entities) == 1 else f"{len(entities)} HTML entities"
            message = f"{format_path(path)} holds {count} as text: '{first}'"
            if twice:
                message += "; it was HTML-escaped twice"
            hint = "write the characters themselves (" + ", ".join(meanings[:3]) + (", …" if len(meanings) > 3 else "") + ")"
            yield ctx.diag(self, message, span, field=path, hint=hint)


# an HTML tag (of the elements text copied from a page carries) or comment
_HTML_TAG = re.compile(
    r"<(/?)(a|abbr|audio|b|big|blockquote|br|center|cite|code|del|div|em|embed|figcaption|figure|font|form|h[1-6]|hr"
    r"|i|iframe|img|input|ins|kbd|li|link|mark|meta|noscript|object|ol|p|pre|q|s|script|small|source|span|strike"
    r"|strong|style|sub|sup|svg|table|tbody|td|th|thead|tr|u|ul|video|wbr)"
    # its attributes, each with a value (``a<b and c>d`` is no tag)
    r"(?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>=`]+))*\s*/?>"
    r"|<!--.*?-->", re.I | re.S)
# elements that are not text at all (a script, a frame, a picture, a form)
_ACTIVE = {"script", "style", "iframe", "object", "embed", "form", "input", "link", "meta", "svg", "img", "video",
           "audio", "source"}


@register
class HtmlMarkup(Rule):
    """HTML tags such as `<b>`, `<br>` or `<script>` written in a text value.

    ## What it does
    Reports HTML tags and comments in the front matter's text values (not in URLs, and not
    in the Markdown body, where HTML is allowed), and shows the text without them.

    ## Why is this bad?
    The text was copied from a page's source. A pipeline that escapes text shows `<b>` to
    readers; one that does not renders it, and a `<script>` or `<iframe>` in a headline runs
    on every page that lists the article.

    ## Example
    ```yaml
    title: "<b>Breaking:</b> storm hits the coast"
    ```
    Use instead: `title: "Breaking: storm hits the coast"`.
    """

    code = "ENC011"
    name = "html-markup"
    severity = Severity.WARNING

    def check(self, ctx):
        for path, value in _values_holding(ctx, "<"):
            if ctx.formats.get(path) in URL_FORMATS:
                continue
            tags = list(_HTML_TAG.finditer(value))
            if not tags:
                continue
            active = [m for m in tags if m.group(2) and m.group(2).lower() in _ACTIVE]
            first = (active or tags)[0].group(0)  # a script before the tags of mere emphasis
            span = _span_in_value(ctx, path, first)
            shown = first if len(first) <= 40 else first[:39] + "…"
            if active:
                message = f"{format_path(path)} holds HTML that is not text: <{active[0].group(2).lower()}>"
                hint = "remove the element; front matter text must be plain text"
            else:
                count = "an HTML tag" if len(tags) == 1 else f"{len(tags)} HTML tags"
                message = f"{format_path(path)} holds {count} as text: '{shown}'"
                plain = " ".join(_HTML_TAG.sub(_tag_gap, value).split())
                hint = "write the text without the tags: " + (plain if len(plain) <= 80 else plain[:79] + "…")
            yield ctx.diag(self, message, span, field=path, hint=hint)


def _tag_gap(m) -> str:
    """What a tag leaves in the text without it: a space for one that breaks a line or a block."""
    return " " if m.group(2) and m.group(2).lower() in ("br", "p", "div", "li") else ""


@register
class MixedLineEndings(Rule):
    """Lines that end otherwise than the rest of the file: CR LF among LF, or LF among CR LF.

    ## What it does
    Compares the line endings of the file. Where most lines end with LF and some with CR LF
    (text pasted from a Windows editor), or the other way round, each run of lines of the
    fewer kind is reported once. `--fix` gives them the file's ending. (A carriage return
    alone is ENC004's.)

    ## Why is this bad?
    Diffs show each such line as changed, and a tool that splits lines at LF leaves the CR at
    the end of the value: a title that ends in an invisible `\r`.

    ## Example
    A file saved with LF endings whose lines 4 and 5 end with CR LF.
    """

    code = "ENC012"
    name = "mixed-line-endings"
    severity = Severity.WARNING
    phase = SOURCE
    fixable = True

    def check(self, ctx):
        text = ctx.source.text
        if ctx.source.binary or "\r" not in text:  # (one character is looked for faster than two)
            return
        crlf = text.count("\r\n")
        lf = text.count("\n") - crlf
        if not lf or not crlf:
            return
        first = text.find("\n")
        fewer_crlf = crlf < lf or (crlf == lf and text[first - 1:first] != "\r")  # (a tie: the first line's)
        # the CR of each CR LF, or each LF without one
        ends = list(_all(text, "\r\n")) if fewer_crlf else [i for i in _all(text, "\n") if text[i - 1:i] != "\r"]
        position = ctx.source.position
        runs: list = []
        for at in ends:
            line = position(at).line
            if runs and runs[-1][-1][1] == line - 1:
                runs[-1].append((at, line))
            else:
                runs.append([(at, line)])
        kind, other = ("CR LF (Windows)", "LF") if fewer_crlf else ("LF", "CR LF (Windows)")
        for run in runs:
            (at, line), last = run[0], run[-1][1]
            which = "this line ends" if len(run) == 1 else f"lines {line}-{last} end"
            edits = tuple(Edit(a, a + 1, "") if fewer_crlf else Edit(a, a, "\r") for a, _l in run)
            fix = Fix(f"end {'it' if len(run) == 1 else 'them'} with {other}", edits, safe=not ctx.source.decode_errors)
            yield ctx.diag(self, f"{which} with {kind}, the rest of the file with {other}",
                           ctx.source.span(at, at + (1 if fewer_crlf else 0)),
                           hint=f"save the file with {other} endings throughout", fix=fix)


def _all(text: str, needle: str) -> Iterator[int]:
    """Every offset of ``needle`` in ``text``."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + len(needle))


def _nfc_suspects() -> set:
    """The characters of the Basic Multilingual Plane that can make text differ from its
    composed form (NFC): those NFC replaces (a singleton such as U+212B ANGSTROM SIGN, or one
    excluded from composition), and the marks it can join to the character before them (U+0301
    after ``e``). Text without any of them is in NFC. (A few ms, once a process: only the
    blocks that hold canonical decompositions are read; a test holds them to the whole plane.)"""
    decomposition, out = unicodedata.decomposition, set()
    for x in chain(range(0xC0, 0x3100), range(0xF900, 0x10000)):
        d = decomposition(chr(x))
        if not d or d[0] == "<":  # none, or a compatibility one, which NFC leaves alone
            continue
        parts = d.split()
        if len(parts) == 1 or unicodedata.normalize("NFC", chr(x)) != chr(x):
            out.add(chr(x))
        else:
            out.add(chr(int(parts[1], 16)))
    out.update(map(chr, range(0x1161, 0x1176)), map(chr, range(0x11A8, 0x11C3)))  # Hangul vowels and finals
    return out


_NFC_BITS: List[bytes] = []  # the bitmap of _nfc_suspects, made on first use


def _may_be_decomposed(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may not be in NFC (a compiled scan for a suspect, then
    Python's own check), or, without the compiled scan, Python's check alone."""
    if _FIND_IN is not None:
        if not _NFC_BITS:
            _NFC_BITS.append(_bitmap(_nfc_suspects()))
        at = _FIND_IN(text, start, _NFC_BITS[0])
        if at < 0 or at >= end:
            return False
    return not unicodedata.is_normalized("NFC", text[start:end])


def _decomposed_clusters(line: str) -> List[Tuple[int, int, str]]:
    """``(start, end, composed)`` for each stretch of ``line`` that Unicode's composed form
    (NFC) writes otherwise: ``e`` + U+0301 for ``é``, and vowel signs written in two parts
    (Sinhala ``ෙ`` + ``ා`` for ``ො``), whose second part combines though it is no accent."""
    composed = unicodedata.normalize("NFC", line)
    return [(i1, i2, composed[j1:j2]) for i1, i2, j1, j2 in differences(line, composed)]


@register
class DecomposedText(Rule):
    """Letters written as a base letter and a combining accent (`e` + `◌́`), not as one character.

    ## What it does
    Reports lines, of the front matter and the body, that are not in Unicode's composed form
    (NFC): `é` written as `e` followed by U+0301 COMBINING ACUTE ACCENT, as text copied from a
    PDF or typed on some systems arrives. `--fix` writes the composed characters; the text
    looks the same.

    ## Why is this bad?
    The two forms look alike but compare unequal: search, duplicate detection and URLs built
    from the title treat `café` and `café` as different words, and some fonts draw the accent
    apart from its letter.

    ## Example
    ```yaml
    title: "Cafe\\u0301 owners protest"
    ```
    (an `e` and a combining accent, where `é` belongs)
    """

    code = "ENC010"
    name = "decomposed-text"
    severity = Severity.WARNING
    phase = SOURCE
    fixable = True

    def check(self, ctx):
        text = ctx.source.text
        if ctx.source.binary or text.isascii() or not _may_be_decomposed(text, 0, len(text)):
            return
        begin = 0
        for line in text.splitlines(keepends=True):
            clusters = _decomposed_clusters(line) if not unicodedata.is_normalized("NFC", line) else []
            if clusters:
                start, end, composed = clusters[0]
                path, where = _where(ctx, begin + start)
                parts = line[start:end]
                written = " ".join(f"U+{ord(c):04X}" for c in parts[:8]) + (" …" if len(parts) > 8 else "")
                edits = tuple(Edit(begin + s, begin + e, c) for s, e, c in clusters)
                fix = Fix(f"write the composed form of {len(clusters)} place{'s' if len(clusters) > 1 else ''} on this line",
                          edits, safe=not ctx.source.decode_errors and not any(set(c) & _YAML_SENSITIVE for _s, _e, c in clusters))
                more = f" ({len(clusters) - 1} more on this line)" if len(clusters) > 1 else ""
                as_many = "one" if len(composed) == 1 else str(len(composed))
                yield ctx.diag(self, f"'{_clip(composed)}' {where} is written as {len(parts)} characters ({written}), "
                               f"not as {as_many}{more}", ctx.source.span(begin + start, begin + end), field=path,
                               hint=f"write '{_clip(composed)}' in Unicode's composed form (NFC)", fix=fix)
            begin += len(line)
