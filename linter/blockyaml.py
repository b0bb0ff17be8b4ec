"""A line reader for the plain block YAML that front matter is nearly always written in.

Front matter is, as a rule, one mapping of ``key: value`` lines, nested mappings and ``- ``
lists, one-line scalars (plain, ``"double"`` or ``'single'`` quoted) and comments. This module
reads exactly that subset, line by line, and produces what the libyaml composer path in
:mod:`linter.document` produces for it: the same data, the same YAML 1.1 typing of plain
scalars, and the same offsets for every key and value (a block collection ends where the
next token starts, as in libyaml).

It gives up (returns ``None``) on anything else: flow collections, block scalars, multi-line
scalars, anchors, aliases, tags, empty values, duplicate keys, tabs, unusual line breaks,
directives, keys that are not simple words, and anything that looks like an error. Giving up
is always safe: the caller reads the document the slow way. The differential tests hold the
two readers to identical output.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Optional, Tuple

from yaml.resolver import Resolver

# Characters this reader leaves to the other paths: tabs, line breaks other than \n (CRLF
# among them), a byte-order mark, and what YAML refuses outright (C0 and C1 controls,
# surrogates, U+FFFE, U+FFFF).
_U = r"\t\r\x85\u2028\u2029\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff"
# One content line: indentation, an optional "- " (with its spaces), an optional simple key,
# and a one-line scalar, then spaces and a comment. Anchored at line starts, so that a line the
# pattern refuses yields no row at all; the quotes and the dash's spaces are kept in the groups
# (so that an absent group, "" from findall, differs from an empty value, '""'). No class takes
# a character of _U: a line holding one is refused without a scan of its own.
_ROW = re.compile(rf"""(?m)^
    (\ *)                                                     # 1: indentation
    (-(?:\ +|(?=\n)))?                                        # 2: a list item's dash
    (?:([A-Za-z0-9_$][^\s:\#,\[\]{{}}"'&*!|>%@`{_U}]*):(?:\ +|(?=\n)))?   # 3: a simple key
    (?:("[^"\\\n{_U}]*(?:\\[^\n{_U}][^"\\\n{_U}]*)*")          # 4: "double quoted"
      |('[^'\n{_U}]*(?:''[^'\n{_U}]*)*')                      # 5: 'single quoted'
      |([^\s\#"'\[\]{{}}&*!|>%@`,{_U}][^\n\ {_U}]*(?:\ +[^\s\#{_U}][^\n\ {_U}]*)*)  # 6: plain
    )?
    \ *(?:(?<![^\ \n])\#[^\n{_U}]*)?\n                       # spaces, a comment, the end
""", re.VERBOSE)
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_SIMPLE_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}
_MAX_DEPTH = 24


class _GiveUp(Exception):
    pass


def _unescape(body: str) -> str:
    def one(m):
        code = m.group(1)
        if len(code) == 1:
            if code not in _SIMPLE_ESCAPES:
                raise _GiveUp()
            return _SIMPLE_ESCAPES[code]
        value = int(code[1:], 16)
        if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
            raise _GiveUp()
        return chr(value)

    return _ESCAPE.sub(one, body) if "\\" in body else body


class _Frame:
    __slots__ = ("indent", "is_map", "value", "path", "start", "key_start", "key_end")

    def __init__(self, indent, is_map, value, path, start, key_start=None, key_end=None):
        self.indent = indent  # the column of its keys or dashes
        self.is_map = is_map
        self.value = value
        self.path = path
        self.start = start  # offsets in the whole file
        self.key_start = key_start
        self.key_end = key_end


def read_data(source: str, resolve, value_of) -> Any:
    """The data alone (see :func:`read`), or ``NOT_READ`` when the document is outside the
    subset. ``value_of(text, kind)`` is the value of a plain scalar typed ``kind``.

    The compiled reader (:mod:`linter.accel`) does the same as :func:`_read_data`, about five
    times faster; it hands typing and escapes back to this module."""
    src = source if source.endswith("\n") else source + "\n"
    try:
        if _ACCEL is not None:
            found = _ACCEL.read_data(src, _TEXT_KEYS, _text_key, _mapping_plain, _item_plain, _unescape,
                                     resolve, value_of)
            return NOT_READ if found is None else found
        return _read_data(src, resolve, value_of)
    except (_GiveUp, ValueError, OverflowError):
        return NOT_READ


NOT_READ = object()


def read(source: str, base: int, resolve, convert) -> Optional[Tuple[Any, Dict, Dict]]:
    """``(data, index, typed)`` as :func:`linter.document._load_composed` gives them, or
    ``None`` when the document is outside the subset this reader handles.

    ``base`` is the offset of ``source`` in the file. ``resolve(text)`` is the YAML 1.1 tag of
    a plain scalar; ``convert(text, kind, path, typed)`` turns a plain scalar that is not a
    string into its value and records how it was typed.
    """
    try:
        return _read(source if source.endswith("\n") else source + "\n", len(source), base, resolve, convert)
    except (_GiveUp, ValueError, OverflowError):
        return None


def _read(src: str, end_of_stream: int, base: int, resolve, convert):
    from .document import Loc

    index: Dict[Tuple[Any, ...], Loc] = {}
    typed: Dict[Tuple[Any, ...], Any] = {}
    stack: list = []
    root = None
    top = None
    pending = None  # a "key:" whose value is a block on the next lines: (map frame, key, key start, key end)
    pos = 0
    new_loc = tuple.__new__
    for m in _ROW.finditer(src):
        if m.start() != pos:
            raise _GiveUp()  # a line the pattern does not take whole
        line_start = pos
        pos = m.end()
        indent_s, dash, key, dq, sq, plain = m.groups()
        if key is None and dash is None:
            if dq is None and sq is None and plain is None:
                continue  # a blank line or a comment line
            raise _GiveUp()  # a scalar alone on its line
        indent = len(indent_s)
        content = line_start + indent  # where this line's first token starts
        if top is None or indent != top.indent or (dash is None) != top.is_map or pending is not None:
            top = _enter(stack, index, indent, content, dash, key, pending, base, Loc, root is not None)
            pending = None
            if root is None:
                root = stack[0].value
        if dash is not None:
            path = top.path + (len(top.value),)
            if key is None:
                if dq is None and sq is None and plain is None:
                    raise _GiveUp()  # "-" alone: an empty item, or one on the next lines
                value, vstart, vend = _scalar(m, dq, sq, plain, path, resolve, convert, typed)
                top.value.append(value)
                index[path] = new_loc(Loc, (base + vstart, base + vend, None, None))
                continue
            # "- key: value": a mapping starts inside the item, its keys at this key's column
            if len(stack) >= _MAX_DEPTH:
                raise _GiveUp()
            frame = _Frame(indent + len(dash), True, {}, path, base + m.start(3))
            top.value.append(frame.value)
            stack.append(frame)
            top = frame
        # a mapping entry
        mapping = top.value
        if key in mapping:
            raise _GiveUp()  # a duplicate key: the event path reports it
        if key not in _TEXT_KEYS:
            _text_key(key, resolve)
        kstart = base + m.start(3)
        if dq is not None or sq is not None or plain is not None:
            path = top.path + (key,)
            mapping[key], vstart, vend = _scalar(m, dq, sq, plain, path, resolve, convert, typed)
            index[path] = new_loc(Loc, (base + vstart, base + vend, kstart, kstart + len(key)))
        else:
            mapping[key] = None
            pending = (top, key, kstart, kstart + len(key))
    if pos != len(src) or pending is not None or root is None:
        raise _GiveUp()
    for frame in stack:
        index[frame.path] = Loc(frame.start, base + end_of_stream, frame.key_start, frame.key_end)
    return root, index, typed


def _read_data(src: str, resolve, value_of):
    """:func:`_read` without offsets or typing records: the data alone, for the common case of
    a file with nothing to report (whose positions are then never asked for). It accepts and
    refuses exactly what :func:`_read` does; the tests hold the two together."""
    rows = _ROW.findall(src)
    if len(rows) != src.count("\n"):
        raise _GiveUp()  # a line the pattern does not take whole
    stack: list = []
    root = None
    top = None
    pending = None
    for indent_s, dash, key, dq, sq, plain in rows:
        if not key and not dash:
            if dq or sq or plain:
                raise _GiveUp()
            continue
        indent = len(indent_s)
        if top is None or indent != top.indent or (not dash) != top.is_map or pending is not None:
            top = _enter(stack, None, indent, 0, dash or None, key or None, pending, 0, None, root is not None)
            pending = None
            if root is None:
                root = stack[0].value
        if dash:
            if not key:
                if not (dq or sq or plain):
                    raise _GiveUp()
                top.value.append(_scalar_value(dq[1:-1] if dq else None, sq[1:-1] if sq else None,
                                               plain or None, resolve, value_of))
                continue
            if len(stack) >= _MAX_DEPTH:
                raise _GiveUp()
            frame = _Frame(indent + len(dash), True, {}, None, 0)
            top.value.append(frame.value)
            stack.append(frame)
            top = frame
        mapping = top.value
        if key in mapping:
            raise _GiveUp()
        if key not in _TEXT_KEYS:
            _text_key(key, resolve)
        if plain:
            if plain[0] in _LOOK_CLOSER or ": " in plain or plain[-1] == ":":
                mapping[key] = _mapping_plain(plain, resolve, value_of)
            else:
                mapping[key] = plain  # most plain values: text, nothing to check
        elif dq:
            mapping[key] = _unescape(dq[1:-1]) if "\\" in dq else dq[1:-1]
        elif sq:
            mapping[key] = sq[1:-1].replace("''", "'")
        else:
            mapping[key] = None
            pending = (top, key, None, None)
    if pending is not None or root is None:
        raise _GiveUp()
    return root


def _mapping_plain(plain: str, resolve, value_of) -> Any:
    """The value of a plain scalar of a mapping entry that may not be text: one whose first
    character may start a typed value (or is '-', '?' or ':'), or that holds ': ' or ends
    with ':'. Gives up on what YAML would refuse or read otherwise."""
    known = _KNOWN.get(plain, _UNKNOWN)
    if known is not _UNKNOWN:
        if plain in YAML11_WORDS:
            YAML11_READ[0] += 1
        return known
    if ": " in plain or plain[-1] == ":":
        raise _GiveUp()  # "a: b" inside a value, or "a:" with no value: as _plain_kind
    if is_plain_decimal(plain) and len(plain) < 19:
        return int(plain)  # an int in YAML 1.1 as in any YAML
    if len(plain) > 5 and plain[0].isalpha():
        return plain  # text: no YAML 1.1 boolean or null is longer than five letters
    if len(plain) > 5 and plain[4:5] == "-" and plain[:4].isdigit():
        # no number has a '-' after four digits: a date-time is typed, but stays text here,
        # and is recorded for the schema rules (a date where text belongs)
        DATES_READ.append(plain)
        return plain
    kind = _plain_kind(plain, resolve)
    return plain if kind is None else value_of(plain, kind)


def _item_plain(plain: str, resolve, value_of) -> Any:
    """The value of a plain scalar that is a list item (the compiled reader's hand-back)."""
    return _scalar_value(None, None, plain, resolve, value_of)


def is_plain_decimal(text: str) -> bool:
    """ASCII digits without a leading zero (which YAML 1.1 reads as octal): a decimal int."""
    return text.isdigit() and text.isascii() and (text[0] != "0" or len(text) == 1)


def _scalar_value(dq, sq, plain, resolve, value_of):
    if dq is not None:
        return _unescape(dq) if "\\" in dq else dq
    if sq is not None:
        return sq.replace("''", "'")
    kind = _plain_kind(plain, resolve)
    return plain if kind is None else value_of(plain, kind)


def _text_key(key: str, resolve) -> None:
    """Give up on a key YAML 1.1 types (a number, a date, ...): the other paths handle those."""
    if resolve(key) != _STR:
        raise _GiveUp()
    if len(_TEXT_KEYS) < 4096:
        _TEXT_KEYS.add(key)


def _plain_kind(plain: str, resolve) -> Optional[str]:
    """``None`` for a plain scalar that is text, else its YAML 1.1 kind (``int``, ``bool``,
    ...); gives up on one that YAML would refuse or that this reader does not convert."""
    first = plain[0]
    if ": " in plain or plain[-1] == ":" or first in "-?:" and plain[1:2] in ("", " "):
        raise _GiveUp()
    if first not in _MAY_BE_TYPED:
        return None
    tag = _TAGS.get(plain) or resolve(plain)
    if tag == _STR:
        return None
    if tag not in _CONVERTIBLE:
        raise _GiveUp()
    if len(plain) < 16 and len(_TAGS) < 4096:  # short values (numbers, booleans) repeat
        _TAGS[plain] = tag
    return tag[len(_TAG):]


def _enter(stack, index, indent, content, dash, key, pending, base, Loc, started=False):
    """Close the collections this line ends (they end where its first token starts), open the
    one a pending ``key:`` starts, and return the collection the line belongs to."""
    while stack:
        top = stack[-1]
        if top.indent > indent or (top.indent == indent and not top.is_map and dash is None
                                   and len(stack) > 1 and stack[-2].indent == indent):
            stack.pop()
            if index is not None:
                index[top.path] = Loc(top.start, base + content, top.key_start, top.key_end)
            continue
        break
    if pending is not None:
        parent, pkey, pks, pke = pending
        if dash is not None:
            ok = indent >= parent.indent  # a list may sit at its key's column
        else:
            ok = key is not None and indent > parent.indent
        if not ok or not stack or stack[-1] is not parent or len(stack) >= _MAX_DEPTH:
            raise _GiveUp()  # an empty value (null), a scalar on the next line, or too deep
        frame = _Frame(indent, dash is None, {} if dash is None else [],
                       None if parent.path is None else parent.path + (pkey,), base + content, pks, pke)
        parent.value[pkey] = frame.value
        stack.append(frame)
    elif not stack:
        if indent != 0 or dash is not None or started:
            raise _GiveUp()  # the document is not one mapping at the left margin
        stack.append(_Frame(0, True, {}, () if index is not None else None, base + content))
    top = stack[-1]
    if top.indent != indent or top.is_map != (dash is None):
        raise _GiveUp()
    return top


def _scalar(m, dq, sq, plain, path, resolve, convert, typed):
    """The one-line scalar the line ``m`` ends with: ``(value, start, end)`` in ``src``, its
    typing recorded in ``typed``."""
    group = 4 if dq is not None else 5 if sq is not None else 6
    value = _scalar_value(dq and dq[1:-1], sq and sq[1:-1], plain, resolve,
                          lambda text, kind: convert(text, kind, path, typed))
    return value, m.start(group), m.end(group)


_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_CONVERTIBLE = frozenset(_TAG + k for k in ("int", "float", "bool", "null", "timestamp"))
# Plain scalars that start with anything else are text in YAML 1.1 (PyYAML's resolvers are
# keyed by first character); the rest are resolved, and short ones remembered.
_MAY_BE_TYPED = frozenset(Resolver.yaml_implicit_resolvers)
_TAGS: Dict[str, str] = {}
_LOOK_CLOSER = _MAY_BE_TYPED | frozenset("-?:")  # first characters :func:`_plain_kind` must see
_TEXT_KEYS: set = set()
# plain values whose YAML 1.1 value is not text, read without the resolver
_KNOWN = {**{w: True for w in ("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON")},
          **{w: False for w in ("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF")},
          **{w: None for w in ("~", "null", "Null", "NULL")}}
_UNKNOWN = object()
# of those, the words only YAML 1.1 reads as true or false (YAML 1.2 as text); each reading
# is counted, as linter.document counts octal numbers, so that FM015 looks only when one was
YAML11_WORDS = frozenset(("yes", "Yes", "YES", "on", "On", "ON", "no", "No", "NO", "off", "Off", "OFF"))
YAML11_READ = [0]
# the plain mapping values read while a document is read that YAML 1.1 may take for dates
# (four digits and a '-'): linter.document keeps them as the document's ``dates``
DATES_READ: list = []


def _configured():
    """The compiled reader (:mod:`linter.accel`), told which first characters to hand back."""
    from .accel import ACCEL

    if ACCEL is not None:
        ACCEL.configure("".join(sorted(c for c in _LOOK_CLOSER if c)))
        ACCEL.record_dates(DATES_READ)
    return ACCEL


_ACCEL = _configured()
