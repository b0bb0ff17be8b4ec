"""Configuration files: ``[tool.lint-news]`` in pyproject.toml, or .lint-news.toml.

The nearest file walking up from the current folder wins (``--config PATH`` names one,
``--isolated`` ignores them all). The table is checked against ``schemas/config.schema.json``;
an unknown key or a wrong value is a usage error that names the key and the file.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from .config import ConfigError

OPTION_KEYS = {  # config key -> Options field
    "image-min": "image_min", "image-max": "image_max", "image-max-ratio": "image_max_ratio",
    "site-root": "site_root", "future-tolerance-hours": "future_tolerance_hours",
    "earliest-year": "earliest_year", "related-tolerance-hours": "related_tolerance_hours",
    "https-only": "https_only", "url-schemes": "url_schemes",
}


def find(start: Optional[str] = None) -> Optional[Path]:
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        dotfile = folder / ".lint-news.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "lint-news" in _read(pyproject).get("tool", {}):
                    return pyproject
            except ConfigError:
                pass
    return None


def _read(path: Path) -> Dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def load(path: Path) -> Tuple[Dict[str, Any], Path]:
    """The checked table of ``path`` and the folder relative paths in it start from."""
    data = _read(path)
    table = data.get("tool", {}).get("lint-news", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.lint-news] must be a table")
    from .schema import bundled_schema_path, import_jsonschema

    schema = json.loads(bundled_schema_path("config.schema.json").read_text(encoding="utf-8"))
    jsonschema = import_jsonschema()

    not_finite = _not_finite(table)
    if not_finite is not None:  # TOML has nan and inf, which no bound of the schema catches
        raise ConfigError(f"{path}: {not_finite}: must be a finite number")
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(table), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        e = errors[0]
        where = ".".join(str(p) for p in e.absolute_path)
        if e.validator == "additionalProperties":
            known = sorted(schema["properties"])
            extra = [k for k in (e.instance or {}) if k not in known]
            raise ConfigError(f"{path}: unknown key {'.'.join(filter(None, [where, extra[0] if extra else '']))!r} "
                              f"(known keys: {', '.join(known)})")
        raise ConfigError(f"{path}: {where or 'the table'}: {e.message}")
    return table, path.parent


def _not_finite(value, where: str = "") -> Optional[str]:
    """The dotted key of the first nan or inf in ``value``, or ``None``."""
    if isinstance(value, float) and not math.isfinite(value):
        return where or "the table"
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _not_finite(item, f"{where}.{key}" if where else str(key))
        if found is not None:
            return found
    return None
