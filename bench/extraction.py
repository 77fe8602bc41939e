"""Score the cleaner and extractor against a truth file, and measure their speed.

The truth file has one JSON object per line, in the format of shared/seeds/expected.jsonl:
file (relative to --raw), title, date, source, standfirst, places, actors, first_sentence,
last_sentence, boilerplate (strings that must not survive cleaning).

    python bench/extraction.py                              # seeds + labelled FA-KES sample
    python bench/extraction.py --truth bench/truth/fakes_a.jsonl --verbose
    python bench/extraction.py --speed-only

Title, date and source are exact matches; the body must start with the first sentence and
end with the last (after whitespace normalisation); places and actors are scored as
micro-averaged precision/recall/F1 after mapping both sides to the gazetteer's canonical
names; "chrome-free" is the share of articles where no boilerplate string survives.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import statistics
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.build import article_from_raw
from generator.errors import InputError
from generator.gazetteer import Gazetteer, load_gazetteer
from generator.ingest import discover, read_manifests, read_raw
from generator.models import Article
from generator.search_index import markdown_to_text
from generator.slugs import slugify

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TRUTH = [
    ROOT / "tests/golden/expected.jsonl",
    *sorted((ROOT / "bench/truth").glob("*.jsonl")),
]
GOALS = {"title": 95, "date": 95, "first": 90, "last": 90, "places_f1": 85, "actors_f1": 85}
GOALS["chrome_free"] = 98


def squash(text: str | None) -> str:
    return " ".join((text or "").split())


def name_key(name: str, canonical: Callable[[str], str]) -> str:
    """Compare names as the gazetteer would: canonical name, no accents, case or articles."""
    text = unicodedata.normalize("NFKD", canonical(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"\b(al|el|ar|as|ad|ash|az|ez|an)[- ]", "", text.casefold())
    return re.sub(r"[^a-z0-9]+", "", text)


@dataclass
class Tally:
    """Counts for one field: hits out of cases, or set-overlap counts."""

    hits: int = 0
    cases: int = 0
    found: int = 0
    wanted: int = 0
    overlap: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, ok: bool, note: str) -> None:
        self.cases += 1
        self.hits += ok
        if not ok:
            self.misses.append(note)

    def overlap_of(self, found: set[str], wanted: set[str], note: str) -> None:
        self.found += len(found)
        self.wanted += len(wanted)
        self.overlap += len(found & wanted)
        if found != wanted:
            self.misses.append(
                f"{note}: extra {sorted(found - wanted)} missing {sorted(wanted - found)}"
            )

    @property
    def rate(self) -> float:
        return 100 * self.hits / self.cases if self.cases else 0.0

    @property
    def f1(self) -> tuple[float, float, float]:
        precision = self.overlap / self.found if self.found else 0.0
        recall = self.overlap / self.wanted if self.wanted else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return 100 * precision, 100 * recall, 100 * f1


def load_truth(paths: Iterable[Path]) -> list[dict]:
    rows = []
    for path in paths:
        rows += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return rows


def clean_one(path: Path, raw_dir: Path, sidecars: dict, gazetteer: Gazetteer) -> Article:
    relpath = path.relative_to(raw_dir).as_posix()
    raw = read_raw(path, raw_dir, sidecars.get(relpath))
    return article_from_raw(slugify(relpath), raw, gazetteer)


def score(rows: list[dict], raw_dir: Path, gazetteer: Gazetteer) -> dict[str, Tally]:
    tallies = {k: Tally() for k in ("title", "date", "source", "first", "last", "chrome_free")}
    tallies |= {"places": Tally(), "actors": Tally()}
    sidecars = read_manifests(raw_dir, [])

    def place(name: str) -> str:
        found = gazetteer.place(name)
        return found.name if found else name

    def actor(name: str) -> str:
        found = gazetteer.actor(name)
        return found.name if found else name

    for row in rows:
        name = row["file"]
        try:
            article = clean_one(raw_dir / name, raw_dir, sidecars, gazetteer)
        except InputError as exc:
            for tally in tallies.values():
                tally.check(False, f"{name}: {exc}")
            continue
        body = squash(markdown_to_text(article.body))
        tallies["title"].check(
            squash(article.title) == squash(row["title"]), f"{name}: {article.title!r}"
        )
        tallies["date"].check(
            article.date == row["date"], f"{name}: {article.date} want {row['date']}"
        )
        tallies["source"].check(article.source == row["source"], f"{name}: {article.source!r}")
        first, last = squash(row["first_sentence"]), squash(row["last_sentence"])
        tallies["first"].check(body.startswith(first), f"{name}: {body[:90]!r}")
        tallies["last"].check(body.endswith(last), f"{name}: {body[-90:]!r}")
        shown = squash(" ".join([article.title, article.standfirst or "", body]))
        left = [b for b in row["boilerplate"] if squash(b) and squash(b) in shown]
        tallies["chrome_free"].check(not left, f"{name}: {left}")
        for kind, canonical in (("places", place), ("actors", actor)):
            found = {name_key(n, canonical) for n in getattr(article, kind)}
            wanted = {name_key(n, canonical) for n in row[kind]}
            tallies[kind].overlap_of(found, wanted, name)
    return tallies


def speed(raw_dir: Path, gazetteer: Gazetteer, runs: int) -> tuple[int, float]:
    """Articles cleaned and enriched per second on one core (median over ``runs``)."""
    paths = discover(raw_dir)
    sidecars = read_manifests(raw_dir, [])
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        for path in paths:
            with contextlib.suppress(InputError):
                clean_one(path, raw_dir, sidecars, gazetteer)
        rates.append(len(paths) / (time.perf_counter() - started))
    return len(paths), statistics.median(rates)


def report(tallies: dict[str, Tally], articles: int, verbose: bool) -> None:
    print(f"{articles} labelled articles")
    for key in ("title", "date", "source", "first", "last", "chrome_free"):
        tally = tallies[key]
        goal = GOALS.get(key)
        mark = "" if goal is None else ("  ok" if tally.rate >= goal else f"  below goal {goal}%")
        print(f"  {key:<12} {tally.rate:6.1f}%  ({tally.hits}/{tally.cases}){mark}")
    for key in ("places", "actors"):
        precision, recall, f1 = tallies[key].f1
        goal = GOALS[f"{key}_f1"]
        mark = "  ok" if f1 >= goal else f"  below goal {goal}"
        print(f"  {key:<12} P {precision:5.1f}  R {recall:5.1f}  F1 {f1:5.1f}{mark}")
    if verbose:
        for key, tally in tallies.items():
            for miss in tally.misses:
                print(f"  miss {key}: {miss}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=ROOT / "content/raw")
    parser.add_argument("--gazetteer", type=Path, default=ROOT / "content/gazetteer")
    parser.add_argument("--truth", type=Path, nargs="*", default=DEFAULT_TRUTH)
    parser.add_argument("--runs", type=int, default=3, help="timing runs for the speed figure")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--speed-only", action="store_true")
    args = parser.parse_args()
    gazetteer = load_gazetteer(args.gazetteer)
    if not args.speed_only:
        rows = load_truth(args.truth)
        report(score(rows, args.raw, gazetteer), len(rows), args.verbose)
    count, rate = speed(args.raw, gazetteer, args.runs)
    print(f"speed: {rate:.0f} articles/s on one core (median of {args.runs} runs, {count} files)")


if __name__ == "__main__":
    main()
