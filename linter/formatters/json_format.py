"""A stable JSON document for other programs (format version 1).

```json
{
  "version": 1,
  "tool": {"name": "lint-news", "version": "…"},
  "schema": "<$id of the schema>",
  "summary": {"files": 40, "files_with_findings": 2, "errors": 3, "warnings": 1, "infos": 0},
  "diagnostics": [
    {"path": "news/a.md", "code": "SC002", "name": "unknown-field", "severity": "error",
     "message": "…", "field": "publishDateTime", "hint": "did you mean 'publishedDateTime'?",
     "span": {"start": {"line": 5, "column": 1}, "end": {"line": 5, "column": 16}},
     "fix": null}
  ]
}
```
Lines and columns are 1-based; columns count characters; ``end`` is exclusive. The output is
pure ASCII (``\\u`` escapes), so it is valid whatever the file contained.
"""

from __future__ import annotations

import json

from .. import __version__
from . import Formatter, rule_name


def diagnostic_dict(path: str, d) -> dict:
    return {
        "path": path,
        "code": d.code,
        "name": rule_name(d.code),
        "severity": d.severity.value,
        "message": d.message,
        "field": d.field_name,
        "hint": d.hint,
        "span": {
            "start": {"line": d.span.start.line, "column": d.span.start.column},
            "end": {"line": d.span.end.line, "column": d.span.end.column},
        },
        "fix": None if d.fix is None else {
            "title": d.fix.title,
            "safe": d.fix.safe,
            "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in d.fix.edits],
        },
    }


class JsonFormatter(Formatter):
    name = "json"

    def start(self) -> None:
        self.items = []

    def file(self, result) -> None:
        self.items.extend(diagnostic_dict(result.path, d) for d in result.diagnostics)

    def end(self, summary) -> None:
        doc = {
            "version": 1,
            "tool": {"name": "lint-news", "version": __version__},
            "schema": self.schema_id,
            "summary": {
                "files": summary.files,
                "files_with_findings": summary.files_with_findings,
                "errors": summary.errors,
                "warnings": summary.warnings,
                "infos": summary.infos,
                "fixed": summary.fixed,
            },
            "diagnostics": self.items,
        }
        self.out.write(json.dumps(doc, ensure_ascii=True, indent=2) + "\n")
