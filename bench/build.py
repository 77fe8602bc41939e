"""Build time and peak memory of `dossier build` on the sample archive.

Each run builds in a fresh child process from a copy of content/ (so the cleaned markdown is
written from scratch, as on a fresh clone, and the repository is left alone) and a second,
warm run reuses that copy (markdown unchanged). Prints medians over --runs.

    python bench/build.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_build(work: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one build in a child process."""
    command = [
        sys.executable,
        "-m",
        "generator",
        "build",
        "--raw",
        str(work / "raw"),
        "--content",
        str(work / "articles"),
        "--gazetteer",
        str(work / "gazetteer"),
        "--out",
        str(work / "site"),
    ]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = child.stdout.read().decode() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = status
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"build failed: {output}")
    print(f"  {output.strip()}", file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cold, warm, peaks = [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as temp:
            work = Path(temp)
            shutil.copytree(ROOT / "content" / "raw", work / "raw")
            shutil.copytree(ROOT / "content" / "gazetteer", work / "gazetteer")
            (work / "about.md").write_text((ROOT / "content" / "about.md").read_text())
            seconds, peak = timed_build(work)
            cold.append(seconds)
            peaks.append(peak)
            seconds, peak = timed_build(work)
            warm.append(seconds)
            peaks.append(peak)
    articles = len(list((ROOT / "content" / "articles").glob("*.md")))
    print(f"sample archive: {articles} articles, {args.runs} runs")
    print(f"cold build (markdown written): median {statistics.median(cold):.2f} s")
    print(f"warm build (markdown unchanged): median {statistics.median(warm):.2f} s")
    print(f"peak RSS: median {statistics.median(peaks):.0f} MiB, max {max(peaks):.0f} MiB")


if __name__ == "__main__":
    main()
