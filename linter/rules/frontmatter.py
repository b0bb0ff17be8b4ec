"""FM: the front-matter block and the YAML inside it."""

from __future__ import annotations

import re
from typing import Optional, Tuple

from ..diagnostics import Severity, format_path
from ..blockyaml import YAML11_WORDS
from ..document import MAX_ALIASES, MAX_DEPTH
from . import SOURCE, Rule, double_quoted, register
from .encoding import PASTED_SPACES, char_name


def _problems(ctx, *kinds):
    if ctx.document is None:
        return
    for problem in ctx.document.problems:
        if problem.kind in kinds:
            yield problem


@register
class MissingFrontMatter(Rule):
    """The file does not start with a front-matter block.

    ## What it does
    Checks that the first line of the file is `---`, which opens the YAML front matter.

    ## Why is this bad?
    Without front matter the publishing pipeline has no title, date or address for the
    article and drops it, or publishes a broken page.

    ## Example
    ```markdown
    title: "Deep learning tool predicts brain metastasis"
    ```
    Use instead:
    ```markdown
    ---
    title: "Deep learning tool predicts brain metastasis"
    ---
    ```
    """

    code = "FM001"
    name = "missing-front-matter"
    phase = SOURCE
    only_if = "structure_problems"

    def check(self, ctx):
        if ctx.split is not None and ctx.split.problem == "missing":
            first = ctx.source.line_text(1)
            hint = "the first line must be exactly '---'"
            lines = ctx.source.text.split("\n", 20)
            opening = next((i for i, line in enumerate(lines) if line.strip()), None)
            if first.strip() == "---":
                hint = "remove the spaces or characters before '---' on the first line"
            elif not ctx.source.text.strip():
                hint = "the file is empty"
            elif opening and lines[opening].rstrip("\r") == "---":
                empty = "the empty line" if opening == 1 else f"the {opening} empty lines"
                hint = f"remove {empty} before '---': it must be the first line"
            elif re.fullmatch(r"-{4,} *\r?", first):
                hint = "write exactly three dashes: ---"
            elif first.rstrip("\r ") == "+++":
                hint = "this is TOML front matter (between '+++' lines); lint-news reads YAML between '---' lines"
            elif first.strip() in ("{", ";;;"):
                hint = "this front matter is not YAML; write it as YAML between '---' lines"
            yield ctx.diag(self, "the file has no front matter: the first line is not '---'",
                           ctx.source.span(0, len(first)), hint=hint)


@register
class UnclosedFrontMatter(Rule):
    """The front-matter block is opened with `---` but never closed.

    ## What it does
    Checks that a line `---` (or `...`) ends the front matter that the first line opens. A
    closing line written almost right (`----`, `--`, an indented `---`, or `—` where an editor
    turned the dashes into a dash) is reported at that line.

    ## Why is this bad?
    Without the closing fence the whole article is read as YAML, or the file is skipped.

    ## Example
    ```markdown
    ---
    title: "Budget approved"

    The council approved the budget on Monday.
    ```
    Use instead: put a line `---` after the last front-matter field.
    """

    code = "FM002"
    name = "unclosed-front-matter"
    phase = SOURCE
    only_if = "structure_problems"

    def check(self, ctx):
        if ctx.split is not None and ctx.split.problem == "unclosed":
            near = _near_fence(ctx.source.text)
            if near is not None:  # a closing line written almost right: point at it
                yield ctx.diag(self, f"the front matter is never closed: this line is '{near.group(1)}', not '---'",
                               ctx.source.span(near.start(1), near.end(1)), hint="write exactly three dashes: ---")
                return
            yield ctx.diag(self, "the front matter opened here is never closed with a line '---'",
                           ctx.fence_span(), hint=_closing_hint(ctx.source))


# a line that was meant to close the front matter: two or four dashes, an indented or spaced
# fence, dashes an editor turned into a dash character, or another Markdown rule
_NEAR_FENCE = re.compile(r"(-{2}|-{4,}|[ \t]+-{3}|- ?- ?-|[—–]{1,3}|\*{3,}|_{3,})[ \t]*\r?")
# a line front matter is made of: blank, a comment, a list item, a key, or indented
_YAML_LINE = re.compile(r"[ \t]*(?:#.*|- .*|-|[^\s:#][^:]*:(?: .*)?|\r?)\Z|[ \t]+\S.*\Z")


# a line of front matter as articles write it: blank, a comment, a list item, an indented line,
# or a field whose name is one word (a sentence with a ':' in it is the article's text)
_FIELD_LINE = re.compile(r"[ \t]*(?:#.*|- .*|-|[A-Za-z_][\w.-]*[ \t]*:(?:[ \t].*)?|\r?)\Z|[ \t]+\S.*\Z")


def probable_end(src) -> Optional[Tuple[int, Optional[int]]]:
    """``(last, first)`` for front matter never closed: the number of its last field's line,
    before the first line that is no line of front matter (the article's first words, or a
    closing line written almost right), and the number of that line (``None`` when every
    line is one of front matter); ``None`` when no field follows the opening line."""
    for no in range(2, len(src.line_starts) + 1):
        line = src.line_text(no)
        if not _FIELD_LINE.match(line) or _NEAR_FENCE.fullmatch(line):
            last = _nonblank_above(src, no)
            return (last, no) if last > 1 else None
    last = _nonblank_above(src, len(src.line_starts) + 1)
    return (last, None) if last > 1 else None


def _closing_hint(src) -> str:
    """Where the closing line belongs: after the last field before the first line that is no
    line of front matter (the article's first words), when there is such a line."""
    end = probable_end(src)
    if end is not None and end[1] is not None:
        shown = src.line_text(end[1]).strip()
        shown = shown if len(shown) <= 30 else shown[:30] + "…"
        return f"add a line '---' after line {end[0]}, the last front-matter field (before '{shown}')"
    return "add a line '---' after the last front-matter field"  # (every line reads as one: which is last?)


def _near_fence(text: str):
    """The match of the first line after the opening fence that is no line of front matter,
    when it is a near miss of the closing fence (``----``, ``—``); else ``None`` (the article
    itself starts there, or nothing does)."""
    offset = text.find("\n") + 1
    while 0 < offset < len(text):
        end = text.find("\n", offset)
        end = len(text) if end < 0 else end
        m = _NEAR_FENCE.fullmatch(text, offset, end)
        if m is not None:
            return m
        if not _YAML_LINE.match(text[offset:end]):
            return None
        offset = end + 1
    return None


_SYNTAX_WORDING = (
    (re.compile(r"mapping values are not allowed"),
     "a value contains ': ' but is not in quotes",
     'put the whole value in double quotes: key: "text: more text"'),
    (re.compile(r"found unexpected end of stream|found unexpected document separator"),
     "a quoted value is never closed",
     "add the missing closing quote"),
    (re.compile(r"found a tab character|found character '\\t'"),
     "a tab character is used where YAML needs spaces",
     "indent with spaces, never tabs"),
    (re.compile(r"while scanning an alias"),
     "a value that begins with '*' must be in quotes: YAML reads '*' as a reference to an anchor",
     'put the whole value in double quotes: key: "*text*"'),
    (re.compile(r"while scanning an anchor"),
     "a value that begins with '&' must be in quotes: YAML reads '&' as an anchor",
     'put the whole value in double quotes: key: "&text"'),
    (re.compile(r"while scanning a block scalar"),
     "text after '|' or '>' must begin on the next line, indented",
     "move the text to the next line and indent it, or put the whole value in double quotes"),
    (re.compile(r"mapping keys are not allowed"),
     "a value that begins with '? ' must be in quotes",
     'put the whole value in double quotes: key: "? text"'),
    (re.compile(r"sequence entries are not allowed"),
     "a value that begins with '- ' must be in quotes, or the list must start on the next line",
     'put the whole value in double quotes: key: "- text"'),
    (re.compile(r"could not find expected ':'"),
     "a line is not in the form 'key: value'",
     "add the missing ':' or close the quotes of the value above"),
    (re.compile(r"did not find expected key|did not find expected '-' indicator"),
     "the indentation is inconsistent or text follows a closed quote",
     "line the field up with its neighbours and keep the whole value inside its quotes"),
    (re.compile(r"found unknown escape character|found unknown escape"),
     "a double-quoted value has an unknown backslash escape",
     "write a backslash as \\\\ or use single quotes"),
    (re.compile(r"found undefined alias|found undefined anchor"),
     "an alias (*name) refers to no anchor (&name)",
     "define the anchor before using it, or write the value out"),
    (re.compile(r"did not find expected node content|expected <block end>|expected ',' or"),
     "YAML found something it did not expect here",
     "check the quotes, brackets and indentation on this line and the one above"),
)


_KEY = r"[ \t]*(?:- )?([A-Za-z_][A-Za-z0-9_-]*):"  # a plain key at the start of a line, and its ':'
_KEY_VALUE = re.compile(_KEY + r"[ \t]+(\S.*?)[ \t]*\Z")


def _quoted_hint(ctx, offset: int):
    """``put the whole value in double quotes: title: "..."`` for the ``key: value`` line at
    ``offset``, when the line is one, the value is plain text and the suggestion stays short."""
    line = ctx.source.line_text(ctx.source.position(offset).line)
    m = _KEY_VALUE.match(line)
    if not m or m.group(2)[0] in "\"'" or len(m.group(2)) > 60:
        return None
    value = m.group(2)
    pair = _TYPOGRAPHIC_QUOTES.get(value[0])
    if pair and value[-1] in pair and len(value) > 2:  # “Budget: approved”, as a word processor typed it
        return (f"YAML takes only straight quotes for quotes: {m.group(1)}: {double_quoted(value[1:-1])}, "
                f"or {m.group(1)}: {double_quoted(value)} to keep the marks as text")
    return f"put the whole value in double quotes: {m.group(1)}: {double_quoted(value)}"


# typographic opening quotes, and the closing ones each language pairs them with
_TYPOGRAPHIC_QUOTES = {"“": "”“", "„": "“”", "‘": "’‘", "‚": "‘’", "«": "»", "»": "«", "「": "」", "『": "』"}


_NO_SPACE_AFTER_COLON = re.compile(_KEY + r"([^\s:/].*?)[ \t]*\Z")
# a key followed by a colon that only looks like ':' (a Chinese or Japanese input method's
# full-width '：', the small '﹕', the modifier letter '꞉', the ratio sign '∶')
_WIDE_COLON = re.compile(r"[ \t]*(?:- )?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*([：﹕꞉∶])[ \t\u3000]*(.*?)[ \t]*\Z")
# a line of front matter that begins with a no-break or other special space
_ODD_INDENT = re.compile(f"(?m)^[ ]*({PASTED_SPACES})")
# a key whose ':' a no-break or other special space follows (pasted from a word processor)
_ODD_SPACE_AFTER_COLON = re.compile(_KEY + f"({PASTED_SPACES})[ \u00a0]*(.*?)[ \t]*\\Z")


def _nonblank_above(src, line_no: int) -> int:
    """The number of the nearest line above ``line_no`` with anything on it, or 0."""
    line_no -= 1
    while line_no >= 1 and not src.line_text(line_no).strip():
        line_no -= 1
    return max(line_no, 0)


def nonblank_below(src, line_no: int) -> int:
    """The number of the nearest line below ``line_no`` with anything on it, or the number
    after the last line (whose text is empty)."""
    line_no += 1
    while line_no <= len(src.line_starts) and not src.line_text(line_no).strip():
        line_no += 1
    return line_no


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _deeper_than_above(ctx, offset: int):
    """Where the text of the line at ``offset`` begins, when that line is indented more than
    the line above it and that line is ``key: value`` (so the deeper line continues the value)."""
    src = ctx.source
    line_no = src.position(offset).line
    line = src.line_text(line_no)
    above_no = _nonblank_above(src, line_no)
    if above_no < 1:
        return None
    above = src.line_text(above_no)
    indent = _indent(line)
    if indent <= _indent(above) or not _KEY_VALUE.match(above):
        return None
    return src.line_starts[line_no - 1] + indent


# "  name News Medical", "- url https://...": a field without its ':' (a ':' inside the value
# is no separator unless a space follows it)
_COLONLESS = re.compile(r"([ ]*(?:- )?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]+([^:#\s](?:[^:#]|:(?!\s))*?)[ \t]*\Z")


def _colonless_key_above(ctx, offset: int):
    """``(offset, key, rest)`` for the line above the one at ``offset`` when it is a field
    written without its ':' (``  name News Medical``) at the same indentation, first in its
    block or after a sibling field: YAML reads the two lines as one text, and fails at the
    ':' of the second. ``None`` where the line above goes on with a value begun higher up."""
    src = ctx.source
    line_no = src.position(offset).line
    indent = _indent(src.line_text(line_no))
    above_no = _nonblank_above(src, line_no)
    m = _COLONLESS.match(src.line_text(above_no)) if above_no >= 1 else None
    if m is None or len(m.group(1)) != indent:  # (for "- key value", the column after the dash)
        return None
    own = len(m.group(1)) - (2 if m.group(1).endswith("- ") else 0)  # where the line itself begins
    before_no = _nonblank_above(src, above_no)
    before = src.line_text(before_no) if before_no >= 1 else "---"
    before_indent = _indent(before)
    starts_block = before.strip() == "---" or (_KEY_ONLY.match(before) is not None and before_indent < own)
    sibling = ":" in before and (before_indent == own or (own < indent and before_indent > own))  # (or the item before)
    if not (starts_block or sibling):
        return None
    return src.line_starts[above_no - 1] + len(m.group(1)), m.group(2), m.group(3)


# "  -title: ..." (a list item without the space after its dash), "  - title:\"...\"" (a
# field without the space after its ':')
_DASH_GLUED = re.compile(r"([ ]*)-([A-Za-z_][A-Za-z0-9_-]*:(?:[ \t].*)?)\Z")


def _glued_above(ctx, offset: int):
    """``(offset, message, hint)`` when the line above the one at ``offset`` is a list item or
    a field written without its space (``-title: ...``, ``- title:"..."``) and the line at
    ``offset`` is lined up as the field after it: YAML read the line above as one text, or as
    a field named ``-title``, and failed at this one. Else ``None``."""
    src = ctx.source
    line_no = src.position(offset).line
    line = src.line_text(line_no)
    dash = _DASH_GLUED.match(line)
    if dash is not None and offset == src.line_starts[line_no - 1] + len(dash.group(1)):
        return _dash_glued(src.line_starts[line_no - 1], dash)  # failed at the dash: an item after others
    above_no = _nonblank_above(src, line_no)
    if above_no < 1:
        return None
    above = src.line_text(above_no)
    start = src.line_starts[above_no - 1]
    dash = _DASH_GLUED.match(above)
    if dash is not None and len(dash.group(1)) + 2 == _indent(line):
        return _dash_glued(start, dash)
    glued = _NO_SPACE_AFTER_COLON.match(above)
    key_at = above.find(glued.group(1)) if glued is not None else -1
    if glued is not None and key_at == _indent(line):
        return start + key_at, "a ':' must be followed by a space", f"write {glued.group(1)}: {glued.group(2)}"
    return None


# "x    webUrl: ...", "]  - title: ...": a character typed at the start of an indented field
# (not a dash: "- title: ..." at the margin is a list item)
_STRAY = re.compile(r"([^\s#'\"-])([ ]+)((?:- )?[A-Za-z_][A-Za-z0-9_-]*:(?:[ \t].*)?)\Z")


_RESERVED = "[]{}|>@`!%&*,?:"  # what no plain value may begin with (YAML's indicators)


def _stray_before_indent(ctx, offset: int):
    """``(offset, message, hint)`` when YAML fails just below (or on) a line that is an
    indented field with one character typed before its indentation: YAML reads that line as
    a field at the top (``x    webUrl``), and the indented lines after it as misplaced. The
    line without the character must line up with the line below it. Else ``None``."""
    src = ctx.source
    line_no = src.position(offset).line
    for no in (line_no, _nonblank_above(src, line_no)):
        if no < 1:
            continue
        m = _STRAY.match(src.line_text(no))
        if m is None:
            continue
        # the indentation without the character (typed in place of a space, or before them),
        # and of the fields of an item it begins
        spaces = len(m.group(2))
        meant = {spaces, spaces + 1} | ({spaces + 2, spaces + 3} if m.group(3).startswith("- ") else set())
        below = src.line_text(nonblank_below(src, no))
        if below and _indent(below) in meant or _indent(src.line_text(_nonblank_above(src, no))) in meant:
            effect = "YAML cannot read the line" if m.group(1) in _RESERVED else "YAML reads the line as a field at the top"
            return (src.line_starts[no - 1], f"a stray {m.group(1)!r} before this line's indentation: {effect}",
                    f"delete the {m.group(1)!r} at the start of the line")
    return None


def _dash_glued(line_start: int, dash):
    return (line_start + len(dash.group(1)), "a list item needs a space after its '-'",
            f"write - {dash.group(2)}")


def _syntax_words(problem: str, context: str, char: str = ""):
    """The message and hint for a YAML error; ``char`` is the character where it was found."""
    if "cannot start any token" in problem:  # libyaml does not name the character: ``char`` does
        if char == "\t":
            return "a tab character is used where YAML needs spaces", "indent with spaces, never tabs"
        if char and char.isprintable() and not char.isspace():
            return (f"a value cannot begin with '{char}' unless it is in quotes: YAML reserves it",
                    f'put the whole value in double quotes: key: "{char}..."')
    if problem.startswith("expected <block end>") and context in ("while parsing a block mapping",
                                                                 "while parsing a block collection"):
        problem = "did not find expected key"  # the pure reader's words for what libyaml says so
    for pattern, message, hint in _SYNTAX_WORDING:
        if pattern.search(problem) or pattern.search(context):
            return message, hint
    detail = problem or context or "unreadable YAML"
    return f"YAML cannot read the front matter: {detail}", None


def _wide_colon(ctx, at: int, fm):
    """``(offset, message, hint)`` for a key written with a colon that only looks like ':', on
    the line where YAML failed or in the lines without ':' just above it (which YAML reads as
    one text, failing at the next real ':'); else ``None``."""
    src = ctx.source
    line_no = src.position(at).line
    first = src.position(fm.start).line if fm is not None else 1
    for no in range(line_no, first - 1, -1):
        line = src.line_text(no)
        m = _WIDE_COLON.match(line)
        if m:
            return (src.line_starts[no - 1] + m.start(2),
                    f"the field name is followed by {char_name(m.group(2))}, not by ':'",
                    f"write a plain colon and a space: {m.group(1)}: {m.group(3)}")
        if no != line_no and ":" in line:
            return None
    return None


def _placed(ctx, p, message: str, hint):
    """``(offset, message, hint)`` for a YAML error: where the editor has to change something,
    which for some errors is before the place where the parser gave up."""
    text = ctx.source.text
    at = p.start
    context, problem = p.detail.get("context", ""), p.detail.get("problem", "")
    fm = ctx.split.front_matter if ctx.split is not None else None
    line_end = text.find("\n", at)
    odd = _ODD_INDENT.search(text, fm.start, fm.end if line_end < 0 else min(fm.end, line_end)) if fm else None
    if odd is not None:
        # a line indented with a no-break space (pasted): YAML reads it as text at column 1,
        # and fails somewhere after it
        return (odd.start(1), f"this line is indented with {char_name(odd.group(1))}, which YAML does not take for a space",
                "indent with plain spaces")
    wide = _wide_colon(ctx, at, fm)
    if wide is not None:
        return wide
    stray = _stray_before_indent(ctx, at)
    if stray is not None:
        return stray
    if "quoted" in context and "end of stream" in problem:
        at = p.detail.get("context_at", at)  # point at the quote that is never closed
    elif "could not find expected ':'" in problem and "simple key" in context:
        # the parser fails on the next line; the line without its ':' is where the key began
        at = p.detail.get("context_at", at)
        line = ctx.source.line_text(ctx.source.position(at).line)
        m = _NO_SPACE_AFTER_COLON.match(line)
        odd = _ODD_SPACE_AFTER_COLON.match(line)
        if m:
            message = "a ':' must be followed by a space"
            hint = f"write {m.group(1)}: {m.group(2)}"
        elif odd:
            at = ctx.source.line_starts[ctx.source.position(at).line - 1] + odd.start(2)  # at the space itself
            message = f"the ':' is followed by {char_name(odd.group(2))}, where YAML needs a plain space"
            hint = f"replace it with a plain space: {odd.group(1)}: {odd.group(3)}"
    elif "while parsing a flow" in context and "context_at" in p.detail \
            and ctx.source.position(p.detail["context_at"]).line != ctx.source.position(at).line:
        at = p.detail["context_at"]  # the bracket that is never closed
        close = "]" if "sequence" in context else "}"
        message = f"the {'list' if close == ']' else 'mapping'} opened here with '{text[at]}' is not closed with '{close}'"
        hint = f"add '{close}' at the end of the line, and separate the items with ', '"
    elif any(words in problem for words in ("did not find expected key", "did not find expected '-'", "expected <block end>")):
        # (libyaml's words, then the pure reader's)
        line_no = ctx.source.position(at).line
        line = ctx.source.line_text(line_no)
        m = _KEY_VALUE.match(line)
        value_at = ctx.source.line_starts[line_no - 1] + m.start(2) if m else None
        if m and m.group(2)[0] in "\"'[{" and at > value_at:
            message, hint = _after_closed_value(m.group(1), m.group(2))
        elif line.lstrip(" ").startswith((": ", ":\t")) or line.strip() == ":":
            message, hint = "a field has no name: the line begins with ':'", "write the field's name before the ':'"
        else:
            glued = _glued_above(ctx, at)
            if glued is not None:
                at, message, hint = glued
    elif message.startswith("a value contains ': '"):
        deeper = _deeper_than_above(ctx, at)
        colonless = _colonless_key_above(ctx, at) if deeper is None else None
        if deeper is not None:
            at = deeper
            message = "this line is indented more than the line above, so YAML reads it as part of that value"
            hint = "indent it as far as the fields beside it or, if it goes on with the value above, put that whole value in double quotes"
        elif colonless is not None:
            at, key, rest = colonless
            message = "a line is not in the form 'key: value'"
            hint = f"add the missing ':' after the field name: {key}: {rest}"
        else:
            glued = _glued_above(ctx, at)
            if glued is not None:
                at, message, hint = glued
    if message.startswith(("the indentation is inconsistent", "this line is indented more")):
        odd = _undashed_first_item(ctx, at, fm) or _odd_first_line(ctx, at, fm)
        if odd is not None:
            return odd
    return at, message, hint


def _undashed_first_item(ctx, at: int, fm):
    """``(offset, message, hint)`` when YAML fails at a list item (``  - title: ...``) whose
    list began without its dash: the first line under the list's ``key:`` is a field indented
    as an item's fields are, so YAML read the first item as a mapping, and the next item's
    ``-`` cannot follow it. Else ``None``."""
    if fm is None:
        return None
    src = ctx.source
    line_no = src.position(at).line
    line = src.line_text(line_no)
    if not line.lstrip(" ").startswith("- "):
        return None
    dash = _indent(line)
    first = src.position(fm.start).line
    no = _nonblank_above(src, line_no)
    while no >= first and _indent(src.line_text(no)) > dash:
        no = _nonblank_above(src, no)  # up to the line the list's items hang under
    if no < first or not _KEY_ONLY.match(src.line_text(no)) or _indent(src.line_text(no)) >= dash:
        return None
    item_no = nonblank_below(src, no)
    item = src.line_text(item_no)
    if item_no >= line_no or _indent(item) != dash + 2 or not _KEY_VALUE.match(item) and not _KEY_ONLY.match(item):
        return None
    key = item.strip().partition(":")[0]
    return (src.line_starts[item_no - 1] + dash, "the first item of this list has no '-' before it",
            f"write '- ' in place of the two spaces before '{key}:'")


_KEY_ONLY = re.compile(r"([ ]*)(?:- )?[^\s#:][^:#]*:[ \t]*(?:#.*)?\Z")  # "images:": a block follows


def _indent_step(ctx, fm) -> int:
    """The indentation step of the front matter: the most frequent depth of a block's first
    line under its ``key:`` (2 when there is none to go by, or of two as frequent the nearer)."""
    src = ctx.source
    first, last = src.position(fm.start).line, src.position(fm.end).line
    steps: dict = {}
    previous = None
    for no in range(first, last + 1):
        line = src.line_text(no)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = _indent(line)
        if previous is not None and indent > previous:
            steps[indent - previous] = steps.get(indent - previous, 0) + 1
        previous = indent if _KEY_ONLY.match(line) else None
    return max(steps, key=lambda k: (steps[k], -abs(k - 2))) if steps else 2  # (a tie: the nearest to 2)


def _odd_first_line(ctx, at: int, fm):
    """``(offset, message, hint)`` when YAML fails on a line because the first line of its block,
    just above it, is indented unlike the file's other blocks (``provider:`` then `` name:`` with
    one space, then ``  domain:``; `` - url:`` under ``images:``): the error is on that first
    line, which the line below is right about; else ``None``."""
    if fm is None:
        return None
    src = ctx.source
    line_no = src.position(at).line
    below = _indent(src.line_text(line_no))
    above_no = _nonblank_above(src, line_no)
    parent_no = _nonblank_above(src, above_no)
    if parent_no < src.position(fm.start).line or not _KEY_ONLY.match(src.line_text(parent_no)):
        return None
    first, parent = src.line_text(above_no), src.line_text(parent_no)
    parent_indent, indent = _indent(parent), _indent(first)
    step = _indent_step(ctx, fm)
    if first.lstrip(" ").startswith("- "):  # a list item: its dash under the key, or indented a step
        allowed = (parent_indent, parent_indent + step)
        if indent in allowed or below - 2 not in allowed:
            return None
        meant = below - 2
    else:
        if indent == parent_indent + step or below != parent_indent + step:
            return None
        meant = below
    spaces = lambda n: f"{n} space{'s' if n != 1 else ''}"  # noqa: E731
    return (src.line_starts[above_no - 1] + indent,
            f"this line is indented by {spaces(indent)}; the line below it and the rest of the front matter expect "
            f"{spaces(meant)}", f"indent it by {spaces(meant)}")


def _after_closed_value(key: str, value: str):
    """Message and hint for text after a value that YAML took as complete: a quoted text
    closed early (quotes inside it), or a ``[...]``/``{...}`` read as a list or mapping. The
    hint is the line with the whole value as text, as written."""
    first = value[0]
    if first in "[{":
        kind = "list" if first == "[" else "mapping"
        return (f"a value that begins with '{first}' is read as a {kind}, and text follows it",
                f"put the whole value in double quotes: {key}: {double_quoted(value)}")
    # quotes around the whole value were meant as its quotes: the text is what they hold
    text = value[1:-1] if len(value) >= 2 and value[-1] == first else value
    if "'" in text:
        written = double_quoted(text)  # double quotes keep the single ones as text
    else:
        written = "'" + text + "'"  # single quotes keep the double ones as text
    which = "double" if first == '"' else "single"
    nth = "second" if value.count(first) >= 2 else "first"
    return (f"text follows the closing {which} quote: the value ends at the {nth} {first}, before the rest of the line",
            f"keep the quotes inside as text: {key}: {written}")


@register
class YamlSyntaxError(Rule):
    """The front matter is not valid YAML.

    ## What it does
    Reports the place where the YAML reader gave up, with the reason in plain words.

    ## Why is this bad?
    The pipeline cannot read any field of an article whose front matter does not parse.

    ## Example
    ```yaml
    title: Breaking: storm hits the coast
    ```
    Use instead:
    ```yaml
    title: "Breaking: storm hits the coast"
    ```
    """

    code = "FM003"
    name = "yaml-syntax-error"
    phase = SOURCE
    only_if = "structure_problems"

    def check(self, ctx):
        for p in _problems(ctx, "syntax", "alias-undefined"):
            if p.kind == "alias-undefined":
                yield ctx.diag(self, f"the alias *{p.detail['anchor']} refers to no anchor &{p.detail['anchor']}",
                               ctx.source.span(p.start, p.end), hint="define the anchor before using it")
                continue
            if "unclosed_quote_at" in p.detail:
                at = p.detail["unclosed_quote_at"]
                failed = ctx.source.position(p.start).line
                yield ctx.diag(self, f"a quoted value starting here is not closed on its line (YAML fails on line {failed})",
                               ctx.source.span(at, at + 1), hint="add the missing closing quote at the end of the value")
                continue
            text = ctx.source.text
            message, hint = _syntax_words(p.detail.get("problem", ""), p.detail.get("context", ""),
                                          text[p.start] if p.start < len(text) else "")
            at, message, hint = _placed(ctx, p, message, hint)
            if hint is not None and hint.startswith("put the whole value in double quotes: key:"):
                hint = _quoted_hint(ctx, p.start) or hint
            yield ctx.diag(self, message, ctx.source.span(at, at), hint=hint)


@register
class DuplicateKey(Rule):
    """A key appears twice in the same mapping.

    ## What it does
    Reports the second (and any later) occurrence of a key in one mapping.

    ## Why is this bad?
    YAML readers silently keep one of the two values (PyYAML keeps the last), so an edit to the
    first occurrence has no effect and nobody notices.

    ## Example
    ```yaml
    title: "Old headline"
    title: "New headline"
    ```
    Use instead: keep one `title`.
    """

    code = "FM004"
    name = "duplicate-key"
    phase = SOURCE
    only_if = "structure_problems"

    def check(self, ctx):
        for p in _problems(ctx, "duplicate-key"):
            first = ctx.source.position(p.detail["first"])
            yield ctx.diag(self, f"duplicate key '{p.detail['key']}': it is already defined on line {first.line}",
                           ctx.source.span(p.start, p.end), hint="remove one of the two; the last one wins")


@register
class FrontMatterNotMapping(Rule):
    """The front matter is empty or is not a set of `key: value` fields.

    ## What it does
    Checks that the YAML between the fences is a mapping.

    ## Why is this bad?
    The pipeline looks fields up by name; a list, a lone value or nothing at all has no fields.

    ## Example
    ```yaml
    ---
    - title: "A headline"
    ---
    ```
    Use instead: `title: "A headline"` without the leading `- `.
    """

    code = "FM005"
    name = "front-matter-not-mapping"
    phase = SOURCE
    only_if = "structure_problems"

    def check(self, ctx):
        doc = ctx.document
        if doc is None or not doc.ok or isinstance(doc.data, dict):
            return
        if doc.data is None:
            yield ctx.diag(self, "the front matter is empty", ctx.fence_span(),
                           hint="add the article's fields between the two '---' lines")
        else:
            kind = "a list" if isinstance(doc.data, list) else "a single value"
            yield ctx.diag(self, f"the front matter is {kind}, not 'key: value' fields",
                           ctx.value_span(()), hint="write one 'key: value' field per line")


@register
class YamlTooComplex(Rule):
    """The YAML nests too deeply or expands aliases too much.

    ## What it does
    Stops reading YAML that nests deeper than 64 levels, uses more than 100 aliases, refers to
    itself through an alias, or would expand to more than 20,000 values.

    ## Why is this bad?
    Such YAML is never a real article; it is a mistake or an attack ("billion laughs") that can
    exhaust the memory or crash the tools that read it.

    ## Example
    ```yaml
    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    ```
    """

    code = "FM006"
    name = "yaml-too-complex"
    phase = SOURCE
    only_if = "structure_problems"

    def check(self, ctx):
        for p in _problems(ctx, "too-deep", "alias-cycle", "alias-limit", "too-many-nodes"):
            if p.kind == "too-deep":
                message = f"the YAML nests more than {MAX_DEPTH} levels deep"
            elif p.kind == "alias-cycle":
                message = f"the alias *{p.detail['anchor']} refers to the value that contains it"
            elif p.kind == "alias-limit":
                message = (f"aliases expand the YAML too much (more than {MAX_ALIASES} aliases "
                           "or 20,000 values)")
            else:
                message = f"the front matter holds more than {p.detail.get('limit', 0):,} values"
            yield ctx.diag(self, message, ctx.source.span(p.start, p.end),
                           hint="write the values out plainly; front matter needs no anchors or deep nesting")


@register
class UnsupportedTag(Rule):
    """A YAML tag that lint-news and the pipeline will not construct.

    ## What it does
    Reports explicit tags other than the plain ones (`!!str`, `!!int`, `!!float`, `!!bool`,
    `!!null`, `!!timestamp`), such as `!!binary`, `!!set` or `!!python/object`, and values that
    do not fit their tag (`!!int 0xZZ`).

    ## Why is this bad?
    Tags like `!!python/object/apply` run code in unsafe readers; others are read differently
    by different tools. Front matter needs none of them.

    ## Example
    ```yaml
    quality: !!int 0xZZ
    ```
    Use instead: `quality: 54`.
    """

    code = "FM007"
    name = "unsupported-yaml-tag"
    phase = SOURCE
    only_if = "structure_problems"

    def check(self, ctx):
        for p in _problems(ctx, "unsupported-tag", "bad-scalar"):
            if p.kind == "bad-scalar":
                value = p.detail["value"]
                shown = value if len(value) <= 40 else value[:37] + "..."
                if p.detail.get("explicit", True):
                    message = f"'{shown}' cannot be read as !!{p.detail['tag']}"
                    hint = "remove the tag or correct the value"
                else:  # a plain number too long to read (Python reads at most 4,300 digits)
                    message = f"the number '{shown}' is too long to read ({len(value):,} characters)"
                    hint = "put it in quotes if it is text, or correct the number"
            else:
                message = f"the YAML tag {p.detail['tag']} is not supported in front matter"
                hint = "remove the tag; the value is read as plain text, list or mapping"
            yield ctx.diag(self, message, ctx.source.span(p.start, p.start + 1), hint=hint)


@register
class FileTooLarge(Rule):
    """The file or its front matter is too large to be an article.

    ## What it does
    Refuses files over 10 MiB, front matter over 1,000,000 characters and front-matter lines over
    65,536 characters, without reading them whole.

    ## Why is this bad?
    No article needs that much metadata; such files are generated by mistake, or sent to slow
    down every tool that reads them.

    ## Example
    A front matter with a 200 KB `excerpt` on one line.
    """

    code = "FM008"
    name = "file-too-large"
    phase = SOURCE
    only_if = "structure_problems"

    def check(self, ctx):
        for p in _problems(ctx, "too-large", "line-too-long"):
            what = "a front-matter line" if p.kind == "line-too-long" else "the front matter"
            yield ctx.diag(self, f"{what} is too large ({p.detail['size']:,} characters, limit {p.detail['limit']:,})",
                           ctx.source.span(p.start, p.start), hint="shorten it; the file was not checked further")


@register
class NonStringKey(Rule):
    """A key that is not plain text.

    ## What it does
    Reports keys that YAML reads as something other than text: numbers, `true`/`false`/`yes`/`no`,
    `null`, or lists and mappings used as keys.

    ## Why is this bad?
    Field names are text; `yes:` becomes the boolean `true` in YAML 1.1 and no field matches it.

    ## Example
    ```yaml
    2024: "Year in review"
    ```
    Use instead: `"2024": "Year in review"`, or a named field.
    """

    code = "FM009"
    name = "non-string-key"
    severity = Severity.ERROR
    phase = SOURCE
    only_if = "structure_problems"

    def check(self, ctx):
        for p in _problems(ctx, "non-string-key", "complex-key", "bad-merge"):
            if p.kind == "complex-key":
                message, hint = "a list or mapping is used as a key", "keys must be plain text"
            elif p.kind == "bad-merge":
                message, hint = "'<<' merges only mappings", "merge an anchored mapping: <<: *base"
            elif not p.detail["raw"]:
                message, hint = "a key is missing: an empty key is read as null", "write the field's name before the ':'"
            else:
                message = f"the key {p.detail['raw']} is read as {p.detail['tag'] or 'a non-text value'}, not as text"
                hint = f"put it in quotes: \"{p.detail['raw']}\""
            yield ctx.diag(self, message, ctx.source.span(p.start, p.end), hint=hint)


@register
class UnreadableFile(Rule):
    """The file could not be read.

    ## What it does
    Reports files that disappear, are not regular files, or cannot be opened.

    ## Why is this bad?
    A file nobody can read is a file nobody checked.

    ## Example
    A directory named `story.md`, or a file without read permission.
    """

    code = "FM010"
    name = "unreadable-file"
    phase = SOURCE
    only_if = "structure_problems"

    def check(self, ctx):
        return ()  # emitted by the engine, which does the reading


@register
class InternalError(Rule):
    """lint-news failed on this file.

    ## What it does
    Reports a file on which lint-news itself failed or ran out of its time budget; the rest of
    the run goes on.

    ## Why is this bad?
    The file was not fully checked. Please report it with the file attached.

    ## Example
    Any file that made a check raise an unexpected error.
    """

    code = "FM011"
    name = "internal-error"
    phase = SOURCE
    only_if = "structure_problems"

    def check(self, ctx):
        return ()  # emitted by the engine


@register
class UnusedSuppression(Rule):
    """A `# lint-news: disable=...` comment that silences nothing.

    ## What it does
    Reports suppression comments whose codes match no diagnostic on their line (or, for
    `disable-file`, in the file).

    ## Why is this bad?
    A suppression that outlived its problem hides the next real one on that line.

    ## Example
    ```yaml
    title: "A clean headline"  # lint-news: disable=ENC001
    ```
    Use instead: remove the comment.
    """

    code = "FM012"
    name = "unused-suppression"
    severity = Severity.WARNING
    phase = SOURCE
    only_if = "structure_problems"

    def check(self, ctx):
        return ()  # emitted by the engine, which applies the suppressions


@register
class CommentInValue(Rule):
    """An unquoted value cut short by ` #`, which YAML reads as the start of a comment.

    ## What it does
    Reports a plain (unquoted) value followed on its line by a space and a `#` with text right
    after it, as in a hashtag or a rank: YAML ends the value at the space and drops the rest
    as a comment. Comments written as comments (`# note`, with a space after `#`) are fine.

    ## Why is this bad?
    The file reads without error, but the pipeline gets a shorter text than the editor wrote:
    `title: We're #1 again` publishes the headline "We're".

    ## Example
    ```yaml
    title: Why #MeToo still matters
    ```
    Use instead: `title: "Why #MeToo still matters"`.
    """

    code = "FM013"
    name = "comment-in-value"
    severity = Severity.WARNING

    def check(self, ctx):
        fm = ctx.split.front_matter if ctx.split is not None else None
        doc = ctx.document
        if fm is None or doc is None or not doc.ok:
            return
        text = ctx.source.text
        # a one-character search first: it is ten times as fast as one for " #" in text that is
        # not ASCII, and most front matter holds no '#' at all
        hash_at = text.find("#", fm.start + 1, fm.end)
        while hash_at >= 0:
            at = hash_at - 1
            after = text[hash_at + 1:hash_at + 2]
            if text[at] == " " and at > fm.start and not text[at - 1].isspace() and after and not after.isspace():
                found = self._cut(ctx, at)
                if found is not None:
                    yield found
            hash_at = text.find("#", hash_at + 1, fm.end)

    def _cut(self, ctx, at: int):
        """The finding for a plain string value that ends at ``at`` (the space before ``#``)."""
        doc = ctx.document
        path = ctx.field_at(at - 1)
        loc = doc.loc(path) if path is not None else None
        value = ctx.document_value(path) if loc is not None else None
        text = ctx.source.text
        if not isinstance(value, str) or loc.end != at or text[loc.start] in "\"'|>":
            return None
        end = text.find("\n", at)
        comment = text[at + 1:end if end >= 0 else len(text)].rstrip("\r")
        key = path[-1] if isinstance(path[-1], str) else None
        written = double_quoted(text[loc.start:at] + " " + comment)
        if "\n" in written or "\r" in written or len(written) > 82:
            fix_hint = "put the whole value in double quotes"
        else:
            fix_hint = f'put the whole value in double quotes: {key + ": " if key else ""}{written}'
        shown = comment if len(comment) <= 40 else comment[:37] + "..."
        return ctx.diag(self, f"{format_path(path)} is cut short: YAML reads '{shown}' as a comment, "
                        f"so the value is only '{value}'", ctx.source.span(at + 1, at + 1 + len(comment)),
                        field=path, hint=fix_hint)


_OCTAL = re.compile(r"[-+]?0[0-7_]+\Z")


def _plain_typed_values(ctx, seen: str):
    """``(path, scalar)`` of each plain value YAML typed, for the checks of YAML 1.1 readings;
    nothing when the reader saw no such reading (``Document.octal``, ``Document.yaml11``: most
    files). Values where the schema wants text are left out: SC003 reports them, and explains
    the reading."""
    doc = ctx.document
    if doc is None or not doc.ok or not getattr(doc, seen):
        return
    wrong_type = {d.field for d in ctx.schema_errors if d.code == "SC003"}
    for path, scalar in doc.typed.items():
        if scalar.plain and path not in wrong_type:
            yield path, scalar


@register
class OctalNumber(Rule):
    """A number written with a leading zero, which YAML 1.1 readers take for an octal number.

    ## What it does
    Reports unquoted numbers such as `054`: PyYAML and other YAML 1.1 readers read a leading
    zero as octal (`054` is 44), YAML 1.2 readers as decimal (54). Numbers that are the same
    either way (`07`) are not reported, nor are those where the schema wants text (SC003
    reports them, with the same explanation).

    ## Why is this bad?
    The pipeline may store another number than the one the editor wrote, and two tools reading
    the same file disagree about it.

    ## Example
    ```yaml
    quality: 054
    ```
    Use instead: `quality: 54`.
    """

    code = "FM014"
    name = "octal-number"
    severity = Severity.WARNING

    def check(self, ctx):
        for path, scalar in _plain_typed_values(ctx, "octal"):
            if scalar.tag != "int" or not _OCTAL.match(scalar.raw) or "_" in scalar.raw:
                continue  # (0_10 is text to a YAML 1.2 reader: FM015 says so)
            value = ctx.document_value(path)
            decimal = int(scalar.raw, 10)
            if value == decimal:
                continue
            yield ctx.diag(self, f"{format_path(path)} is written {scalar.raw}, which YAML 1.1 readers take for the "
                           f"octal number {value} (YAML 1.2 readers for {decimal})", ctx.value_span(path), field=path,
                           hint=f"write {decimal} without the leading 0, or \"{scalar.raw}\" in quotes if it is a code")


@register
class Yaml11Value(Rule):
    """A value that YAML 1.1 and YAML 1.2 readers read differently, such as `yes` or `1:30`.

    ## What it does
    Reports unquoted `yes`, `no`, `on` and `off` (in any case), numbers written with colons and
    numbers written with underscores: PyYAML and other YAML 1.1 readers take them for true,
    false, a base-60 number (`1:30` is 90) and a number (`1_280` is 1280); YAML 1.2 readers,
    JavaScript's among them, for text. Where the schema wants text, SC003 reports the value
    instead, with the same explanation.

    ## Why is this bad?
    The schema check passes, yet a pipeline with a YAML 1.2 reader sees the text "yes" where it
    expects true, or "1:30" where it expects a number; two tools reading the same file disagree.

    ## Example
    ```yaml
    published: yes
    quality: 1:30
    ```
    Use instead: `published: true` and `quality: 90`.
    """

    code = "FM015"
    name = "yaml-1-1-value"
    severity = Severity.WARNING

    def check(self, ctx):
        for path, scalar in _plain_typed_values(ctx, "yaml11"):
            said = _yaml11_reading(scalar, ctx.document_value(path))
            if said is not None:
                reading, hint = said
                yield ctx.diag(self, f"{format_path(path)} is written {scalar.raw}, which YAML 1.1 readers take for "
                               f"{reading} and YAML 1.2 readers for the text \"{scalar.raw}\"",
                               ctx.value_span(path), field=path, hint=hint)


def _yaml11_reading(scalar, value):
    """``(what YAML 1.1 reads, hint)`` for a plain value only YAML 1.1 reads as other than
    text: yes/no/on/off, a number with colons (base 60) or with underscores; else ``None``."""
    raw = scalar.raw
    if scalar.tag == "bool" and raw in YAML11_WORDS:
        word = "true" if value else "false"
        return word, f"write {word}, or \"{raw}\" in quotes if it is text"
    if scalar.tag not in ("int", "float"):
        return None
    if ":" in raw:
        return f"the base-60 number {value}", f"write {value}, or \"{raw}\" in quotes if it is a time or a score"
    if "_" in raw:
        hint = "write the number without the underscores and the leading 0" if _OCTAL.match(raw) \
            else f"write {value}, without the underscores"
        return f"the number {value}", hint
    return None


@register
class AnchorInValue(Rule):
    """An unquoted value that begins with `&`, which YAML reads as an anchor name and drops.

    ## What it does
    Reports a value written `&word text` whose anchor no alias (`*word`) uses: YAML takes
    `&word` for the name of an anchor, not for text, and the value is only what follows it.

    ## Why is this bad?
    The file reads without error, but the pipeline gets less than the editor wrote:
    `title: &Co report on the storm` publishes the headline "report on the storm".

    ## Example
    ```yaml
    title: &Co report on the storm
    ```
    Use instead: `title: "&Co report on the storm"`.
    """

    code = "FM016"
    name = "anchor-in-value"

    def check(self, ctx):
        doc = ctx.document
        if not doc.unused_anchors:
            return
        text = ctx.source.text
        for name, at in doc.unused_anchors:
            path = ctx.field_at(at)
            value = ctx.document_value(path) if path else None
            if not isinstance(value, str) or not path:
                continue
            end = text.find("\n", at)
            line = text[at:end if end >= 0 else len(text)].rstrip("\r")
            written = double_quoted(line)
            lead = f"{path[-1]}: " if isinstance(path[-1], str) else "- "
            hint = (f"put the whole value in double quotes: {lead}{written}" if len(written) <= 82
                    else "put the whole value in double quotes")
            shown = value if len(value) <= 40 else value[:37] + "..."
            yield ctx.diag(self, f"{format_path(path)} begins with '&{name}', which YAML reads as the name of an "
                           f"anchor, not as text: the value is only '{shown}'",
                           ctx.source.span(at, at + 1 + len(name)), field=path, hint=hint)
