"""Build time, peak memory and site size of `dossier build` on synthetic corpora, 1k-100k articles.

    python bench/build_scale.py                         # 1,000 and 10,000 articles
    python bench/build_scale.py --sizes 100000          # only when asked: about an hour
    python bench/build_scale.py --sizes 10000 --keep    # keep bench/out/work-10k for profiling
    git archive HEAD | tar -x -C /tmp/snap && python bench/build_scale.py --code /tmp/snap

For each size the corpus (``bench/corpus.py``) is generated into ``bench/out/corpus-<size>`` if
it is missing or stale. Each run works in a fresh ``bench/out/work-<size>``: the raw files
(hard links), a copy of ``content/gazetteer`` and ``content/about.md`` (from ``--code``) and an
empty articles folder. It times, each in a fresh child process (``python -m generator build``):

* the cold build (every markdown file written, the site built from nothing);
* with ``--noop``, a rebuild with nothing changed;
* a rebuild after one raw file changed (a sentence added to its last paragraph).

Wall seconds, CPU seconds (user + system, worker processes included), peak RSS of the largest
process (``os.wait4``'s ``ru_maxrss``) and of all the build's processes together (sampled from
/proc every 0.2 s) are medians over ``--runs`` (default 3 below 10,000 articles, else 1); the
site's size (bytes and files, all of it and ``search/``) and the cleaned markdown's are from the
last run. The load average is printed because other work on the machine slows the wall time
(the CPU time much less).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CHANGED_SENTENCE = " A later correction added this sentence to the report."


def _corpus_module() -> ModuleType:
    """``bench/corpus.py`` (``bench`` is not a package)."""
    key = "dossier_bench_corpus"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, ROOT / "bench" / "corpus.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


def label(size: int) -> str:
    """'10k' for 10000, '1500' for 1500."""
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


@dataclass(frozen=True)
class Timing:
    """One build in a child process."""

    wall: float  # seconds
    cpu: float  # user + system seconds
    peak_mib: float  # ru_maxrss: the largest single process (the build or one worker)
    tree_peak_mib: float  # sampled: the build and its workers together
    summary: str  # the build's one-line summary


@dataclass(frozen=True)
class Size:
    """Bytes and files under a folder."""

    bytes: int
    files: int


def folder_size(path: Path) -> Size:
    total, files = 0, 0
    for folder, _, names in os.walk(path):
        for name in names:
            total += os.stat(os.path.join(folder, name)).st_size
            files += 1
    return Size(total, files)


def build_command(work: Path) -> list[str]:
    """The build, run from the project folder whose ``generator`` package is measured."""
    content = work / "content"
    return [
        sys.executable,
        "-m",
        "generator",
        "build",
        "--raw",
        str(content / "raw"),
        "--content",
        str(content / "articles"),
        "--gazetteer",
        str(content / "gazetteer"),
        "--out",
        str(work / "site"),
    ]


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (0 once it is gone)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii", errors="replace") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            with open(f"/proc/{current}/task/{current}/children", encoding="ascii") as children:
                pending += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            continue  # exited meanwhile
    return total


class RssSampler(threading.Thread):
    """Samples the summed RSS of a process tree every ``interval`` seconds; ``peak`` is the
    largest sum seen (worker processes count together, unlike ``ru_maxrss``)."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            self.peak = max(self.peak, tree_rss(self.pid))


def timed_build(work: Path, code: Path = ROOT) -> Timing:
    """Run one build in a fresh child process; wall and CPU time and peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(build_command(work), cwd=code, stdout=out, stderr=err)
        sampler = RssSampler(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = out.read().decode(), err.read().decode()
    if child.returncode != 0:
        raise SystemExit(f"build failed ({child.returncode}):\n{output}\n{errors[-3000:]}")
    lines = output.strip().splitlines()
    return Timing(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mib=usage.ru_maxrss / 1024,
        tree_peak_mib=sampler.peak / 2**20,
        summary=lines[-1] if lines else "",
    )


def prepare(corpus: Path, work: Path, code: Path = ROOT) -> None:
    """A fresh work folder: raw files (hard links), the gazetteer and about page, no articles."""
    if work.exists():
        shutil.rmtree(work)
    content = work / "content"
    content.mkdir(parents=True)
    shutil.copytree(corpus, content / "raw", copy_function=_link_or_copy)
    shutil.copytree(code / "content" / "gazetteer", content / "gazetteer")
    shutil.copy(code / "content" / "about.md", content / "about.md")


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def change_one_article(raw_dir: Path) -> Path:
    """Add a sentence to the last body paragraph of the middle raw file (replacing, not
    writing through, its hard link); returns the file."""
    files = sorted(raw_dir.glob("*.txt"))
    path = files[len(files) // 2]
    lines = path.read_text("utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: (len(lines[i]), i))
    lines[longest] += CHANGED_SENTENCE
    temp = path.with_suffix(".tmp")
    temp.write_text("\n".join(lines), encoding="utf-8", newline="\n")
    os.replace(temp, path)
    return path


def check_changed(work: Path, path: Path) -> bool:
    """Whether the rebuilt site shows the changed article's new sentence."""
    stem = path.stem
    pages = list((work / "site" / "articles").glob(f"{stem.replace('_', '-')}*.html"))
    pages = pages or list((work / "site" / "articles").glob(f"{stem}*.html"))
    return any(CHANGED_SENTENCE.strip() in page.read_text("utf-8") for page in pages)


@dataclass
class Result:
    """The figures for one corpus size."""

    articles: int
    runs: int
    cold: list[Timing]
    noop: list[Timing]
    changed: list[Timing]
    change_seen: bool
    site: Size
    search: Size
    markdown: Size
    raw: Size
    load: tuple[float, float, float]


def measure(size: int, runs: int, noop: bool, keep: bool, workers: int, code: Path) -> Result:
    corpus_module = _corpus_module()
    corpus = OUT / f"corpus-{label(size)}"
    if not corpus_module.is_current(corpus, size):
        started = time.perf_counter()
        corpus_module.write_corpus(corpus, size, workers=workers, progress=True)
        print(f"  generated {corpus} in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    work = OUT / f"work-{label(size)}"
    cold, noops, changed = [], [], []
    seen = True
    for run in range(1, runs + 1):
        prepare(corpus, work, code)
        cold.append(timed_build(work, code))
        print(f"  run {run} cold:    {_line(cold[-1])}", file=sys.stderr)
        if noop:
            noops.append(timed_build(work, code))
            print(f"  run {run} no-op:   {_line(noops[-1])}", file=sys.stderr)
        path = change_one_article(work / "content" / "raw")
        changed.append(timed_build(work, code))
        seen = seen and check_changed(work, path)
        print(f"  run {run} 1 edit:  {_line(changed[-1])}", file=sys.stderr)
    result = Result(
        articles=size,
        runs=runs,
        cold=cold,
        noop=noops,
        changed=changed,
        change_seen=seen,
        site=folder_size(work / "site"),
        search=folder_size(work / "site" / "search"),
        markdown=folder_size(work / "content" / "articles"),
        raw=folder_size(corpus),
        load=os.getloadavg(),
    )
    if not keep:
        shutil.rmtree(work)
    return result


def _line(t: Timing) -> str:
    return (
        f"{t.wall:7.1f} s wall {t.cpu:7.1f} s CPU {t.peak_mib:6.0f} MiB max process "
        f"{t.tree_peak_mib:6.0f} MiB all processes | {t.summary}"
    )


def _median(timings: list[Timing]) -> str:
    if not timings:
        return "-"
    wall = statistics.median(t.wall for t in timings)
    cpu = statistics.median(t.cpu for t in timings)
    peak = statistics.median(t.peak_mib for t in timings)
    tree = statistics.median(t.tree_peak_mib for t in timings)
    return (
        f"{wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {peak:.0f} MiB "
        f"(largest process), {tree:.0f} MiB (all processes, sampled)"
    )


def _mib(size: Size) -> str:
    return f"{size.bytes / 2**20:.1f} MiB in {size.files} files"


def report(result: Result) -> None:
    print(f"{result.articles} articles ({result.runs} run{'s' if result.runs > 1 else ''}):")
    print(f"  cold build:              {_median(result.cold)}")
    if result.noop:
        print(f"  rebuild, no change:      {_median(result.noop)}")
    seen = "" if result.change_seen else "  (CHANGE NOT IN THE SITE)"
    print(f"  rebuild, 1 raw changed:  {_median(result.changed)}{seen}")
    print(f"  site:                    {_mib(result.site)}")
    print(f"  site/search:             {_mib(result.search)}")
    print(f"  cleaned markdown:        {_mib(result.markdown)}")
    print(f"  raw corpus:              {_mib(result.raw)}")
    print(f"  load average after:      {' '.join(f'{x:.2f}' for x in result.load)}")


def code_version(code: Path) -> str:
    """Which code is measured: its commit (when ``code`` is this checkout), whether
    ``generator/`` or ``templates/`` differ from it, and a digest of those two folders."""
    digest = hashlib.sha256()
    for path in sorted([*code.glob("generator/*.py"), *code.glob("templates/**/*")]):
        if path.is_file():
            digest.update(path.relative_to(code).as_posix().encode() + b"\0" + path.read_bytes())
    described = f"{code} (generator+templates sha256 {digest.hexdigest()[:12]})"
    if code.resolve() != ROOT:
        return described
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "generator", "templates"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return described
    return f"{described}, commit {commit}{' with uncommitted changes' if dirty else ''}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, help="default: 3 below 10,000 articles, else 1")
    parser.add_argument("--noop", action="store_true", help="also time a rebuild with no change")
    parser.add_argument("--keep", action="store_true", help="keep bench/out/work-<size>")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="for generating")
    parser.add_argument(
        "--code",
        type=Path,
        default=ROOT,
        help="project folder whose generator/ is run (e.g. a `git archive` snapshot, so that "
        "edits made meanwhile do not change what is measured); default: this checkout",
    )
    args = parser.parse_args()
    print(f"code: {code_version(args.code)}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    results = []
    for size in args.sizes:
        runs = args.runs or (3 if size < 10000 else 1)
        print(f"{size} articles:", file=sys.stderr)
        result = measure(size, runs, args.noop, args.keep, args.workers, args.code.resolve())
        results.append(result)
        report(result)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
