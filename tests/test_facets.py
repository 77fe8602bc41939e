"""One facet abstraction groups places (with parents), actors, dates and sources."""

from __future__ import annotations

from generator.facets import UNDATED, build_all, date_label, standard_facets
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
