"""The sharded index finds what lunr.js finds in the whole index: same refs, order and scores.

Node loads the vendored lunr.min.js with the monolithic index (``lunr.Index.load``) and
``search-engine.js`` with the shards (each query on a fresh engine, so it loads only what that
query needs), runs the same queries on both and answers with the top results of each.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.frontmatter import article_from_markdown
from generator.models import Article
from generator.search_index import build_search_bundle
from generator.search_shards import build_search_shards
from generator.search_shards_pack import gzip_size

ROOT = Path(__file__).resolve().parent.parent
LUNR_JS = ROOT / "templates" / "static" / "vendor" / "lunr.min.js"
ENGINE_JS = ROOT / "templates" / "static" / "search-engine.js"
ARTICLES = ROOT / "content" / "articles"
NODE = shutil.which("node")
TOP = 10

needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed: cannot run lunr.js")

QUERIES = [
    *("convoy", "aid convoy", "syria", "Damascus", "aleppo", "idlib ghouta", "hospital"),
    *("chemical attack", "killed civilians", "children hospital", "russian airstrikes"),
    *("title:aleppo", "title:killed body:children", "places:raqqa", "places:syria +killed"),
    *("actors:isil", "source:sana", "title:siege siege"),
    *(
        "+aleppo -damascus",
        "+siege +aleppo",
        "+hospital +attack -russia",
        "-syria",
        "-aleppo -homs",
    ),
    *("convo*", "air*", "c*", "*voy", "al*o", "title:bomb*", "+chem* -syria"),
    *("damascas~1", "aleppo~2", "hospita~1 aid", "sige~1 +aleppo"),
    *("aleppo^10 siege", "siege^3 aleppo^0", "title:aleppo^5 homs"),
    *("+title:aleppo body:siege", "-title:syria aleppo", "siege siege^2", "a*"),
    *("title:a* -body:syria", "+zanzibari twin -title:convoy", "-body:zanzibari report"),
    "zanzibari zanzibari^3 title:report",
    *("destroyed", "destroying", "fighters", "bombed", "isil's", "u.n", "2017", "1,000"),
    *("xyzzyplugh", "+xyzzyplugh aleppo", "xyzzyplugh~1", "quux*", "zanzibari", "zanzibari~1"),
    *("", "the", "foo:bar", "title:", "aleppo~x", "convoy\u2028raqqa", "😀", "convoys convoy𐐀"),
]

NODE_SCRIPT = r"""
const vm = require("vm"), fs = require("fs"), path = require("path");
const [lunrPath, enginePath, siteDir] = process.argv.slice(2);
const context = vm.createContext({});
context.window = context;
vm.runInContext(fs.readFileSync(lunrPath, "utf8"), context, { filename: "lunr.min.js" });
for (const name of ["search-codec.js", "search-score.js"]) {
  vm.runInContext(fs.readFileSync(path.join(path.dirname(enginePath), name), "utf8"), context);
}
vm.runInContext(fs.readFileSync(enginePath, "utf8"), context, { filename: "search-engine.js" });
const lunr = context.lunr;
const texts = new Map();
function read(rel) {
  if (!texts.has(rel)) texts.set(rel, fs.readFileSync(path.join(siteDir, rel), "utf8"));
  return texts.get(rel);
}
vm.runInContext(read("search/index.js") + read("search/docs.js"), context);
const mono = lunr.Index.load(context.DOSSIER_INDEX);
function freshEngine(files) {
  const engine = context.DossierSearch.createEngine({ lunr: lunr, base: "search/" });
  return engine.configure({ loader: (url) => {
    files.push(url);
    vm.runInNewContext(read(url), { window: { DossierSearch: engine } });
  } });
}
async function rankedWithRefs(engine, q, limit) {
  const results = await engine.search(q, { limit: limit });
  const records = await engine.documents(results);
  results.forEach((result, i) => { result.ref = records[i].ref; });
  return results;
}
const top = (results, limit) => results.slice(0, limit).map((r) =>
  [r.ref, r.score, Object.keys(r.matchData.metadata).sort()]);
async function answer(fn, limit) {
  try {
    const results = await fn();
    return { total: results.total === undefined ? results.length : results.total,
             top: top(results, limit) };
  } catch (error) {
    return { error: String(error.message) };
  }
}
const ops = {
  search: async (req) => {
    const answers = [];
    for (const q of req.queries) {
      const files = [];
      answers.push({
        query: q,
        mono: await answer(() => mono.search(q), req.limit),
        shards: await answer(() => rankedWithRefs(freshEngine(files), q, req.limit), req.limit),
        files: files,
      });
    }
    return answers;
  },
  documents: async (req) => {
    const engine = freshEngine([]);
    const results = await engine.search(req.query, { limit: req.limit, offset: req.offset });
    const byResult = await engine.documents(results);
    const byOrdinal = await engine.documents(req.ordinals);
    return { byResult: byResult, byOrdinal: byOrdinal,
             expected: byResult.map((r) => context.DOSSIER_DOCS[r.ref]) };
  },
};
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const req = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  ops[req.op](req).then((value) => process.stdout.write(JSON.stringify(value)),
    (error) => { console.error(error && error.stack || error); process.exit(1); });
});
"""

# ---- corpus ----------------------------------------------------------------------------------

SUBSTITUTIONS = {
    **{"said": "stated", "killed": "slain", "attack": "assault", "forces": "troops"},
    **{"Aleppo": "Homs", "Homs": "Aleppo", "Damascus": "Idlib", "Idlib": "Damascus"},
    **{"children": "kids", "government": "regime", "civilians": "residents", "siege": "blockade"},
    **{"hospital": "clinic", "convoy": "convoys", "destroyed": "destroying", "Syria": "Syria's"},
}
_WORD = re.compile(r"[A-Za-z']+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def substituted(text: str) -> str:
    """``text`` with some words swapped for others (and some for other forms of themselves)."""
    return _WORD.sub(lambda m: SUBSTITUTIONS.get(m.group(), m.group()), text)


def shuffled(text: str, seed: str) -> str:
    """``text`` with its sentences in a deterministic random order, as one paragraph."""
    sentences = _SENTENCE_END.split(" ".join(text.split()))
    random.Random(seed).shuffle(sentences)
    return " ".join(sentences)


def truncated(text: str) -> str:
    """The first half of ``text``'s paragraphs (at least one)."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(paragraphs[: max(1, len(paragraphs) // 2)])


def sample_articles(limit: int | None = None) -> list[Article]:
    """The sample archive's cleaned articles, in file-name order."""
    paths = sorted(ARTICLES.glob("*.md"))[:limit]
    return [article_from_markdown(p.read_text(encoding="utf-8"), p.stem) for p in paths]


def siblings(article: Article, number: int) -> list[Article]:
    """The article and three variants of it; every tenth article's last variant has a numeric
    slug (lunr.js lists such refs first in a posting)."""
    cut_slug = str(number * 37) if number % 10 == 0 else f"{article.slug}-cut"
    return [
        article,
        replace(
            article,
            slug=f"{article.slug}-sub",
            title=substituted(article.title),
            body=substituted(article.body),
        ),
        replace(
            article,
            slug=f"{article.slug}-mix",
            body=shuffled(article.body, article.slug),
            places=tuple(reversed(article.places)),
        ),
        replace(article, slug=cut_slug, title=article.title.upper(), body=truncated(article.body)),
    ]


ODD_ARTICLES = [
    Article(
        slug="7",
        title="Convoy </script><script>alert(1)</script> <!-- at Raqqa",
        body="A convoy 😀 of convoys reached Raqqa.\u2028Aid convoy𐐀 trucks, U.N. said.",
        places=("Raqqa",),
        actors=("United Nations",),
        source="Odd </SCRIPT> Wire",
    ),
    Article(slug="0123", title="Siege of Aleppo", body="The siege of Aleppo went on."),
    Article(slug="10", title="Empty body", body=""),
    # Identical documents tie; lunr.js breaks ties by posting order, numeric refs first.
    *(
        Article(slug=slug, title="Zanzibari twin report", body="The zanzibari twins report.")
        for slug in ("twin-b", "42", "twin-a", "5")
    ),
]


def corpus(limit: int | None) -> list[Article]:
    """Sample articles (all, or the first ``limit``) each with three siblings, plus odd ones."""
    articles = [a for i, article in enumerate(sample_articles(limit)) for a in siblings(article, i)]
    return articles + ODD_ARTICLES


# ---- running both sides ----------------------------------------------------------------------


def write_site(articles: Sequence[Article], target: Path) -> dict[str, str]:
    """Both the monolithic and the sharded search files, written under ``target``."""
    files = dict(build_search_bundle(articles).files)
    files.update(build_search_shards(articles).files)
    for path, text in files.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(text, encoding="utf-8")
    return files


def node_runner(site: Path) -> Callable[..., Any]:
    """Run one request through the node script against ``site``."""
    script = site / "parity.js"
    script.write_text(NODE_SCRIPT, encoding="utf-8")

    def run(op: str, **payload: Any) -> Any:
        done = subprocess.run(
            [str(NODE), str(script), str(LUNR_JS), str(ENGINE_JS), str(site)],
            input=json.dumps({"op": op, **payload}).encode("utf-8"),
            capture_output=True,
            timeout=900,
        )
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        return json.loads(done.stdout.decode("utf-8"))

    return run


def differences(answer: dict[str, Any]) -> list[str]:
    """How the sharded answer to one query differs from lunr.js's (empty if it does not)."""
    mono, shards, query = answer["mono"], answer["shards"], answer["query"]
    if "error" in mono or "error" in shards:
        return [] if mono == shards else [f"{query!r}: {mono} / {shards}"]
    found = []
    if mono["total"] != shards["total"]:
        found.append(f"{query!r}: {mono['total']} hits / {shards['total']}")
    if [r[0] for r in mono["top"]] != [r[0] for r in shards["top"]]:
        found.append(f"{query!r}: refs {mono['top']} / {shards['top']}")
    for (ref, expected, terms), (_, score, matched) in zip(
        mono["top"], shards["top"], strict=False
    ):
        if abs(expected - score) > 1e-6 or terms != matched:
            found.append(f"{query!r} {ref}: {expected} {terms} / {score} {matched}")
    return found


def downloaded(files: dict[str, str], names: Sequence[str]) -> tuple[int, int]:
    """Raw and gzip bytes of the files a query loaded."""
    texts = [files[name] for name in names]
    return sum(len(t.encode("utf-8")) for t in texts), sum(gzip_size(t) for t in texts)


def check_parity(articles: Sequence[Article], site: Path) -> None:
    files = write_site(articles, site)
    answers = node_runner(site)("search", queries=QUERIES, limit=TOP)
    print(f"\n{len(articles)} documents; query, hits, files, raw bytes, gzip bytes:")
    for answer in answers:
        hits = answer["mono"].get("total", answer["mono"].get("error"))
        raw, packed = downloaded(files, answer["files"])
        print(
            f"  {answer['query']!r:32} {hits!s:>6} {len(answer['files']):>4} {raw:>9} {packed:>8}"
        )
    found = [line for answer in answers for line in differences(answer)]
    assert not found, "\n".join(found[:40])
    assert sum(1 for a in answers if a["mono"].get("total")) >= 30, "too few queries find anything"
    identical = [a["mono"]["top"] == a["shards"]["top"] for a in answers if "top" in a["mono"]]
    assert all(identical), "scores are within 1e-6 but not bit-identical"


@needs_node
def test_shards_rank_like_lunr_js_on_a_small_corpus(tmp_path: Path) -> None:
    check_parity(corpus(50), tmp_path)


@needs_node
@pytest.mark.slow
def test_shards_rank_like_lunr_js_on_thousands_of_articles(tmp_path: Path) -> None:
    articles = corpus(None)
    assert len(articles) > 3000
    check_parity(articles, tmp_path)


@needs_node
def test_documents_are_the_search_page_records(tmp_path: Path) -> None:
    articles = corpus(12)
    write_site(articles, tmp_path)
    ordinals = [0, len(articles) - 1, len(articles), -1]
    got = node_runner(tmp_path)(
        "documents", query="convoy aleppo", limit=8, offset=2, ordinals=ordinals
    )
    assert len(got["byResult"]) == 8
    for record, expected in zip(got["byResult"], got["expected"], strict=True):
        shown = {key: expected[key] for key in ("title", "date", "source", "url")}
        assert {key: record[key] for key in shown} == shown
        assert record["text"] and expected["text"].startswith(record["text"])
    slugs = sorted(article.slug for article in articles)
    by_slug = {article.slug: article.title for article in articles}
    titles = [record and record["title"] for record in got["byOrdinal"]]
    assert titles == [by_slug[slugs[0]], by_slug[slugs[-1]], None, None]


PAGE = """<!doctype html>
<meta charset="utf-8">
<title>shards</title>
<script src="assets/vendor/lunr.min.js"></script>
<script src="assets/search-codec.js"></script>
<script src="assets/search-score.js"></script>
<script src="assets/search-engine.js"></script>
<script src="search/index.js"></script>
<script>
window.outcome = (async () => {
  const index = lunr.Index.load(window.DOSSIER_INDEX);
  const answers = [];
  for (const q of QUERIES) {
    const mono = index.search(q).slice(0, 10).map((r) => [r.ref, r.score]);
    const found = await DossierSearch.search(q, { limit: 10 });
    const records = await DossierSearch.documents(found);
    const shards = found.map((r, i) => [records[i].ref, r.score]);
    answers.push({ mono: mono, shards: shards, total: found.total });
  }
  const top = await DossierSearch.search("convoy", { limit: 3 });
  const docs = await DossierSearch.documents(top);
  let failure = "";
  try {
    await DossierSearch.createEngine({ base: "nowhere" }).search("convoy");
  } catch (error) {
    failure = error.message;
  }
  return { answers: answers, titles: docs.map((d) => d.title), texts: docs.map((d) => d.text),
           loaded: DossierSearch.loaded(), failure: failure };
})();
</script>
"""


@pytest.mark.browser
def test_shards_load_from_file_urls_in_chromium(browser: Any, tmp_path: Path) -> None:
    files = write_site(corpus(20), tmp_path)
    (tmp_path / "assets" / "vendor").mkdir(parents=True)
    shutil.copy(LUNR_JS, tmp_path / "assets" / "vendor" / "lunr.min.js")
    shutil.copy(ENGINE_JS, tmp_path / "assets" / "search-engine.js")
    for name in ("search-codec.js", "search-score.js"):
        shutil.copy(ENGINE_JS.with_name(name), tmp_path / "assets" / name)
    queries = ["convoy", "aleppo siege", "title:bomb*", "damascas~1", "-syria"]
    page_path = tmp_path / "page.html"
    page_path.write_text(PAGE.replace("QUERIES", json.dumps(queries)), encoding="utf-8")
    page = browser.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_path.as_uri())
    outcome = page.evaluate("window.outcome")
    page.close()
    assert not errors
    assert all(url.startswith("file:///") for url in requests)
    for answer in outcome["answers"]:
        assert answer["shards"] == answer["mono"] and answer["total"] >= len(answer["mono"])
    assert sum(len(answer["mono"]) for answer in outcome["answers"]) > 20
    assert all(outcome["titles"]) and all(outcome["texts"])
    assert "manifest" in outcome["loaded"] and "vocab-0007" in outcome["loaded"]
    assert set(outcome["loaded"]) <= {path[len("search/") : -3] for path in files}
    assert outcome["failure"] == "could not load nowhere/manifest.js"
