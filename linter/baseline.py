"""Baselines and changed-only runs.

A baseline records the findings a repository has today, so that only new ones are reported.
A finding's fingerprint is its rule, file, field path and the text of the line it points at
(not the line number), so edits elsewhere in the file do not bring old findings back.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from typing import Dict, Iterable, List, Set

from .diagnostics import FileResult

VERSION = 1


class BaselineError(Exception):
    pass


def fingerprint(result: FileResult, d) -> str:
    line = result.lines.get(d.span.start.line, "").strip()
    key = "\0".join([d.code, result.path, d.field_name or "", line])
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()


def entries(results: Iterable[FileResult]) -> List[Dict[str, str]]:
    out = []
    for r in results:
        for d in r.diagnostics:
            out.append({"fingerprint": fingerprint(r, d), "path": r.path, "code": d.code,
                        "field": d.field_name or "", "message": d.message})
    return out


def write(path: str, items: List[Dict[str, str]]) -> None:
    from .files import replace_atomic

    doc = {"version": VERSION, "tool": "lint-news", "findings": sorted(items, key=lambda e: (e["path"], e["code"], e["fingerprint"]))}
    replace_atomic(path, (json.dumps(doc, indent=1, ensure_ascii=True) + "\n").encode())


class Baseline:
    def __init__(self, path: str):
        try:
            with open(path, encoding="utf-8") as fh:
                doc = json.load(fh)
            findings = doc["findings"]
            self.remaining = Counter(e["fingerprint"] for e in findings)
            self.described = {e["fingerprint"]: e for e in findings}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BaselineError(f"cannot read baseline {path}: {exc}") from None
        self.matched = 0

    def filter(self, result: FileResult) -> FileResult:
        kept = []
        for d in result.diagnostics:
            fp = fingerprint(result, d)
            if self.remaining.get(fp, 0) > 0:
                self.remaining[fp] -= 1
                self.matched += 1
            else:
                kept.append(d)
        result.diagnostics = kept
        return result

    def stale(self) -> List[Dict[str, str]]:
        return [self.described[fp] for fp, n in sorted(self.remaining.items()) if n > 0]


def changed_files(ref: str) -> Set[str]:
    """Real paths of files added, modified or renamed since ``ref`` (and untracked new files)."""
    import subprocess  # here: every run imports this module, few ask git

    def git(*args) -> str:
        try:
            proc = subprocess.run(["git", *args], capture_output=True, text=True, check=True)
        except FileNotFoundError:
            raise BaselineError("--changed-since needs git") from None
        except subprocess.CalledProcessError as exc:
            raise BaselineError(f"git {' '.join(args)}: {exc.stderr.strip() or 'failed'}") from None
        return proc.stdout

    top = git("rev-parse", "--show-toplevel").strip()
    names = git("diff", "--name-only", "--diff-filter=AMR", "-z", ref, "--").split("\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z", "--full-name").split("\0")
    return {os.path.realpath(os.path.join(top, n)) for n in names if n}
