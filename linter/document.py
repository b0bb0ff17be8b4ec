"""Front-matter YAML -> plain data, a path -> span index, and the problems found on the way.

The YAML is read as an event stream (``yaml.parse``: iterative, its stack on the heap), and
the data is built here, by a loop with an explicit stack, instead of by PyYAML's composer and
constructor. That one pass gives us:

* positions for every key and value (character offsets in the whole file: the fence offset is
  added here and nowhere else);
* bounded depth and bounded alias expansion, checked as the events arrive, so hostile input
  stops early (libyaml's composer recurses in C and crashes the process on deep nesting);
* no cyclic data, no object construction from tags, no exception escaping from the
  constructor (``2024-02-30`` or ``!!int 0xZZ``): each becomes a problem value;
* timestamps kept as their source text, so that the date checks judge them;
* duplicate keys, which PyYAML silently overwrites.

Two faster readers come first and give up on anything unusual, leaving it to the event path:
the line reader of :mod:`linter.blockyaml` for plain block YAML (the data first; positions
and typing only when a rule asks), then libyaml's composer with a short walk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

import yaml
from yaml import events as ev
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from . import blockyaml
from .frontmatter import FrontMatter

try:  # libyaml when it is there, the pure-Python parser otherwise
    from yaml import CSafeLoader as FastLoader

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as FastLoader

    HAVE_LIBYAML = False

PureLoader = yaml.SafeLoader

MAX_DEPTH = 64
MAX_ALIASES = 100
MAX_NODES = 20_000
MAX_FRONT_MATTER_CHARS = 1_000_000
MAX_LINE_CHARS = 65_536

TAG = "tag:yaml.org,2002:"
_IMPLICIT = {k: tuple(v) for k, v in Resolver.yaml_implicit_resolvers.items()}
_STR, _SEQ, _MAP = TAG + "str", TAG + "seq", TAG + "map"


def resolve_plain(value: str) -> str:
    """YAML 1.1 implicit typing of a plain scalar, as PyYAML's resolver does it, minus the
    path resolvers and list building it repeats for every scalar."""
    for tag, regexp in _IMPLICIT.get(value[0] if value else "", ()):
        if regexp.match(value):
            return tag
    return _STR


class _ComposeLoader(FastLoader):
    """libyaml's composer with the fast resolver (PyYAML's is called from C for every scalar)."""

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            return resolve_plain(value) if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

# Characters YAML refuses to read at all. They are reported by the encoding checks at their
# exact place; here they are replaced by spaces (same length) so that parsing can go on.
YAML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


class Loc(NamedTuple):
    """Offsets in the whole file of a value and, for mapping entries, of its key."""

    start: int
    end: int
    key_start: Optional[int] = None
    key_end: Optional[int] = None


@dataclass(frozen=True)
class Problem:
    """Something the reader could not accept. ``kind`` names it; rules turn it into words."""

    kind: str
    start: int
    end: int
    detail: Dict[str, Any] = field(default_factory=dict)


class Scalar(NamedTuple):
    """How a non-string value was written, for messages about YAML 1.1 implicit typing."""

    raw: str
    tag: str
    plain: bool


@dataclass
class Document:
    data: Any
    _index: Optional[Dict[Tuple[Any, ...], Loc]]  # None until first asked for (see ``_positions``)
    problems: List[Problem]
    _typed: Optional[Dict[Tuple[Any, ...], Scalar]]
    front_matter: Optional[FrontMatter]
    ok: bool  # False when the YAML could not be read; ``data`` is then None
    tainted: set = field(default_factory=set)  # paths of values with a tag problem already reported
    # reads the positions and typing when the document was first read for its data alone
    _positions: Optional[Callable[[], Tuple[Dict, Dict]]] = None
    octal: bool = False  # whether a plain number was read as YAML 1.1 octal (``054``)
    floats: bool = False  # whether a plain number was read as a decimal one (``640.0``)
    yaml11: bool = False  # whether a plain yes/no/on/off, a base-60 number (``1:30``) or ``1_280`` was read
    # ``(name, offset of its '&')`` of each anchor on a scalar that no alias uses: in
    # ``title: &Co report`` YAML took ``&Co`` for an anchor and dropped it from the text
    unused_anchors: Tuple[Tuple[str, int], ...] = ()
    # the plain values that YAML 1.1 may read as dates (four digits and a '-'), as written
    dates: Tuple[str, ...] = ()

    @property
    def index(self) -> Dict[Tuple[Any, ...], Loc]:
        """``{path: Loc}`` for every key and value."""
        if self._index is None:
            self._fill()
        return self._index

    @property
    def typed(self) -> Dict[Tuple[Any, ...], Scalar]:
        """How each plain scalar that is not a string was written."""
        if self._typed is None:
            self._fill()
        return self._typed

    def _fill(self) -> None:
        self._index, self._typed = self._positions() if self._positions is not None else ({}, {})

    def loc(self, path) -> Optional[Loc]:
        """The span of ``path`` or, if it has none of its own, of its nearest ancestor."""
        path = tuple(path)
        while True:
            found = self.index.get(path)
            if found is not None or not path:
                return found
            path = path[:-1]

    def strings(self):
        """Every string value at any depth, with its path: ``(path, text)``."""
        stack = [((), self.data)]
        seen = set()
        while stack:
            path, value = stack.pop()
            if isinstance(value, str):
                yield path, value
            elif isinstance(value, (dict, list)):
                if id(value) in seen:  # shared through an alias: once is enough
                    continue
                seen.add(id(value))
                items = value.items() if isinstance(value, dict) else enumerate(value)
                stack.extend((path + (k,), v) for k, v in reversed(list(items)))


class _Stop(Exception):
    """Raised inside the event loop to stop early on a limit; carries the problem."""

    def __init__(self, problem: Problem):
        self.problem = problem


_MISSING = object()
_SKIP = object()


class _Frame:
    __slots__ = ("kind", "value", "path", "start", "anchor", "key", "key_loc", "nodes_at_start", "merged", "seen")

    def __init__(self, kind, value, path, start, anchor, nodes_at_start):
        self.kind = kind
        self.value = value
        self.path = path
        self.start = start
        self.anchor = anchor
        self.key = _MISSING
        self.key_loc = None
        self.nodes_at_start = nodes_at_start
        self.merged = set()
        self.seen = {}


def load(text: str, fm: FrontMatter, pure: bool = False) -> Document:
    """Read the YAML between the fences of ``text`` into a :class:`Document`."""
    before, before11, floats = _OCTAL_READ[0], _YAML11_READ[0], _FLOAT_READ[0]
    _DATES_READ.clear()
    doc = _load(text, fm, pure)
    doc.octal = _OCTAL_READ[0] != before
    doc.floats = _FLOAT_READ[0] != floats
    doc.yaml11 = _YAML11_READ[0] != before11
    if _DATES_READ:
        doc.dates = tuple(_DATES_READ)
        _DATES_READ.clear()
    return doc


# how many plain numbers were read as octal so far: every reader converts them in ``_int``,
# and :func:`load` compares the count before and after a document (the data-only reader keeps
# no record of how a value was written)
_OCTAL_READ = [0]
_FLOAT_READ = [0]  # and as decimal numbers (a whole number written 640.0 where one is wanted)
# the same for the other values only YAML 1.1 reads so: yes/no/on/off, base-60 numbers and
# numbers with underscores (the data-only reader counts the words it knows in the same list)
_YAML11_READ = blockyaml.YAML11_READ
# and the plain values that may be dates: the data-only reader appends those of mappings,
# the other readers each value typed as a timestamp (``_value_of``, ``_Builder._scalar``)
_DATES_READ = blockyaml.DATES_READ
_TRUE, _FALSE = ("yes", "true", "on", "y"), ("no", "false", "off", "n")


def _load(text: str, fm: FrontMatter, pure: bool = False) -> Document:
    base = fm.start
    source = text[fm.start:fm.end]
    problems: List[Problem] = []
    if len(source) > MAX_FRONT_MATTER_CHARS:
        problems.append(Problem("too-large", base, base, {"size": len(source), "limit": MAX_FRONT_MATTER_CHARS}))
        return Document(None, {}, problems, {}, fm, False)
    if len(source) > MAX_LINE_CHARS:
        offset = 0
        for line in source.splitlines(True):
            if len(line) > MAX_LINE_CHARS:
                problems.append(Problem("line-too-long", base + offset, base + offset, {"size": len(line), "limit": MAX_LINE_CHARS}))
                return Document(None, {}, problems, {}, fm, False)
            offset += len(line)
    if not pure:
        # Most files have nothing to report, and nothing then asks where a value is: read the
        # data alone, and the positions only if some rule asks for them. (The line reader
        # refuses the characters replaced below, so it reads only text that needs no change.)
        data = blockyaml.read_data(source, resolve_plain, _value_of)
        if data is not blockyaml.NOT_READ:
            return Document(data, None, problems, None, fm, True, set(), lambda: _positions(source, base))
    if YAML_FORBIDDEN.search(source):
        source = YAML_FORBIDDEN.sub(" ", source)
    if not pure and HAVE_LIBYAML and _shallow(source):
        fast = _load_composed(source, base)
        if fast is not None:
            root, index, typed = fast
            return Document(root, index, problems, typed, fm, True)
    builder = _Builder(base, problems)
    loader = PureLoader if pure or not HAVE_LIBYAML else FastLoader
    try:
        for event in yaml.parse(source, Loader=loader):
            builder.feed(event)
    except _Stop as stop:
        problems.append(stop.problem)
        return Document(None, builder.index, problems, builder.typed, fm, False)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = base + (mark.index if mark is not None else 0)
        context_at = base + exc.context_mark.index if exc.context_mark is not None else at
        detail = {"problem": exc.problem or "", "context": exc.context or "", "context_at": context_at}
        if builder.open_quote is not None:
            # A quoted value that ran over a line break, and then YAML failed: almost always
            # a closing quote missing on the value's first line.
            detail["unclosed_quote_at"] = builder.open_quote
        problems.append(Problem("syntax", at, at, detail))
        return Document(None, builder.index, problems, builder.typed, fm, False)
    except yaml.reader.ReaderError as exc:
        at = base + exc.position
        problems.append(Problem("syntax", at, at, {"problem": f"unreadable character {exc.character!r}", "context": ""}))
        return Document(None, builder.index, problems, builder.typed, fm, False)
    except (yaml.YAMLError, ValueError, TypeError, AttributeError, OverflowError, RecursionError, UnicodeError) as exc:
        problems.append(Problem("syntax", base, base, {"problem": str(exc).splitlines()[0] if str(exc) else type(exc).__name__, "context": ""}))
        return Document(None, builder.index, problems, builder.typed, fm, False)
    unused = tuple(a for a in builder.scalar_anchors if a[0] not in builder.used_anchors)
    return Document(builder.root, builder.index, problems, builder.typed, fm, True, builder.tainted,
                    unused_anchors=unused)


def _positions(source: str, base: int) -> Tuple[Dict, Dict]:
    """``(index, typed)`` of a document the line reader took for its data."""
    found = blockyaml.read(source, base, resolve_plain, _typed_plain) or _load_composed(source, base)
    return (found[1], found[2]) if found is not None else ({}, {})


def _shallow(source: str) -> bool:
    """True when libyaml's recursive composer cannot nest deep enough to hurt: every level of
    nesting needs one of these indicator characters."""
    return sum(source.count(c) for c in "[{-?:") < 2000


class _Fallback(Exception):
    """The document has something the fast path leaves to the event path."""


_PLAIN_TAGS = {TAG + "str", TAG + "int", TAG + "float", TAG + "bool", TAG + "null", TAG + "timestamp"}
_MAP_TAG, _SEQ_TAG = TAG + "map", TAG + "seq"
_MARKS = ("!", "&", "*")  # a tag, an anchor or an alias starts here


def _load_composed(source: str, base: int):
    """The common case, fast: libyaml composes the node tree in C and a short loop turns it
    into data and spans. Anything unusual (an error, an alias or anchor, a tag, a duplicate
    or non-text key, a merge, deep nesting) returns ``None``, and the event path, which
    handles and reports all of those, reads the document instead."""
    try:
        node = yaml.compose(source, Loader=_ComposeLoader)
    except Exception:
        return None
    index: Dict[Tuple[Any, ...], Loc] = {}
    typed: Dict[Tuple[Any, ...], Scalar] = {}
    if node is None:
        return None, index, typed
    try:
        root = _walk_nodes(node, source, base, index, typed)
    except (_Fallback, ValueError, OverflowError, RecursionError, AttributeError, TypeError):
        return None
    return root, index, typed


def _walk_nodes(root_node, source: str, base: int, index, typed):
    seen = set()
    count = 0

    def scalar(node, path):
        if source.startswith(_MARKS, node.start_mark.index):
            raise _Fallback()
        tag = node.tag
        value = node.value
        if tag == TAG + "str":
            return value
        if tag not in _PLAIN_TAGS:
            raise _Fallback()
        kind = tag[len(TAG):]
        typed[path] = Scalar(value, kind, not node.style)
        return _value_of(value, kind)

    def container(node, path, depth):
        nonlocal count
        if id(node) in seen:
            raise _Fallback()  # an alias: the event path counts and bounds them
        seen.add(id(node))
        count += 1
        if depth > MAX_DEPTH or count > MAX_NODES:
            raise _Fallback()
        if source.startswith(_MARKS, node.start_mark.index):
            raise _Fallback()
        if node.tag == _MAP_TAG:
            out = {}
            for key_node, value_node in node.value:
                if key_node.tag != TAG + "str" or not isinstance(key_node, yaml.ScalarNode):
                    raise _Fallback()
                key = key_node.value
                if key in out or source.startswith(_MARKS, key_node.start_mark.index):
                    raise _Fallback()
                child = path + (key,)
                out[key] = build(value_node, child, depth + 1)
                index[child] = Loc(base + value_node.start_mark.index, base + value_node.end_mark.index,
                                   base + key_node.start_mark.index, base + key_node.end_mark.index)
            return out
        if node.tag == _SEQ_TAG:
            out = []
            for i, item in enumerate(node.value):
                child = path + (i,)
                out.append(build(item, child, depth + 1))
                index[child] = Loc(base + item.start_mark.index, base + item.end_mark.index)
            return out
        raise _Fallback()

    def build(node, path, depth):
        if isinstance(node, yaml.ScalarNode):
            return scalar(node, path)
        return container(node, path, depth)

    root = build(root_node, (), 0)
    index[()] = Loc(base + root_node.start_mark.index, base + root_node.end_mark.index)
    return root


def _value_of(text: str, kind: str) -> Any:
    """The value of a scalar YAML 1.1 typed as ``kind`` (not ``str``); a timestamp stays text."""
    if kind == "null":
        return None
    if kind == "bool":
        if text in blockyaml.YAML11_WORDS:
            _YAML11_READ[0] += 1
        return text.lower() in _TRUE
    if kind == "int":
        return _int(text)
    if kind == "float":
        return _float(text)
    if kind == "timestamp":
        _DATES_READ.append(text)
    return text


def _typed_plain(text: str, kind: str, path, typed) -> Any:
    typed[path] = Scalar(text, kind, True)
    return _value_of(text, kind)


class _Builder:
    """Turns events into plain data; one instance per document."""

    def __init__(self, base: int, problems: List[Problem]):
        self.base = base
        self.problems = problems
        self.stack: List[_Frame] = []
        self.root: Any = None
        self.index: Dict[Tuple[Any, ...], Loc] = {}
        self.typed: Dict[Tuple[Any, ...], Scalar] = {}
        self.anchors: Dict[str, Tuple[Any, int, int, int]] = {}  # name -> (value, cost, start, end)
        self.open_anchors: set = set()
        self.scalar_anchors: List[Tuple[str, int]] = []  # (name, offset of '&') of anchors on scalars
        self.used_anchors: set = set()
        self.nodes = 0
        self.aliases = 0
        self.documents = 0
        self.open_quote: Optional[int] = None  # start of the last scalar if quoted over lines
        self.tainted: set = set()
        self._taint_next = False

    # -- events ---------------------------------------------------------------------------
    def feed(self, event) -> None:
        b = self.base
        if isinstance(event, ev.ScalarEvent):
            self._count()
            value, typed = self._scalar(event)
            start, end = b + event.start_mark.index, b + event.end_mark.index
            multiline = event.start_mark.line != event.end_mark.line
            self.open_quote = start if event.style in ('"', "'") and multiline else None
            if event.anchor:
                self.anchors[event.anchor] = (value, 1, start, end)
                self.scalar_anchors.append((event.anchor, start))
            self._attach(value, start, end, typed)
        elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
            self._count()
            if len(self.stack) >= MAX_DEPTH:
                at = b + event.start_mark.index
                raise _Stop(Problem("too-deep", at, at, {"limit": MAX_DEPTH}))
            is_map = isinstance(event, ev.MappingStartEvent)
            self._check_tag(event.tag, "map" if is_map else "seq", b + event.start_mark.index, b + event.end_mark.index)
            path = self._child_path()
            frame = _Frame("map" if is_map else "seq", {} if is_map else [], path, b + event.start_mark.index, event.anchor, self.nodes)
            if event.anchor:
                self.open_anchors.add(event.anchor)
            self.stack.append(frame)
        elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
            frame = self.stack.pop()
            end = b + event.end_mark.index
            if frame.anchor:
                self.open_anchors.discard(frame.anchor)
                self.anchors[frame.anchor] = (frame.value, self.nodes - frame.nodes_at_start + 1, frame.start, end)
            self._attach(frame.value, frame.start, end, None)
        elif isinstance(event, ev.AliasEvent):
            start, end = b + event.start_mark.index, b + event.end_mark.index
            name = event.anchor
            if name in self.open_anchors:
                raise _Stop(Problem("alias-cycle", start, end, {"anchor": name}))
            if name not in self.anchors:
                raise _Stop(Problem("alias-undefined", start, end, {"anchor": name}))
            self.aliases += 1
            self.used_anchors.add(name)
            value, cost, _, _ = self.anchors[name]
            self.nodes += cost
            if self.aliases > MAX_ALIASES or self.nodes > MAX_NODES:
                raise _Stop(Problem("alias-limit", start, end, {"anchor": name, "aliases": self.aliases, "nodes": self.nodes}))
            self._attach(value, start, end, None, alias=True)
        elif isinstance(event, ev.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                at = b + event.start_mark.index
                raise _Stop(Problem("syntax", at, at, {"problem": "a second YAML document starts here", "context": ""}))

    def _count(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            kind = "alias-limit" if self.aliases else "too-many-nodes"
            raise _Stop(Problem(kind, self.base, self.base, {"nodes": self.nodes, "aliases": self.aliases, "limit": MAX_NODES}))

    def _child_path(self):
        if not self.stack:
            return ()
        top = self.stack[-1]
        if top.kind == "seq":
            return top.path + (len(top.value),)
        if top.key is _MISSING:  # a collection used as a key
            return top.path + ("<key>",)
        return top.path + (top.key,) if top.key is not _SKIP else top.path + ("<key>",)

    # -- scalars --------------------------------------------------------------------------
    def _scalar(self, event) -> Tuple[Any, Optional[Scalar]]:
        value, tag = event.value, event.tag
        start, end = self.base + event.start_mark.index, self.base + event.end_mark.index
        plain = bool(event.implicit[0]) and not event.style
        if tag is None or tag == "!":
            if not plain or tag == "!":
                return value, None
            tag = resolve_plain(value)
        if not tag.startswith(TAG):
            self.problems.append(Problem("unsupported-tag", start, end, {"tag": tag}))
            self._taint_next = True
            return value, None
        kind = tag[len(TAG):]
        try:
            if kind == "str":
                return value, None
            if kind == "null":
                return None, Scalar(value, kind, plain)
            if kind == "bool":
                low = value.lower()
                if plain and value in blockyaml.YAML11_WORDS:
                    _YAML11_READ[0] += 1
                if low in _TRUE:
                    return True, Scalar(value, kind, plain)
                if low in _FALSE:
                    return False, Scalar(value, kind, plain)
                raise ValueError(value)
            if kind == "int":
                return _int(value), Scalar(value, kind, plain)
            if kind == "float":
                return _float(value), Scalar(value, kind, plain)
            if kind == "timestamp":
                if plain:
                    _DATES_READ.append(value)
                return value, Scalar(value, kind, plain)  # kept as text: the date checks judge it
            if kind in ("merge", "value"):
                return value, Scalar(value, kind, plain)
        except (ValueError, OverflowError):
            self.problems.append(Problem("bad-scalar", start, end, {"tag": kind, "value": value, "explicit": not plain}))
            self._taint_next = True
            return value, None
        self.problems.append(Problem("unsupported-tag", start, end, {"tag": "!!" + kind}))
        self._taint_next = True
        return value, None

    def _check_tag(self, tag, kind, start, end) -> None:
        if tag is None or tag == "!" or tag == TAG + ("map" if kind == "map" else "seq"):
            return
        shown = "!!" + tag[len(TAG):] if tag.startswith(TAG) else tag
        self.problems.append(Problem("unsupported-tag", start, end, {"tag": shown}))
        self.tainted.add(self._child_path())

    # -- building -------------------------------------------------------------------------
    def _attach(self, value, start, end, typed, alias=False) -> None:
        if self._taint_next:
            self._taint_next = False
            self.tainted.add(self._child_path())
        if not self.stack:
            self.root = value
            self.index[()] = Loc(start, end)
            return
        top = self.stack[-1]
        if top.kind == "seq":
            path = top.path + (len(top.value),)
            top.value.append(value)
            self.index[path] = Loc(start, end)
            if typed is not None:
                self.typed[path] = typed
            return
        if top.key is _MISSING:  # this value is a key
            top.key_loc = (start, end)
            if isinstance(value, (dict, list)):
                self.problems.append(Problem("complex-key", start, end, {}))
                top.key = _SKIP
            elif not isinstance(value, str):
                raw = typed.raw if typed is not None else str(value)
                if typed is not None and typed.tag == "merge":
                    top.key = "<<merge>>"
                else:
                    self.problems.append(Problem("non-string-key", start, end, {"raw": raw, "tag": typed.tag if typed else ""}))
                    top.key = raw
            elif typed is not None and typed.tag == "merge":
                top.key = "<<merge>>"
            else:
                top.key = value
            return
        key, (kstart, kend) = top.key, top.key_loc
        top.key = _MISSING
        if key is _SKIP:
            return
        mapping = top.value
        if key == "<<merge>>":
            sources = value if isinstance(value, list) else [value]
            for src in sources:
                if not isinstance(src, dict):
                    self.problems.append(Problem("bad-merge", start, end, {}))
                    continue
                for k, v in src.items():
                    if k not in mapping:
                        mapping[k] = v
                        top.merged.add(k)
                        self.index[top.path + (k,)] = Loc(start, end, kstart, kend)
            return
        if key in top.seen and key not in top.merged:
            first = top.seen[key]
            self.problems.append(Problem("duplicate-key", kstart, kend, {"key": key, "first": first}))
        top.seen[key] = kstart
        top.merged.discard(key)
        mapping[key] = value
        path = top.path + (key,)
        self.index[path] = Loc(start, end, kstart, kend)
        if typed is not None:
            self.typed[path] = typed


_INT_BASE60 = re.compile(r"^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$")


def _int(value: str) -> int:
    if blockyaml.is_plain_decimal(value):
        return int(value)  # the common case
    if "_" in value:
        _YAML11_READ[0] += 1  # 1_280: a YAML 1.2 reader reads text
    text = value.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    if text[:1] in "+-":
        text = text[1:]
    if text == "0":
        return 0
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if text.startswith("0o"):
        return sign * int(text[2:], 8)
    if text.startswith("0"):
        _OCTAL_READ[0] += 1
        return sign * int(text, 8)
    if ":" in text:
        _YAML11_READ[0] += 1
        total = 0
        for part in text.split(":"):
            total = total * 60 + int(part)
        return sign * total
    return sign * int(text)


def _float(value: str) -> float:
    _FLOAT_READ[0] += 1
    if "_" in value:
        _YAML11_READ[0] += 1
    text = value.replace("_", "").lower()
    sign = -1.0 if text.startswith("-") else 1.0
    if text[:1] in "+-":
        text = text[1:]
    if text == ".inf":
        return sign * float("inf")
    if text == ".nan":
        return float("nan")
    if ":" in text:
        _YAML11_READ[0] += 1
        total = 0.0
        for part in text.split(":"):
            total = total * 60 + float(part)
        return sign * total
    return sign * float(text)
