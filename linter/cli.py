"""The command line: arguments, discovery, engine, fixer, formatter, exit code."""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import os
import sys
from datetime import datetime, timezone
from typing import IO, Iterator, List, Optional, Sequence, Tuple

from . import __version__
from .diagnostics import Severity
from .formatters import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

EPILOG = """\
examples:
  lint-news content/                      lint every .md and .markdown file below content/
  lint-news --output-format github .      annotations for a GitHub Actions log
  lint-news --select ENC,URL news/*.md    only the encoding and URL checks
  lint-news --fix --diff news/a.md        show what --fix would change
  lint-news rules                         list every rule
  lint-news rule ENC001                   explain one rule
  lint-news config                        print the effective settings

exit codes: 0 no errors, 1 errors found (or warnings with --strict), 2 usage or internal error
"""


class UsageError(Exception):
    pass


def _help_formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's formatter, given the terminal's width as ``shutil.get_terminal_size`` finds it.
    Left to itself, argparse imports shutil (and with it three compression modules, about 4 ms)
    for every option it adds, in every run, also in one that prints no help."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return argparse.RawDescriptionHelpFormatter(prog, width=(columns or 80) - 2)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lint-news",
        description="Lint the YAML front matter of news articles in Markdown files.",
        epilog=EPILOG,
        formatter_class=_help_formatter,
        allow_abbrev=False,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint (default: the current folder)")
    p.add_argument("--version", action="version", version=f"lint-news {__version__}")
    p.add_argument("--schema", metavar="PATH", help="JSON Schema for the front matter (default: the bundled news-article schema)")
    p.add_argument("--output-format", "-f", choices=FORMATS, default=None,
                   help="how to write diagnostics (default: text)")
    p.add_argument("--select", action="append", metavar="CODES", help="only these rules (codes or prefixes, comma-separated)")
    p.add_argument("--ignore", action="append", metavar="CODES", help="skip these rules (codes or prefixes)")
    p.add_argument("--extend-select", action="append", metavar="CODES", help="add rules to the selection")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="skip paths matching GLOB (repeatable)")
    p.add_argument("--strict", action="store_true", help="warnings fail the run too")
    p.add_argument("--fix", action="store_true",
                   help="repair what is safe to repair (mojibake, a Windows-1252 character read as a control, "
                        "escapes written out as text, decomposed letters, mixed line endings, a UTF-8 BOM)")
    p.add_argument("--add-suppressions", action="store_true",
                   help="write '# lint-news: disable=...' comments for every current finding (to adopt on a dirty repository)")
    p.add_argument("--diff", action="store_true", help="with or without --fix: print the fixes as a diff, write nothing")
    p.add_argument("--now", metavar="DATETIME", help="the current time for date checks (RFC 3339; default: the clock)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour text output (never with NO_COLOR)")
    p.add_argument("--config", metavar="PATH", help="configuration file (default: the nearest .lint-news.toml or pyproject.toml with [tool.lint-news])")
    p.add_argument("--isolated", action="store_true", help="ignore configuration files")
    p.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE")
    p.add_argument("--changed-since", metavar="REF", help="lint only Markdown files changed since the git REF")
    p.add_argument("--output-file", "-o", metavar="PATH", help="write the report to PATH; the summary still goes to the terminal")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule after the summary")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings (still 2 on errors of lint-news)")
    p.add_argument("--show-files", action="store_true", help="list the files that would be linted, and lint nothing")
    p.add_argument("--quiet", "-q", action="store_true", help="print diagnostics only, no summary")
    p.add_argument("--jobs", "-j", type=_positive_int, default=None, metavar="N",
                   help="worker processes (default: one per CPU core)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    p.add_argument("--cache-dir", metavar="DIR", help="where to keep the cache (default: .lint-news-cache/ at the repository root)")
    p.add_argument("--timeout", type=_seconds, default=10.0, metavar="SECONDS",
                   help="time budget per file (default: 10; 0: none)")
    p.add_argument("--pure-yaml", action="store_true", help="use the pure-Python YAML reader instead of libyaml")
    return p


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


MAX_TIMEOUT = 86400.0  # a day: the timer takes no more than the platform's time_t holds


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= MAX_TIMEOUT:  # also NaN
        raise argparse.ArgumentTypeError(f"must be 0 (no budget) or a number of seconds up to {MAX_TIMEOUT:g}")
    return value


def _reconfigure(stream: IO[str]) -> None:
    try:
        stream.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        pass


def main(argv: Optional[Sequence[str]] = None, stdout: Optional[IO[str]] = None, stderr: Optional[IO[str]] = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if stdout is None:
        _reconfigure(out)
    if stderr is None:
        _reconfigure(err)
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in ("rules", "rule"):
            return _rules_command(args_list, out, err)
        if args_list and args_list[0] == "config":
            return _config_command(args_list[1:], out)
        parser = build_parser()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                args = parser.parse_args(args_list)
        except SystemExit as exc:  # --help, --version, or a usage error already printed
            return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
        return run(args, out, err)
    except UsageError as exc:
        err.write(f"lint-news: error: {_inert(str(exc))}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.write("lint-news: interrupted\n")
        return EXIT_USAGE
    except BrokenPipeError:  # the reader went away (``lint-news . | head``): stop quietly
        _detach(out)
        return EXIT_USAGE
    except Exception as exc:  # a bug: one line, never a traceback
        err.write(f"lint-news: internal error: {type(exc).__name__}: {_inert(str(exc))[:300]}\n")
        return EXIT_USAGE


def _detach(stream: IO[str]) -> None:
    """Point ``stream``'s file descriptor at the null device, so that the output still
    buffered there is dropped instead of failing again when Python flushes it at exit."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)


def _inert(text: str) -> str:
    from .formatters import inert

    return inert(text)


def _rules_command(args: List[str], out: IO[str], err: IO[str]) -> int:
    from .rules import FAMILIES, all_rules, get

    if args[0] == "rules":
        if len(args) > 1:
            raise UsageError("'lint-news rules' takes no arguments")
        family = None
        for rule in all_rules():
            if rule.family() != family:
                family = rule.family()
                out.write(f"\n{family}: {FAMILIES.get(family, '')}\n")
            fix = " (fixable)" if rule.fixable else ""
            out.write(f"  {rule.code:<7} {rule.name:<28} {rule.severity.value:<8} {rule.summary()}{fix}\n")
        return EXIT_CLEAN
    if len(args) != 2:
        raise UsageError("usage: lint-news rule CODE")
    rule = get(args[1])
    if rule is None:
        raise UsageError(f"no rule '{args[1]}' (see 'lint-news rules')")
    out.write(f"{rule.code} {rule.name} ({rule.severity.value}{', fixable' if rule.fixable else ''})\n\n{rule.docs()}\n")
    return EXIT_CLEAN


def _config_command(rest: List[str], out: IO[str]) -> int:
    """Print the effective settings: the configuration file merged with these options."""
    import json
    from dataclasses import asdict

    from .config import ConfigError

    parser = build_parser()
    with contextlib.redirect_stdout(out):
        args = parser.parse_args(rest)
    try:
        settings = _settings(args)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    data = asdict(settings)
    data["options"]["now"] = args.now
    data["severity"] = {code: level.value for code, level in settings.severity}
    data["per_file_ignores"] = {glob: list(codes) for glob, codes in settings.per_file_ignores}
    data["rules"] = [r.code for r in __import__("linter.rules", fromlist=["all_rules"]).all_rules() if settings.enabled(r.code)]
    out.write(json.dumps(data, indent=2, default=list) + "\n")
    return EXIT_CLEAN


def _parse_now(text: Optional[str]):
    """``--now`` as the date rules read dates. The usual form, ``YYYY-MM-DDTHH:MM:SSZ``, is read
    here (a run answered from the cache imports no format checker); anything else, and any
    such value that is not a real moment, goes to the date rules' reader, which says why."""
    if not text:
        return None
    if len(text) == 20 and text[10] == "T" and text[19] == "Z" and text[4] == text[7] == "-" and text[13] == text[16] == ":":
        digits = text[:4] + text[5:7] + text[8:10] + text[11:13] + text[14:16] + text[17:19]
        if digits.isascii() and digits.isdigit():
            try:
                return datetime(int(text[:4]), int(text[5:7]), int(text[8:10]), int(text[11:13]), int(text[14:16]),
                                int(text[17:19]), tzinfo=timezone.utc)
            except ValueError:
                pass  # explained below
    from .formats import date_time
    from .rules.dates import utc

    problem = date_time(text)
    if problem:
        raise UsageError(f"--now {text!r}: {problem}")
    try:
        return utc(text)
    except (ValueError, OverflowError):
        raise UsageError(f"--now {text!r}: it is outside the years 0001-9999 that lint-news can compare") from None


def discover(paths: Sequence[str], extensions: Tuple[str, ...], exclude: Sequence[str]) -> List[Tuple[str, str]]:
    """``(path to open, path to show)`` for every file to lint, sorted by the shown path."""
    found = {}
    cwd = os.getcwd()
    for given in paths or ["."]:
        if not os.path.lexists(given):
            raise UsageError(f"path does not exist: {given}")
        if os.path.isdir(given):
            prefix = _display(given, cwd)
            prefix = "" if prefix == "." else prefix.rstrip("/") + "/"
            for path, relative in _walk(given, extensions):
                shown = prefix + relative
                if not _excluded(shown, exclude):
                    found.setdefault(shown, path)
        else:
            shown = _display(given, cwd)
            if not _excluded(shown, exclude):
                found.setdefault(shown, given)
    return [(found[k], k) for k in sorted(found)]


def _walk(root: str, extensions: Tuple[str, ...]) -> Iterator[Tuple[str, str]]:
    """``(path, path relative to root with '/')`` of each candidate file below ``root``."""
    real_root = os.path.realpath(root)
    stack = [(root, "")]
    while stack:
        folder, relative = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            is_dir = entry.is_dir(follow_symlinks=False)
            if is_dir and name not in ("node_modules", "__pycache__"):
                subfolders.append((entry.path, relative + name + "/"))
            # a folder named like an article is reported (FM010), and searched as well
            if not name.lower().endswith(extensions):
                continue
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if not (target == real_root or target.startswith(real_root + os.sep)):
                    continue  # never follow a link out of the folder being linted
            yield entry.path, relative + name
        stack.extend(reversed(subfolders))


def _display(path: str, cwd: str) -> str:
    absolute = os.path.abspath(path)
    if absolute == cwd or absolute.startswith(cwd + os.sep):
        shown = os.path.relpath(absolute, cwd)
    else:
        shown = path
    return shown.replace(os.sep, "/")


def _excluded(shown: str, patterns: Sequence[str]) -> bool:
    if not patterns:
        return False
    parts = shown.split("/")
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatchcase(shown, pattern) or fnmatch.fnmatchcase(parts[-1], pattern):
            return True
        if any(fnmatch.fnmatchcase("/".join(parts[:i]), pattern) for i in range(1, len(parts))):
            return True
    return False


def _settings(args):
    """Settings from the configuration file, overridden by the command line."""
    from dataclasses import replace
    from pathlib import Path

    from . import configfile
    from .config import ConfigError
    from .options import Options

    table, base, path = {}, Path.cwd(), None
    if not args.isolated:
        path = Path(args.config) if args.config else configfile.find()
        if args.config and not path.is_file():
            raise UsageError(f"--config {args.config}: no such file")
        if path is not None:
            table, base = configfile.load(path)
    options = Options(now=_parse_now(args.now))
    for key, field in configfile.OPTION_KEYS.items():
        if key in table:
            value = table[key]
            if key == "site-root":
                value = str(base / value)
            elif key == "url-schemes":
                value = tuple(value)
            options = replace(options, **{field: value})
    schema = args.schema or (str(base / table["schema"]) if "schema" in table else None)
    try:
        return _build(args, table, options, schema, base)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}" if path is not None and table else str(exc)) from None


def _build(args, table, options, schema, base):
    from .config import Settings

    return Settings.build(
        select=args.select or table.get("select"), ignore=(table.get("ignore") or []) + (args.ignore or []),
        extend_select=(table.get("extend-select") or []) + (args.extend_select or []),
        schema_path=schema, exclude=tuple(table.get("exclude", [])) + tuple(args.exclude), strict=args.strict,
        include=tuple(table.get("include", [])),
        schemas=tuple((tuple([m["files"]] if isinstance(m["files"], str) else m["files"]), str(base / m["schema"]))
                      for m in table.get("schemas", [])),
        pure_yaml=args.pure_yaml, options=options,
        severity=tuple((code, Severity(level)) for code, level in sorted(table.get("severity", {}).items())),
        per_file_ignores=tuple((glob, tuple(codes)) for glob, codes in sorted(table.get("per-file-ignores", {}).items())),
    )


def run(args, out: IO[str], err: IO[str]) -> int:
    from . import schema as schema_mod
    from .config import ConfigError
    from .formatters import Summary, get_formatter

    try:
        settings = _settings(args)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    try:
        schema = schema_mod.SchemaSource(settings.schema_path)
    except schema_mod.SchemaError as exc:
        raise UsageError(str(exc)) from None
    files = discover(args.paths, settings.extensions, settings.exclude)
    if settings.include:
        files = [(p, shown) for p, shown in files if _excluded(shown, settings.include)]
    from . import baseline as baseline_mod

    try:
        if args.changed_since:
            changed = baseline_mod.changed_files(args.changed_since)
            files = [(p, shown) for p, shown in files if os.path.realpath(p) in changed]
        base = baseline_mod.Baseline(args.baseline) if args.baseline else None
    except baseline_mod.BaselineError as exc:
        raise UsageError(str(exc)) from None
    recorded = [] if args.write_baseline else None
    if args.add_suppressions:
        return _add_suppressions_command(files, settings, schema, out, err)
    fixing = args.fix or args.diff
    results = None
    cache_dir = None
    if not fixing:
        from .files import find_root
        from .runner import lint_files

        cache_dir = None if args.no_cache else (args.cache_dir or _default_cache(find_root(), err, args.quiet))
        jobs = args.jobs or os.cpu_count() or 1
        groups = _schema_groups(files, settings, schema)
        if len(groups) == 1:
            settings, schema, _files = groups[0]
            results = lint_files(files, settings, schema, jobs=jobs, cache_dir=cache_dir, timeout=args.timeout)
        else:  # several content types: one run per schema, merged back into path order
            import heapq

            results = heapq.merge(*(lint_files(group, group_settings, group_schema, jobs=jobs, cache_dir=cache_dir,
                                               timeout=args.timeout)
                                    for group_settings, group_schema, group in groups),
                                  key=lambda r: r.path)
    try:
        first = next(results) if results is not None else None
    except schema_mod.SchemaError as exc:
        raise UsageError(str(exc)) from None
    fmt = args.output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    color = args.color == "always" or (args.color == "auto" and fmt == "text" and hasattr(out, "isatty") and out.isatty())
    if os.environ.get("NO_COLOR"):
        color = False
    if args.show_files:
        for _path, shown in files:
            out.write(_inert(shown) + "\n")
        return EXIT_CLEAN
    report = out
    if args.output_file:
        try:
            report = open(args.output_file, "w", encoding="utf-8", errors="backslashreplace")
        except OSError as exc:
            raise UsageError(f"cannot write --output-file {args.output_file}: {exc.strerror}") from None
        color = False
    formatter = get_formatter(fmt)(report, err, color=color, schema_id=_schema_id(schema))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file and not args.diff:
        from .formatters import Tee
        from .formatters.step_summary import StepSummaryFormatter

        try:
            step = open(summary_file, "a", encoding="utf-8", errors="backslashreplace")
        except OSError as exc:
            raise UsageError(f"cannot write GITHUB_STEP_SUMMARY {summary_file}: {exc.strerror}") from None
        formatter = Tee(formatter, StepSummaryFormatter(step, _Null()), closing=step)
    engines = _engines_by_file(files, settings, schema) if fixing else {}
    totals = [0, 0, 0, 0, 0, 0]  # errors, warnings, infos, files with findings, fixed, internal errors
    changed_diff = False
    counts: dict = {}
    seen: set = set()
    formatter.start()
    progress = _Progress(err, len(files))
    from .crossfile import Collector

    collected = Collector()  # every file's facts, for the checks across files
    if results is not None:
        for result in _chain(first, results):
            progress.step()
            if result.facts:
                collected.add(result.path, result.facts, later=result.from_cache)
            result = settings.filter_per_file(result)
            if recorded is not None:
                recorded.extend(baseline_mod.entries([result]))
            if base is not None:
                result = base.filter(result)
            formatter.file(result)
            _tally(totals, result, counts, seen)
    else:
        for path, shown in files:
            try:
                result, diff, refused = _fix_file(engines[shown], path, shown, write=not args.diff)
            except schema_mod.SchemaError as exc:
                raise UsageError(str(exc)) from None
            if refused:
                err.write(f"lint-news: {_inert(shown)}: not fixed: {_inert(refused)}\n")
            if diff:
                changed_diff = True
                if args.diff:
                    out.write(_inert_diff(diff))
            if result.facts:
                collected.add(result.path, result.facts, later=result.from_cache)
            result = settings.filter_per_file(result)
            if not args.diff:
                formatter.file(result)
            _tally(totals, result, counts, seen)
    progress.done()
    if collected.count:
        where = {shown: path for path, shown in files}
        for result in _cross_file_results(collected, settings, None if fixing else cache_dir, where):
            result = settings.filter_per_file(result)
            if recorded is not None:
                recorded.extend(baseline_mod.entries([result]))
            if base is not None:
                result = base.filter(result)
            if not args.diff:
                formatter.file(result)
            _tally(totals, result, counts, seen)
    summary = Summary(len(files), totals[0], totals[1], totals[2], totals[3], totals[4])
    if args.diff:
        return EXIT_FINDINGS if changed_diff else EXIT_CLEAN
    if args.quiet:
        formatter.err = _Null()
    formatter.end(summary)
    if recorded is not None:
        baseline_mod.write(args.write_baseline, recorded)
        err.write(f"Wrote {len(recorded)} findings to the baseline {_inert(args.write_baseline)}.\n")
    if base is not None:
        if base.matched:
            err.write(f"{base.matched} findings are in the baseline and were not reported.\n")
        stale = base.stale()
        if stale and args.strict:
            err.write(f"{len(stale)} baseline entries no longer occur:\n")
            for e in stale:
                err.write(f"  {_inert(e['path'])}: {e['code']} {_inert(e['message'])}\n")
    if report is not out:
        report.close()
        if fmt not in ("text", "github") and not args.quiet:
            from .formatters import summary_line

            err.write(summary_line(summary) + "\n")
    if args.statistics:
        from .rules import get as get_rule

        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            rule = get_rule(code)
            err.write(f"{n:>7}  {code:<7} {rule.name if rule else ''}\n")
    if totals[5]:
        return EXIT_USAGE  # lint-news itself failed on some file
    if args.exit_zero:
        return EXIT_CLEAN
    if summary.errors or (args.strict and summary.warnings):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _default_cache(root: str, err, quiet: bool) -> Optional[str]:
    """``.lint-news-cache`` at the repository root, unless the repository holds something else
    by that name: a link (the cache would be written wherever it points) or a file."""
    path = os.path.join(root, ".lint-news-cache")
    if os.path.islink(path) or (os.path.lexists(path) and not os.path.isdir(path)):
        if not quiet:
            err.write(f"lint-news: {_inert(path)} is not a folder (a link, or a file): the cache is not used\n")
        return None
    return path


def _schema_groups(files, settings, default_schema):
    """``[(settings, schema, files)]``: files grouped by the schema their path maps to."""
    if not settings.schemas:
        return [(settings, default_schema, files)]
    from dataclasses import replace

    from . import schema as schema_mod

    buckets: dict = {}
    for path, shown in files:
        target = settings.schema_path
        for globs, schema_path in settings.schemas:
            if _excluded(shown, globs):
                target = schema_path
                break
        buckets.setdefault(target, []).append((path, shown))
    groups = []
    for target, group in buckets.items():
        try:
            source = default_schema if target == settings.schema_path else schema_mod.SchemaSource(target)
        except schema_mod.SchemaError as exc:
            raise UsageError(str(exc)) from None
        groups.append((replace(settings, schema_path=target), source, group))
    return groups


def _engines_by_file(files, settings, schema) -> dict:
    """The engine for each shown path, by the schema its path maps to (for --fix and friends)."""
    from .engine import Engine

    out = {}
    for group_settings, group_schema, group in _schema_groups(files, settings, schema):
        engine = Engine(group_settings, group_schema)
        for _path, shown in group:
            out[shown] = engine
    return out


def _cross_file_results(collected, settings, cache_dir, where):
    """The findings across files (``collected``, a :class:`linter.crossfile.Collector`), from
    the cache when every file's facts are as last time.
    ``where`` maps the name shown for a file to where it is."""
    from . import cache as cache_mod
    from . import crossfile
    from .files import MAX_FILE_BYTES, read_regular

    def locate(shown, field):
        from .engine import locate_field  # with the rules: only to say where a finding is

        return locate_field(where.get(shown, shown), field)

    def stamp(shown):
        raw = read_regular(where.get(shown, shown), MAX_FILE_BYTES)
        return None if raw is None else cache_mod.digest(raw)

    found = None
    if cache_dir:
        key = cache_mod.cross_file_key(collected.digest(), ",".join(c for c in ("XF001", "XF002", "XF003") if settings.enabled(c)))
        found = cache_mod.read_cross_file(cache_dir, key, stamp)
    if found is None:
        found = collected.findings(settings.enabled, locate)
        if cache_dir:
            cache_mod.write_cross_file(cache_dir, key, found, stamp)
    return crossfile.results(found)


def _chain(first, rest):
    if first is not None:
        yield first
    yield from rest


def _schema_id(schema) -> str:
    """The schema's $id without compiling it (a cache hit never needs jsonschema)."""
    import json

    try:
        doc = json.loads(schema.raw.decode("utf-8-sig"))
        return doc.get("$id", "") if isinstance(doc, dict) else ""
    except (ValueError, UnicodeDecodeError, RecursionError):
        return ""


class _Progress:
    """'1500/40000 files' on stderr, only on a terminal, only for long runs, never in CI."""

    EVERY = 500

    def __init__(self, err, total: int):
        self.err, self.total, self.n = err, total, 0
        interactive = hasattr(err, "isatty") and err.isatty()
        self.on = interactive and total >= 2000 and not os.environ.get("CI") and not os.environ.get("GITHUB_ACTIONS")

    def step(self) -> None:
        self.n += 1
        if self.on and self.n % self.EVERY == 0:
            self.err.write(f"\r{self.n}/{self.total} files")
            self.err.flush()

    def done(self) -> None:
        if self.on and self.n >= self.EVERY:
            self.err.write("\r" + " " * 30 + "\r")


class _Null:
    def write(self, _text: str) -> int:
        return 0


def _inert_diff(diff: str) -> str:
    from .formatters import inert

    return "".join(inert(line.rstrip("\n")) + "\n" for line in diff.splitlines(True))


def _tally(totals: List[int], result, counts, seen) -> None:
    """Add ``result`` to the totals and to ``counts`` (findings per code); ``seen`` holds the
    paths already counted as having findings (the checks across files report some again)."""
    if result.fixed:
        totals[4] += 1
    if not result.diagnostics:
        return
    if result.path in seen:
        totals[3] -= 1
    seen.add(result.path)
    totals[3] += 1
    for d in result.diagnostics:
        counts[d.code] = counts.get(d.code, 0) + 1
        if d.code == "FM011":
            totals[5] += 1
        if d.severity == Severity.ERROR:
            totals[0] += 1
        elif d.severity == Severity.WARNING:
            totals[1] += 1
        else:
            totals[2] += 1


def _fix_file(engine, path: str, shown: str, write: bool):
    """Lint, fix what is safe, verify the fix, write it (or not), and lint the result:
    ``(result, diff or None, why a fix was not made or None)``."""
    from . import fixer
    from .files import find_root

    raw, early = engine.read(path, shown)
    if early is not None:
        return early, None, None
    try:
        ctx = engine.context(shown, raw, path=path)
        diags = engine.run_rules(ctx)
    except Exception:  # the engine's own net reports it, as for any run
        return engine.lint_bytes(shown, raw, path), None, None
    first = engine.result(ctx, diags)
    new = fixer.fixed_bytes(raw, ctx.source.text, ctx.source.bom, diags)
    if new is None:
        return first, None, None
    after = engine.context(shown, new, path=path)
    if not _still_reads(ctx, after):
        return first, None, "the repaired text would no longer read as the same YAML"
    diff = fixer.unified_diff(shown, raw, new)
    if write:
        try:
            fixer.write_atomic(path, raw, new, root=find_root())
        except fixer.WriteRefused as exc:
            return first, None, str(exc)
        except OSError as exc:
            return first, None, f"cannot write the file: {exc.strerror or str(exc) or type(exc).__name__}"
    result = engine.result(after)
    result.fixed = write
    return result, diff, None


def _add_suppressions_command(files, settings, schema, out, err) -> int:
    engines = _engines_by_file(files, settings, schema)
    changed = 0
    for path, shown in files:
        try:
            if _add_suppressions(engines[shown], path, shown):
                changed += 1
                out.write(f"added suppressions to {_inert(shown)}\n")
        except Exception as exc:  # one file's trouble must not stop the others
            from .fixer import WriteRefused

            why = str(exc) if isinstance(exc, WriteRefused) else type(exc).__name__
            err.write(f"lint-news: {_inert(shown)}: suppressions not added ({_inert(why)})\n")
    err.write(f"Added suppressions to {changed} file{'' if changed == 1 else 's'}.\n")
    return EXIT_CLEAN


def _add_suppressions(engine, path: str, shown: str) -> bool:
    """Silence every current finding of one file with comments; True when the file changed.

    A finding on a front-matter line gets ``# lint-news: disable=...`` at the end of that
    line; the others (on the fence, in the body, or where a comment would change a value)
    go to one ``# lint-news: disable-file=...`` line after the opening fence. The result is
    re-read: the data must be exactly what it was, and nothing may remain to report."""
    from . import fixer
    from .diagnostics import Edit
    from .files import find_root

    raw, early = engine.read(path, shown)
    if early is not None:
        return False  # unreadable or not checked: its finding says why
    ctx = engine.context(shown, raw, path=path)
    fm = ctx.split.front_matter if ctx.split is not None else None
    diags = [d for d in engine.run_rules(ctx) if d.code not in ("FM011", "FM012")]
    if diags and (fm is None or ctx.document is None or not ctx.document.ok or ctx.source.decode_errors):
        # a comment needs front matter that reads, in a file that decodes: say so, and go on
        why = ("the file has no front matter to hold them" if fm is None
               else "the file is not valid UTF-8; fix its encoding first" if ctx.source.decode_errors
               else "the front matter is not valid YAML; fix that first")
        raise fixer.WriteRefused(why)
    if not diags:
        return False
    text = ctx.source.text
    first_line = ctx.source.position(fm.start).line
    last_line = ctx.source.position(fm.end).line - 1
    by_line, whole = {}, set()
    for d in diags:
        line = d.span.start.line
        content = ctx.source.line_text(line)
        if first_line <= line <= last_line and "#" not in content:
            by_line.setdefault(line, set()).add(d.code)
        else:
            whole.add(d.code)

    def attempt(per_line, file_codes):
        edits = []
        for line, codes in sorted(per_line.items()):
            end = ctx.source.line_starts[line - 1] + len(ctx.source.line_text(line))
            edits.append(Edit(end, end, f"  # lint-news: disable={','.join(sorted(codes))}"))
        if file_codes:
            nl = ctx.source.newline
            edits.append(Edit(fm.start, fm.start, f"# lint-news: disable-file={','.join(sorted(file_codes))}{nl}"))
        edits.sort(key=lambda e: (e.start, e.end))
        new_text, _ = fixer.apply_edits(text, False, edits)
        new = fixer.encode(new_text, ctx.source.bom)
        after = engine.context(shown, new, path=path)
        if after.document is None or not after.document.ok or after.document.data != ctx.document.data:
            return None
        if any(d.code != "FM012" for d in engine.run_rules(after)):
            return None
        return new

    new = attempt(by_line, whole)
    if new is None:  # a comment would have changed a value: silence the whole file instead
        new = attempt({}, whole | {c for codes in by_line.values() for c in codes})
    if new is None or new == raw:
        return False
    fixer.write_atomic(path, raw, new, root=find_root())
    return True


def _still_reads(before, after) -> bool:
    """A fix must leave the YAML as readable as it was, with the same fields."""
    if before.document is None:
        return after.document is None or after.document.ok
    if after.document is None or (before.document.ok and not after.document.ok):
        return False
    kinds_before = sorted(p.kind for p in before.document.problems)
    kinds_after = sorted(p.kind for p in after.document.problems)
    if kinds_before != kinds_after:
        return False
    if isinstance(before.data, dict) and isinstance(after.data, dict):
        return list(before.data) == list(after.data)
    return True
