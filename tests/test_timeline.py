"""Timeline geometry: a slot per month, gaps left empty, year ticks, month groups."""

from __future__ import annotations

from generator.facets import UNDATED
from generator.models import Article
from generator.timeline import (
    MIN_BAR,
    PLOT,
    SLOT,
    TOP,
    archive_months,
    draw_timeline,
    group_key,
    groups,
    months_between,
)
from generator.value_digest import ValueDigest


def art(slug: str, date: str | None, precision: str = "day") -> Article:
    return Article(slug=slug, title=slug, body="", date=date, date_precision=date and precision)


def test_months_between_crosses_years() -> None:
    assert months_between("2016-11", "2017-02") == ("2016-11", "2016-12", "2017-01", "2017-02")
    assert months_between("2016-03", "2016-03") == ("2016-03",)
    assert len(months_between("2004-01", "2017-12")) == 168


def test_group_keys_and_the_archive_span() -> None:
    items = [art("a", "2016-03-05"), art("b", "2016-07", "month"), art("c", "2015", "year")]
    items.append(art("d", None))
    assert [group_key(a) for a in items] == ["2016-03", "2016-07", "2015", UNDATED]
    assert archive_months(items) == months_between("2016-03", "2016-07")
    assert archive_months([art("c", "2015", "year")]) == ()


def test_bars_leave_empty_months_as_gaps() -> None:
    items = [art("a", "2016-01-02"), art("b", "2016-01-30"), art("c", "2016-04-01")]
    items += [art("u", None), art("y", "2016", "year")]
    months = months_between("2015-12", "2016-05")
    chart = draw_timeline(items, months, lambda key: f"list.html#{key}")
    assert chart is not None
    assert [(b.month, b.count, b.href) for b in chart.bars] == [
        ("2016-01", 2, "list.html#2016-01"),
        ("2016-04", 1, "list.html#2016-04"),
    ]
    slot = chart.slot
    assert slot == SLOT[1] and chart.width == 6 * slot
    jan, apr = chart.bars
    assert (jan.x, apr.x) == (1 * slot, 4 * slot)  # December, February and March stay empty
    assert (jan.height, jan.y) == (PLOT, TOP) and apr.height == PLOT / 2
    assert jan.bar_x > jan.x and chart.bar_width < slot
    assert (chart.first, chart.last, chart.busiest) == ("December 2015", "May 2016", jan)
    assert (chart.undated, chart.undated_href, chart.year_only) == (1, "list.html#Undated", 1)
    assert [(y.year, y.x, y.labelled) for y in chart.years] == [
        ("2015", 0, True),
        ("2016", slot, True),
    ]
    assert [m.text for m in chart.month_names] == ["Dec", "Jan", "Feb", "Mar", "Apr", "May"]


def test_long_archives_stay_small() -> None:
    """Fourteen years: four units a month, a bar per month with articles, a label a year."""
    months = months_between("2004-01", "2017-12")
    items = [art(f"a{i}", f"{m}-01") for i, m in enumerate(months) if i % 3 == 0]
    items.append(art("peak", "2010-07-15"))
    chart = draw_timeline(items, months, lambda key: key)
    assert chart is not None and chart.slot == 4 and chart.width == 672
    assert len(chart.bars) == 56 and chart.month_names == ()
    assert len(chart.years) == 14 and all(y.labelled for y in chart.years)
    assert min(b.height for b in chart.bars) == PLOT / 2 > MIN_BAR


def test_no_chart_without_articles_in_the_span() -> None:
    months = months_between("2016-01", "2016-12")
    assert draw_timeline([art("u", None)], months, lambda key: key) is None
    assert draw_timeline([art("a", "2017-01-01")], months, lambda key: key) is None


def test_groups_follow_the_newest_first_order() -> None:
    items = [
        art("a", "2016-03-05"),
        art("b", "2016-03-01"),
        art("c", "2016-01", "month"),
        art("d", "2015", "year"),
        art("e", None),
    ]
    found = groups(items)
    assert [(g.anchor, g.label, [a.slug for a in g.items]) for g in found] == [
        ("m-2016-03", "March 2016", ["a", "b"]),
        ("m-2016-01", "January 2016", ["c"]),
        ("y-2015", "2015, month not known", ["d"]),
        ("undated", "Undated", ["e"]),
    ]


def test_page_keys_digest_a_chart_by_what_it_is_drawn_from() -> None:
    """A chart's key is its inputs: the same inputs give the same key, and every input that
    changes the drawing (a count, a link, the span, the undated) changes it."""
    items = [art("a", "2016-01-02"), art("b", "2016-03-30"), art("u", None)]
    span = months_between("2016-01", "2016-04")

    def key(articles: list[Article], months=span, href=lambda m: f"dates/{m}.html") -> str:
        chart = draw_timeline(articles, months, href)
        assert chart is not None
        return ValueDigest()(chart)

    same = key([art("a", "2016-01-02"), art("b", "2016-03-30"), art("u", None)])
    assert key(items) == same
    changed = {
        key([*items, art("c", "2016-03-01")]),
        key(items[:2]),
        key(items, months=months_between("2015-12", "2016-04")),
        key(items, href=lambda m: f"places/x.html#m-{m}"),
    }
    assert same not in changed and len(changed) == 4
