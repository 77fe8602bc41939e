"""One facet abstraction groups places (with parents), actors, dates and sources."""

from __future__ import annotations

from generator.facets import (
    UNDATED,
    build_all,
    co_occurrence,
    connect_all,
    date_label,
    narrower,
    standard_facets,
    year_months,
)
from generator.models import Article


def art(slug: str, date: str | None, places=(), actors=(), source=None, precision="day"):
    return Article(
        slug=slug,
        title=slug.upper(),
        body="",
        date=date,
        date_precision=precision if date else None,
        places=tuple(places),
        actors=tuple(actors),
        source=source,
    )


PARENTS = {"Hajin": ("Deir ez-Zor Governorate", "Syria"), "Raqqa": ("Raqqa Governorate", "Syria")}


def facets_of(articles):
    built = build_all(standard_facets(lambda p: PARENTS.get(p, ())), articles)
    return {f.facet.name: f for f in built}


def test_counts_parents_and_order() -> None:
    articles = [
        art("a", "2017-07-23", ["Hajin"], ["Islamic State"], "X"),
        art("b", "2017-07-01", ["Raqqa", "Hajin"], ["Islamic State", "Russia"], "Y"),
        art("c", None, ["Raqqa"], [], "X"),
        art("d", "2016", [], ["Russia"], None, precision="year"),
    ]
    f = facets_of(articles)
    places = {v.key: v.articles for v in f["place"].values}
    assert places == {
        "Syria": ("a", "b", "c"),
        "Hajin": ("a", "b"),
        "Deir ez-Zor Governorate": ("a", "b"),
        "Raqqa": ("b", "c"),
        "Raqqa Governorate": ("b", "c"),
    }
    assert [v.key for v in f["place"].values][0] == "Syria"
    assert [v.key for v in f["date"].values] == ["2017", "2017-07", "2016", UNDATED]
    assert f["date"].get("2017-07").articles == ("a", "b")
    assert {v.key: v.count for v in f["actor"].values} == {"Islamic State": 2, "Russia": 2}
    assert {v.key: v.count for v in f["source"].values} == {"X": 2, "Y": 1}


def test_date_labels() -> None:
    assert date_label("2017-07") == "July 2017"
    assert date_label("2017") == "2017"
    assert date_label(UNDATED) == UNDATED


def test_co_occurrence_counts_shared_articles_both_ways() -> None:
    """One routine connects any two facets: a place's actors, an actor's places (with the
    broader places its articles are listed under), ties by label, never a value itself."""
    articles = [
        art("a", "2017-07-23", ["Hajin"], ["Islamic State", "Russia"], "X"),
        art("b", "2017-07-01", ["Raqqa", "Hajin"], ["Islamic State"], "Y"),
        art("c", None, ["Raqqa"], ["Russia"], "X"),
        art("d", "2016", ["Raqqa"], ["Syrian Arab Army"], "X", precision="year"),
    ]
    f = facets_of(articles)
    by_place = co_occurrence(f["place"], f["actor"], limit=2)
    assert by_place.facet == "place" and by_place.other.name == "actor"
    assert [(c.key, c.count) for c in by_place.top["Hajin"]] == [
        ("Islamic State", 2),
        ("Russia", 1),
    ]
    # Three actors on two articles each... cut at the limit, ties in label order.
    assert [(c.key, c.count) for c in by_place.top["Syria"]] == [
        ("Islamic State", 2),
        ("Russia", 2),
    ]
    by_actor = co_occurrence(f["actor"], f["place"], limit=10)
    assert {c.key: c.count for c in by_actor.top["Russia"]} == {
        "Syria": 2,
        "Hajin": 1,
        "Deir ez-Zor Governorate": 1,
        "Raqqa": 1,
        "Raqqa Governorate": 1,
    }
    assert all(c.facet == "place" for c in by_actor.top["Russia"])
    same = co_occurrence(f["actor"], f["actor"], limit=10)
    assert [(c.key, c.count) for c in same.top["Russia"]] == [("Islamic State", 1)]
    names = [(c.facet, c.other.name) for c in connect_all(list(f.values()))]
    assert names == [
        ("place", "actor"),
        ("actor", "place"),
        ("source", "place"),
        ("source", "actor"),
    ]


def test_narrower_values_are_the_nearest_children() -> None:
    parents = {
        **PARENTS,
        "Deir ez-Zor Governorate": ("Syria",),
        "Raqqa Governorate": ("Syria",),
    }
    articles = [art("a", None, ["Hajin"]), art("b", None, ["Hajin", "Raqqa"])]
    places = build_all(standard_facets(lambda p: parents.get(p, ())), articles)[0]
    children = narrower(places)
    assert {key: [(c.key, c.count) for c in found] for key, found in children.items()} == {
        "Syria": [("Deir ez-Zor Governorate", 2), ("Raqqa Governorate", 1)],
        "Deir ez-Zor Governorate": [("Hajin", 2)],
        "Raqqa Governorate": [("Raqqa", 1)],
    }


def test_year_months_are_the_periods_of_the_date_facet() -> None:
    f = facets_of([art("a", "2017-07-23")])
    assert f["date"].facet.periods is year_months
    assert year_months("2017") == tuple(f"2017-{m:02d}" for m in range(1, 13))
    assert year_months("2017-07") == year_months(UNDATED) == ()
    assert f["place"].facet.periods is None
