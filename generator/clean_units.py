"""A page dump as units: its lines, with hard-wrapped paragraphs joined back, and their shapes."""

from __future__ import annotations

from dataclasses import dataclass

from generator.clean_chrome import is_chrome, is_menu, is_menu_label, menu_items
from generator.clean_norm import STOPWORDS, ends_sentence, normalise_space, words
from generator.dates import date_at


@dataclass(frozen=True)
class Unit:
    """One line (or re-joined wrapped block) of the page, with where it starts."""

    text: str
    line: int
    chrome: bool


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped prose: lines of nearly the same width that run on without punctuation."""
    if len(lines) < 2:
        return False
    inner = lines[:-1]
    width = max(len(line) for line in lines)
    if width > 100 or any(len(line) < max(40, width * 0.7) for line in inner):
        return False
    if sum(1 for line in inner if not ends_sentence(line)) < len(inner) / 2:
        return False
    if len(lines) >= 3:
        return True
    last_word = inner[0].rsplit(" ", 1)[-1].lower()
    return last_word in STOPWORDS or inner[0].endswith((",", "-")) or lines[1][:1].islower()


def split_units(text: str) -> list[Unit]:
    """Units of a page dump: each line, except that wrapped paragraphs are joined back."""
    units: list[Unit] = []
    block: list[tuple[int, str, str]] = []  # line number, raw line, normalised line

    def flush() -> None:
        if _is_wrapped([raw.strip() for _, raw, _ in block]):
            joined = " ".join(line for _, _, line in block)
            units.append(Unit(joined, block[0][0], is_chrome(joined)))
        else:
            for number, raw, line in block:
                units.append(Unit(line, number, is_chrome(raw)))
        block.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        if line := normalise_space(raw):
            block.append((number, raw, line))
        elif block:
            flush()
    if block:
        flush()
    return units


def is_prose(text: str) -> bool:
    """A paragraph of article text rather than a heading or label."""
    count = len(words(text[:400]))
    return count >= 30 or (count >= 12 and ends_sentence(text))


def is_nav_line(text: str) -> bool:
    """Navigation rather than a headline: a menu or breadcrumb, three or more short separated
    labels, or a date that leads separated items ("14 May 2019 | Home"), whatever the words."""
    if is_menu(text):
        return True
    items = menu_items(text)
    if len(items) >= 3 and all(is_menu_label(item) for item in items):
        return True
    return len(items) >= 2 and date_at(items[0], 0) is not None


def title_like(text: str) -> bool:
    """Shaped like a headline: 2 to 30 words, no closing punctuation, not a list of labels."""
    count = len(words(text))
    if not 2 <= count <= 30 or len(text) > 250 or text.endswith((".", ":", ";", ",")):
        return False
    return not is_nav_line(text)
