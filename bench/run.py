"""Benchmark lint-news against the tools a content team would otherwise use.

    python bench/run.py --files 20000

Generates a seeded, realistic corpus (articles like the example documents, in many languages,
about 3% with one defect), then runs in this one invocation:

* lint-news cold (empty cache), warm (cache filled), and on one unchanged file (pre-commit);
* check-jsonschema on the same front matter extracted to YAML files (on a subset, --peer-files);
* a naive python-frontmatter + jsonschema script with the validator built once.

Each command runs in its own process; wall time is the median of --repeat runs; peak memory
is the largest resident set of any process of the command. lint-news cold and the peers run
in rounds (one of each per round, --repeat rounds), so that the machine's slow spells fall on
all of them alike. Ratios compare files per second: of the medians, and per round.
Peers that are not installed are skipped: pip install '.[bench]'.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

import corpus  # noqa: E402

SCHEMA = ROOT / "schemas" / "news-article.schema.json"
RSS = ("import resource, subprocess, sys, time; t=time.perf_counter(); "
       "p=subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
       "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)")


def generate(folder: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    names = sorted(corpus.ALL_DEFECTS)
    past = time.time() - 3600
    for i in range(n):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        if rng.random() < 0.03:
            text = corpus.make_defective(rng, rng.choice(names)).text
        else:
            text = corpus.make_article(rng)
        target = sub / f"article-{i:06d}.md"
        target.write_text(text, encoding="utf-8")
        os.utime(target, (past, past))  # like a checkout: not modified this very second




def extract_yaml(src: Path, dst: Path, limit: int) -> int:
    count = 0
    for path in sorted(src.rglob("*.md"))[:limit]:
        text = path.read_text(encoding="utf-8", errors="replace")
        parts = text.split("\n---\n", 1)
        body = parts[0][4:] if text.startswith("---\n") and len(parts) == 2 else ""
        (dst / (path.stem + ".yaml")).write_text(body, encoding="utf-8")
        count += 1
    return count


def _formats_peers_skip():
    """The schema's formats that jsonschema's FormatChecker cannot check here: it passes them
    silently unless optional libraries are installed (rfc3339-validator for date-time,
    rfc3987-syntax or rfc3987 for uri), which the peers would then not check at all."""
    try:
        from jsonschema import FormatChecker
    except ImportError:
        return []
    from linter.schema import load

    return sorted(set(load(str(SCHEMA)).formats_used) - set(FormatChecker().checkers))


def measure(cmd, repeat: int, cwd=None, prepare=None):
    times, peaks, codes = [], [], []
    for _ in range(repeat):
        if prepare:
            prepare()
        out = subprocess.run([sys.executable, "-c", RSS, *cmd], capture_output=True, text=True, cwd=cwd)
        seconds, peak_kib, code = out.stdout.split()
        times.append(float(seconds))
        peaks.append(int(peak_kib) / 1024)
        codes.append(int(code))
    return statistics.median(times), max(peaks), codes[-1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=20000)
    ap.add_argument("--peer-files", type=int, default=2000, help="files for check-jsonschema (it is slow)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20240313)
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="lint-news-bench-"))
    try:
        content = work / "content"
        content.mkdir()
        t0 = time.perf_counter()
        generate(content, args.files, args.seed)
        print(f"corpus: {args.files} files in {time.perf_counter() - t0:.1f} s ({content})", flush=True)
        cache = work / "cache"
        lint = [sys.executable, "-m", "linter", "--now", corpus.NOW, "--jobs", str(args.jobs), "--quiet"]
        rows = []

        def clear():
            shutil.rmtree(cache, ignore_errors=True)

        # lint-news cold and the peers run in rounds, one of each per round, so that a slow
        # spell of the machine falls on all of them alike; each is reported by its median
        contenders = [("lint-news cold (empty cache)", args.files,
                       [*lint, "--cache-dir", str(cache), str(content)], clear)]
        unchecked = _formats_peers_skip()
        if unchecked:
            print(f"note: jsonschema here skips format {', '.join(unchecked)} (its format libraries are not installed),"
                  " so the peers check less than lint-news: pip install '.[bench]'")
        cjs = shutil.which("check-jsonschema") or (str(Path(sys.executable).parent / "check-jsonschema"))
        if Path(cjs).exists():
            yaml_dir = work / "yaml"
            yaml_dir.mkdir()
            n = extract_yaml(content, yaml_dir, args.peer_files)
            files = sorted(str(p) for p in yaml_dir.glob("*.yaml"))
            contenders.append(("check-jsonschema", n, [cjs, "--schemafile", str(SCHEMA), *files], None))
        else:
            print("check-jsonschema: not installed, skipped (pip install '.[bench]')")
        try:
            import frontmatter  # noqa: F401
            import jsonschema  # noqa: F401

            contenders.append(("naive script", args.files,
                               [sys.executable, str(HERE / "naive.py"), str(SCHEMA), str(content)], None))
        except ImportError:
            print("naive script: python-frontmatter not installed, skipped (pip install '.[bench]')")
        times = {name: [] for name, *_ in contenders}
        peaks = {name: 0.0 for name, *_ in contenders}
        for round_no in range(args.repeat):
            for name, _n, cmd, prepare in contenders:
                secs, peak, _ = measure(cmd, 1, prepare=prepare)
                times[name].append(secs)
                peaks[name] = max(peaks[name], peak)
            print(f"round {round_no + 1} of {args.repeat}: "
                  + ", ".join(f"{name} {times[name][-1]:.2f} s" for name, *_ in contenders), flush=True)
        cold_name = contenders[0][0]
        cold_secs = statistics.median(times[cold_name])
        cold = args.files / cold_secs
        rows.append((cold_name, args.files, cold_secs, peaks[cold_name]))

        secs, peak, _ = measure([*lint, "--cache-dir", str(cache), str(content)], args.repeat)
        rows.append(("lint-news warm (cache filled)", args.files, secs, peak))
        one = next(iter(sorted(content.rglob("*.md"))))
        secs, peak, _ = measure([*lint, "--cache-dir", str(cache), str(one)], max(5, args.repeat))
        rows.append(("lint-news, one unchanged file", 1, secs, peak))
        secs, peak, _ = measure([*lint, "--no-cache", "--jobs", "1", str(content)], 1)
        rows.append(("lint-news cold, --jobs 1", args.files, secs, peak))

        peers = {}
        labels = {"check-jsonschema": "check-jsonschema (front matter as YAML)",
                  "naive script": "naive python-frontmatter + jsonschema"}
        for name, n, _cmd, _prepare in contenders[1:]:
            secs = statistics.median(times[name])
            rows.append((labels[name], n, secs, peaks[name]))
            # the ratio of each round too: both sides ran within the same minute
            per_round = sorted((args.files / mine) / (n / theirs)
                               for mine, theirs in zip(times[cold_name], times[name]))
            peers[name] = (n / secs, per_round)

        print()
        print(f"{'run':<42} {'files':>7} {'seconds':>9} {'files/s':>10} {'peak MiB':>9}")
        for name, n, secs, peak in rows:
            print(f"{name:<42} {n:>7} {secs:>9.3f} {n / secs:>10.0f} {peak:>9.1f}")
        print()
        for peer, (rate, per_round) in peers.items():
            spread = f" (rounds: {per_round[0]:.1f}x to {per_round[-1]:.1f}x)" if len(per_round) > 1 else ""
            print(f"lint-news cold / {peer}: {cold / rate:.1f}x{spread}")
        warm = rows[1][1] / rows[1][2]
        print(f"lint-news warm / cold: {warm / cold:.1f}x")
        print(f"one unchanged file: {rows[2][2] * 1000:.0f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
