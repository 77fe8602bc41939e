"""Query time of the sharded search engine in Node: DossierScore against the path it replaced
(a partial lunr.Index per query, scored by lunr.js's Index#search), on the same search files.

    python bench/search_scorer.py                          # the parity corpus, 3,151 documents
    python bench/search_scorer.py --site /tmp/p10k/site    # a built site, e.g. 10,000 articles
    python bench/search_scorer.py --queries syria "+free +syrian +army" --runs 31 --cold 9

The old path is ``search-codec.js`` and ``search-engine.js`` as they were at ``--old`` (read
with ``git show``, never shipped); the new one is ``templates/static`` as it is. Each path runs
in its own Node processes: lunr.min.js and the path's scripts, then the search files as their
queries load them (``<script>``-like, read from disk), each query asking for every hit, as the
search page does.

* warm ms: the query again in a process that has run it once (its files loaded), median of
  ``--runs`` repetitions, all queries in one process;
* cold ms: the query as the first of a fresh process (after the manifest), median of
  ``--cold`` processes;
* same: whether both paths give the same hits in the same order, with bit-identical scores and
  the same matched terms (compared by digest).

``--site DIR`` reads DIR/search (format 3) without writing to it; without it, the search files
of the shard parity test's corpus (``tests/test_shard_parity.py``: the sample archive, each
article with three variants) are built in a temporary folder.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

Answer = dict[str, Any]

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "templates" / "static"
OLD = "30acc07"  # the last commit scoring with a partial lunr.Index
NEW_SCRIPTS = ["search-codec.js", "search-score.js", "search-engine.js"]
OLD_SCRIPTS = ["search-codec.js", "search-engine.js"]
QUERIES = [  # frequent, then less and less so (in both the parity corpus and a 10k site)
    *("syria", "syrian army", "aleppo", "+free +syrian +army", "title:aleppo body:siege"),
    *("-syria", "convoy", "sniper", "hospita~1", "convo*", "bulldozer", "refinery"),
]

NODE_SCRIPT = r"""
const fs = require("fs"), path = require("path"), vm = require("vm"), crypto = require("crypto");
const request = JSON.parse(fs.readFileSync(0, "utf8"));
globalThis.window = globalThis;
request.scripts.forEach(([name, text]) => vm.runInThisContext(text, { filename: name }));
const engine = window.DossierSearch;
engine.configure({ loader: (url) => {
  vm.runInThisContext(fs.readFileSync(path.join(request.site, url), "utf8"), { filename: url });
} });
async function milliseconds(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
/* The hits' ordinals, scores (to the bit) and matched terms, hashed. */
function digest(hits) {
  const text = JSON.stringify(hits.map((hit) =>
    [hit.ordinal, hit.score, Object.keys(hit.matchData.metadata).sort()]));
  return crypto.createHash("sha256").update(text).digest("hex");
}
async function warm() {
  const answers = [];
  for (const q of request.queries) {
    const hits = await engine.search(q);
    const times = [];
    for (let run = 0; run < request.runs; run += 1) {
      times.push(await milliseconds(() => engine.search(q)));
    }
    answers.push({ query: q, hits: hits.length, digest: digest(hits), ms: median(times) });
  }
  return answers;
}
async function cold() {
  await engine.manifest();
  return milliseconds(() => engine.search(request.queries[0]));
}
(request.cold ? cold() : warm()).then((answer) => process.stdout.write(JSON.stringify(answer)),
  (error) => { console.error(error.stack); process.exit(1); });
"""


def old_script(name: str, revision: str) -> str:
    done = subprocess.run(
        ["git", "show", f"{revision}:templates/static/{name}"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def scripts(old: str) -> dict[str, list[tuple[str, str]]]:
    """Per path, [name, source] of lunr.min.js and the engine's scripts, in loading order."""
    lunr = ("lunr.min.js", (STATIC / "vendor" / "lunr.min.js").read_text("utf-8"))
    return {
        "old": [lunr, *((name, old_script(name, old)) for name in OLD_SCRIPTS)],
        "new": [lunr, *((name, (STATIC / name).read_text("utf-8")) for name in NEW_SCRIPTS)],
    }


def parity_corpus_site(target: Path) -> Path:
    """The shard parity test's search files, written under ``target``."""
    sys.path.insert(0, str(ROOT))  # this checkout's generator, not an installed one
    from generator.search_shards import build_search_shards

    test = ROOT / "tests" / "test_shard_parity.py"
    spec = importlib.util.spec_from_file_location("shard_parity", test)
    assert spec and spec.loader
    parity = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(parity)
    for path, text in build_search_shards(parity.corpus(None)).files:
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(text, encoding="utf-8")
    return target


def node_runner(folder: Path) -> Callable[[dict[str, Any]], Any]:
    """Run one request through the node script (written in ``folder``); its JSON answer."""
    node = shutil.which("node")
    if node is None:
        sys.exit("node is not installed")
    script = folder / "search_scorer.js"  # a file: `node -e` would make `module` a global
    script.write_text(NODE_SCRIPT, encoding="utf-8")

    def run(request: dict[str, Any]) -> Any:
        done = subprocess.run(
            [node, str(script)], input=json.dumps(request).encode("utf-8"), capture_output=True
        )
        if done.returncode != 0:
            sys.exit(done.stderr.decode("utf-8", "replace"))
        return json.loads(done.stdout)

    return run


def measure(
    run_node: Callable[[dict[str, Any]], Any],
    site: Path,
    code: list[tuple[str, str]],
    args: argparse.Namespace,
) -> list[Answer]:
    """Per query of one path: query, hits, digest, ms (warm) and cold."""
    request = {"site": str(site), "scripts": code, "runs": args.runs}
    answers = run_node({**request, "queries": args.queries, "cold": False})
    for answer in answers:
        first = {**request, "queries": [answer["query"]], "cold": True}
        answer["cold"] = statistics.median(run_node(first) for _ in range(args.cold))
    return answers


def report(documents: int, old: list[Answer], new: list[Answer]) -> None:
    print(f"{documents} documents; ms per query, medians (old: lunr.Index path, new: DossierScore)")
    print(
        f"  {'query':26} {'hits':>6} {'warm old':>9} {'new':>6} {'ratio':>6}"
        f" {'cold old':>9} {'new':>6} {'ratio':>6}  same"
    )
    for before, after in zip(old, new, strict=True):
        warm, cold = (before["ms"], after["ms"]), (before["cold"], after["cold"])
        same = "yes" if before["digest"] == after["digest"] else "NO"
        print(
            f"  {after['query']!r:26} {after['hits']:>6} {warm[0]:>9.2f} {warm[1]:>6.2f}"
            f" {warm[0] / warm[1]:>6.1f} {cold[0]:>9.2f} {cold[1]:>6.2f} {cold[0] / cold[1]:>6.1f}"
            f"  {same}"
        )
    for kind, key in (("warm", "ms"), ("cold", "cold")):
        before = statistics.median(answer[key] for answer in old)
        after = statistics.median(answer[key] for answer in new)
        ratio = before / after
        print(f"  median of the queries, {kind}: {before:.2f} -> {after:.2f} ms ({ratio:.1f}x)")


def document_count(site: Path) -> int:
    manifest = (site / "search" / "manifest.js").read_text("utf-8")
    return json.loads(manifest[manifest.index("{") : manifest.rindex("}") + 1])["documents"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (its search/ folder is read)")
    parser.add_argument("--queries", nargs="+", default=QUERIES)
    parser.add_argument("--runs", type=int, default=15, help="warm repetitions per query")
    parser.add_argument("--cold", type=int, default=5, help="fresh processes per query")
    parser.add_argument("--old", default=OLD, help="the revision of the old path's scripts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="search-scorer-") as folder:
        site = args.site or parity_corpus_site(Path(folder))
        code, run = scripts(args.old), node_runner(Path(folder))
        old, new = (measure(run, site, code[path], args) for path in ("old", "new"))
        documents = document_count(site)
    report(documents, old, new)
    if any(before["digest"] != after["digest"] for before, after in zip(old, new, strict=True)):
        sys.exit("the two paths disagree")


if __name__ == "__main__":
    main()
