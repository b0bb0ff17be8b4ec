"""The options rules read (``--now``, image bounds, tolerances): kept apart from the rules so
that settings can be built, and a run answered from the cache, without importing them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Tuple


@dataclass
class Options:
    """Settings rules read. Frozen per run; the CLI and config fill it."""

    now: Optional[Any] = None  # datetime: the clock for date sanity checks
    image_min: int = 16
    image_max: int = 10_000
    image_max_ratio: float = 10.0
    site_root: Optional[str] = None  # where absolute image paths (/img/x.png) live
    repo_root: Optional[str] = None
    future_tolerance_hours: float = 24.0
    related_tolerance_hours: float = 48.0
    earliest_year: int = 1990
    https_only: bool = True
    url_schemes: Tuple[str, ...] = ("http", "https")
