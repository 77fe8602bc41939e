"""Load `dossier serve`: concurrent requests for a reader's mix of files and searches.

Builds the sample archive from a copy of content/ in a temporary folder (or takes a built
``--site`` and the ``--content`` folder whose search index it uses), starts
``dossier serve --no-build --no-watch`` on 127.0.0.1 with a free port as a child process, and
sends ``--requests`` requests from ``--concurrency`` threads: pages (home, indexes, articles,
facet values), assets, search shards and ``/api/search`` queries, drawn with a fixed seed.
Prints requests, errors, throughput and p50/p90/p99/max latency, overall and per kind;
with ``--runs`` above 1, the median of each figure over the runs.

    python bench/serve_load.py                                  # the sample archive, content/
    python bench/serve_load.py --requests 20000 --concurrency 16
    python bench/serve_load.py --site site --content content/articles
"""

from __future__ import annotations

import argparse
import http.client
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
SERVING = re.compile(r"^Serving .+ at http://(?P<host>[\d.]+):(?P<port>\d+)/index\.html$")
START_SECONDS = 60
# How often each kind of request comes up, as a reader's browsing and searching asks.
WEIGHTS = {"page": 40, "asset": 20, "shard": 25, "api": 15}
QUERIES = (
    {"q": "convoy"},
    {"q": "aleppo"},
    {"q": '"free syrian army"'},
    {"q": "damascas~1"},
    {"q": "conv*"},
    {"q": "airstrike", "place": "Idlib"},
    {"q": "ceasefire OR truce", "from": "2016-01-01"},
    {"q": "", "source": "SANA"},
    {"q": "refugees", "offset": "10"},
    {"q": "title:(aleppo OR homs)", "limit": "50"},
)


@dataclass(frozen=True)
class Result:
    kind: str
    status: int  # 0: no answer (the connection failed)
    seconds: float
    size: int


def site_paths(site: Path) -> dict[str, list[str]]:
    """URL paths of the site by kind: pages, assets, search shards; and the API queries."""
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    pages = [f for f in files if f.endswith(".html")]
    return {
        "page": ["/" + quote(f) for f in pages],
        "asset": ["/" + quote(f) for f in files if f.startswith("assets/")],
        "shard": ["/" + quote(f) for f in files if f.startswith("search/")],
        "api": ["/api/search?" + urlencode(q) for q in QUERIES],
    }


def request_mix(paths: dict[str, list[str]], count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` (kind, path) pairs drawn by :data:`WEIGHTS`; the home and search pages are
    as likely as any tenth of the other pages (every visit starts there)."""
    rng = random.Random(seed)
    kinds = [kind for kind in WEIGHTS if paths[kind]]
    picks = rng.choices(kinds, weights=[WEIGHTS[k] for k in kinds], k=count)
    front = ["/index.html", "/search.html"]
    mix = []
    for kind in picks:
        if kind == "page" and rng.random() < 0.1:
            mix.append((kind, rng.choice(front)))
        else:
            mix.append((kind, rng.choice(paths[kind])))
    return mix


def fetch(host: str, port: int, kind: str, path: str) -> Result:
    """GET ``path`` on a new connection (the server speaks HTTP/1.0) and read all of it."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        size = len(response.read())
        return Result(kind, response.status, time.perf_counter() - started, size)
    except (OSError, http.client.HTTPException):
        return Result(kind, 0, time.perf_counter() - started, 0)
    finally:
        connection.close()


def run_load(
    host: str, port: int, mix: Sequence[tuple[str, str]], concurrency: int
) -> tuple[list[Result], float]:
    """Every request of ``mix`` from ``concurrency`` threads; the results and wall seconds."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda item: fetch(host, port, *item), mix))
    return results, time.perf_counter() - started


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of ``values`` (``share`` from 0 to 1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def figures(results: Sequence[Result], seconds: float) -> dict[str, dict[str, float]]:
    """Per kind and overall ("all"): requests, errors, req/s, MB, p50/p90/p99/max in ms."""
    table = {}
    for kind in ("all", *WEIGHTS):
        chosen = [r for r in results if kind in ("all", r.kind)]
        if not chosen:
            continue
        ms = [r.seconds * 1000 for r in chosen]
        table[kind] = {
            "requests": len(chosen),
            "errors": sum(r.status != 200 for r in chosen),
            "req/s": len(chosen) / seconds,
            "MB": sum(r.size for r in chosen) / 1e6,
            **{f"p{p}": percentile(ms, p / 100) for p in (50, 90, 99)},
            "max": max(ms),
        }
    return table


def print_table(table: dict[str, dict[str, float]]) -> None:
    columns = ("requests", "errors", "req/s", "MB", "p50", "p90", "p99", "max")
    print(f"{'kind':<6}" + "".join(f"{c:>10}" for c in columns) + "   (latency in ms)")
    for kind, row in table.items():
        cells = "".join(
            f"{row[c]:>10.0f}" if c in ("requests", "errors") else f"{row[c]:>10.1f}"
            for c in columns
        )
        print(f"{kind:<6}{cells}")


def median_table(tables: Sequence[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    return {
        kind: {c: statistics.median(t[kind][c] for t in tables) for c in tables[0][kind]}
        for kind in tables[0]
    }


@contextmanager
def serving(site: Path, content: Path) -> Iterator[tuple[str, int]]:
    """``dossier serve --no-build --no-watch`` on 127.0.0.1 and a free port, until done."""
    command = [sys.executable, "-m", "generator", "serve", "--no-build", "--no-watch"]
    command += ["--host", "127.0.0.1", "--port", "0", "--out", str(site)]
    command += ["--content", str(content)]
    child = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        yield wait_for_address(child)
    finally:
        child.terminate()
        child.wait(timeout=10)
        if child.stderr:
            child.stderr.close()


def wait_for_address(child: subprocess.Popen[str]) -> tuple[str, int]:
    """Host and port from the "Serving … at http://HOST:PORT/index.html" line."""
    deadline = time.monotonic() + START_SECONDS
    assert child.stderr is not None
    for line in child.stderr:
        if match := SERVING.match(line.strip()):
            return match["host"], int(match["port"])
        if time.monotonic() > deadline:
            break
    raise SystemExit(f"dossier serve did not start (exit status {child.poll()})")


def build_sample(work: Path) -> tuple[Path, Path]:
    """Build a copy of content/ in ``work``; the site and the cleaned-articles folder."""
    shutil.copytree(ROOT / "content", work / "content", ignore=shutil.ignore_patterns(".*"))
    command = [sys.executable, "-m", "generator", "build"]
    for option, folder in (("raw", "raw"), ("content", "articles"), ("gazetteer", "gazetteer")):
        command += [f"--{option}", str(work / "content" / folder)]
    command += ["--out", str(work / "site")]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return work / "site", work / "content" / "articles"


def load(
    site: Path, content: Path, requests: int, concurrency: int, runs: int = 1, seed: int = 1
) -> dict[str, dict[str, float]]:
    """Serve ``site`` and load it ``runs`` times; the median figures."""
    mix = request_mix(site_paths(site), requests, seed)
    tables = []
    with serving(site, content) as (host, port):
        for _ in range(runs):
            results, seconds = run_load(host, port, mix, concurrency)
            tables.append(figures(results, seconds))
    return median_table(tables)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build content/)")
    parser.add_argument("--content", type=Path, default=ROOT / "content" / "articles")
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dossier-load-") as temp:
        site, content = (args.site, args.content) if args.site else build_sample(Path(temp))
        table = load(site, content, args.requests, args.concurrency, args.runs, args.seed)
    print(
        f"{args.requests} requests from {args.concurrency} threads on {site}"
        + (f", median of {args.runs} runs" if args.runs > 1 else "")
    )
    print_table(table)


if __name__ == "__main__":
    main()
