"""SC: the front matter against the JSON Schema contract.

The validator's errors are computed once per file (``ctx.schema_errors``) and turned into one
diagnostic per problem, at the span of the offending value (or key), in words an editor reads:
the field path, what was expected, what was found, and a hint. ``anyOf``/``oneOf`` failures are
reduced to their best match, so one wrong value gives one diagnostic.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from typing import Optional

from ..diagnostics import format_path
from ..formats import CHECKERS
from . import Rule, double_quoted, register
from .dates import DATE_FORMATS  # (the date rules ask fields_with_format with the same set)
from .encoding import LOOKALIKES, UNSEEN, char_name, in_latin_letters

# formats reported by other families (URL, DT); the rest are SC008's
RULE_FORMATS = {"uri", "iri", "uri-reference", "iri-reference", "hostname", "idn-hostname",
                "date-time", "date", "time"}
# the formats SC008 checks itself: those no content rule (URL, DT) checks
_OWN_FORMATS = frozenset(CHECKERS) - RULE_FORMATS

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a set of 'key: value' fields",
    "array": "a list",
    "null": "empty",
}


def show(value, limit: int = 60) -> str:
    """A short, inert rendering of a found value for messages."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return str(value)
        return repr(value)
    if isinstance(value, str):
        text = value if len(value) <= limit else value[:limit] + "…"
        return json.dumps(text, ensure_ascii=False)
    if isinstance(value, dict):
        return f"a set of {len(value)} field{'s' if len(value) != 1 else ''}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    return type(value).__name__


def found_kind(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{show(value)} (true/false)"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the decimal number {show(value)}"
    if isinstance(value, str):
        return f"the text {show(value)}"
    return show(value)


def _expected_type(expected) -> str:
    kinds = expected if isinstance(expected, list) else [expected]
    return " or ".join(_TYPE_WORDS.get(k, k) for k in kinds)


def _why_empty(ctx, path) -> Optional[str]:
    """The hint for an empty value whose line goes on with a comment (``title: #MeToo at 10``:
    YAML reads all of it as a comment) or with only an anchor (``title: &Co``), or ``None``."""
    loc = ctx.document.loc(tuple(path)) if ctx.document is not None and path else None
    if loc is None or loc.key_end is None or not isinstance(path[-1], str):
        return None
    text = ctx.source.text
    end = text.find("\n", loc.key_end)
    rest = text[loc.key_end:end if end >= 0 else len(text)].rstrip("\r")
    written = rest[1:].strip()
    if rest.startswith(":") and written.startswith("&") and " " not in written and len(written) <= 80:
        return (f"YAML reads '{written}' as the name of an anchor, so the value is empty: put it in double quotes: "
                f"{path[-1]}: {double_quoted(written)}")
    if not rest.startswith(":") or not written.startswith("#"):
        return None
    comment = written
    if len(comment) > 80:
        return "YAML reads the rest of the line, from '#', as a comment: put the whole value in double quotes"
    return (f"YAML reads '{comment}' as a comment, so the value is empty: put the whole value in double quotes: "
            f"{path[-1]}: {double_quoted(comment)}")


def _type_hint(ctx, path, value, expected) -> str:
    kinds = expected if isinstance(expected, list) else [expected]
    typed = ctx.document.typed.get(tuple(path)) if ctx.document is not None else None
    if typed is not None and typed.plain and "string" in kinds:
        raw = typed.raw
        if typed.tag == "bool":
            return f"YAML reads an unquoted {raw} as {show(value)}; write \"{raw}\" in quotes"
        if typed.tag == "int" and raw.lstrip("+-").startswith("0") and raw.lstrip("+-") not in ("0",):
            return f"YAML reads {raw} as the number {value}; write \"{raw}\" in quotes"
        if typed.tag in ("int", "float") and ":" in raw:
            return f"YAML 1.1 reads {raw} as the number {value} (counting in sixties, as for times); write \"{raw}\" in quotes"
        if typed.tag == "int" and ctx.schema.format_at(tuple(path)) == "date-time":
            from .dates import unix_time

            written = unix_time(value)
            if written:
                return f"this looks like a Unix time; write it as {written}"
        if typed.tag in ("int", "float"):
            return f"write \"{raw}\" in quotes to make it text"
        if typed.tag == "null":
            if raw:  # ~ or null, written: YAML's words for no value
                return f"YAML reads {raw} as no value; write the value, or \"{raw}\" in quotes if it is text"
            return _why_empty(ctx, path) or "the value is empty; write it after the ':'"
    if value is None:
        return _why_empty(ctx, path) or "the value is empty; write it after the ':'"
    if "string" in kinds and isinstance(value, (dict, list)) and path and isinstance(path[-1], str):
        loc = ctx.document.loc(path) if ctx.document is not None else None
        written = ctx.source.text[loc.start:loc.end] if loc is not None else ""
        if written[:1] in ("{", "[") and "\n" not in written and len(written) <= 80:
            brackets, kind = ("{…}", "a mapping") if written[0] == "{" else ("[…]", "a list")
            return f"YAML reads {brackets} as {kind}; put the whole value in double quotes: {path[-1]}: {double_quoted(written)}"
    if isinstance(value, str) and ("integer" in kinds or "number" in kinds):
        digits = re.sub(r"[^0-9.\-]", "", value)
        if digits and digits != value:
            return _number_written_otherwise(value.strip(), "integer" in kinds and "number" not in kinds)
        if digits == value:
            loc = ctx.document.loc(path) if ctx.document is not None else None
            if loc is not None and ctx.source.text[loc.start:loc.start + 1] in ("\"", "'"):
                whole = "integer" in kinds and "number" not in kinds and re.fullmatch(r"-?[0-9]+\.0*", value)
                return f"remove the quotes: {value.partition('.')[0] if whole else value}"
            if re.fullmatch(r"[-+]?0[0-9]+", value):
                # unquoted, yet text: YAML 1.1 takes a leading 0 for octal, and 8 and 9 are no octal digits
                return f"a number with a leading 0 is read as octal, which has no digits 8 or 9; write {int(value)}"
            return f"write it as a plain number: {value}"
    if isinstance(value, str) and "boolean" in kinds:
        return "write true or false without quotes"
    if isinstance(value, float) and "integer" in kinds:
        return "use a whole number"
    if "array" in kinds and isinstance(value, dict):
        return "a list item starts with '- ': write '- ' before the item's first field"
    if "array" in kinds and isinstance(value, str):
        items = [part.strip() for part in value.split(",")]
        if all(re.fullmatch(r"[^\W_][\w .'’&-]*", item) for item in items):
            return f"write it as a list: [{', '.join(items)}]"
        return "write each item on a line of its own, starting with '- '"
    if "object" in kinds and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        fields = [k for s in ctx.schema.subschemas_at(tuple(path)) for k in (s.get("required") or [])][:2]
        example = ", ".join(f"'{k}: …'" for k in fields)
        return "write its fields on the lines below it, indented" + (f": {example}" if example else "")
    return ""


def _known_keys(schema) -> list:
    keys = []
    if isinstance(schema, dict) and isinstance(schema.get("properties"), dict):
        keys.extend(schema["properties"])
    return keys


def _extra_keys(instance, schema) -> list:
    known = set(_known_keys(schema))
    patterns = list(schema.get("patternProperties", {}) or {}) if isinstance(schema, dict) else []
    extras = []
    for key in instance:
        if key in known:
            continue
        if any(_search(p, key) for p in patterns):
            continue
        extras.append(key)
    return extras


SUGGESTED = 100  # unknown keys of one mapping that get a "did you mean" (each costs a fuzzy match)


def _did_you_mean(key: str, known) -> Optional[str]:
    """The known key that ``key`` is most likely a misspelling of, or ``None``."""
    if isinstance(key, str) and not key.isascii():
        latin = in_latin_letters(key)  # tyре with Cyrillic р and е
        if latin in known:
            return latin
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return close[0]
    return next((k for k in known if k.lower() == key.lower()), None)


def _search(pattern, text) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return False


# spaces and invisible characters a pasted field name can carry (YAML keeps them in the name):
# the pasted spaces, and what ENC005 reports in text
_UNSEEN = re.compile(UNSEEN)
# 640px, 640 px, 75%: a unit an editor writes (not any letter: 64O is a typo for 640)
_WITH_UNIT = re.compile(r"([-+]?[0-9]+(?:\.[0-9]+)?) *(?i:px|pixels?|pt|%|em|rem|vw|vh|cm|mm|in|kb|mb|s|sec|seconds?|min)")
_GROUPED = re.compile(r"[-+]?[0-9]{1,3}(?:[,' ][0-9]{3})+")  # 1,280 or 1 280: thousands grouped
_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")  # 640,5: a decimal comma
_EXPONENT = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?[eE][-+]?[0-9]+")  # 6.4e2: YAML 1.1 reads it as text


def _number_written_otherwise(text: str, whole: bool) -> Optional[str]:
    """The hint for a number written as text with something more than digits, when its
    number is plain to see; ``None`` when it is not (a guess would mislead)."""
    m = _WITH_UNIT.fullmatch(text)
    if m:
        return f"write only the number, without units or quotes: {m.group(1)}"
    if _GROUPED.fullmatch(text):
        return f"write the number without separators: {re.sub('[^0-9+-]', '', text)}"
    if _EXPONENT.fullmatch(text):
        number = float(text)
        if number.is_integer() and abs(number) < 1e15:
            return f"write the number out: {int(number)}"
        return None if whole else f"write the number out: {number!r}"
    if _DECIMAL_COMMA.fullmatch(text):
        return "use a whole number" if whole else f"write the decimal point as '.': {text.replace(',', '.')}"
    return None


def _then_condition(ctx, path, error, value):
    """``(field, words)`` for a field an ``if``/``then`` requires, when the ``if`` is one field's
    ``const`` or ``enum`` (``if: {properties: {video: {const: true}}}``): the field, and
    ``video is true``; else ``None``."""
    if len(error.relative_schema_path) < 2 or error.relative_schema_path[-2] != "then" or not isinstance(value, dict):
        return None
    parent = next((s for s in ctx.schema.subschemas_at(path) if s.get("then") is error.schema), None)
    condition = parent.get("if") if parent is not None else None
    props = condition.get("properties") if isinstance(condition, dict) else None
    if not isinstance(props, dict) or len(props) != 1:
        return None
    ((field, rule),) = props.items()
    if not isinstance(rule, dict) or field not in value:
        return None
    allowed = [rule["const"]] if "const" in rule else rule.get("enum")
    if not isinstance(allowed, list) or not allowed:
        return None
    return field, f"{format_path(path + (field,))} is {_one_of(allowed)}"


def _lookalike_letters(path, key, known):
    """``(message, hint)`` for a field name that is a known one but for Cyrillic or Greek
    letters that look like Latin ones (``tіtle`` with a Cyrillic ``і``), else ``None``."""
    if not isinstance(key, str) or key.isascii():
        return None
    latin = in_latin_letters(key)
    if latin not in known:
        return None
    odd = [c for c in key if c in LOOKALIKES]
    letters = ", ".join(f"'{c}' ({char_name(c)})" for c in dict.fromkeys(odd))
    return (f"the field name '{format_path(path + (key,))}' is '{latin}' written with {letters}, "
            f"which {'looks like a Latin letter' if len(set(odd)) == 1 else 'look like Latin letters'}",
            f"retype it in Latin letters: {latin}")


def _pasted_space(path, key, known):
    """``(message, hint)`` for a field name with a no-break or invisible space in it (text
    pasted from elsewhere), when without it the name is a known one or the space stands in
    front, meant as indentation (which YAML does not take it for); else ``None``."""
    if not isinstance(key, str):
        return None
    found = _UNSEEN.search(key)
    name = _UNSEEN.sub("", key)
    if found is None:
        return None
    if found.start() == 0 and name not in known and found.group(0).isspace():
        # (a zero-width character is no indentation, nor is one before a name known here)
        return (f"the field name '{name}' begins with {char_name(found.group(0))}, which YAML does not take for "
                "indentation: the field is read at this level", "indent with plain spaces")
    if name in known:
        return (f"the field name '{format_path(path + (name,))}' holds {char_name(found.group(0))}",
                f"delete it, so that the name is {name}")
    return None


def _colon_missing_name(key, known) -> Optional[str]:
    """The known field name that begins ``key`` before a space and text (``excerpt "The
    study…: 5 µm."``): the ':' after the name was left out, and YAML took the line up to a
    ': ' further on for the name; else ``None``."""
    if not isinstance(key, str) or " " not in key:
        return None
    name, _sp, rest = key.partition(" ")
    return name if name in known and rest.strip() else None


def _colon_missing(ctx, path, key, known):
    """``(message, hint)`` for a key :func:`_colon_missing_name` names a field in; the hint
    is the key's line with its ':'; else ``None``."""
    name = _colon_missing_name(key, known)
    if name is None:
        return None
    line = ctx.source.line_text(ctx.key_span(path + (key,)).start.line).strip()
    written = line[2 if line.startswith("- ") else 0:][len(name):].strip()
    return (f"the ':' after '{format_path(path + (name,))}' is missing: YAML reads the line up to a later ': ' as the "
            "field's name", f"write {name}: {written}" if len(written) <= 80 else f"write {name}: and then the value")


def _kind(value) -> str:
    """The JSON type of ``value``, integers and other numbers alike."""
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return "number" if isinstance(value, (int, float)) else type(value).__name__


def _other_kind(error) -> bool:
    """Whether a const or enum error allows only values of another JSON type than the instance."""
    allowed = [error.validator_value] if error.validator == "const" else error.validator_value
    return isinstance(allowed, list) and bool(allowed) and all(_kind(v) != _kind(error.instance) for v in allowed)


def _best(error):
    from jsonschema.exceptions import best_match

    while error.validator in ("anyOf", "oneOf") and error.context:
        # the branches whose type the value has say more than "must be text" for a mapping
        # (a const or enum of values of other types counts as a type too: -3 against
        # anyOf [{minimum: 0}, {const: "n/a"}] is below the minimum, not "must be 'n/a'")
        wrong_type = {e.relative_schema_path[0] for e in error.context
                      if not e.relative_path and e.relative_schema_path and (
                          e.validator == "type" or e.validator in ("const", "enum") and _other_kind(e))}
        fitting = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] not in wrong_type]
        inner = best_match(fitting or error.context)
        if inner is None or inner is error:
            break
        error = inner
    return error


def map_errors(ctx):
    """Yield one SC diagnostic per schema problem of the document in ``ctx``."""
    doc = ctx.document
    if doc is None or not doc.ok or not isinstance(doc.data, dict):
        return
    seen = set()
    broken_paths = set()
    errors = sorted(ctx.schema.iter_errors(doc.data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    for error in errors:
        error = _best(error)
        path = tuple(error.absolute_path)
        if _reported_above(doc, path, broken_paths):
            continue  # no cascades below a value already reported as the wrong kind
        keyword = error.validator
        value = error.instance
        if keyword == "required":
            missing = [k for k in error.validator_value if isinstance(value, dict) and k not in value]
            extras = _extra_keys(value, error.schema) if isinstance(value, dict) else []
            known = _known_keys(error.schema)
            # a key SC002 reports with a "did you mean" for a missing field stands for that field
            # (only where the schema forbids other keys: elsewhere nothing reports the key)
            forbids = isinstance(error.schema, dict) and (error.schema.get("additionalProperties") is False
                                                          or error.schema.get("unevaluatedProperties") is False)
            suggested = {_did_you_mean(k, known) for k in extras[:SUGGESTED]} if missing and extras and forbids else set()
            suggested |= {n for k in extras[:SUGGESTED] if (n := _colon_missing_name(k, known))} if forbids else set()
            for name in missing:
                if name in suggested:
                    continue  # a misspelt key: SC002 names it with a "did you mean"
                if (path, "required", name) in seen:
                    continue
                seen.add((path, "required", name))
                description = (error.schema.get("properties", {}).get(name, {}) or {}) if isinstance(error.schema, dict) else {}
                if isinstance(description, dict) and "$ref" in description:
                    description = next((s for s in ctx.schema.subschemas_at(path + (name,)) if "description" in s), {})
                desc = description.get("description") if isinstance(description, dict) else None
                span = ctx.key_span(path) if path else ctx.fence_span()
                hint = (_below_the_fence(ctx, name) if not path else None) or (f"{name}: {desc}" if desc else None)
                message = f"missing required field '{format_path(path + (name,))}'"
                condition = _then_condition(ctx, path, error, value)
                if condition is not None:  # required by if/then: say when, at the field that makes it so
                    trigger, said = condition
                    message = f"missing field '{format_path(path + (name,))}', which is required when {said}"
                    span = ctx.key_span(path + (trigger,))
                yield ctx.diag(MissingRequiredField, message, span, field=path + (name,), hint=hint)
            continue
        if keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(value, dict):
            known = _known_keys(error.schema)
            extras = _extra_keys(value, error.schema) if keyword == "additionalProperties" else _unevaluated(error, value)
            for n, key in enumerate(extras):
                if (path, "extra", key) in seen:
                    continue
                seen.add((path, "extra", key))
                pasted = _pasted_space(path, key, known) or _lookalike_letters(path, key, known) \
                    or _colon_missing(ctx, path, key, known)
                if pasted is not None:
                    message, hint = pasted
                    yield ctx.diag(UnknownField, message, ctx.key_span(path + (key,)), field=path + (key,), hint=hint)
                    continue
                close = _did_you_mean(key, known) if n < SUGGESTED else None
                hint = f"did you mean '{close}'?" if close else (
                    f"known fields: {', '.join(known)}" if known and len(known) <= 20 else None)
                shown = format_path(path + (key,))
                shown = shown if shown.endswith("']") else f"'{shown}'"  # provider['a b'], not 'provider['a b']'
                yield ctx.diag(UnknownField, f"unknown field {shown}", ctx.key_span(path + (key,)),
                               field=path + (key,), hint=hint)
            continue
        if keyword == "dependentRequired" and isinstance(value, dict) and isinstance(error.validator_value, dict):
            for trigger, needed in error.validator_value.items():
                if trigger not in value or not isinstance(needed, list):
                    continue
                for name in needed:
                    if name in value or (path, "required", name) in seen:
                        continue
                    seen.add((path, "required", name))
                    desc = ctx.schema.description(path + (name,))
                    yield ctx.diag(MissingRequiredField, f"missing field '{format_path(path + (name,))}', which is required"
                                                         f" when '{format_path(path + (trigger,))}' is set",
                                   ctx.key_span(path + (trigger,)), field=path + (name,),
                                   hint=f"{name}: {desc}" if desc else None)
            continue
        if "propertyNames" in error.relative_schema_path and isinstance(value, str):
            if (path, "propertyNames", value) in seen:
                continue
            seen.add((path, "propertyNames", value))
            rule = error.validator_value if keyword == "pattern" else None
            yield ctx.diag(SchemaViolation, f"{format_path(path)} has a field named {show(value, 40)}, which the schema"
                                            " does not allow", ctx.key_span(path + (value,)), field=path + (value,),
                           hint=f"field names here must match the pattern {rule}" if rule else None)
            continue
        if (path, keyword) in seen:
            continue
        seen.add((path, keyword))
        name = format_path(path)
        if keyword == "type":
            broken_paths.add(path)
            hint = _type_hint(ctx, path, value, error.validator_value) or None
            yield ctx.diag(WrongType, f"{name} must be {_expected_type(error.validator_value)}, found {found_kind(value)}",
                           ctx.value_span(path), field=path, hint=hint)
        elif keyword in ("enum", "const"):
            allowed = error.validator_value if keyword == "enum" else [error.validator_value]
            close = difflib.get_close_matches(value, [a for a in allowed if isinstance(a, str)], n=1) if isinstance(value, str) else []
            yield ctx.diag(InvalidValue, f"{name} must be {_one_of(allowed)}, found {show(value)}",
                           ctx.value_span(path), field=path, hint=f"did you mean {show(close[0])}?" if close else None)
        elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"):
            bound = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than",
                     "exclusiveMaximum": "less than", "multipleOf": "a multiple of"}[keyword]
            desc = ctx.schema.description(path)
            yield ctx.diag(OutOfRange, f"{name} must be {bound} {error.validator_value}, found {show(value)}",
                           ctx.value_span(path), field=path, hint=desc)
        elif keyword in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"):
            limit = error.validator_value
            unit = {"minLength": "character", "maxLength": "character", "minItems": "item", "maxItems": "item",
                    "minProperties": "field", "maxProperties": "field"}[keyword]
            size = len(value) if hasattr(value, "__len__") else 0
            if keyword.startswith("min") and limit == 1:
                message = f"{name} must not be empty"
            else:
                word = "at least" if keyword.startswith("min") else "at most"
                message = f"{name} must have {word} {limit} {unit}{'s' if limit != 1 else ''}, found {size}"
            yield ctx.diag(InvalidLength, message, ctx.value_span(path), field=path)
        elif keyword == "pattern":
            desc = ctx.schema.description(path)
            yield ctx.diag(PatternMismatch, f"{name} does not have the expected form, found {show(value, 40)}",
                           ctx.value_span(path), field=path,
                           hint=(desc + " " if desc else "") + f"(pattern {error.validator_value})")
        elif keyword == "format":
            continue  # formats are checked by the URL, DT and SC008 rules
        elif keyword == "uniqueItems" and isinstance(value, list) and (pair := _repeated(value)):
            first, again = pair
            item = value[again]
            what = "the same item" if isinstance(item, (list, dict)) else show(item, 40)
            yield ctx.diag(SchemaViolation, f"{name} lists {what} twice: "
                                            f"{format_path(path + (first,))} and {format_path(path + (again,))}",
                           ctx.value_span(path + (again,)), field=path + (again,), hint="remove the repeated item")
        elif keyword == "contains" and isinstance(value, list) and "does not contain" in error.message:
            yield ctx.diag(SchemaViolation, f"{name} must include {_described(error.validator_value, 'an item of the kind the schema asks for')}",
                           ctx.value_span(path), field=path, hint=ctx.schema.description(path))
        elif keyword == "not":
            sub = error.validator_value
            pinned = _described(sub, "")
            if pinned:
                message = f"{name} must not be {pinned}"
            elif isinstance(sub, dict) and set(sub) - {"description"} == {"type"}:
                message = f"{name} must not be {_expected_type(sub['type'])}, found {show(value)}"
            else:
                message = f"{name} has a value the schema rules out, found {show(value)}"
            yield ctx.diag(SchemaViolation, message, ctx.value_span(path), field=path, hint=ctx.schema.description(path))
        else:
            message = error.message if len(error.message) <= 200 else error.message[:200] + "…"
            yield ctx.diag(SchemaViolation, f"{name}: {message}", ctx.value_span(path), field=path)
    yield from _dates_where_text_belongs(ctx, broken_paths)
    yield from _decimals_where_whole_numbers_belong(ctx, broken_paths)
    yield from _blank_where_text_is_required(ctx, broken_paths, seen)


def _reported_above(doc, path, broken_paths) -> bool:
    """Whether ``path`` or a value above it was reported as the wrong kind or for its tag."""
    return any(path[:n] in broken_paths or path[:n] in doc.tainted for n in range(len(path) + 1))


def _plain_values_typed(ctx, tag: str, broken_paths):
    """``(path, scalar)`` of each plain value YAML 1.1 typed ``tag``, outside values already
    reported (see :func:`_reported_above`)."""
    for path, scalar in ctx.document.typed.items():
        if scalar.tag == tag and scalar.plain and not _reported_above(ctx.document, path, broken_paths):
            yield path, scalar


def _schema_wants(ctx, path, kind: str) -> bool:
    """Whether a subschema at ``path`` has the ``type`` ``kind`` (alone or among others)."""
    for s in ctx.schema.subschemas_at(path):
        wanted = s.get("type") if isinstance(s, dict) else None
        if wanted == kind or (isinstance(wanted, list) and kind in wanted):
            return True
    return False


def _dates_where_text_belongs(ctx, broken_paths):
    """SC003 for each plain value YAML reads as a date (``title: 2024-03-13``) where the
    schema wants text with no date format: the lint-news reader keeps it as text, as the date
    checks need, but PyYAML, js-yaml and ruamel.yaml hand the pipeline a date object. The
    reader records every plain value that may be a date; the positions are read only when
    one of them is not the value of a date field."""
    doc = ctx.document
    if not doc.dates:
        return
    in_date_fields = [v for _p, _f, v in ctx.fields_with_format(DATE_FORMATS)]
    for written in doc.dates:
        if written not in in_date_fields:
            break  # a plain date outside the date fields: look closer
        in_date_fields.remove(written)
    else:
        return
    for path, scalar in _plain_values_typed(ctx, "timestamp", broken_paths):
        if ctx.formats.get(path) in DATE_FORMATS or not _schema_wants(ctx, path, "string"):
            continue
        what = "date and time" if len(scalar.raw) > 10 else "date"
        yield ctx.diag(WrongType, f"{format_path(path)} must be text, found the {what} {scalar.raw}",
                       ctx.value_span(path), field=path,
                       hint=f'YAML reads an unquoted {scalar.raw} as a {what}; write "{scalar.raw}" in quotes')


def _decimals_where_whole_numbers_belong(ctx, broken_paths):
    """SC003 for each plain decimal number that is whole (``width: 640.0``) where the schema
    wants an integer: JSON Schema counts 640.0 as one, but YAML readers hand the pipeline a
    float, which code that sizes or counts with it refuses. Looked for only in a document
    where a decimal number was read."""
    doc = ctx.document
    if not doc.floats:
        return
    for path, scalar in _plain_values_typed(ctx, "float", broken_paths):
        value = ctx.document_value(path)
        if not isinstance(value, float) or not value.is_integer():
            continue  # (640.5 is reported by the schema check itself)
        if _schema_wants(ctx, path, "integer"):
            yield ctx.diag(WrongType, f"{format_path(path)} must be a whole number, found the decimal number "
                           f"{scalar.raw}", ctx.value_span(path), field=path, hint=f"write {int(value)}")


# a quoted value of blanks alone (spaces, tabs, no-break and wide spaces, or their escapes):
# only a document that holds one is walked for blank text. (One pattern for each quote: a
# pattern that begins with one character is searched for it, 2.5 times faster.)
_BLANKS = r"(?:[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]|\\[t ]|\\u(?:00[aA]0|3000))+"
_QUOTED_BLANK = (re.compile(f'"{_BLANKS}"').search, re.compile(f"'{_BLANKS}'").search)


def _blank_where_text_is_required(ctx, broken_paths, seen):
    """SC006 for each value of blanks alone (``title: "   "``) where the schema's
    ``minLength`` asks for text: it passes the length check, and shows as nothing."""
    doc = ctx.document
    fm = ctx.split.front_matter
    text = ctx.source.text
    if not any(search(text, fm.start, fm.end) for search in _QUOTED_BLANK):
        return
    for path, value in doc.strings():
        if not value or value.strip() or (path, "minLength") in seen or _reported_above(doc, path, broken_paths):
            continue
        needs = [s.get("minLength") for s in ctx.schema.subschemas_at(path) if isinstance(s, dict)]
        if any(isinstance(n, int) and not isinstance(n, bool) and 0 < n <= len(value) for n in needs):
            blanks = "spaces" if value.strip(" ") == "" else "blank characters"
            yield ctx.diag(InvalidLength, f"{format_path(path)} must not be empty, found only {blanks} ({show(value, 20)})",
                           ctx.value_span(path), field=path, hint="write the text between the quotes")


def _described(sub, otherwise: str) -> str:
    """A value a subschema pins down (``const``, ``enum``), in words; else ``otherwise``."""
    if isinstance(sub, dict) and "const" in sub:
        return show(sub["const"])
    if isinstance(sub, dict) and isinstance(sub.get("enum"), list) and sub["enum"]:
        return _one_of(sub["enum"])
    return otherwise


def _one_of(allowed: list) -> str:
    """``one of "a", "b"`` (the first ten), or the one value."""
    listed = ", ".join(show(a) for a in allowed[:10]) + (", …" if len(allowed) > 10 else "")
    return ("one of " if len(allowed) > 1 else "") + listed


def _below_the_fence(ctx, name: str) -> Optional[str]:
    """Where a missing top-level field is written below the closing fence (a stray ``---``
    or ``...`` ended the front matter early), as a hint; else ``None``."""
    fm = ctx.split.front_matter if ctx.split is not None else None
    if fm is None:
        return None
    text = ctx.source.text
    window = text[fm.body_start:fm.body_start + 20000]  # the start of the body, not all of a long one
    m = re.search(rf"^{re.escape(name)}[ \t]*:(?:[ \t]|$)", window, re.M)
    if m is None:
        return None
    line = ctx.source.position(fm.body_start + m.start()).line
    fence_line = ctx.source.position(fm.end).line
    fence = text[fm.end:fm.close_end].strip()
    return f"'{name}' is on line {line}, below the '{fence}' on line {fence_line} that ends the front matter: remove that line"


def _repeated(items: list):
    """``(i, j)``, the first item ``j`` equal to an earlier item ``i`` as JSON Schema compares
    them (``1`` equals ``1.0``, but not ``true``), or ``None``. One pass: a list can be long."""
    first = {}
    for j, item in enumerate(items):
        key = _key(item)
        if key in first:
            return first[key], j
        first[key] = j
    return None


def _key(value):
    """A hashable form of a JSON value under which equal values (as JSON Schema has it) are equal."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, (int, float)):
        return ("n", value)  # 1 and 1.0 hash and compare alike
    if isinstance(value, list):
        return ("l", tuple(_key(v) for v in value))
    if isinstance(value, dict):
        return ("d", frozenset((k, _key(v)) for k, v in value.items()))
    return (type(value).__name__, value)


def _unevaluated(error, value):
    found = re.findall(r"'([^']*)'", error.message)
    return [k for k in found if k in value]


class _SchemaRule(Rule):
    only_if = "schema_errors"

    def check(self, ctx):
        return [d for d in ctx.schema_errors if d.code == self.code]


@register
class MissingRequiredField(_SchemaRule):
    """A field the schema requires is missing.

    ## What it does
    Reports each required field that is absent, at the mapping that should hold it (the opening
    `---` for top-level fields), with the field's description as the hint. A field required
    only with another (`dependentRequired`, or `if`/`then` on one field's value) is reported
    at that other field, saying when it is required.

    ## Why is this bad?
    The pipeline relies on required fields: an article without `webUrl` has no address.

    ## Example
    ```yaml
    provider:
      name: News Medical
    ```
    Use instead: add `domain: news-medical.net` under `provider`.
    """

    code = "SC001"
    name = "missing-required-field"


@register
class UnknownField(_SchemaRule):
    """A field the schema does not know, usually a typo.

    ## What it does
    Reports every key that the schema does not define, at the key, and suggests the closest
    known name.

    ## Why is this bad?
    A misspelt field is silently ignored: `publishDateTime` leaves the article without a date.

    ## Example
    ```yaml
    publishDateTime: 2024-03-13T13:00:00Z
    ```
    Use instead: `publishedDateTime: 2024-03-13T13:00:00Z`.
    """

    code = "SC002"
    name = "unknown-field"
    supersedes = ("ENC005",)  # a field name with an invisible character in it: SC002 names it


@register
class WrongType(_SchemaRule):
    """A value of the wrong kind: text where a number belongs, a list where text belongs.

    ## What it does
    Reports values whose type does not match the schema, and explains YAML's implicit typing
    when it is the cause (an unquoted `yes` is a boolean, `012` is the number 10, `2024-03-13`
    a date, where the schema wants text with no date format). A whole number written as a
    decimal one (`640.0`) where the schema wants an integer is reported too: JSON Schema counts
    it as one, but YAML readers hand the pipeline a float.

    ## Why is this bad?
    The pipeline reads the value as the wrong thing or fails on it.

    ## Example
    ```yaml
    images:
      - url: "https://example.com/a.jpg"
        width: "690px"
    ```
    Use instead: `width: 690`.
    """

    code = "SC003"
    name = "wrong-type"


@register
class InvalidValue(_SchemaRule):
    """A value that is not one of those the schema allows.

    ## What it does
    Checks `enum` and `const`: the value must be one of the listed ones.

    ## Why is this bad?
    Unknown values fall through the pipeline's switches: an article of type `artcle` is
    never shown.

    ## Example
    ```yaml
    type: artcle
    ```
    Use instead: `type: article`.
    """

    code = "SC004"
    name = "invalid-value"


@register
class OutOfRange(_SchemaRule):
    """A number outside the range the schema allows.

    ## What it does
    Checks `minimum`, `maximum`, their exclusive forms and `multipleOf`.

    ## Why is this bad?
    Out-of-range scores and sizes break sorting and layout.

    ## Example
    ```yaml
    quality: 540
    ```
    Use instead: a score from 0 to 100.
    """

    code = "SC005"
    name = "out-of-range"


@register
class InvalidLength(_SchemaRule):
    """Text or a list that is empty, too short or too long.

    ## What it does
    Checks `minLength`, `maxLength`, `minItems`, `maxItems` and the property counts. Text of
    spaces alone (`title: "   "`) where the schema sets a `minLength` is empty text too.

    ## Why is this bad?
    An empty title renders as a blank link; a 5,000-character title breaks every layout.

    ## Example
    ```yaml
    title: ""
    ```
    """

    code = "SC006"
    name = "invalid-length"


@register
class PatternMismatch(_SchemaRule):
    """Text that does not have the form the schema requires.

    ## What it does
    Checks `pattern`, and shows the field's description, which says the expected form.

    ## Why is this bad?
    Values such as `secured` are read by machines that expect an exact shape.

    ## Example
    ```yaml
    secured: "not base64 at all"
    ```
    Use instead: two base64 values joined by `;`.
    """

    code = "SC007"
    name = "pattern-mismatch"


@register
class InvalidFormat(Rule):
    """Text that does not match the schema's `format` (e-mail, UUID, IP address, ...).

    ## What it does
    Checks every `format` the schema declares, other than URLs, host names and dates, which
    have their own rules (URL and DT families).

    ## Why is this bad?
    A malformed e-mail address or identifier fails where the pipeline uses it.

    ## Example
    ```yaml
    contact: "editor(at)example.com"
    ```
    Use instead: `contact: "editor@example.com"`.
    """

    code = "SC008"
    name = "invalid-format"

    def check(self, ctx):
        for path, fmt, value in ctx.fields_with_format(_OWN_FORMATS):
            reason = CHECKERS[fmt](value)
            if reason:
                yield ctx.diag(self, f"{format_path(path)} is not a valid {fmt}: {reason}",
                               ctx.value_span(path), field=path)


@register
class SchemaViolation(_SchemaRule):
    """Any other way the front matter breaks the schema.

    ## What it does
    Reports schema keywords without a rule of their own: a repeated item under `uniqueItems`
    (named at its second place), a list without the item `contains` asks for, a value `not`
    rules out, a field name `propertyNames` does not allow (at that key), and any other keyword
    with the validator's message. (A field `dependentRequired` asks for is reported as SC001.)

    ## Why is this bad?
    The schema is the pipeline's contract; every breach of it is a potential failure.

    ## Example
    ```yaml
    topics: [AI, AI]
    ```
    with `uniqueItems: true` in the schema.
    """

    code = "SC009"
    name = "schema-violation"
