"""Articles per month as bar-chart geometry, and article lists grouped by month.

The geometry is computed here and the template (``templates/_charts.html``) only draws it: a
slot per month of the span (empty months stay empty, so gaps show), a bar per month with
articles linking to where that month's articles are listed, and a tick and label per year.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.facets import UNDATED, date_label
from generator.models import Article
from generator.value_digest import DERIVED

WIDTH = 720  # drawing units the chart aims at; a month gets a whole number of them
SLOT = (3, 40)  # least and most units a month gets
TOP = 6  # room above the highest bar
PLOT = 80  # height of the highest bar
ROW = 14  # a row of labels below the bars (months when they have room, then years)
MIN_BAR = 2  # a month with one article still shows
YEAR_LABEL = 30  # units a year needs to carry its label
MONTH_LABEL = 24  # units a month needs to carry its name ("Mar")


@dataclass(frozen=True)
class Bar:
    """One month with articles: its slot's left edge and its bar, in drawing units."""

    month: str  # "2016-03"
    label: str  # "March 2016"
    count: int
    href: str  # site-relative, perhaps with an #anchor
    x: int
    bar_x: float
    y: float
    height: float


@dataclass(frozen=True)
class Year:
    """A year's tick (at its first month's slot) and the middle of its months for its label."""

    year: str
    x: int
    middle: float
    labelled: bool


@dataclass(frozen=True)
class MonthName:
    """A month's short name under its slot, for short spans."""

    text: str
    x: float


def derived() -> Any:
    """A field worked out from the chart's inputs (page keys digest the inputs only)."""
    return field(metadata={DERIVED: True})


@dataclass(frozen=True)
class Timeline:
    """A chart of articles per month, ready to draw, with the inputs it was drawn from."""

    months: tuple[str, ...]  # the span, a slot each
    drawn: tuple[str, ...]  # months with a bar
    counts: tuple[int, ...]  # their articles
    hrefs: tuple[str, ...]  # where their articles are listed
    undated: int  # articles with no date, not drawn
    undated_href: str | None
    year_only: int  # articles dated only to the year, not drawn
    width: int = derived()
    height: int = derived()
    baseline: int = derived()
    slot: int = derived()  # units per month
    bar_width: int = derived()
    bars: tuple[Bar, ...] = derived()  # months with articles, oldest first
    years: tuple[Year, ...] = derived()
    month_names: tuple[MonthName, ...] = derived()  # none when months are too narrow
    month_y: int = derived()  # baselines of the month and year label rows
    year_y: int = derived()
    first: str = derived()  # label of the first month of the span
    last: str = derived()
    busiest: Bar = derived()


@dataclass(frozen=True)
class Group:
    """Articles of one month (or year, when that is all that is known, or undated) of a list,
    under a heading with an id a chart's bar can link to."""

    key: str
    anchor: str
    label: str
    items: tuple[Article, ...]


def group_key(article: Article) -> str:
    """The month an article is listed under: "2016-03", or "2016" when only the year is
    known, or the undated bucket."""
    if article.date is None:
        return UNDATED
    if article.date_precision == "year" or len(article.date) < 7:
        return article.date[:4]
    return article.date[:7]


def anchor(key: str) -> str:
    """The id of a group's heading: "m-2016-03", "y-2016" or "undated"."""
    if key == UNDATED:
        return "undated"
    return f"m-{key}" if len(key) == 7 else f"y-{key}"


def group_label(key: str) -> str:
    if key == UNDATED or len(key) == 7:
        return date_label(key)
    return f"{key}, month not known"


def groups(items: Sequence[Article]) -> tuple[Group, ...]:
    """Consecutive articles of the same month as groups (the items are newest first, so
    each month is one run)."""
    found: list[Group] = []
    for article in items:
        key = group_key(article)
        if found and found[-1].key == key:
            last = found[-1]
            found[-1] = Group(key, last.anchor, last.label, (*last.items, article))
        else:
            found.append(Group(key, anchor(key), group_label(key), (article,)))
    return tuple(found)


def is_month(key: str) -> bool:
    return len(key) == 7 and key[4] == "-"


def months_between(first: str, last: str) -> tuple[str, ...]:
    """Every month from ``first`` to ``last`` ("2016-11", "2016-12", "2017-01", ...)."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def archive_months(articles: Sequence[Article]) -> tuple[str, ...]:
    """The span of the archive: its first month with an article to its last."""
    months = sorted({key for a in articles if is_month(key := group_key(a))})
    return months_between(months[0], months[-1]) if months else ()


def draw_timeline(
    items: Sequence[Article], months: Sequence[str], href: Callable[[str], str | None]
) -> Timeline | None:
    """The chart of ``items`` over ``months``; ``href`` gives where a group (a month, a year
    for year-only dates, or the undated bucket) is listed. None when no item falls in it."""
    counts = Counter(group_key(a) for a in items)
    drawn = [(i, m, counts[m]) for i, m in enumerate(months) if counts[m] and href(m)]
    if not drawn:
        return None
    slot = max(SLOT[0], min(SLOT[1], WIDTH // len(months)))
    gap = 1 if slot < 6 else 2 if slot < 15 else round(slot * 0.2)
    most = max(count for _, _, count in drawn)
    bars = []
    for index, month, count in drawn:
        height = tidy(max(MIN_BAR, PLOT * count / most))
        x = index * slot
        y = tidy(TOP + PLOT - height)
        bars.append(
            Bar(month, date_label(month), count, href(month) or "", x, tidy(x + gap / 2), y, height)
        )
    names = tuple(
        MonthName(date_label(month)[:3], tidy((index + 0.5) * slot))
        for index, month in enumerate(months)
        if slot >= MONTH_LABEL
    )
    year_y = TOP + PLOT + ROW * (2 if names else 1)
    return Timeline(
        months=tuple(months),
        drawn=tuple(bar.month for bar in bars),
        counts=tuple(bar.count for bar in bars),
        hrefs=tuple(bar.href for bar in bars),
        undated=counts[UNDATED],
        undated_href=href(UNDATED) if counts[UNDATED] else None,
        year_only=sum(n for key, n in counts.items() if len(key) == 4),
        width=slot * len(months),
        height=year_y + 4,
        baseline=TOP + PLOT,
        slot=slot,
        bar_width=slot - gap,
        bars=tuple(bars),
        years=years_of(months, slot),
        month_names=names,
        month_y=TOP + PLOT + ROW,
        year_y=year_y,
        first=date_label(months[0]),
        last=date_label(months[-1]),
        busiest=max(bars, key=lambda b: b.count),  # the first of the busiest
    )


def tidy(value: float) -> float:
    """A coordinate to one decimal, written without ".0" when whole."""
    value = round(value, 1)
    return int(value) if value == int(value) else value


def years_of(months: Sequence[str], slot: int) -> tuple[Year, ...]:
    """A tick at each year's first month in the span, labelled when the year has room."""
    years: list[Year] = []
    for index, month in enumerate(months):
        if index == 0 or month.endswith("-01"):
            count = sum(1 for m in months[index : index + 12] if m[:4] == month[:4])
            middle = tidy((index + count / 2) * slot)
            years.append(Year(month[:4], index * slot, middle, count * slot >= YEAR_LABEL))
    return tuple(years)
