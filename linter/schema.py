"""Load the front-matter contract, check it, build its validator once, and annotate data.

* The bundled schema is ``schemas/news-article.schema.json``; ``--schema PATH`` names another.
* A schema that is not valid against its metaschema, refers to anything outside itself, or
  uses a ``format`` lint-news cannot check is a :class:`SchemaError` (a usage error, exit 2).
* References are resolved from an explicit ``referencing`` registry holding only this schema:
  nothing is ever fetched over the network or from the file system.
* ``format`` is checked by lint-news's rules, not by the validator (see :mod:`linter.formats`):
  :meth:`CompiledSchema.annotate` says which format applies at each path of a document, by
  walking the document and the schema together.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterator, List, NamedTuple, Optional, Tuple

from .accel import compiled


DEFAULT_SCHEMA_NAME = "news-article.schema.json"

# Names used when a schema declares no formats at all: then field names are the fallback.
_FALLBACK_FORMATS = (
    (("url", "uri", "link", "href"), "uri"),
    (("datetime", "date", "time"), "date-time"),
    (("domain", "hostname", "host"), "hostname"),
)


# jsonschema imports these when it starts, for a FormatChecker that lint-news never uses (it
# checks formats itself). Where they are installed (jsonschema[format-nongpl], which Jupyter
# pulls in, for one), rfc3987-syntax alone builds a grammar for 0.8 s and 20 MiB.
_FORMAT_LIBRARIES = ("rfc3987_syntax", "rfc3987", "rfc3986_validator", "rfc3339_validator", "isoduration",
                     "webcolors", "jsonpointer", "uri_template", "fqdn")


def import_jsonschema():
    """``jsonschema``, imported without its optional format libraries (they stay importable
    for anyone else)."""
    import sys

    if "jsonschema" in sys.modules:
        return sys.modules["jsonschema"]
    blocked = [name for name in _FORMAT_LIBRARIES if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # "import name" raises ImportError, which jsonschema expects
    try:
        import jsonschema
    finally:
        for name in blocked:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    return jsonschema


class SchemaError(Exception):
    """The schema itself cannot be used; the message says why, for the person running us."""


def bundled_schema_path(name: str = DEFAULT_SCHEMA_NAME) -> Path:
    """A schema shipped with lint-news: inside the installed package, or in the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "schemas" / name, here.parent / "schemas" / name):
        if candidate.is_file():
            return candidate
    raise SchemaError(f"the bundled schema {name} is missing from the installation")


class SchemaSource:
    """A schema's bytes, read but not yet compiled: enough to key the cache. Compiling imports
    jsonschema (a tenth of a second), which a run that only hits the cache never needs."""

    def __init__(self, path: Optional[str] = None):
        schema_path = Path(path) if path else bundled_schema_path()
        try:
            self.raw = schema_path.read_bytes()
        except OSError as exc:
            raise SchemaError(f"cannot read schema {schema_path}: {exc.strerror or exc}") from None
        self.name = str(schema_path)
        self.path = path
        self.digest = hashlib.sha256(self.raw).hexdigest()

    @property
    def compiled(self) -> "CompiledSchema":
        return _compile(self.raw, self.name)

    @property
    def id(self) -> str:
        return self.compiled.id


def load(path: Optional[str] = None) -> "CompiledSchema":
    return SchemaSource(path).compiled


@lru_cache(maxsize=8)
def _compile(raw: bytes, name: str) -> "CompiledSchema":
    try:
        schema = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SchemaError(f"schema {name} is not valid JSON: {exc}") from None
    except RecursionError:
        raise SchemaError(f"schema {name} is nested too deeply") from None
    if not isinstance(schema, (dict, bool)):
        raise SchemaError(f"schema {name} must be a JSON object")
    return CompiledSchema(schema, name, hashlib.sha256(raw).hexdigest())


class CompiledSchema:
    def __init__(self, schema: Any, name: str, digest: str):
        import_jsonschema()
        from jsonschema import Draft202012Validator, validators
        from jsonschema.exceptions import SchemaError as JSError
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        self.schema = schema
        self.name = name
        self.digest = digest
        cls = validators.validator_for(schema, default=Draft202012Validator) if isinstance(schema, dict) else Draft202012Validator
        try:
            cls.check_schema(schema)
        except JSError as exc:
            where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
            raise SchemaError(f"schema {name} is not a valid JSON Schema: at {where}: {exc.message}") from None
        self.id = schema.get("$id", "") if isinstance(schema, dict) else ""
        resource = Resource.from_contents(schema, default_specification=DRAFT202012)
        base = self.id or "urn:lint-news:schema"
        self.registry = Registry().with_resource(base, resource)
        self._check_refs(base)
        self.formats_used = sorted(self._walk_formats(schema))
        from . import formats  # with the schema's compilation: a run answered from the cache needs neither

        unknown = [f for f in self.formats_used if f not in formats.CHECKERS]
        if unknown:
            raise SchemaError(
                f"schema {name} uses format {', '.join(map(repr, unknown))}, which lint-news cannot check; "
                f"supported: {', '.join(sorted(formats.CHECKERS))}"
            )
        self.validator = cls(schema, registry=self.registry)
        self.fast = _fast_validator(schema)
        self._resolver = self.registry.resolver(base_uri=base)
        self._expanded: Dict[int, Tuple[Any, ...]] = {}
        self._children: Dict[Tuple, Tuple[Any, ...]] = {}
        self._format_of: Dict[Tuple[int, ...], Optional[str]] = {}
        self._root = self._expand(schema)
        self._root_place = _Place(self, self._root)

    # -- checks at load time ----------------------------------------------------------------
    def _check_refs(self, base: str) -> None:
        from referencing.exceptions import Unresolvable

        resolver = self.registry.resolver(base_uri=base)
        for ref in self._walk_refs(self.schema):
            try:
                resolver.lookup(ref)
            except Unresolvable:
                raise SchemaError(
                    f"schema {self.name} refers to {ref!r}, which is not inside the schema; "
                    "lint-news never fetches schemas from the network or the disk"
                ) from None

    @staticmethod
    def _walk(node: Any) -> Iterator[Tuple[str, Any]]:
        stack = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                for key, value in item.items():
                    yield key, value
                    if key not in ("enum", "const", "examples", "default"):
                        stack.append(value)
            elif isinstance(item, list):
                stack.extend(item)

    def _walk_refs(self, node) -> List[str]:
        return [v for k, v in self._walk(node) if k in ("$ref", "$dynamicRef") and isinstance(v, str)]

    def _walk_formats(self, node) -> set:
        return {v for k, v in self._walk(node) if k == "format" and isinstance(v, str)}

    # -- validation ---------------------------------------------------------------------------
    def iter_errors(self, data: Any):
        """The validator's errors for ``data``. A compiled validator (jsonschema-rs) answers
        first when installed: most documents are valid, and only the failing ones pay for the
        full error collection, whose messages and paths are the same either way."""
        if self.fast is not None:
            try:
                if self.fast.is_valid(data):
                    return iter(())
            except Exception:  # a value it cannot take (a huge int, NaN): the full path decides
                pass
        return self.validator.iter_errors(data)

    # -- annotation: which format applies where ---------------------------------------------
    def _expand(self, schema: Any) -> Tuple[Any, ...]:
        """All subschemas that apply at the same place as ``schema`` ($ref, allOf, anyOf, ...)."""
        key = id(schema)
        if key in self._expanded:
            return self._expanded[key]
        out: List[Any] = []
        seen = set()
        stack = [schema]
        while stack:
            s = stack.pop()
            if not isinstance(s, dict) or id(s) in seen:
                continue
            seen.add(id(s))
            out.append(s)
            ref = s.get("$ref")
            if isinstance(ref, str):
                try:
                    stack.append(self._resolver.lookup(ref).contents)
                except Exception:  # checked at load time; a dynamic oddity is not fatal here
                    pass
            for word in ("allOf", "anyOf", "oneOf"):
                if isinstance(s.get(word), list):
                    stack.extend(s[word])
            for word in ("then", "else"):
                if word in s:
                    stack.append(s[word])
        result = tuple(out)
        self._expanded[key] = result
        return result

    def _child(self, schemas: Tuple[Any, ...], key: Any) -> Tuple[Any, ...]:
        memo = (tuple(map(id, schemas)), key if isinstance(key, str) else ("#", key))
        found = self._children.get(memo)
        if found is not None:
            return found
        out: List[Any] = []
        for s in schemas:
            if isinstance(key, str):
                props = s.get("properties")
                if isinstance(props, dict) and key in props:
                    out.extend(self._expand(props[key]))
                    continue
                matched = False
                pattern_props = s.get("patternProperties")
                if isinstance(pattern_props, dict):
                    for pattern, sub in pattern_props.items():
                        try:
                            if re.search(pattern, key):
                                out.extend(self._expand(sub))
                                matched = True
                        except re.error:
                            pass
                if not matched and isinstance(s.get("additionalProperties"), dict):
                    out.extend(self._expand(s["additionalProperties"]))
            else:
                prefix = s.get("prefixItems")
                if isinstance(prefix, list) and key < len(prefix):
                    out.extend(self._expand(prefix[key]))
                elif isinstance(s.get("items"), dict):
                    out.extend(self._expand(s["items"]))
        result = tuple(out)
        self._children[memo] = result
        return result

    def _format(self, schemas: Tuple[Any, ...]) -> Optional[str]:
        memo = tuple(map(id, schemas))
        if memo not in self._format_of:
            found = None
            for s in schemas:
                if isinstance(s.get("format"), str):
                    found = s["format"]
                    break
            self._format_of[memo] = found
        return self._format_of[memo]

    def _is_image(self, schemas: Tuple[Any, ...]) -> bool:
        memo = ("image",) + tuple(map(id, schemas))
        if memo not in self._format_of:
            self._format_of[memo] = any(
                isinstance(s.get("properties"), dict) and "width" in s["properties"] and "height" in s["properties"]
                for s in schemas)
        return bool(self._format_of[memo])

    def annotate(self, data: Any) -> "Annotations":
        """One walk of ``data`` with the schema: every mapping with its path, the paths of the
        mappings the schema describes as images (with both ``width`` and ``height``
        properties), and ``{path: format}`` for every string the schema gives a format."""
        out: Dict[Tuple[Any, ...], str] = {}
        fields: List[Tuple[Tuple[Any, ...], str, str]] = []
        images: List[Tuple[Any, ...]] = []
        mappings: List[Tuple[Tuple[Any, ...], dict]] = []
        if not self.formats_used:
            out = _fallback_formats(data)
            fields = [(p, f, _value_at(data, p)) for p, f in out.items()]
        at = self._place_child
        root = self._root_place if self.formats_used else None
        if _ANNOTATE_WALK is not None:  # the same loop, compiled (linter/_accel.c)
            _ANNOTATE_WALK(data, root, at, _ANY_POSITION, out, images, mappings, fields)
            return Annotations(out, images, mappings, fields)
        stack = [((), data, root)]
        while stack:
            path, value, place = stack.pop()
            kind = type(value)
            if kind is dict:
                mappings.append((path, value))
                if place is None:
                    stack.extend((path + (k,), v, None) for k, v in value.items() if type(v) in _CONTAINERS)
                    continue
                if place.image:
                    images.append(path)
                children = place.children
                for k, v in value.items():
                    kind = type(v)
                    if kind is str:
                        if type(k) is str:
                            fmt = (children.get(k) or at(place, k)).format
                            if fmt:
                                child = path + (k,)
                                out[child] = fmt
                                fields.append((child, fmt, v))
                    elif kind in _CONTAINERS:
                        inner = (children.get(k) or at(place, k)) if type(k) is str else None
                        stack.append((path + (k,), v, inner if inner is not None and inner.schemas else None))
            elif kind is list:
                if place is None:
                    stack.extend((path + (i,), v, None) for i, v in enumerate(value) if type(v) in _CONTAINERS)
                    continue
                same = None if place.by_position else (place.children.get(_ANY_POSITION) or at(place, 0))
                for i, v in enumerate(value):
                    kind = type(v)
                    if kind is str or kind in _CONTAINERS:
                        inner = same or at(place, i)
                        if kind is str:
                            if inner.format:
                                child = path + (i,)
                                out[child] = inner.format
                                fields.append((child, inner.format, v))
                        else:
                            stack.append((path + (i,), v, inner if inner.schemas else None))
        return Annotations(out, images, mappings, fields)

    def _place_child(self, place: "_Place", key: Any) -> "_Place":
        """What the schema says one step below ``place``; remembered, since every document
        walks the same few places. List positions matter only under ``prefixItems``."""
        memo = key if isinstance(key, str) or place.by_position else _ANY_POSITION
        found = place.children.get(memo)
        if found is None:
            found = _Place(self, self._child(place.schemas, key))
            if len(place.children) < 512:  # unknown keys of hostile documents must not pile up
                place.children[memo] = found
        return found

    def subschemas_at(self, path) -> Tuple[Any, ...]:
        """The subschemas that apply at ``path`` (for descriptions and known keys)."""
        schemas = self._root
        for part in path:
            schemas = self._child(schemas, part)
            if not schemas:
                break
        return schemas

    def format_at(self, path) -> Optional[str]:
        """The ``format`` the schema gives the value at ``path``, or ``None``."""
        return self._format(self.subschemas_at(path))

    def description(self, path) -> Optional[str]:
        for s in self.subschemas_at(path):
            if isinstance(s.get("description"), str):
                return s["description"]
        return None


def _fast_validator(schema: Any):
    """jsonschema-rs, formats off (lint-news checks formats itself), or ``None``."""
    if os.environ.get("LINT_NEWS_PURE_VALIDATOR"):
        return None
    try:
        import jsonschema_rs
    except ImportError:
        return None
    try:
        return jsonschema_rs.validator_for(schema, validate_formats=False)
    except Exception:  # a schema it does not support: the pure path handles it
        return None


class Annotations(NamedTuple):
    formats: Dict[Tuple[Any, ...], str]
    images: List[Tuple[Any, ...]]  # mappings the schema describes as images
    mappings: List[Tuple[Tuple[Any, ...], dict]]  # every mapping, the root first
    fields: List[Tuple[Tuple[Any, ...], str, str]]  # (path, format, text) of each formatted string


_ANY_POSITION = object()
_CONTAINERS = (dict, list)


_ANNOTATE_WALK = compiled("annotate_walk", None)  # the loop of annotate(), compiled


class _Place:
    """The subschemas at one place of a document, and what follows from them."""

    __slots__ = ("schemas", "format", "image", "by_position", "children")

    def __init__(self, owner: "CompiledSchema", schemas: Tuple[Any, ...]):
        self.schemas = schemas
        self.format = owner._format(schemas) if schemas else None
        self.image = owner._is_image(schemas) if schemas else False
        self.by_position = any(isinstance(s.get("prefixItems"), list) for s in schemas)
        self.children: Dict[Any, "_Place"] = {}


def _value_at(data: Any, path) -> Any:
    for part in path:
        data = data[part]
    return data


def _fallback_formats(data: Any) -> Dict[Tuple[Any, ...], str]:
    out: Dict[Tuple[Any, ...], str] = {}
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str) and path:
            name = next((p for p in reversed(path) if isinstance(p, str)), "").lower()
            for endings, fmt in _FALLBACK_FORMATS:
                if name.endswith(endings):
                    out[path] = fmt
                    break
        elif isinstance(value, dict):
            stack.extend((path + (k,), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((path + (i,), v) for i, v in enumerate(value))
    return out
