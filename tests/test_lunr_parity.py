"""Python processes and scores text exactly like the vendored lunr.js 2.3.9 (run in node)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from lunr.index import Index

from generator.lunr_compat import (
    STOP_WORDS,
    index_terms,
    query_terms,
    stem,
    tokenize,
    trim,
)
from generator.models import Article
from generator.search_index import (
    INDEX_FIELDS,
    build_search_bundle,
    search_documents,
    serialized_index,
)

ROOT = Path(__file__).resolve().parent.parent
LUNR_JS = ROOT / "templates" / "static" / "vendor" / "lunr.min.js"
RAW = ROOT / "content" / "raw"
FAKES = RAW / "fa-kes" / "articles"
FAKES_WORDS = 5000  # distinct FA-KES words compared, on top of every word of RAW/*.txt
NODE = shutil.which("node")

needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed: cannot run lunr.js")

NAMED_WORDS = [
    *("convoy", "Turkey", "Monday", "today", "destroyed", "try", "cry", "says", "Syria's"),
    *("ISIL’s", "ISIL’s.", "Syria's,", "d'Alep", "hyphenated-words", "al-Assad", "Deir ez-Zor"),
    *("2017", "1,000", "3.5", "23/07/2018", "12:30", "0", "42nd", "1990s"),
    *("convoy,", "Raqqa.", "(Homs)", "“quoted”", "'single'", "end!?", "—", "...", "-", "_x_"),
    *("say", "lay", "by", "yes", "y", "yy", "yelling", "sky", "sly", "Yemen", "YEARS"),
    *("agreed", "feed", "controlling", "hopping", "filing", "caresses", "ponies", "ties"),
    *("generalizations", "hopefulness", "relational", "electrical", "adjustment", "ll"),
    *("café", "Ḥalab", "دمشق", "İstanbul", "ΟΔΟΣ", "naïve", "Zoë", "ʿAyn"),
    *("a😀b", "😀s", "a😀bs", "tell😀", "𐐀x", "\ufeffword", "thin\u2009space"),
    *("narrow\u202fnbsp", "nbsp\xa0word", "line\u2028sep", "tab\there", "x", ""),
]

NODE_SCRIPT = r"""
const lunr = require(process.argv[2]);
const indexing = new lunr.Pipeline();
indexing.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
const searching = new lunr.Pipeline();
searching.add(lunr.stemmer);
const token = (w) => new lunr.Token(w, {});
const ops = {
  words: (req) => req.items.map((w) => ({
    stem: lunr.stemmer(token(w)).toString(),
    trim: lunr.trimmer(token(w)).toString(),
    kept: lunr.stopWordFilter(token(w)) !== undefined,
    index: indexing.run(lunr.tokenizer(w)).map(String),
    query: searching.runString(w),
  })),
  tokenize: (req) => req.items.map((text) =>
    lunr.tokenizer(text).map((t) => [t.toString(), t.metadata.position])),
  search: (req) => {
    const index = lunr.Index.load(req.index);
    return req.queries.map((q) => index.search(q).map((r) =>
      [r.ref, r.score, Object.keys(r.matchData.metadata).sort()]));
  },
  build: (req) => lunr(function () {
    this.ref("ref");
    req.fields.forEach(([name, boost]) => this.field(name, { boost: boost }));
    req.documents.forEach((doc) => this.add(doc));
  }).toJSON(),
};
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const req = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  process.stdout.write(JSON.stringify(ops[req.op](req)));
});
"""


@pytest.fixture(scope="module")
def run_js(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Any]:
    """Run one request against the vendored lunr.min.js in node; return its JSON answer."""
    script = tmp_path_factory.mktemp("lunr-js") / "lunr_parity.js"
    script.write_text(NODE_SCRIPT, encoding="utf-8")

    def run(op: str, **payload: Any) -> Any:
        request = json.dumps({"op": op, **payload})
        done = subprocess.run(
            [str(NODE), str(script), str(LUNR_JS)],
            input=request.encode("utf-8"),
            capture_output=True,
            check=True,
            timeout=300,
        )
        return json.loads(done.stdout.decode("utf-8"))

    return run


def _words(texts: Iterable[str]) -> list[str]:
    """Distinct whitespace-separated words of ``texts``, with their lower-case forms."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in text.split():
            seen.setdefault(word)
            seen.setdefault(word.lower())
    return list(seen)


def _fakes_texts(limit: int | None = None) -> list[str]:
    """FA-KES article texts in file-name order."""
    return [p.read_text(encoding="utf-8") for p in sorted(FAKES.glob("*.txt"))[:limit]]


def _raw_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]


def word_list() -> list[str]:
    """The named edge cases, stop words, every raw-file word and a few thousand FA-KES words."""
    words = dict.fromkeys([*NAMED_WORDS, *sorted(STOP_WORDS), *_words(_raw_texts())])
    fakes = [w for w in _words(_fakes_texts()) if w not in words]
    words.update(dict.fromkeys(fakes[:FAKES_WORDS]))
    return list(words)


def _python_side(word: str) -> dict[str, Any]:
    return {
        "stem": stem(word),
        "trim": trim(word),
        "kept": word not in STOP_WORDS,
        "index": index_terms(word),
        "query": query_terms(word),
    }


def _report(differences: list[str]) -> str:
    shown = "\n".join(differences[:60])
    return f"{len(differences)} differences between Python and lunr.js:\n{shown}"


def test_word_list_is_big_enough() -> None:
    words = word_list()
    assert len(words) > 5000
    assert {"convoy", "Turkey", "ISIL’s", "d'Alep"} <= set(words)


@needs_node
def test_stemmer_trimmer_and_pipelines_match_lunr_js(run_js: Callable[..., Any]) -> None:
    words = word_list()
    answers = run_js("words", items=words)
    differences = [
        f"{word!r}: python {py!r} / js {js!r}"
        for word, js in zip(words, answers, strict=True)
        if (py := _python_side(word)) != js
    ]
    assert not differences, _report(differences)


def test_named_words_are_stemmed_as_lunr_js_does() -> None:
    assert [stem(w) for w in ("convoy", "turkey", "monday", "today")] == [
        "convoy",
        "turkey",
        "monday",
        "today",
    ]
    assert (stem("destroyed"), stem("try"), stem("cry")) == ("destroy", "tri", "cri")
    assert index_terms("ISIL’s. Syria's, d'Alep") == ["isil’", "syria'", "d'alep"]
    assert index_terms("says the convoy") == ["convoy"]


@needs_node
def test_tokenizer_matches_lunr_js(run_js: Callable[..., Any]) -> None:
    texts = [
        *_raw_texts(),
        *_fakes_texts(40),
        "Al-Assad\u2009said\u202f«non»\u3000x\ufeffy\u1680z\u2028w\u2029v\x85u\x1cT",
        "Emoji 😀-led 𐐀 words\u00a0and  double  spaces --- end-",
        "",
    ]
    expected = run_js("tokenize", items=texts)
    actual = [[[str(t), t.metadata["position"]] for t in tokenize(text)] for text in texts]
    differences = [
        f"text {i}: python {py[:5]!r}... / js {js[:5]!r}..."
        for i, (py, js) in enumerate(zip(actual, expected, strict=True))
        if py != js
    ]
    assert not differences, _report(differences)
    js_terms = run_js("words", items=texts)
    assert [index_terms(text) for text in texts] == [answer["index"] for answer in js_terms]


def test_stop_word_list_equals_lunr_js() -> None:
    source = LUNR_JS.read_text(encoding="utf-8")
    listed = re.search(r"stopWordFilter=\w+\.generateStopWordFilter\(\[([^\]]*)\]", source)
    assert listed is not None, "stop word list not found in lunr.min.js"
    assert set(re.findall(r'"([^"]*)"', listed.group(1))) == STOP_WORDS


def _article(slug: str, title: str, body: str, **extra: Any) -> Article:
    return Article(slug=slug, title=title, body=body, **extra)


ARTICLES = [
    _article(
        "aid-convoy-hit",
        "Aid convoy hit near Deir ez-Zor",
        "A UN aid convoy was destroyed by shelling on the road to *Deir ez-Zor*.\n\n"
        "Witnesses said the trucks burned for hours.",
        places=("Deir ez-Zor",),
        actors=("United Nations",),
        source="Example Wire",
        date="2017-09-04",
        date_precision="day",
    ),
    _article(
        "turkey-closes-border",
        "Turkey closes its border crossing",
        "Turkey's government closed the crossing near Kilis today, officials said.",
        places=("Kilis", "Turkey"),
        actors=("Turkish Army",),
        source="Example Times",
        date="2016-03",
        date_precision="month",
    ),
    _article(
        "monday-talks",
        "Talks resume on Monday in Geneva",
        "Delegations will meet on Monday; the opposition walked out last week.",
        places=("Geneva",),
        source="Example Times",
    ),
    _article(
        "raqqa-offensive",
        "Bridges destroyed as the offensive advances",
        "Fighters advanced street by street; several bridges were destroyed.",
        places=("Raqqa",),
        actors=("SDF", "ISIL"),
        source="Example Wire",
        date="2017",
        date_precision="year",
    ),
    _article(
        "market-report",
        "Prices rise in Damascus markets",
        "Traders in Damascus said bread prices rose again this month.",
        places=("Damascus",),
        source="Example Daily",
    ),
]

EXPECTED_TOP = {
    "convoy": "aid-convoy-hit",
    "Turkey": "turkey-closes-border",
    "Monday": "monday-talks",
    "destroyed": "raqqa-offensive",
    "Deir": "aid-convoy-hit",
    "Raqqa": "raqqa-offensive",
    "today": "turkey-closes-border",
}


def _index_json(text: str) -> dict[str, Any]:
    prefix, suffix = "window.DOSSIER_INDEX = ", ";\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    return json.loads(text[len(prefix) : -len(suffix)])


@needs_node
def test_bundle_index_searches_alike_in_lunr_js_and_lunr_py(run_js: Callable[..., Any]) -> None:
    files = dict(build_search_bundle(ARTICLES).files)
    serialized = _index_json(files["search/index.js"])
    queries = list(EXPECTED_TOP)
    js_results = run_js("search", index=serialized, queries=queries)
    python_index = Index.load(serialized)
    for query, js in zip(queries, js_results, strict=True):
        assert js, f"lunr.js found nothing for {query!r}"
        assert js[0][0] == EXPECTED_TOP[query], (query, js)
        py = {r["ref"]: r["score"] for r in python_index.search(query)}
        assert set(py) == {ref for ref, _, _ in js}, query
        for ref, score, _terms in js:
            assert abs(py[ref] - score) < 1e-6, (query, ref, py[ref], score)


def _corpus_articles() -> list[Article]:
    """Raw files and some FA-KES articles as articles: first line title, rest body."""
    articles = []
    paths = sorted(RAW.glob("*.txt")) + sorted(FAKES.glob("*.txt"))[:150]
    for path in paths:
        title, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        articles.append(_article(path.stem, title, body, places=("Deir ez-Zor", "Raqqa")))
    return [*articles, *ARTICLES]


def _without_lists(articles: list[Article]) -> list[Article]:
    """The articles with no places and no actors (every document's field is empty)."""
    return [replace(article, places=(), actors=()) for article in articles]


@needs_node
@pytest.mark.parametrize("which", ["corpus", "empty fields"])
def test_python_builds_the_index_lunr_js_builds(run_js: Callable[..., Any], which: str) -> None:
    articles = _corpus_articles() if which == "corpus" else _without_lists(ARTICLES)
    documents = search_documents(articles)
    ours = serialized_index(documents)
    theirs = run_js("build", fields=[list(f) for f in INDEX_FIELDS], documents=documents)
    assert ours["pipeline"] == theirs["pipeline"] == ["stemmer"]
    assert ours["fields"] == theirs["fields"]
    assert [t for t, _ in ours["invertedIndex"]] == [t for t, _ in theirs["invertedIndex"]]
    assert ours["invertedIndex"] == theirs["invertedIndex"]
    assert dict(ours["fieldVectors"]) == dict(theirs["fieldVectors"])
