"""Dossier's HTML cleaner against trafilatura called directly, on a generated page set.

Reads the pages and ``truth.jsonl`` written by ``bench/html_pages.py`` (generating them first
when the folder has no truth file) and runs two extractors over every page:

- **dossier**: ``generator.clean.clean`` on the ``RawDocument`` that ``generator.ingest.read_raw``
  makes of the page (no sidecar manifest);
- **trafilatura**: ``trafilatura.bare_extraction(html, with_metadata=True)`` with its default
  settings, taking its title, date, sitename and text.

Each field is right or wrong per page: title, date and source exact (whitespace-normalised), the
first and last sentence of the body exact (a sentence ends at [.!?] followed by a space and a
capital), and the body free of every chrome string the page's truth lists. Prints the share of
pages right per field, the difference (dossier minus trafilatura, in points), articles per second
(median of ``--runs`` timed passes), and the same per layout. Always exits with status 0.

    python bench/html_quality.py [FOLDER] [--runs 3] [--failures]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from trafilatura import bare_extraction

from generator.clean import clean
from generator.errors import InputError
from generator.ingest import read_raw

HERE = Path(__file__).resolve().parent
FIELDS = ("title", "date", "source", "first_sentence", "last_sentence", "chrome_free")
EXTRACTORS = ("dossier", "trafilatura")


def _pages_module() -> ModuleType:
    """``bench/html_pages.py``, loaded by path (``bench`` is not a package)."""
    name = "dossier_bench_html_pages"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / "html_pages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


pages = _pages_module()


@dataclass(frozen=True)
class Reading:
    """What one extractor read from one page."""

    title: str | None = None
    date: str | None = None
    source: str | None = None
    text: str = ""
    error: str | None = None


@dataclass
class Result:
    """Per-page scores and timings of one extractor."""

    scores: list[dict[str, bool]] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def share(self, name: str, rows: list[int] | None = None) -> float:
        """Share of pages (or of ``rows``) right on field ``name``."""
        chosen = [self.scores[i] for i in rows] if rows is not None else self.scores
        return sum(score[name] for score in chosen) / len(chosen) if chosen else 0.0

    def rate(self) -> float:
        """Articles per second, from the median timed pass."""
        median = statistics.median(self.seconds) if self.seconds else 0.0
        return len(self.scores) / median if median else 0.0


def normalise(text: str | None) -> str:
    """Whitespace collapsed to single spaces."""
    return " ".join((text or "").split())


def read_dossier(path: Path, folder: Path) -> Reading:
    """Dossier's cleaner on the page, as the build reads it."""
    try:
        cleaned = clean(read_raw(path, folder))
    except InputError as exc:
        return Reading(error=str(exc))
    except Exception as exc:  # a crash is scored as a miss; the benchmark goes on
        return Reading(error=f"{type(exc).__name__}: {exc}")
    text = "\n".join(cleaned.paragraphs)
    return Reading(cleaned.title, cleaned.date, cleaned.source, text)


def read_trafilatura(path: Path, folder: Path) -> Reading:
    """trafilatura with default settings and metadata."""
    try:
        document = bare_extraction(path.read_text(encoding="utf-8"), with_metadata=True)
    except Exception as exc:  # a crash is scored as a miss; the benchmark goes on
        return Reading(error=f"{type(exc).__name__}: {exc}")
    if document is None:
        return Reading(error="nothing extracted")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return Reading(
        data.get("title"), data.get("date"), data.get("sitename"), data.get("text") or ""
    )


READERS: dict[str, Callable[[Path, Path], Reading]] = {
    "dossier": read_dossier,
    "trafilatura": read_trafilatura,
}


def score(reading: Reading, truth: dict) -> dict[str, bool]:
    """Right or wrong, field by field."""
    body = normalise(reading.text)
    sentences = pages.sentences_of(body)
    return {
        "title": normalise(reading.title) == normalise(truth["title"]),
        "date": reading.date == truth["date"],
        "source": normalise(reading.source) == normalise(truth["source"]),
        "first_sentence": bool(sentences) and sentences[0] == normalise(truth["first_sentence"]),
        "last_sentence": bool(sentences) and sentences[-1] == normalise(truth["last_sentence"]),
        "chrome_free": bool(body)
        and not any(normalise(chrome) in body for chrome in truth["boilerplate"]),
    }


def load_truth(folder: Path) -> list[dict]:
    """The truth records, generating the default page set when the folder has none."""
    truth_file = folder / pages.TRUTH
    if not truth_file.is_file():
        pages.generate(folder)
    lines = truth_file.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def evaluate(folder: Path, runs: int = 3) -> tuple[list[dict], dict[str, Result]]:
    """Truth records and each extractor's scores and timings over ``folder``."""
    truths = load_truth(folder)
    paths = [folder / truth["file"] for truth in truths]
    results = {name: Result() for name in EXTRACTORS}
    for run in range(max(runs, 1)):
        for name in EXTRACTORS:
            reader = READERS[name]
            started = time.perf_counter()
            readings = [reader(path, folder) for path in paths]
            results[name].seconds.append(time.perf_counter() - started)
            if run == 0:
                results[name].readings = readings
                results[name].scores = [score(r, t) for r, t in zip(readings, truths, strict=True)]
    return truths, results


def _table(truths: list[dict], results: dict[str, Result], runs: int) -> list[str]:
    dossier, direct = results["dossier"], results["trafilatura"]
    lines = [f"{'field':<18}{'dossier':>10}{'trafilatura':>14}{'difference':>13}"]
    for name in FIELDS:
        a, b = 100 * dossier.share(name), 100 * direct.share(name)
        lines.append(f"{name:<18}{a:>9.1f}%{b:>13.1f}%{a - b:>+12.1f}")
    a, b = dossier.rate(), direct.rate()
    label = f"articles/s (med {runs})"
    lines.append(f"{label:<18}{a:>10.1f}{b:>14.1f}{a - b:>+13.1f}")
    return lines


def _by_layout(truths: list[dict], results: dict[str, Result]) -> list[str]:
    layouts = list(dict.fromkeys(truth["layout"] for truth in truths))
    short = {"first_sentence": "first", "last_sentence": "last", "chrome_free": "chrome"}
    header = "".join(f"{short.get(name, name):>10}" for name in FIELDS)
    lines = [f"{'layout (dossier/trafilatura)':<30}{header}"]
    for layout in layouts:
        rows = [i for i, truth in enumerate(truths) if truth["layout"] == layout]
        cells = ""
        for name in FIELDS:
            a = sum(results["dossier"].scores[i][name] for i in rows)
            b = sum(results["trafilatura"].scores[i][name] for i in rows)
            cells += f"{f'{a}/{b}':>10}"
        lines.append(f"{f'{layout} ({len(rows)} pages)':<30}{cells}")
    return lines


def _failures(truths: list[dict], results: dict[str, Result]) -> list[str]:
    lines = []
    for name in EXTRACTORS:
        result = results[name]
        for truth, reading, scores in zip(truths, result.readings, result.scores, strict=True):
            wrong = [field for field in FIELDS if not scores[field]]
            if not wrong:
                continue
            lines.append(f"{name} {truth['file']} ({truth['date_mode']}): {', '.join(wrong)}")
            if reading.error:
                lines.append(f"    error: {reading.error}")
                continue
            sentences = pages.sentences_of(normalise(reading.text))
            got = {
                "title": reading.title,
                "date": reading.date,
                "source": reading.source,
                "first_sentence": sentences[0] if sentences else None,
                "last_sentence": sentences[-1] if sentences else None,
            }
            for field_name in wrong:
                if field_name == "chrome_free":
                    body = normalise(reading.text)
                    left = [c for c in truth["boilerplate"] if normalise(c) in body]
                    lines.append(f"    chrome left: {left}")
                else:
                    lines.append(f"    {field_name}: want {truth[field_name]!r}")
                    lines.append(f"    {' ' * len(field_name)}   got {got[field_name]!r}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=pages.DEFAULT_OUT)
    parser.add_argument("--runs", type=int, default=3, help="timed passes (median is shown)")
    parser.add_argument("--failures", action="store_true", help="list every wrong field")
    args = parser.parse_args()
    truths, results = evaluate(args.folder, args.runs)
    layouts = len({truth["layout"] for truth in truths})
    print(f"{len(truths)} pages in {args.folder} ({layouts} layouts); pages right per field")
    print()
    print("\n".join(_table(truths, results, args.runs)))
    print()
    print("\n".join(_by_layout(truths, results)))
    if args.failures:
        print()
        print("\n".join(_failures(truths, results)))


if __name__ == "__main__":
    main()
