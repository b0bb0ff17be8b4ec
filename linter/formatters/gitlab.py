"""GitLab Code Quality report: a JSON array of issues with a stable fingerprint each."""

from __future__ import annotations

import json

from ..baseline import fingerprint
from . import Formatter, rule_name

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


class GitlabFormatter(Formatter):
    name = "gitlab"

    def start(self) -> None:
        self.issues = []

    def file(self, result) -> None:
        for d in result.diagnostics:
            name = rule_name(d.code)
            self.issues.append({
                "description": f"{d.code} {d.message}",
                "check_name": f"{d.code} {name}" if name else d.code,
                "fingerprint": fingerprint(result, d),
                "severity": _SEVERITY[d.severity.value],
                "location": {"path": result.path, "lines": {"begin": d.span.start.line, "end": d.span.end.line}},
            })

    def end(self, summary) -> None:
        self.out.write(json.dumps(self.issues, ensure_ascii=True, indent=2) + "\n")
