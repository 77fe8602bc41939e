"""Quoted phrase search: the engine keeps exactly the documents whose title or body holds the
phrase's words in order, stop words keeping their place, as a plain scan of the text finds."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.frontmatter import article_from_markdown
from generator.lunr_compat import token_words
from generator.lunr_index import document_terms, index_term
from generator.search_index import INDEX_FIELDS, search_documents
from generator.search_positions import encode_positions, read_terms, term_positions
from generator.search_shards import build_search_shards
from generator.search_shards_pack import decode_numbers

ROOT = Path(__file__).resolve().parent.parent
LUNR_JS = ROOT / "templates" / "static" / "vendor" / "lunr.min.js"
ENGINE_JS = ROOT / "templates" / "static" / "search-engine.js"
NODE = shutil.which("node")

PHRASES = [
    "free syrian army",
    "killed in the attack",
    "aid convoy",
    "army syrian free",
    "the syrian army",
    "Syrian Observatory for Human Rights",
    "chemical weapons",
    "convoy",
    "the of",
    "at least 100",
]

NODE_SCRIPT = r"""
const vm = require("vm"), fs = require("fs"), path = require("path");
const [lunrPath, enginePath, siteDir, request] = process.argv.slice(2);
const context = vm.createContext({});
context.window = context;
vm.runInContext(fs.readFileSync(lunrPath, "utf8"), context);
for (const name of ["search-codec.js", "search-score.js"]) {
  vm.runInContext(fs.readFileSync(path.join(path.dirname(enginePath), name), "utf8"), context);
}
vm.runInContext(fs.readFileSync(enginePath, "utf8"), context);
const engine = context.DossierSearch.createEngine({ lunr: context.lunr, base: "search/" });
const loaded = [];
engine.configure({ loader: (url) => {
  loaded.push(url);
  vm.runInNewContext(fs.readFileSync(path.join(siteDir, url), "utf8"),
    { window: { DossierSearch: engine } });
} });
(async () => {
  const answers = {};
  for (const [phrase, query] of JSON.parse(request)) {
    const hits = await engine.search(query, { phrases: [phrase] });
    answers[phrase] = hits.map((hit) => hit.ordinal).sort((a, b) => a - b);
  }
  process.stdout.write(JSON.stringify({ answers: answers, loaded: loaded }));
})().catch((error) => { console.error(error.stack); process.exit(1); });
"""


def terms_with_places(text: str) -> list[tuple[str, int]]:
    """Index terms of ``text`` with their token positions (stop words keep their place)."""
    return [(t, i) for i, word in enumerate(token_words(text)) if (t := index_term(word))]


def holds(text: str, phrase: list[tuple[str, int]]) -> bool:
    found = set(terms_with_places(text))
    first_term, first_offset = phrase[0]
    return any(
        all((term, position - first_offset + offset) in found for term, offset in phrase)
        for term, position in found
        if term == first_term
    )


def required_query(phrase: str) -> str:
    return " ".join("+" + term for term, _ in terms_with_places(phrase))


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_phrases_find_what_a_scan_of_the_text_finds(tmp_path: Path) -> None:
    paths = sorted((ROOT / "content" / "articles").glob("*.md"))[:250]
    articles = [article_from_markdown(p.read_text("utf-8"), p.stem) for p in paths]
    for path, text in build_search_shards(articles).files:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, "utf-8")
    script = tmp_path / "phrases.js"
    script.write_text(NODE_SCRIPT, "utf-8")
    request = json.dumps([[p, required_query(p)] for p in PHRASES])
    done = subprocess.run(
        [str(NODE), str(script), str(LUNR_JS), str(ENGINE_JS), str(tmp_path), request],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    got = json.loads(done.stdout)
    documents = search_documents(articles)
    for phrase in PHRASES:
        terms = terms_with_places(phrase)
        if len(terms) < 2:
            continue
        expected = [
            ordinal
            for ordinal, doc in enumerate(documents)
            if holds(doc["title"], terms) or holds(doc["body"], terms)
        ]
        assert got["answers"][phrase] == expected, phrase
    assert len(got["answers"]["free syrian army"]) > 5
    assert got["answers"]["army syrian free"] == []
    assert len(got["answers"]["killed in the attack"]) > 0
    assert any("/pos-" in url for url in got["loaded"])


def test_positions_round_trip() -> None:
    documents = [
        {
            "ref": "a",
            "title": "Aid convoy hit",
            "body": "The aid convoy was hit; the convoy turned.",
        },
        {"ref": "b", "title": "Nothing here", "body": "A convoy-free day."},
    ]
    positions = term_positions(documents)
    numbers = decode_numbers(encode_positions(positions["convoy"]))
    # title: 1 document (ordinal 0, 1 position: 1); body: 2 documents
    assert numbers == [1, 0, 1, 1, 2, 0, 2, 2, 4, 1, 1, 1]
    assert "the" not in positions  # stop words have no positions


def test_one_pass_counts_terms_as_the_index_does() -> None:
    paths = sorted((ROOT / "content" / "articles").glob("*.md"))[:80]
    articles = [article_from_markdown(p.read_text("utf-8"), p.stem) for p in paths]
    documents = search_documents(articles)
    names = [name for name, _ in INDEX_FIELDS]
    counted, positions = read_terms(documents, names)
    assert counted == [document_terms(doc, "ref", names) for doc in documents]
    assert positions == term_positions(documents)
