"""Cleaning raw pages: seed articles, dates, chrome, HTML and the FA-KES corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.clean import clean
from generator.clean_chrome import (
    drop_code_elements,
    is_chrome,
    is_code,
    is_crawl_banner,
    is_menu,
)
from generator.clean_credits import parse_credit_line, same_name, strip_site_suffix
from generator.clean_inline import drop_captions, scrub_inline
from generator.clean_lead import strip_lead
from generator.clean_norm import normalise_space, repair, split_sentences
from generator.clean_tail import strip_tail
from generator.clean_units import title_like
from generator.dates import date_at, find_dates, numeric_order, parse_date
from generator.errors import InputError
from generator.models import RawDocument, SidecarMeta

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "content" / "raw"
EXPECTED = Path("/work/shared/seeds/expected.jsonl")
FAKES = RAW / "fa-kes"
FIXTURE_RAW = ROOT / "tests" / "fixtures" / "corpus" / "raw"


def _seeds() -> list[dict[str, object]]:
    if not EXPECTED.exists():
        return []
    return [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines() if line]


def _raw(text: str, kind: str = "text", name: str = "page.txt", **sidecar: str) -> RawDocument:
    return RawDocument(name, Path(name), text, "0" * 64, kind, SidecarMeta(**sidecar))


# --- the five seed articles --------------------------------------------------------------


@pytest.mark.parametrize("seed", _seeds(), ids=lambda seed: str(seed["file"])[:3])
def test_seed_article(seed: dict[str, object]) -> None:
    path = RAW / str(seed["file"])
    cleaned = clean(_raw(path.read_text(encoding="utf-8"), name=path.name))
    assert cleaned.title == seed["title"]
    assert cleaned.date == seed["date"]
    assert cleaned.source == seed["source"]
    assert cleaned.standfirst == seed["standfirst"]
    first = split_sentences(cleaned.paragraphs[0])[0]
    last = split_sentences(cleaned.paragraphs[-1])[-1]
    assert first == normalise_space(str(seed["first_sentence"]))
    assert last == normalise_space(str(seed["last_sentence"]))
    kept = normalise_space(" ".join([cleaned.title, cleaned.standfirst or "", *cleaned.paragraphs]))
    for chrome in seed["boilerplate"]:  # type: ignore[union-attr]
        assert normalise_space(str(chrome)) not in kept


def test_seed_credits_and_subheadings_are_read() -> None:
    dateline = clean(_raw((RAW / "002_7f9207fcd4b22e86.txt").read_text(encoding="utf-8")))
    assert (dateline.agency, dateline.byline) == ("SANA", "Samer Hussein (translator)")
    assert dateline.date_precision == "day"
    # a mid-article sub-heading (no final period) stays in the body as its own paragraph
    italian = clean(_raw((RAW / "004_a2c911d8e0e811de.txt").read_text(encoding="utf-8")))
    assert len(italian.paragraphs) == 3
    assert italian.paragraphs[1].endswith("quadrant")


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("23 July 2017 23:52", "2017-07-23"),
        ("July 4th, 2017 – Fort Russ News –", "2017-07-04"),
        ("Tue 05 Jul 2016", "2016-07-05"),
        ("Wednesday, 10 August 2016", "2016-08-10"),
        ("Aug. 1 2016", "2016-08-01"),
        ("Oct 042017", "2017-10-04"),
        ("16-12-2014", "2014-12-16"),
        ("6-09-2013", "2013-09-06"),
        ("05.10.2017(updated 1935 05.10.2017)", "2017-10-05"),
        ("2017-07-23T10:00:00Z", "2017-07-23"),
        ("2017/07/23", "2017-07-23"),
        ("13/04/2016", "2016-04-13"),
        ("04/13/2016", "2016-04-13"),
        ("the 3rd of March 2016", "2016-03-03"),
        ("12 mars 2016", "2016-03-12"),
    ],
)
def test_parse_date_formats(text: str, iso: str) -> None:
    hit = parse_date(text)
    assert hit is not None and hit.iso == iso and hit.precision == "day"
    assert hit.evidence in text


def test_parse_date_precision_and_invalid() -> None:
    month = parse_date("March 2016")
    assert month is not None and (month.iso, month.precision) == ("2016-03", "month")
    year = parse_date("2015")
    assert year is not None and (year.iso, year.precision) == ("2015", "year")
    for invalid in ("31 February 2017", "2017-13-01", "32/01/2016", "1 July 1850", "nothing"):
        assert parse_date(invalid) is None, invalid


def test_ambiguous_numeric_dates_follow_the_page() -> None:
    assert parse_date("03/04/2016").iso == "2016-04-03"  # day first by default
    assert parse_date("03/04/2016", order="mdy").iso == "2016-03-04"
    assert numeric_order("Posted 07/13/2017 ... 03/04/2016") == "mdy"
    assert numeric_order("13/07/2017 and 03/04/2016") == "dmy"
    assert parse_date("03.04.2016", order="mdy").iso == "2016-04-03"  # dots are always d.m.y


def test_crawl_banner_is_not_the_publication_date() -> None:
    banner = (
        "23 July 2018 - Monday - 10 Dhul-Qaʿda 1439 | 23/07/2018 (12) 22/07/2018 (41) "
        "Total: 140,294 content Facebook Twitter Youtube"
    )
    assert is_crawl_banner(banner) and is_chrome(banner)
    assert not is_crawl_banner("Published: 12:30, 5 July 2017 | Updated: 14:00, 6 July 2017")
    page = f"Site Name\n{banner}\n\nArmy advances near Deir Ezzor\n\n{_BODY}"
    cleaned = clean(_raw(page))
    assert (cleaned.title, cleaned.date, cleaned.source) == (
        "Army advances near Deir Ezzor",
        None,
        "Site Name",
    )
    assert len(find_dates(banner)) >= 3


def test_updated_stamp_loses_to_published_and_is_kept_when_alone() -> None:
    page = (
        "Published: 12:30, 5 July 2017 | Updated: 14:00, 6 July 2017\n\n"
        f"Twin blasts kill 12 in Damascus\n\n{_BODY}"
    )
    assert clean(_raw(page)).date == "2017-07-05"
    lone = clean(_raw(f"Blast in Damascus\n\nLast updated at Oct 042017 {_BODY}"))
    assert (lone.date, lone.date_evidence) == ("2017-10-04", "Last updated at Oct 042017")


def test_dates_inside_the_body_are_not_stamps() -> None:
    page = f"Army advances near Deir Ezzor\n\nOn 3 May 2016 the army began an offensive. {_BODY}"
    assert clean(_raw(page)).date is None


_BODY = (
    "The Syrian army advanced on Monday toward the city, military sources said. "
    "Residents reported heavy shelling in the eastern districts overnight."
)


# --- titles, headlines and credits -----------------------------------------------------------


def test_title_suffix_stripping() -> None:
    assert strip_site_suffix("Dozens dead as car bomb hits evacuees | Jordan Times", []) == (
        "Dozens dead as car bomb hits evacuees",
        "Jordan Times",
    )
    known = ["Daily Sabah"]
    assert strip_site_suffix("Twin bombing targets Qamishli - Daily Sabah", known)[0] == (
        "Twin bombing targets Qamishli"
    )
    # a dash before an attribution that is not the site stays in the headline
    kept = "US Missile Strike on Syria Kills Five - Homs Governor"
    assert strip_site_suffix(kept, known) == (kept, None)
    crumbs = "21 dead in rebel fire on Aleppo - Region - World - Ahram Online"
    assert strip_site_suffix(crumbs, ["Ahram Online"])[0] == "21 dead in rebel fire on Aleppo"
    assert strip_site_suffix("Security Source: ISIL Dispatching More Militants", []) == (
        "Security Source: ISIL Dispatching More Militants",
        None,
    )


def test_duplicate_headline_in_other_case_is_removed() -> None:
    page = (
        "skip to Main Content\n\nRebels retreat from Hama: army says\n\n"
        f"Rebels Retreat From Hama: Army Says\n\n{_BODY}\n\nBack To Top\n"
    )
    cleaned = clean(_raw(page))
    assert cleaned.title == "Rebels retreat from Hama: army says"
    assert cleaned.paragraphs == (_BODY,)


def test_dateline_and_credit_lines() -> None:
    credit = parse_credit_line("– SANA –  – translated by Samer Hussein –")
    assert credit is not None and (credit.agency, credit.byline) == (
        "SANA",
        "Samer Hussein (translator)",
    )
    assert parse_credit_line("The army - backed by militias - advanced.") is None


def test_fakes_style_lead_and_sign_off() -> None:
    title = "Syria attack symptoms consistent with nerve agent use WHO"
    text = f"Wed 05 Apr 2017 {title}. Victims of an attack showed symptoms. WHO said so. - REUTERS"
    lead = strip_lead(text, title, "dmy")
    assert lead.date is not None and lead.date.iso == "2017-04-05"
    assert lead.text.startswith("Victims of an attack")
    tail = strip_tail(lead.text, [])
    assert tail.agency == "Reuters" and tail.text.endswith("WHO said so.")
    tags = "Date of publication 7 April 2017 A salvo of missiles hit the airbase. Tags Shayrat US "
    lead = strip_lead(
        tags + "Homs Fifty nine US cruise missiles struck a Syrian airbase.", "X", "dmy"
    )
    assert lead.standfirst == "A salvo of missiles hit the airbase."
    assert lead.text.startswith("Fifty nine US cruise missiles")
    ending = "The army took the town. Reporting by Ann Lee; Editing by Bo Chen Our Standards: X."
    assert strip_tail(ending, []).text == "The army took the town."
    assert strip_tail("The army took the town on Monday. Read Also", []).text == (
        "The army took the town on Monday."
    )


_WRAPPED = """Syria's government says it has retaken the last rebel pocket in Homs

By Jane Doe, AFP | March 3, 2018

This website uses cookies to improve your experience. Accept

The Syrian government said on Saturday that its forces had retaken the
last rebel-held pocket in the central province of Homs, after a deal
that saw hundreds of fighters bussed to the north.

State television showed troops raising the flag over the town of
Rastan, which had been held by rebels since 2012.

Read more: Thousands flee fighting in eastern Ghouta

Advertisement

The deal was brokered by Russia, the government's main ally, according
to a statement from its defence ministry.
"""

_LAYOUT = """Cookie settings   Accept all
Menu
Search

Home / News / Syria

Turkey-backed rebels enter Afrin town centre
Turkish-backed forces have pushed into the centre of the Kurdish-held town after an offensive.

2018-03-18 10:15:00

5 min read

ANKARA, March 18 (AP) — Turkish-backed rebels entered the centre of Afrin on Sunday, the army said.

Kurdish officials said fighting was continuing on the outskirts.

Share this article:

John Doe is a correspondent based in Istanbul.

© 2018 The Example Post
"""


def test_wrapped_paragraphs_bylines_and_mid_body_chrome() -> None:
    cleaned = clean(_raw(_WRAPPED))
    assert (cleaned.date, cleaned.byline, cleaned.agency) == ("2018-03-03", "Jane Doe", "AFP")
    assert len(cleaned.paragraphs) == 3
    assert cleaned.paragraphs[1] == (
        "State television showed troops raising the flag over the town of Rastan, "
        "which had been held by rebels since 2012."
    )
    assert cleaned.paragraphs[2].startswith("The deal was brokered by Russia")


def test_menus_summary_before_stamp_dateline_and_footer() -> None:
    cleaned = clean(_raw(_LAYOUT))
    assert cleaned.title == "Turkey-backed rebels enter Afrin town centre"
    assert cleaned.standfirst is not None and cleaned.standfirst.startswith("Turkish-backed forces")
    assert (cleaned.date, cleaned.agency, cleaned.source) == ("2018-03-18", "AP", None)
    assert cleaned.paragraphs == (
        "Turkish-backed rebels entered the centre of Afrin on Sunday, the army said.",
        "Kurdish officials said fighting was continuing on the outskirts.",
    )


def test_wire_page_with_section_stamp_and_credit_paragraphs() -> None:
    page = (
        "Home  News  World  Middle East  Sport\n\n"
        "World News | Fri Jul 7, 2017 | 9:45am EDT\n\n"
        "Syrian army says captures oil fields\n\nBy John Smith\n\n"
        "BEIRUT (Reuters) - The Syrian army said on Friday it had captured several oil fields.\n\n"
        "A monitoring group confirmed the advance.\n\n"
        "Reporting by John Smith; Editing by Jane Roe\n\n"
        "Our Standards: The Thomson Reuters Trust Principles.\n"
    )
    cleaned = clean(_raw(page))
    assert (cleaned.title, cleaned.date, cleaned.source) == (
        "Syrian army says captures oil fields",
        "2017-07-07",
        None,
    )
    assert (cleaned.agency, cleaned.byline) == ("Reuters", "John Smith")
    assert cleaned.paragraphs[0].startswith("The Syrian army said on Friday")
    assert cleaned.paragraphs[-1] == "A monitoring group confirmed the advance."


# --- page heads: site names, banners, breadcrumbs, stamps ----------------------------------------

_SITE = "Levant Daily Monitor"
_HEADLINE = "Syrian Army Enters Hajin as ISIS Retreats Toward Abu Kamal"
_BANNER = "        14 May 2019 - Tuesday | Home | World | Contact us        Facebook Twitter"
_STAMP = "12 March 2018 10:15"


@pytest.mark.parametrize(
    ("name", "title", "date", "evidence"),
    [
        ("army-hajin.txt", _HEADLINE, "2018-03-12", _STAMP),
        ("raqqa-sdf.txt", "SDF Tightens Siege on Raqqa", "2018-03-20", "20 March 2018 08:02"),
    ],
)
def test_site_name_over_crawl_day_banner(name: str, title: str, date: str, evidence: str) -> None:
    cleaned = clean(_raw((FIXTURE_RAW / name).read_text(encoding="utf-8"), name=name))
    assert (cleaned.title, cleaned.date, cleaned.date_evidence) == (title, date, evidence)
    assert cleaned.source == _SITE
    assert cleaned.paragraphs[0].startswith("The Syrian")


@pytest.mark.parametrize(
    "banner",
    [
        _BANNER,
        "Tuesday, 14 May 2019 · Home · World · Contact us · Facebook · Twitter",
        "14/05/2019 / Home / World / Contact us / Facebook",
        "14 May 2019 - Tuesday - Home - World - Contact us",
        "14 May 2019 | Home | Contact us",
        "10:15 | 14 May 2019 | Home | World | Contact",
        "Home > World > Middle East",
        "Home › World › Middle East",
        "Share on Facebook Share on Twitter WhatsApp",
    ],
)
def test_banners_menus_and_share_bars_are_chrome(banner: str) -> None:
    assert is_chrome(banner)
    assert banner.startswith("Share") or not title_like(banner.strip())  # share bar: by words
    page = f"{_SITE}\n{banner}\n\n{_HEADLINE}\n\n{_STAMP}\n\n{_BODY}"
    cleaned = clean(_raw(page))
    assert (cleaned.title, cleaned.date, cleaned.source) == (_HEADLINE, "2018-03-12", _SITE)
    assert cleaned.paragraphs == (_BODY,)


@pytest.mark.parametrize(
    "line",
    [
        "World News | Fri Jul 7, 2017 | 9:45am EDT",
        "12 March 2018 | 10:15 | By Jane Doe | AFP",
        "By Jane Doe, AFP | March 3, 2018",
        "Middle East | Syria | 12 March 2018 | 10:15",
        "Tuesday - 12 March 2018 - 10:15",
        "Updated: 3 April 2018 | Published: 2 April 2018",
    ],
)
def test_stamp_and_credit_lines_are_not_menus(line: str) -> None:
    assert not is_chrome(line)


def test_a_date_and_separated_labels_never_make_a_headline() -> None:
    assert not title_like("14 May 2019 | Home")
    assert not title_like("Syria | Iraq | Lebanon")
    assert title_like("Dozens dead as car bomb hits evacuees | Jordan Times")
    assert title_like("21 dead in rebel fire on Aleppo - Region - World - Ahram Online")


@pytest.mark.parametrize(
    ("page", "source"),
    [
        (f"{_SITE}\n{_BANNER}\n\n{_STAMP}\n\n{_HEADLINE}\n\n{_BODY}", _SITE),
        (f"{_SITE}\n\n{_STAMP}\n\n{_HEADLINE}\n\n{_BODY}", _SITE),
        (f"{_STAMP}\n\n{_HEADLINE}\n\n{_BODY}", None),
        (f"{_BANNER}\n\n{_HEADLINE}\n\n{_STAMP}\n\n{_BODY}", None),
        (f"{_HEADLINE}\n\n{_STAMP}\n\n{_BODY}", None),
        (f"Home > World > Middle East\n\n{_HEADLINE}\n\n{_STAMP}\n\n{_BODY}", None),
        (f"{_SITE}\n{_BANNER}\n\nSyria\n\n{_HEADLINE}\n\n{_STAMP}\n\n{_BODY}", _SITE),
    ],
    ids=[
        "stamp-above",
        "stamp-above-no-banner",
        "no-site",
        "banner-no-site",
        "bare",
        "breadcrumb",
        "kicker",
    ],
)
def test_headline_stamp_and_site_in_any_order(page: str, source: str | None) -> None:
    cleaned = clean(_raw(page))
    assert (cleaned.title, cleaned.date, cleaned.date_evidence) == (_HEADLINE, "2018-03-12", _STAMP)
    assert cleaned.source == source
    assert cleaned.paragraphs == (_BODY,)


def test_short_headline_over_stamp_and_standfirst_is_not_a_site_name() -> None:
    standfirst = "The army entered the town after two days of fighting with the militants"
    cleaned = clean(_raw(f"Hajin Falls\n\n12 March 2018\n\n{standfirst}\n\n{_BODY}"))
    assert (cleaned.title, cleaned.source, cleaned.standfirst) == ("Hajin Falls", None, standfirst)


@pytest.mark.parametrize(
    "under",
    ["By Jane Doe\n\n12 March 2018 10:15", "By Jane Doe\n12 March 2018 10:15"],
)
def test_byline_under_the_headline(under: str) -> None:
    cleaned = clean(_raw(f"{_SITE}\n{_BANNER}\n\n{_HEADLINE}\n\n{under}\n\n{_BODY}"))
    assert (cleaned.title, cleaned.byline, cleaned.date) == (_HEADLINE, "Jane Doe", "2018-03-12")
    assert cleaned.paragraphs == (_BODY,)


@pytest.mark.parametrize(
    ("above", "below"),
    [
        ("", "Published: 2 April 2018 | Updated: 3 April 2018"),
        ("", "Updated: 3 April 2018 | Published: 2 April 2018"),
        ("", "Updated: 3 April 2018   Published: 2 April 2018"),
        ("", "Updated: 3 April 2018\nPublished: 2 April 2018"),
        ("Updated: 3 April 2018\nPublished: 2 April 2018", ""),
        ("Published: 2 April 2018\nUpdated: 3 April 2018", ""),
        ("Updated: 3 April 2018", "Published: 2 April 2018"),
    ],
)
def test_publication_stamp_wins_over_update(above: str, below: str) -> None:
    page = f"{_SITE}\n\n{above}\n\n{_HEADLINE}\n\n{below}\n\n{_BODY}"
    cleaned = clean(_raw(page))
    assert (cleaned.title, cleaned.date) == (_HEADLINE, "2018-04-02")
    assert cleaned.date_evidence == "Published: 2 April 2018"
    assert cleaned.paragraphs == (_BODY,)


def test_stamp_with_share_buttons_dates_the_article() -> None:
    page = f"{_HEADLINE}\n\n{_STAMP} | Share | Tweet | Email\n\n{_BODY}"
    assert clean(_raw(page)).date == "2018-03-12"


@pytest.mark.parametrize("separator", [" | ", " - ", " – ", " · "])
@pytest.mark.parametrize("banner", [f"\n{_BANNER}", ""], ids=["banner", "no-banner"])
def test_site_suffix_on_the_headline_is_stripped(separator: str, banner: str) -> None:
    page = f"{_SITE}{banner}\n\n{_HEADLINE}{separator}{_SITE}\n\n{_STAMP}\n\n{_BODY}"
    cleaned = clean(_raw(page))
    assert (cleaned.title, cleaned.source, cleaned.date) == (_HEADLINE, _SITE, "2018-03-12")
    assert cleaned.paragraphs == (_BODY,)


# --- chrome -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "@page { margin: 0.79in }",
        "p { margin-bottom: 0.1in; line-height: 120% }",
        "__ATA.cmd.push(function() { __ATA.initDynamicSlot({ id: 'atatags-1' }); });",
        "var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-1']);",
        '<div class="ad"></div>',
    ],
)
def test_code_lines_are_detected(line: str) -> None:
    assert is_code(line) and is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "The Syrian Observatory (SOHR) said 20 people died (including 4 children).",
        "Hayat Tahrir al-Sham (HTS) is going after the Islamic State militiamen",
        "Fighting resumed; the army said it lost 3 tanks.",
    ],
)
def test_prose_is_not_code(line: str) -> None:
    assert not is_code(line) and not is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "- Advertisement -",
        "Subscribe to our newsletter",
        "Sign up here to get the latest news, updates and special offers delivered to your inbox.",
        "Scroll Up",
        "Back To Top",
        "skip to Main Content",
        "Photo Credits: SDF",
        "- H.A.",
        "Facebook Twitter Youtube",
        "Home  News  World  Sport  Business",
        "Tags: Syria, Aleppo, Russia",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome(line)


# --- dispatch and errors -------------------------------------------------------------------------


def test_markdown_and_empty_documents_raise() -> None:
    with pytest.raises(InputError):
        clean(_raw("# A note", kind="markdown"))
    with pytest.raises(InputError):
        clean(_raw("   \n\n  "))
    with pytest.raises(InputError):
        clean(_raw("Scroll Up\n\nBack To Top\n"))


def test_sidecar_publisher_and_url() -> None:
    cleaned = clean(_raw(f"A headline here\n\n{_BODY}", publisher="Wire", url="https://x.org/a"))
    assert (cleaned.source, cleaned.url) == ("Wire", "https://x.org/a")


# --- HTML ---------------------------------------------------------------------------------

_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Army retakes village near Palmyra | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="description" content="A short summary that does not repeat the opening of the text.">
<meta property="article:published_time" content="2017-03-02T08:15:00+00:00">
<meta property="article:modified_time" content="2017-03-05T10:00:00+00:00">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://news.example.com/2017/03/army-retakes-village">
<script>var tracker = 1; function track() { return tracker; }</script>
<style>body { margin: 0; }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<main><article>
<h1>Army retakes village near Palmyra</h1>
<p>Government troops recaptured the village of Al-Bayarat east of Palmyra on Thursday after
three days of heavy fighting with Islamic State militants, a monitoring group said.</p>
<p>The Syrian Observatory for Human Rights said at least 20 militants and 12 soldiers were
killed in the clashes, which began on Monday when the army launched a push along the road.</p>
<script>document.write('<div>Advertisement</div>');</script>
<p>The offensive is part of a wider campaign to secure the desert between Homs and Deir
ez-Zor, where militants still hold several towns.</p>
</article></main>
<footer><p>Copyright 2017 Example News. All rights reserved.</p></footer>
</body></html>
"""


def test_html_page() -> None:
    cleaned = clean(_raw(_HTML, kind="html", name="page.html"))
    assert cleaned.title == "Army retakes village near Palmyra"
    assert cleaned.date == "2017-03-02" and cleaned.date_precision == "day"
    assert cleaned.source == "Example News" and cleaned.byline == "Jane Doe"
    assert cleaned.url == "https://news.example.com/2017/03/army-retakes-village"
    assert cleaned.standfirst == "A short summary that does not repeat the opening of the text."
    assert len(cleaned.paragraphs) == 3
    assert cleaned.paragraphs[0].startswith("Government troops recaptured the village")
    assert cleaned.paragraphs[-1].endswith("where militants still hold several towns.")
    body = " ".join(cleaned.paragraphs)
    for leaked in ("tracker", "function", "document.write", "Home", "Copyright", "margin"):
        assert leaked not in body


# --- structural rules for flattened pages (one synthetic case each) ---------------------------


def test_dates_are_found_far_into_long_texts_and_glued_to_the_day() -> None:
    text = "The convoy left at dawn. " * 60 + "Posted Apr 192017; 2000 people fled by 5 May 2016."
    assert [hit.iso for hit in find_dates(text)] == ["2017-04-19", "2016-05-05"]
    assert find_dates("12/05 and no year at all") == []
    assert date_at("Monday " + "x" * 100 + " 2016") is None  # no year near: not a date


def test_long_lines_are_menus_only_with_many_separators() -> None:
    prose = "The army - backed by allied militias - advanced on the town. " * 12
    assert not is_menu(prose) and not is_chrome(prose)
    footer = " | ".join(["Home", "News", "World", "Sport", "Opinion", "Contact us"] * 20)
    assert len(footer) > 600 and is_menu(footer)


def test_tag_list_ends_at_a_capital_followed_by_a_lower_case_content_word() -> None:
    text = (
        "Date of publication 20 September 2016 Regime forces repelled an offensive near Aleppo "
        "on Tuesday the ministry said. Tags Syria Aleppo airstrike truce Russia convoy Syrian "
        "regime and Russian airstrikes pounded the city into the early hours of Tuesday."
    )
    assert strip_lead(text, "X", "dmy").text.startswith("Syrian regime and Russian airstrikes")
    # words of the summary echoed inside the first sentence do not start it
    echoed = (
        "Date of publication 2 October 2016 Russian or Syrian jets bombed a camp in Idlib. "
        "Tags Idlib Syria camp Five women were killed after Russian or Syrian jets bombed a camp."
    )
    assert strip_lead(echoed, "X", "dmy").text.startswith("Five women were killed")


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            "Published August 6 2016 SEND httpsexample.lyAbC12 An airstrike on a hospital "
            "killed 10 people, the monitor said.",
            "An airstrike",
        ),
        (
            "07.04.2017(updated 1404 07.04.2017) Get short URL Topic US Missile Attack on "
            "Syrian Air Base (200) 2510 The US missile strike on the airbase killed four "
            "children, a source said.",
            "The US missile strike",
        ),
        (
            "28.04.2017) Get short URL 54015 According to media reports the militia killed 17 "
            "soldiers and wounded three others.",
            "According to media reports",
        ),
        (
            "Get short URL 0 87 Kurdish-led forces killed 35 militants near the town in the "
            "last 24 hours.",
            "Kurdish-led forces",
        ),
        ("Tuesday 6 May 2014 About 30 soldiers were killed when rebels set off a bomb.", "About"),
    ],
    ids=["send-link", "topic-counter", "paren-after-stamp", "count-then-prose", "about"],
)
def test_share_bar_leftovers_end_where_prose_starts(text: str, start: str) -> None:
    lead = strip_lead(text, "X", "dmy")
    assert lead.text.startswith(start), lead.text


def test_reporters_signing_as_a_sentence_after_the_headline() -> None:
    title = "Activists say 200 killed near Damascus"
    text = (
        f"August 21 2013 {title}. Dominic Evans Khaled Yacoub Oweis. Syrian activists accused "
        "the government of a gas attack on Wednesday."
    )
    lead = strip_lead(text, title, "mdy")
    assert lead.text.startswith("Syrian activists") and lead.byline == (
        "Dominic Evans Khaled Yacoub Oweis"
    )
    staff = "Regime likely responsible: rights group"
    text = f"September 10 2013 {staff} Reuters Staff. Evidence strongly suggests a gas attack."
    assert strip_lead(text, staff, "mdy").text.startswith("Evidence strongly")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "The army advanced. Slideshow (3 Images) Rebels withdrew from the town.",
            "The army advanced. Rebels withdrew from the town.",
        ),
        (
            "The road is cut. [Click to enlarge] Fighters sent reinforcements.",
            "The road is cut. Fighters sent reinforcements.",
        ),
        (
            "The minister spoke in Paris. Survivors rest inside a mosque in Damascus August 21 "
            "2013. REUTERS/Jane Roe We hope the team will be given access, he said.",
            "The minister spoke in Paris. We hope the team will be given access, he said.",
        ),
        (
            "The base fell on Sunday. Residents tour the streets of Tabqa August 24 2014. "
            "REUTERS/Stringer The army sent reinforcements.",
            "The base fell on Sunday. The army sent reinforcements.",
        ),
        (
            "Two of the victims were minors. Jets drop cluster bombs on Aleppo - YouTube "
            "Warplanes struck the city again on Monday.",
            "Two of the victims were minors. Warplanes struck the city again on Monday.",
        ),
        (
            "The source said. AP Photo Jane Roe Army Delivers Five Tonnes of Aid to Hama The Air "
            "Force shelled positions near the city.",
            "The source said. The Air Force shelled positions near the city.",
        ),
        (
            "The lead sentence. Sputnik John Doe Army Repels Attack on Town MOSCOW (Sputnik) The "
            "death toll rose to 51.",
            "The lead sentence. MOSCOW (Sputnik) The death toll rose to 51.",
        ),
        (
            "The rescue service lost eight volunteers. Work continues today in Kafr Zeita The "
            "White Helmets (SyriaCivilDef) April 30 2017 Rescue workers were buried on Monday.",
            "The rescue service lost eight volunteers. Rescue workers were buried on Monday.",
        ),
        ("Two died. SANA said four people were wounded.", None),
        ("Two died. Reuters Television showed footage of the blast.", None),
        ("Two died. Reuters Middle East correspondent Tom Perry reported on the talks.", None),
    ],
    ids=[
        "counter",
        "ui-hint",
        "slash-credit-caption",
        "stringer",
        "embed",
        "credit-headline",
        "stops-at-dateline",
        "embedded-post",
        "agency-says",
        "agency-name",
        "agency-then-prose",
    ],
)
def test_chrome_inside_a_paragraph(text: str, kept: str | None) -> None:
    assert scrub_inline(text) == (kept or text)


def test_captions_closed_by_a_credit_in_brackets() -> None:
    dated = (
        "Rescuers searched the rubble. Residents inspect a damaged site in Idlib September 10 "
        "2016. (Reuters) Bodies were still being removed."
    )
    assert drop_captions(dated) == "Rescuers searched the rubble. Bodies were still being removed."
    # an undated sentence of the article before a stray credit stays; the credit goes
    plain = "Four victims died in Turkish hospitals. (TRT World and Agencies) The toll may rise."
    assert drop_captions(plain) == "Four victims died in Turkish hospitals. The toll may rise."


def test_summary_before_a_wire_dateline_is_the_standfirst() -> None:
    summary = "Fifteen people died in an explosion in central Damascus, a correspondent said."
    page = (
        "Blast in Damascus kills 15\n\n02.10.2017 "
        f"{summary} MOSCOW (Sputnik) An explosion occurred in central Damascus, local media "
        "reported on Monday. Police said four bombers were involved."
    )
    cleaned = clean(_raw(page))
    assert (cleaned.standfirst, cleaned.agency, cleaned.date) == (summary, "Sputnik", "2017-10-02")
    assert cleaned.paragraphs[0].startswith("An explosion occurred")


def test_summary_printed_twice_opens_once_and_is_the_standfirst() -> None:
    summary = "At least five people were killed in a chemical attack in northern Syria"
    page = (
        "Chemical attack kills five\n\n03-08-2016 Chemical attack kills five. "
        f"{summary} {summary}. Doctors said the symptoms matched chlorine. {_BODY}"
    )
    cleaned = clean(_raw(page))
    assert cleaned.standfirst == summary
    assert cleaned.paragraphs[0].startswith(f"{summary}. Doctors said")


def test_site_suffix_after_a_dash_against_the_word() -> None:
    title = "Several killed in Homs blasts- Al Manar TV Website Archive"
    assert strip_site_suffix(title, ["Al-Manar"]) == (
        "Several killed in Homs blasts",
        "Al Manar TV Website Archive",
    )
    assert same_name("Al-Manar", "Al Manar") and not same_name("Al-Manar", "Al Arabiya")


def test_mojibake_quote_at_the_start_of_a_line() -> None:
    assert repair("\ufffd_28 dead in attack\ufffd_ | Site") == "28 dead in attack | Site"


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            "6 Oct 2017 Fighters take a position in Raqa on October 5 2017. (AFP) (AFP) Russian "
            "air strikes killed 14 civilians on Friday.",
            "Russian air strikes",
        ),
        (
            "15 Aug 2016 A suicide attack near the camp kills 15 people. A medic runs near an "
            "ambulance in Idlib August 6 2016 (TRT World and Agencies) A suicide bomber struck.",
            "A suicide bomber",
        ),
        ("Smoke rises over Aleppo city (archive) A bomb exploded in the district.", "A bomb"),
    ],
    ids=["repeated-credit", "credit-after-a-date", "archive"],
)
def test_caption_closed_by_a_credit_before_the_text(text: str, start: str) -> None:
    assert strip_lead(text, "X", "dmy").text.startswith(start)


def test_headline_repeat_that_the_title_line_cut_short() -> None:
    title = "Aleppo bomb blast kills six Syrian state"
    text = f"{title} TV A bomb blast killed six people in Aleppo on Wednesday."
    assert strip_lead(text, title, "dmy").text.startswith("A bomb blast killed")


@pytest.mark.parametrize(
    "ending",
    [
        " ... 612 Related Syrian Military Calls on Militants in Damascus Suburbs to Lay Down Arms "
        "Damascus Officially Invited OPCW Experts to Investigate Idlib Incident",
        " (Photo Smoke is seen after an airstrike on Raqqa on July 17 2017. by AFP)",
        " A convoy was hit by an airstrike destroying at least 18 trucks [AFP] Agencies "
        "contributed to this report",
    ],
    ids=["title-case-links", "closing-caption", "bracketed-credit-caption"],
)
def test_text_ends_before_links_and_closing_captions(ending: str) -> None:
    text = f"{_BODY} The convoy was hit on Monday evening by an airstrike.{ending}"
    assert strip_tail(text, []).text.endswith("by an airstrike.")


def test_long_footer_of_linked_headlines_after_a_short_text() -> None:
    footer = " | ".join(["Iraqs vote violations", "The global gag rule", "Slovenian elections"])
    links = "Thousands of Afghan migrants walk into Turkey Are new abortion policies just"
    text = f"{_BODY} Source AA Related News {footer} {links} {footer} {links} {footer}"
    assert strip_tail(text, []).text == _BODY


# --- the FA-KES development corpus --------------------------------------------------------


@pytest.mark.skipif(not (FAKES / "manifest.jsonl").exists(), reason="FA-KES corpus not present")
def test_fakes_corpus_smoke() -> None:
    rows = [json.loads(line) for line in (FAKES / "manifest.jsonl").read_text().splitlines()]
    dated = 0
    for row in rows:
        path = FAKES / row["file"]
        raw = _raw(path.read_text(encoding="utf-8"), name=row["file"], publisher=row["publisher"])
        cleaned = clean(raw)
        assert cleaned.title.strip(), row["file"]
        assert cleaned.paragraphs and all(p.strip() for p in cleaned.paragraphs), row["file"]
        dated += cleaned.date is not None
    print(f"FA-KES: {dated} of {len(rows)} articles dated")


WIRE_PAGE = """<html><head><title>Talks Resume in Geneva - Barada Gazette</title></head><body>
<table><tr><td><h1>Talks Resume in Geneva</h1>
<p>Delegations returned to the negotiating table on Monday after a week-long pause in the talks,
diplomats said, with humanitarian access at the top of the agenda for both sides.</p>
<p>The envoy said he hoped for progress on the release of detainees before the end of the month,
while warning that the ceasefire remained fragile in several provinces of the country.</p>
<p>Reporting by Jane Doe; Editing by John Roe</p></td></tr></table></body></html>"""


def test_html_credit_paragraph_becomes_byline_and_title_tag_names_the_site() -> None:
    raw = RawDocument("w.html", Path("w.html"), WIRE_PAGE, "0", "html")
    cleaned = clean(raw)
    assert cleaned.title == "Talks Resume in Geneva"
    assert cleaned.paragraphs[-1].endswith("provinces of the country.")
    assert cleaned.byline == "Jane Doe"
    assert cleaned.source == "Barada Gazette"


PROSE = (
    "Residents of the eastern districts said the shelling continued through the night and that "
    "several families had left for the countryside before the roads were closed again."
)


def test_script_elements_a_page_dump_kept_are_dropped_from_its_lines() -> None:
    text = (
        "Shelling Resumes <script>track('hl')</script> in Eastern Aleppo\n\n"
        "12 March 2018 10:15\n\n"
        f"{PROSE} <script type='text/javascript'>var a = 1;\nsend(a);</script>\n\n{PROSE}\n"
    )
    cleaned = clean(_raw(text))
    assert cleaned.title == "Shelling Resumes in Eastern Aleppo"
    assert cleaned.date == "2018-03-12"
    assert all("script" not in p and "send(" not in p for p in cleaned.paragraphs)
    assert cleaned.paragraphs[0].startswith("Residents of the eastern districts")


def test_a_date_stamp_is_never_taken_for_the_headline() -> None:
    """With no title-like line before the prose (here the headline is leaked code), the
    first line that is no stamp or credit stands in for it, and the stamp gives the date."""
    more = PROSE.replace("eastern", "western").replace("night", "morning")
    text = f"var x = {{a: 1}}; init(x);\n\n12 March 2018 10:15\n\n{PROSE}\n\n{more}\n"
    cleaned = clean(_raw(text))
    assert cleaned.title != "12 March 2018 10:15"
    assert cleaned.date == "2018-03-12"


def test_code_elements_leave_their_line_breaks_and_unclosed_tags() -> None:
    assert drop_code_elements("a <script>x</script> b") == "a   b"
    assert drop_code_elements("a <STYLE media=x>p{}\n\n</style > b") == "a \n\n b"
    assert drop_code_elements("a <script> never closed <style>s</style> z") == (
        "a <script> never closed   z"
    )
    many = "<script\n" * 50_000  # openers without an end: read once, left as they are
    assert drop_code_elements(many) == many
