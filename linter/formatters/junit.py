"""JUnit XML, for Jenkins and other CI systems: one test case per file, one failure per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import Formatter, inert


class JunitFormatter(Formatter):
    name = "junit"

    def start(self) -> None:
        self.suite = ET.Element("testsuite", name="lint-news")
        self.count = self.failures = 0

    def file(self, result) -> None:
        self.count += 1
        case = ET.SubElement(self.suite, "testcase", classname="lint-news", name=inert(result.path))
        for d in result.diagnostics:
            self.failures += 1
            where = f"{inert(result.path)}:{d.span.start.line}:{d.span.start.column}"
            failure = ET.SubElement(case, "failure", type=d.code, message=inert(f"{d.code} {d.message}"))
            failure.text = inert(f"{where}: {d.code} [{d.severity.value}] {d.message}" + (f"\nhint: {d.hint}" if d.hint else ""))

    def end(self, summary) -> None:
        self.suite.set("tests", str(self.count))
        self.suite.set("failures", str(self.failures))
        self.suite.set("errors", "0")
        root = ET.Element("testsuites")
        root.append(self.suite)
        self.out.write(ET.tostring(root, encoding="unicode") + "\n")
