"""Related coverage: each article's most similar other articles, by Whoosh's more-like-this.

For each article, what Whoosh's ``Searcher.more_like`` does: the key terms of its title and
body (Bo1 model over the body field's statistics, :data:`KEY_TERMS` of them, not normalized)
searched for as one ``OR`` of boosted terms in the body field, scored by BM25F, without the
article itself and its near-duplicates (the page lists those as "Also published by"). Ties are
broken by slug, so the lists do not depend on the order documents sit in the index: the best
:data:`RELATED` by score, and when the last of them ties with the next, the best by (score,
slug) among all matches of a search sorted so (``sortedby``).

What differs from calling Whoosh is only how fast. Whoosh analyses the text token by token in
generators and runs its matchers document by document, per article: here the key terms come
from :mod:`generator.fulltext_terms` and the scores from :mod:`generator.fulltext_scores`, which
read the index once and reproduce Whoosh's arithmetic operation for operation, in the order
Whoosh adds the terms' scores (see their docstrings for why that is exact). The queries whose
top-N search Whoosh prunes (two terms, or a segment of over 5,000 articles) are still put to
Whoosh's searcher, on every core when there are many. ``tests/related_reference.py`` keeps the
searcher-driven implementation, and the tests check that both give the same lists on the
sample archive and on indexes made to tie, in one segment and in several.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Mapping, Sequence
from itertools import compress
from pathlib import Path
from typing import Any

import numpy as np

from generator.fulltext import open_searcher, query, sorting
from generator.fulltext_scores import OrScorer, reproduced
from generator.fulltext_terms import FieldTerms, KeyTerm, KeyTerms, field_terms, term_counter
from generator.models import Article
from generator.parallel import Outcomes, worker_count
from generator.progress import Progress, no_progress
from generator.search_index import markdown_to_text

RELATED = 5  # articles listed
KEY_TERMS = 5  # the key terms more_like searches for (Whoosh's default)
FIELD = "body"
CHUNK = 16
Task = tuple[str, str, tuple[str, ...]]  # slug, title and body text, slugs left out


def similarity_text(article: Article) -> str:
    """What an article is compared by: its title and body."""
    return f"{article.title}\n{markdown_to_text(article.body)}"


def related_articles(
    index_dir: Path,
    articles: Sequence[Article],
    left_out: Mapping[str, Sequence[str]],
    progress: Progress = no_progress,
) -> dict[str, tuple[str, ...]]:
    """Slug -> slugs of the most similar other articles (none left out by ``left_out``), for
    every article that has some; in slug order."""
    tasks = [
        (a.slug, similarity_text(a), tuple(left_out.get(a.slug, ())))
        for a in sorted(articles, key=lambda a: a.slug)
    ]
    found = progress("Related", Outcomes(_outcomes(index_dir, tasks), len(tasks)))
    return {task[0]: slugs for task, slugs in zip(tasks, found, strict=True) if slugs}


def _outcomes(index_dir: Path, tasks: Sequence[Task]) -> Iterator[tuple[str, ...]]:
    """Each task's related slugs, in order: scored in memory where that gives Whoosh's
    answer, else by Whoosh's search (on every core when there are many)."""
    searcher = open_searcher(index_dir)
    try:
        reader = searcher.reader()
        stats = field_terms(reader, FIELD)
        queries = _key_terms(reader, stats, [text for _, text, _ in tasks])
        sizes = [leaf.doc_count_all() for leaf, _ in reader.leaf_readers()]
        in_memory = [reproduced(len(terms), sizes) for terms in queries]
        words = [word for terms in compress(queries, in_memory) for word, _ in terms]
        scorer = OrScorer(searcher, stats, FIELD, words)
        column = reader.column_reader("slug")
        slugs = {n: column[n] for n in reader.all_doc_ids()}
        docnum = {slug: n for n, slug in slugs.items()}
        rank = np.zeros(reader.doc_count_all(), dtype=np.int64)
        rank[[docnum[slug] for slug in sorted(docnum)]] = np.arange(len(docnum))
        masks = [{docnum[s] for s in (slug, *others) if s in docnum} for slug, _, others in tasks]
        by_whoosh = _searched_all(
            index_dir,
            searcher,
            [
                (terms, mask)
                for terms, mask, ok in zip(queries, masks, in_memory, strict=True)
                if not ok
            ],
        )
        for terms, mask, ok in zip(queries, masks, in_memory, strict=True):
            if ok:
                yield tuple(slugs[n] for n in scorer.ranked(terms, mask, rank, RELATED))
            else:
                yield next(by_whoosh)
    finally:
        searcher.close()


def _key_terms(reader: Any, stats: FieldTerms, texts: Sequence[str]) -> list[list[KeyTerm]]:
    """Each text's key terms, as ``Expander.add_text`` and ``expanded_terms`` give them."""
    count = term_counter(reader.schema[FIELD])
    key_terms = KeyTerms(stats)
    return [key_terms.of(count(text), KEY_TERMS) for text in texts]


Job = tuple[list[KeyTerm], set[int]]  # key terms, document numbers left out


def _searched_all(index_dir: Path, searcher: Any, jobs: Sequence[Job]) -> Iterator[tuple[str, ...]]:
    """Whoosh's answer to each job, in order, from one process per core when there are many
    ("spawn", as in :mod:`generator.parallel`: the server's threads may hold locks)."""
    if worker_count(len(jobs)) == 1:
        yield from (searched(searcher, terms, mask) for terms, mask in jobs)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(worker_count(len(jobs)), _start_worker, (index_dir,)) as pool:
        yield from pool.imap(_run, jobs, CHUNK)


_worker: Any = None


def _start_worker(index_dir: Path) -> None:
    global _worker
    _worker = open_searcher(index_dir)


def _run(job: Job) -> tuple[str, ...]:
    return searched(_worker, *job)


def searched(searcher: Any, terms: Sequence[KeyTerm], mask: set[int]) -> tuple[str, ...]:
    """The slugs Whoosh's own search finds for ``terms``, best first, ties by slug."""
    if not terms:
        return ()
    wanted = query.Or([query.Term(FIELD, word, boost=weight) for word, weight in terms])
    found = searcher.search(wanted, limit=RELATED + 1, mask=mask)
    scored = [(found.score(n), found[n]["slug"]) for n in range(found.scored_length())]
    if len(scored) > RELATED and scored[RELATED - 1][0] == scored[RELATED][0]:
        # a tie across the cut: only sorting every match by slug says who is in
        order = [sorting.ScoreFacet(), sorting.FieldFacet("slug")]
        found = searcher.search(wanted, limit=RELATED, mask=mask, sortedby=order)
        return tuple(hit["slug"] for hit in found)
    return tuple(s for _, s in sorted(scored[:RELATED], key=lambda item: (-item[0], item[1])))
