"""Related coverage: each article's most similar other articles, by Whoosh's more-like-this.

For each article, Whoosh's ``Searcher.more_like``: the key terms of its title and body (Bo1
model over the body field's statistics, :data:`KEY_TERMS` of them, not normalized) searched
for as one ``OR`` query (summed by Whoosh's union matcher), without the article itself and its
near-duplicates (the page lists those as "Also published by"). What differs is only how
fast: the collection frequencies the model looks up for every word of the text are read from
the index once, not once per word per article, and the work is spread over the cores. Ties
are broken by slug, so the lists do not depend on the order documents sit in the index.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from generator.fulltext import classify, open_searcher, query, sorting
from generator.models import Article
from generator.parallel import Outcomes, worker_count
from generator.progress import Progress, no_progress
from generator.search_index import markdown_to_text

RELATED = 5  # articles listed
KEY_TERMS = 5  # the key terms more_like searches for (Whoosh's default)
FIELD = "body"
CHUNK = 16
Task = tuple[str, str, tuple[str, ...]]  # slug, title and body text, slugs left out


class CollectionStats:
    """What Whoosh's key-term ``Expander`` reads of an index reader, held in memory: the
    reader looks every word up on disk, twice, for every article."""

    def __init__(self, reader: object, fieldname: str) -> None:
        self.schema = reader.schema  # type: ignore[attr-defined]
        self._docs = reader.doc_count_all()  # type: ignore[attr-defined]
        self._length = reader.field_length(fieldname)  # type: ignore[attr-defined]
        terms = reader.iter_field(fieldname)  # type: ignore[attr-defined]
        self._frequency = {btext: info.weight() for btext, info in terms}

    def doc_count_all(self) -> int:
        return self._docs

    def field_length(self, fieldname: str) -> int:
        return self._length

    def __contains__(self, term: tuple[str, bytes]) -> bool:
        return term[1] in self._frequency

    def frequency(self, fieldname: str, btext: bytes) -> float:
        return self._frequency[btext]


class Similar:
    """Finds the articles most like one article in an open index."""

    def __init__(self, index_dir: Path) -> None:
        self._searcher = open_searcher(index_dir)
        reader = self._searcher.reader()
        self._stats = CollectionStats(reader, FIELD)
        slugs = reader.column_reader("slug")
        self._docnum = {slugs[n]: n for n in reader.all_doc_ids()}

    def close(self) -> None:
        self._searcher.close()

    def articles(self, task: Task) -> tuple[str, ...]:
        """The slugs of the :data:`RELATED` articles most like ``task``'s, best first."""
        slug, text, left_out = task
        mask = {self._docnum[s] for s in (slug, *left_out) if s in self._docnum}
        expander = classify.Expander(self._stats, FIELD)
        expander.add_text(text)
        terms = expander.expanded_terms(KEY_TERMS, normalize=False)
        if not terms:
            return ()
        # Whoosh's union matcher: what a plain Or picks in a segment of up to 5,000 documents
        # clears a 2,048-slot array in Python, a cost per segment and per article.
        wanted = query.DefaultOr([query.Term(FIELD, word, boost=w) for word, w in terms])
        found = self._searcher.search(wanted, limit=RELATED + 1, mask=mask)
        scored = [(found.score(n), found[n]["slug"]) for n in range(found.scored_length())]
        if len(scored) > RELATED and scored[RELATED - 1][0] == scored[RELATED][0]:
            # a tie across the cut: only sorting every match by slug says who is in
            order = [sorting.ScoreFacet(), sorting.FieldFacet("slug")]
            found = self._searcher.search(wanted, limit=RELATED, mask=mask, sortedby=order)
            return tuple(hit["slug"] for hit in found)
        return tuple(s for _, s in sorted(scored[:RELATED], key=lambda item: (-item[0], item[1])))


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


_worker: Similar | None = None


def _start_worker(index_dir: Path) -> None:
    global _worker
    _worker = Similar(index_dir)


def _run(task: Task) -> tuple[str, ...]:
    assert _worker is not None
    return _worker.articles(task)


def _outcomes(index_dir: Path, tasks: Sequence[Task]) -> Iterator[tuple[str, ...]]:
    """Each task's related slugs, in order, from one process per core ("spawn", as in
    :mod:`generator.parallel`: the server's threads may hold locks)."""
    if not tasks:
        return
    if worker_count(len(tasks)) == 1:
        similar = Similar(index_dir)
        try:
            yield from (similar.articles(task) for task in tasks)
        finally:
            similar.close()
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(worker_count(len(tasks)), _start_worker, (index_dir,)) as pool:
        yield from pool.imap(_run, tasks, CHUNK)
