"""SARIF 2.1.0, for GitHub code scanning: every rule with its docs, every result with a region."""

from __future__ import annotations

import json
import os
from pathlib import PurePosixPath

from .. import __version__
from ..rules import all_rules
from . import Formatter

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    posix = PurePosixPath(*path.replace(os.sep, "/").split("/")).as_posix()
    from urllib.parse import quote

    return quote(posix, safe="/")


class SarifFormatter(Formatter):
    name = "sarif"

    def start(self) -> None:
        self.results = []
        self.rules = all_rules()
        self.index = {r.code: i for i, r in enumerate(self.rules)}

    def file(self, result) -> None:
        for d in result.diagnostics:
            message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
            self.results.append({
                "ruleId": d.code,
                "ruleIndex": self.index.get(d.code, 0),
                "level": _LEVEL[d.severity.value],
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(result.path), "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": d.span.start.line,
                            "startColumn": d.span.start.column,
                            "endLine": d.span.end.line,
                            "endColumn": max(d.span.end.column, d.span.start.column + (1 if d.span.single_line else 0)),
                        },
                    }
                }],
            })

    def end(self, summary) -> None:
        rules = []
        for r in self.rules:
            docs = r.docs()
            rules.append({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": docs},
                "help": {"text": docs, "markdown": docs},
                "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
            })
        doc = {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "lint-news",
                    "version": __version__,
                    "rules": rules,
                }},
                # columns count characters (code points), not SARIF's default UTF-16 units:
                # an emoji before a finding is one column, as in every other format
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        }
        self.out.write(json.dumps(doc, ensure_ascii=True, indent=2) + "\n")
