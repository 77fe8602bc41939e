"""Site profiles: short lines repeated across a site's files are learnt as chrome."""

from __future__ import annotations

from pathlib import Path

from generator.build import ingest
from generator.config import BuildConfig
from generator.models import RawDocument, SidecarMeta
from generator.site_profile import learn_profiles, site_key

FOOTER = "Follow us on Telegram  and  WhatsApp"


def raw(relpath: str, body: str, publisher: str | None = None) -> RawDocument:
    return RawDocument(
        relpath=relpath,
        path=Path(relpath),
        text=body,
        sha256="0",
        kind="text",
        sidecar=SidecarMeta(publisher=publisher),
    )


def page(n: int, folder: str = "site") -> RawDocument:
    story = f"Story number {n} says something different about town {n}."
    return raw(f"{folder}/p{n}.txt", f"Headline {n}\n\n{story}\n\n{FOOTER}\n")


def test_line_in_three_files_of_a_site_is_chrome() -> None:
    pages = [page(n) for n in range(3)]
    profiles = learn_profiles(pages)
    assert profiles.repeated_lines(pages[0]) == {"Follow us on Telegram and WhatsApp"}


def test_two_files_or_other_sites_are_not_enough() -> None:
    pages = [page(0), page(1), page(2, folder="elsewhere")]
    assert learn_profiles(pages).repeated_lines(pages[0]) == frozenset()


def test_long_repeated_paragraphs_are_not_chrome() -> None:
    long = " ".join(["word"] * 30)
    pages = [raw(f"s/{n}.txt", f"Title {n}\n\n{long}\n") for n in range(4)]
    assert learn_profiles(pages).repeated_lines(pages[0]) == frozenset()


def test_publisher_groups_files_across_folders() -> None:
    a = raw("x/1.txt", "A\n\nShare this", publisher="P")
    assert site_key(a) == site_key(raw("y/2.txt", "B", publisher="P"))
    assert site_key(a) != site_key(raw("x/3.txt", "C"))


def test_cleaner_drops_a_sites_repeated_line(tmp_path: Path) -> None:
    from generator.build import ingest
    from generator.config import BuildConfig

    raw_dir = tmp_path / "raw"
    (raw_dir / "monitor").mkdir(parents=True)
    towns = ["Hama", "Homs", "Idlib"]
    for n, town in enumerate(towns):
        (raw_dir / "monitor" / f"story{n}.txt").write_text(
            f"Shelling Reported Near {town} Overnight\n\n{n + 3} March 2018\n\n"
            f"Residents of {town} said shelling continued through the night.\n\n"
            f"Local officials said {n + 2} people were wounded in the attack.\n\n"
            "The Monitor is an independent newsroom based in Beirut since 2009.\n"
        )
    result = ingest(BuildConfig(raw_dir=raw_dir, content_dir=tmp_path / "md"))
    assert len(result.articles) == 3
    for article in result.articles:
        assert "independent newsroom" not in article.body
        assert article.body.endswith("wounded in the attack.")


def test_articles_of_one_day_keep_the_date_stamp_they_share(tmp_path: Path) -> None:
    """A site's date stamp repeats on every article it published that day: repetition makes
    the menu chrome, never the date (as 4 of 100,000 synthetic articles once lost it)."""
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    for n in range(4):
        (raw_dir / f"story{n}.txt").write_text(
            "Cedar Journal\nMenu  Search  Latest  Politics  Newsletter\n\n"
            f"Rockets hit the market of town number {n} on Christmas Day\n\n"
            "December 25th, 2014 10:15 GMT\n\n"
            f"Rockets hit the market of town number {n} on Thursday, killing six civilians "
            "and wounding dozens more, a monitoring group said in a statement.\n\n"
            f"Residents of town number {n} said the shelling went on for hours.\n",
            encoding="utf-8",
        )
    config = BuildConfig(
        raw_dir=raw_dir,
        content_dir=tmp_path / "articles",
        gazetteer_dir=Path(__file__).resolve().parent.parent / "content" / "gazetteer",
        out_dir=tmp_path / "site",
    )
    articles = ingest(config).articles
    assert [a.date for a in articles] == ["2014-12-25"] * 4
    assert all("Newsletter" not in a.body for a in articles)
