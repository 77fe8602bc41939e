"""Generate a deterministic set of realistic HTML news pages with known truth.

Articles come from the FA-KES sample (headline = first line, body = the rest, cut into 3-6
paragraphs at sentence boundaries). Each page is rendered in one of six layouts modelled on
common publishing systems (a WordPress theme, a Drupal news CMS with sidebars, a wire-service
page, an AMP page, a script-rendered page whose only metadata is JSON-LD, a legacy table
layout), surrounded by the usual chrome: menus, breadcrumbs, share bars, related stories with
their own headlines and dates, a newsletter box, a cookie banner, comments, tags, a footer,
scripts, styles and ads. The publication date is given in one of several ways, sometimes with a
later "Updated" date. ``truth.jsonl`` records what a cleaner should read from each page.

    python bench/html_pages.py [OUT] [--count 60] [--seed 20240611]

Page ``i`` depends only on the seed and ``i``, so a smaller ``--count`` gives a prefix of the
same set; pages rotate through the layouts, and each layout through its ways of dating.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from generator.facets import MONTHS

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "content" / "raw" / "fa-kes" / "articles"
MANIFEST = ROOT / "content" / "raw" / "fa-kes" / "manifest.jsonl"
DEFAULT_OUT = ROOT / "bench" / "out" / "html"
SEED = 20240611
TRUTH = "truth.jsonl"

# The benchmark's notion of a sentence: [.!?] followed by a space and a capital letter.
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# Paragraph breaks go only after a sentence that ends in a lower-case word ("... the city."),
# never after an abbreviation or initials ("U.N.", "Dr.").
_SAFE_END = re.compile(r"[a-z]{3,}[.!?][\"”’]?$")
_BAD_START = re.compile(
    r"^(?:[A-Z]{2,}\b|\W|\d|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
    r"Oct|Nov|Dec|Published|Posted|Date|Last|Updated|By|Tags|Title|Photo|Video)\w*\b)"
)
_BAD_END = re.compile(
    r"(?i)\b(?:read|also|tags?|twitter|facebook|source|edited|translation|photo|reporting|"
    r"editing|copyright|reuters|afp|sana|agencies|this article)\b|[/()]"
)

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Site:
    """A fictional publisher: its name, host and the separator of its <title> suffix."""

    name: str
    host: str
    separator: str
    tagline: str


@dataclass(frozen=True)
class Story:
    """One article drawn from the corpus."""

    file: str
    headline: str
    sentences: tuple[str, ...]
    published: date


@dataclass(frozen=True)
class Related:
    """Another story linked from the page, with its own date."""

    headline: str
    day: date
    url: str


@dataclass
class Chrome:
    """The site furniture of one page and the strings of it that must not survive cleaning."""

    nav: list[str]
    crumbs: list[str]
    related: list[Related]
    latest: list[Related]
    read_also: Related
    tags: list[str]
    newsletter: str
    cookie: str
    footer: str
    copyright: str
    comments: list[tuple[str, date, str]]
    bio: str
    credit: str
    standards: str


@dataclass(frozen=True)
class Page:
    """Everything a layout needs to render one page."""

    story: Story
    site: Site
    paragraphs: tuple[str, ...]
    url: str
    author: str
    updated: date | None
    date_mode: str
    crawled: date
    chrome: Chrome
    rng: random.Random


SITES = {
    "wordpress": Site("The Levant Observer", "www.levantobserver.com", " - ", "News from Syria"),
    "drupal": Site("Crescent News Network", "crescentnews.net", " | ", "Independent. Regional."),
    "wire": Site("Meridian Wire", "www.meridianwire.com", " | ", "Global news agency"),
    "amp": Site("Daily Euphrates", "www.dailyeuphrates.com", " | ", "Your daily news"),
    "jsonld": Site("Orient Herald", "orientherald.org", " - ", "Middle East news"),
    "table": Site("Barada Gazette", "www.baradagazette.com", " - ", "Since 1998"),
}
# How each layout gives the publication date; page i uses DATE_MODES[layout][i // 6 % n].
DATE_MODES = {
    "wordpress": ("meta", "time", "byline"),
    "drupal": ("time", "visible", "meta"),
    "wire": ("byline", "visible", "jsonld"),
    "amp": ("time", "byline", "visible"),  # an AMP page also always carries JSON-LD
    "jsonld": ("jsonld",),
    "table": ("visible", "byline"),
}
LAYOUTS = tuple(SITES)
WIRE_NAV = ["World", "Business", "Markets", "Legal", "Breakingviews", "Technology"]
WIRE_FOOTER = ["Browse", "World", "Business", "About Us", "Careers", "Advertise with Us"]

AUTHORS = (
    "Rania Haddad",
    "Omar Khalil",
    "Sarah Mitchell",
    "Karim Nassar",
    "Lina Saleh",
    "James Porter",
    "Hiba Darwish",
    "Tom Fletcher",
)
EDITORS = ("Anna Wiles", "Peter Graff", "Dominic Evans", "Alison Williams")
COMMENTERS = ("abu_samir", "Marko77", "truthseeker", "Layla K.", "peaceforsyria", "D. Weber")
COMMENTS = (
    "Nobody in the West seems to care any more about what happens to these people.",
    "Thank you for reporting on this when so many outlets have simply moved on.",
    "I have family near there and we have not heard from them in weeks, please pray for them.",
    "The article does not mention who actually supplied the weapons, which is telling.",
    "How many more years will the world watch this happen before anything changes?",
    "Excellent reporting as always, this is why I keep coming back to this site.",
    "Both sides are responsible for the suffering and the media should say so plainly.",
    "Where are the human rights organisations now that civilians are being targeted again?",
    "I read the same story elsewhere and the numbers were completely different.",
    "My thoughts are with the families who lost loved ones in this terrible attack.",
    "This is exactly the kind of news the mainstream channels refuse to show you.",
    "Can someone explain why the ceasefire keeps collapsing every few weeks?",
)
NEWSLETTERS = (
    "Get the day's top stories from the region delivered to your inbox every morning.",
    "Sign up for our weekly Syria briefing and never miss an important story again.",
    "Enter your email address to receive our newsletter with the latest news and analysis.",
    "Our free daily bulletin brings you the headlines that matter, straight to your inbox.",
)
COOKIES = (
    "We use cookies to give you the best possible experience on our website. By continuing to "
    "browse this site, you give consent for cookies to be used.",
    "This website uses cookies to improve your experience and to show you personalised "
    "advertising. Find out more in our cookie policy.",
    "Our site uses cookies and similar technologies to analyse traffic and measure ads. You can "
    "change your preferences at any time.",
)
FOOTERS = (
    "{site} is an independent news organisation covering Syria and the wider Middle East.",
    "Reproduction of any material from this website without written permission from {site} is "
    "prohibited.",
    "{site} is not responsible for the content of external websites linked from its pages.",
)
BIOS = (
    "{author} is a freelance journalist based in Beirut who has reported on the Syrian "
    "conflict since 2012.",
    "{author} covers humanitarian affairs and refugee issues for {site} from Gaziantep.",
)
NAV = (
    "Home",
    "World",
    "Middle East",
    "Syria",
    "Politics",
    "Economy",
    "Opinion",
    "Video",
    "Photos",
    "Contact",
)
TAG_WORDS = (
    "Syria",
    "Aleppo",
    "Idlib",
    "Damascus",
    "Homs",
    "Raqqa",
    "Daraa",
    "Ghouta",
    "Russia",
    "Turkey",
    "Iran",
    "ISIL",
    "Kurds",
    "Refugees",
)
CAPTIONS = (
    "A view of damaged buildings in the area.",
    "Smoke rises over the city after the strikes.",
    "Residents inspect the site of the attack.",
)


# --- corpus --------------------------------------------------------------------------------


def sentences_of(text: str) -> list[str]:
    """Sentences of ``text`` by the benchmark's rule, whitespace-normalised."""
    text = " ".join(text.split())
    return [part for part in SENTENCE_SPLIT.split(text) if part] if text else []


def _story(path: Path, published: date) -> Story | None:
    """The article in ``path`` if its headline and body are clean enough to judge a cleaner by.

    Bodies that open with a stamp, a dateline or a repeated headline, or close with a sign-off
    or a link label, are left out (a repeat of the headline as the first sentence is dropped):
    the benchmark measures HTML extraction, not the text cleaner's prefix and suffix rules.
    """
    head, _, body = path.read_text(encoding="utf-8").partition("\n")
    headline = " ".join(head.split())
    if "\ufffd" in headline + body or re.search(r"\s[|\-–—]\s", headline):
        return None
    if not 4 <= len(headline.split()) <= 22:
        return None
    sentences = sentences_of(body)
    if sentences and headline.lower().rstrip(".") in sentences[0].lower():
        sentences = sentences[1:]
    if len(sentences) < 6 or _BAD_START.match(sentences[0]) or len(sentences[0].split()) < 8:
        return None
    last = sentences[-1]
    if not re.search(r"[a-z][.!?][\"”]?$", last) or len(last.split()) < 8 or _BAD_END.search(last):
        return None
    return Story(path.name, headline, tuple(sentences), published)


def load_stories(seed: int = SEED) -> list[Story]:
    """Usable corpus articles in a fixed pseudo-random order."""
    dates: dict[str, date] = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        try:
            dates[Path(row["file"]).name] = date.fromisoformat(str(row.get("incident_date")))
        except ValueError:
            continue
    stories = []
    fallback = random.Random(seed)
    for path in sorted(ARTICLES.glob("*.txt")):
        day = dates.get(path.name) or date(2016, 1, 1) + timedelta(fallback.randint(0, 700))
        story = _story(path, day)
        if story:
            stories.append(story)
    random.Random(seed).shuffle(stories)
    return stories


def paragraphs_of(sentences: tuple[str, ...], rng: random.Random) -> tuple[str, ...]:
    """Cut the sentences into 3-6 paragraphs, breaking only after a safe sentence end."""
    safe = [i for i, sentence in enumerate(sentences[:-1], 1) if _SAFE_END.search(sentence)]
    count = min(rng.randint(3, 6), len(safe) + 1)
    cuts = sorted(rng.sample(safe, count - 1)) if count > 1 else []
    bounds = [0, *cuts, len(sentences)]
    return tuple(" ".join(sentences[a:b]) for a, b in zip(bounds, bounds[1:], strict=False))


# --- dates ---------------------------------------------------------------------------------


def dmy(day: date) -> str:
    """5 July 2016"""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def mdy(day: date) -> str:
    """July 5, 2016"""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def short(day: date) -> str:
    """05 Jul 2016"""
    return f"{day.day:02d} {MONTHS[day.month - 1][:3]} {day.year}"


def weekday(day: date) -> str:
    """Tuesday, 5 July 2016"""
    return f"{WEEKDAYS[day.weekday()]}, {dmy(day)}"


def numeric(day: date) -> str:
    """05/07/2016 (day first)"""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def stamp(day: date, hour: int = 9, minute: int = 14, zone: str = "+03:00") -> str:
    """An ISO 8601 timestamp on ``day``."""
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00{zone}"


def visible_date(page: Page, day: date) -> str:
    """A human date in a format the page picks once."""
    return (dmy, mdy, short, weekday)[page.rng.randrange(4)](day)


# --- chrome --------------------------------------------------------------------------------


def slugify(text: str) -> str:
    """A URL slug."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:70]


def _related(site: Site, story: Story, rng: random.Random, low: int, high: int) -> Related:
    offset = rng.choice([-1, 1]) * rng.randint(low, high)
    day = story.published + timedelta(days=offset)
    return Related(story.headline, day, f"https://{site.host}/{day.year}/{slugify(story.headline)}")


def make_chrome(
    site: Site, story: Story, others: list[Story], crawled: date, rng: random.Random
) -> tuple[str, Chrome]:
    """The author and chrome of one page; related stories are other corpus headlines."""
    picks = rng.sample(others, 9)
    related = [_related(site, other, rng, 2, 400) for other in picks[:4]]
    latest = []
    for other in picks[4:8]:
        day = crawled - timedelta(days=rng.randint(0, 3))
        latest.append(
            Related(other.headline, day, f"https://{site.host}/{slugify(other.headline)}")
        )
    author = rng.choice(AUTHORS)
    comments = [
        (name, story.published + timedelta(days=rng.randint(1, 6)), text)
        for name, text in zip(rng.sample(COMMENTERS, 3), rng.sample(COMMENTS, 3), strict=False)
    ][: rng.randint(2, 3)]
    return author, Chrome(
        nav=list(NAV[: rng.randint(7, len(NAV))]),
        crumbs=["Home", rng.choice(["News", "World", "Middle East"]), "Syria"],
        related=related,
        latest=latest,
        read_also=_related(site, picks[8], rng, 30, 300),
        tags=sorted({word for word in TAG_WORDS if word in " ".join(story.sentences)})[:5]
        or ["Syria"],
        newsletter=rng.choice(NEWSLETTERS),
        cookie=rng.choice(COOKIES),
        footer=rng.choice(FOOTERS).format(site=site.name),
        copyright=f"© {crawled.year} {site.name}. All rights reserved.",
        comments=comments,
        bio=rng.choice(BIOS).format(author=author, site=site.name),
        credit=f"Reporting by {author}; Editing by {rng.choice(EDITORS)}",
        standards=f"Our Standards: The {site.name} Trust Principles.",
    )


def boilerplate(page: Page, layout: str) -> list[str]:
    """The chrome strings of ``page`` that must not appear in a cleaned body."""
    chrome = page.chrome
    found = [item.headline for item in chrome.related + chrome.latest]
    found += [chrome.read_also.headline, chrome.newsletter, chrome.cookie, chrome.footer]
    found += [chrome.copyright, *(text for _, _, text in chrome.comments)]
    if layout == "wordpress":
        found.append(chrome.bio)
    if layout == "wire":
        found.append(chrome.standards)
    return list(dict.fromkeys(found))


def ld_json(page: Page, kind: str = "NewsArticle") -> str:
    """A schema.org JSON-LD block with the page's dates and publisher."""
    story, site = page.story, page.site
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "mainEntityOfPage": {"@type": "WebPage", "@id": page.url},
        "headline": story.headline,
        "image": [f"https://{site.host}/images/{slugify(story.headline)[:30]}.jpg"],
        "datePublished": stamp(story.published, 8, 5),
        "dateModified": stamp(page.updated or story.published, 17 if page.updated else 8, 40),
        "author": [{"@type": "Person", "name": page.author}],
        "publisher": {
            "@type": "Organization",
            "name": site.name,
            "logo": {"@type": "ImageObject", "url": f"https://{site.host}/logo.png"},
        },
        "articleSection": "Middle East",
        "keywords": page.chrome.tags,
    }
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def links(items: list[str], sep: str = "\n") -> str:
    """Menu links."""
    return sep.join(
        f'<li><a href="/{slugify(item) or "index"}/">{escape(item)}</a></li>' for item in items
    )


def esc(text: str) -> str:
    """HTML-escape text."""
    return escape(text, quote=True)


ADSENSE = (
    '<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-3940256099942544" '
    'data-ad-slot="{slot}" data-ad-format="auto"></ins>\n'
    "<script>(adsbygoogle = window.adsbygoogle || []).push({{}});</script>"
)
GTAG = (
    '<script async src="https://www.googletagmanager.com/gtag/js?id=UA-{n}-1"></script>\n'
    "<script>window.dataLayer = window.dataLayer || [];\n"
    "function gtag(){{dataLayer.push(arguments);}}\ngtag('js', new Date());\n"
    "gtag('config', 'UA-{n}-1', {{ 'anonymize_ip': true }});</script>"
)


# --- layouts -------------------------------------------------------------------------------


def render_wordpress(page: Page) -> str:
    """A WordPress theme page with Yoast SEO tags, Jetpack sharing and related posts."""
    story, site, chrome, rng = page.story, page.site, page.chrome, page.rng
    post_id = rng.randint(1000, 99999)
    pub, upd = story.published, page.updated
    head_dates = ""
    if page.date_mode == "meta":
        head_dates = f'<meta property="article:published_time" content="{stamp(pub)}" />\n'
        if upd:
            head_dates += f'<meta property="article:modified_time" content="{stamp(upd, 16)}" />\n'
    author_link = (
        f'<a class="url fn n" href="/author/{slugify(page.author)}/">{esc(page.author)}</a>'
    )
    if page.date_mode == "time":
        shown = mdy(pub)
        meta = (
            f'<span class="posted-on">Posted on <a href="{page.url}" rel="bookmark">'
            f'<time class="entry-date published" datetime="{stamp(pub)}">{shown}</time>'
        )
        if upd:
            meta += f'<time class="updated" datetime="{stamp(upd, 16)}">{mdy(upd)}</time>'
        meta += f'</a></span> <span class="byline"> by <span class="author vcard">{author_link}'
        meta += "</span></span>"
    elif page.date_mode == "byline":
        meta = f'<span class="byline">By {author_link} | {mdy(pub)}</span>'
        if upd:
            meta += f' <span class="updated-on">Updated {mdy(upd)}</span>'
    else:
        meta = f'<span class="byline">by <span class="author vcard">{author_link}</span></span>'
    body = []
    for number, paragraph in enumerate(page.paragraphs):
        body.append(f"<p>{esc(paragraph)}</p>")
        if number == 1:
            body.append(
                '<div class="code-block code-block-2" '
                'style="margin: 8px auto; text-align: center;">'
                '\n<span class="ad-label">Advertisement</span>\n'
                + ADSENSE.format(slot=rng.randint(10**9, 10**10))
                + "\n</div>"
            )
    share = "\n".join(
        f'<li class="share-{name.lower()}"><a rel="nofollow noopener noreferrer" '
        f'class="share-{name.lower()} sd-button share-icon" href="{page.url}?share={name.lower()}" '
        f'target="_blank" title="Click to share on {name}"><span>{name}</span></a></li>'
        for name in ("Facebook", "Twitter", "WhatsApp", "Email", "Print")
    )
    sharing = (
        '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block '
        'sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3>'
        f'<div class="sd-content"><ul>\n{share}\n</ul></div></div></div>'
    )
    related = "\n".join(
        f'<div class="jp-relatedposts-post jp-relatedposts-post{n}" data-post-format="false">'
        f'<h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" '
        f'href="{item.url}" title="{esc(item.headline)}">{esc(item.headline)}</a></h4>\n'
        f'<p class="jp-relatedposts-post-date">{mdy(item.day)}</p>\n'
        '<p class="jp-relatedposts-post-context">In &quot;Middle East&quot;</p></div>'
        for n, item in enumerate(chrome.related[:3])
    )
    recent = "\n".join(
        f'<li><a href="{item.url}">{esc(item.headline)}</a> '
        f'<span class="post-date">{mdy(item.day)}</span></li>'
        for item in chrome.latest
    )
    comments = "\n".join(
        f'<li id="comment-{n + 1}" class="comment even thread-even depth-1">'
        f'<article id="div-comment-{n + 1}" class="comment-body"><footer class="comment-meta">'
        f'<div class="comment-author vcard"><img alt="" src="https://secure.gravatar.com/avatar/'
        f'{n}?s=32" class="avatar avatar-32 photo" height="32" width="32" /><b class="fn">'
        f'{esc(name)}</b> <span class="says">says:</span></div><div class="comment-metadata">'
        f'<a href="{page.url}#comment-{n + 1}"><time datetime="{stamp(day, 10 + n)}">'
        f"{mdy(day)} at {10 + n}:2{n} am</time></a></div></footer>\n"
        f'<div class="comment-content"><p>{esc(text)}</p></div>\n<div class="reply">'
        '<a rel="nofollow" class="comment-reply-link" href="#respond">Reply</a></div>'
        "</article></li>"
        for n, (name, day, text) in enumerate(chrome.comments)
    )
    tags = ", ".join(f'<a href="/tag/{slugify(t)}/" rel="tag">{esc(t)}</a>' for t in chrome.tags)
    figure = ""
    if rng.random() < 0.5:
        figure = (
            '<figure class="wp-block-image size-large"><img src="https://'
            f'{site.host}/wp-content/uploads/{pub.year}/{pub.month:02d}/syria-{post_id}.jpg" '
            f'alt="" class="wp-image-{post_id + 1}" /><figcaption>{esc(rng.choice(CAPTIONS))} '
            "(Photo: AFP)</figcaption></figure>"
        )
    title = f"{story.headline}{site.separator}{site.name}"
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
<title>{esc(title)}</title>
<!-- This site is optimized with the Yoast SEO plugin v11.4 -
https://yoast.com/wordpress/plugins/seo/ -->
<meta name="description" content="{esc(story.sentences[0][:155])}"/>
<link rel="canonical" href="{page.url}" />
<meta property="og:locale" content="en_US" />
<meta property="og:type" content="article" />
<meta property="og:title" content="{esc(title)}" />
<meta property="og:description" content="{esc(story.sentences[0][:155])}" />
<meta property="og:url" content="{page.url}" />
<meta property="og:site_name" content="{esc(site.name)}" />
<meta property="article:section" content="Middle East" />
{head_dates}<meta name="twitter:card" content="summary_large_image" />
<!-- / Yoast SEO plugin. -->
<link rel='dns-prefetch' href='//fonts.googleapis.com' />
<link rel='stylesheet' id='wp-block-library-css'
href='https://{site.host}/wp-includes/css/dist/block-library/style.min.css?ver=5.2.2'
type='text/css' media='all' />
<style id='newsmag-style-inline-css' type='text/css'>
.site-title a {{ color: #1e73be; }} .entry-meta {{ font-size: 12px; color: #999; }}
.cookie-notice-container {{ padding: 15px 30px; text-align: center; }}
</style>
<script type='text/javascript'>
/* <![CDATA[ */
var newsmag_vars = {{"ajaxurl":"https:\\/\\/{site.host}\\/wp-admin\\/admin-ajax.php",
"post_id":"{post_id}"}};
/* ]]> */
</script>
<script type='text/javascript' src='https://{site.host}/wp-includes/js/jquery/jquery.js?ver=1.12.4'>
</script>
{GTAG.format(n=post_id)}
</head>
<body class="post-template-default single single-post postid-{post_id} single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<div class="top-bar"><div class="container"><span class="date-today">{weekday(page.crawled)}</span>
<ul class="social-links"><li><a href="https://facebook.com/levantobserver">Facebook</a></li><li><a
href="https://twitter.com/levantobserver">Twitter</a></li><li><a href="/feed/">RSS</a></li></ul>
</div></div>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="https://{site.host}/"
rel="home">{esc(site.name)}</a></p>
<p class="site-description">{esc(site.tagline)}</p></div>
<nav id="site-navigation" class="main-navigation"><button class="menu-toggle"
aria-controls="primary-menu" aria-expanded="false">Menu</button>
<ul id="primary-menu" class="menu">
{links(chrome.nav)}
</ul></nav>
</header>
<div class="ad-leaderboard">{ADSENSE.format(slot=post_id * 3)}</div>
<div id="content" class="site-content">
<div id="primary" class="content-area">
<main id="main" class="site-main">
<nav class="breadcrumbs" aria-label="Breadcrumbs"><span><span><a
href="https://{site.host}/">Home</a> &raquo; <span><a
href="https://{site.host}/category/middle-east/">Middle East</a> &raquo; <span
class="breadcrumb_last" aria-current="page">{esc(story.headline)}</span></span></span></span></nav>
<article id="post-{post_id}"
class="post-{post_id} post type-post status-publish format-standard has-post-thumbnail hentry
category-middle-east">
<header class="entry-header">
<span class="cat-links"><a href="https://{site.host}/category/middle-east/"
rel="category tag">Middle East</a></span>
<h1 class="entry-title">{esc(story.headline)}</h1>
<div class="entry-meta">
{meta}
<span class="comments-link"><a href="{page.url}#comments">{len(chrome.comments)} Comments</a></span>
</div>
</header>
{figure}
<div class="entry-content">
{chr(10).join(body)}
{sharing}
<div id='jp-relatedposts' class='jp-relatedposts'>
<h3 class="jp-relatedposts-headline"><em>Related</em></h3>
<div class="jp-relatedposts-items jp-relatedposts-items-visual">
{related}
</div></div>
</div>
<footer class="entry-footer"><span class="tags-links">Tagged {tags}</span></footer>
<div class="author-box"><h4 class="author-title">About {esc(page.author)}</h4>
<p class="author-description">{esc(chrome.bio)}</p></div>
</article>
<nav class="navigation post-navigation" role="navigation"><h2
class="screen-reader-text">Post navigation</h2>
<div class="nav-links"><div class="nav-previous"><a href="{chrome.related[3].url}" rel="prev"><span
class="meta-nav">Previous</span> {esc(chrome.related[3].headline)}</a></div></div></nav>
<div id="comments" class="comments-area">
<h2 class="comments-title">{len(chrome.comments)} thoughts on
&ldquo;{esc(story.headline)}&rdquo;</h2>
<ol class="comment-list">
{comments}
</ol>
<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow"
id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3>
<form action="https://{site.host}/wp-comments-post.php" method="post" id="commentform"
class="comment-form">
<p class="comment-notes"><span
id="email-notes">Your email address will not be published.</span> Required fields are marked <span
class="required">*</span></p>
<p class="comment-form-comment"><label for="comment">Comment</label> <textarea id="comment"
name="comment" cols="45" rows="8" required="required"></textarea></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit"
value="Post Comment" /></p>
</form></div></div>
</main>
</div>
<aside id="secondary" class="widget-area">
<section id="search-2" class="widget widget_search"><form role="search" method="get"
class="search-form" action="https://{site.host}/"><label><span
class="screen-reader-text">Search for:</span><input type="search" class="search-field"
placeholder="Search &hellip;" value="" name="s" /></label><input type="submit"
class="search-submit" value="Search" /></form></section>
<section id="mc4wp_form_widget-2" class="widget widget_mc4wp_form_widget"><h2
class="widget-title">Newsletter</h2>
<form id="mc4wp-form-1" class="mc4wp-form" method="post"><div class="mc4wp-form-fields">
<p>{esc(chrome.newsletter)}</p>
<p><input type="email" name="EMAIL" placeholder="Your email address" required /></p><p><input
type="submit" value="Sign up" /></p></div></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2
class="widget-title">Recent Posts</h2>
<ul>
{recent}
</ul></section>
</aside>
</div>
<footer id="colophon" class="site-footer">
<div class="footer-widgets"><section class="widget widget_text"><div class="textwidget">
<p>{esc(chrome.footer)}</p></div></section></div>
<div class="site-info">{esc(chrome.copyright)} <span class="sep"> | </span><a
href="/privacy-policy/">Privacy Policy</a> <span class="sep"> | </span><a
href="https://wordpress.org/">Proudly powered by WordPress</a></div>
</footer>
</div>
<div id="cookie-notice" role="banner"
class="cookie-notice-hidden cookie-revoke-hidden cn-position-bottom" aria-label="Cookie Notice"
style="background-color: rgba(0,0,0,1);"><div class="cookie-notice-container" style="color: #fff;">
<span id="cn-notice-text" class="cn-text-container">{esc(chrome.cookie)}</span><span
id="cn-notice-buttons" class="cn-buttons-container"><a href="#" id="cn-accept-cookie"
data-cookie-set="accept" class="cn-set-cookie cn-button bootstrap button">Ok</a></span></div></div>
<script type='text/javascript'
src='https://{site.host}/wp-content/plugins/jetpack/_inc/build/photon/photon.min.js?ver=20130122'>
</script>
<script type='text/javascript'>var cnArgs = {{
"ajaxUrl":"https:\\/\\/{site.host}\\/wp-admin\\/admin-ajax.php","hideEffect":"fade",
"cookieName":"cookie_notice_accepted","cookieTime":"2592000"}};</script>
</body>
</html>
"""


def render_drupal(page: Page) -> str:
    """A Drupal 8 news site with two sidebars, an inline "Read also" and a cookie popup."""
    story, site, chrome, rng = page.story, page.site, page.chrome, page.rng
    nid = rng.randint(10000, 300000)
    pub, upd = story.published, page.updated
    head_dates = ""
    if page.date_mode == "meta":
        published = stamp(pub, 10, 30, "+0300")
        head_dates = f'<meta property="article:published_time" content="{published}" />\n'
        if upd:
            modified = stamp(upd, 18, 2, "+0300")
            head_dates += f'<meta property="article:modified_time" content="{modified}" />\n'
    if page.date_mode == "time":
        drupal = f"{WEEKDAYS[pub.weekday()][:3]}, {pub.month:02d}/{pub.day:02d}/{pub.year} - 10:30"
        meta = (
            '<div class="field field--name-field-published">Published '
            f'<time datetime="{pub.isoformat()}T07:30:00Z">{drupal}</time></div>'
        )
        if upd:
            meta += (
                '\n<div class="field field--name-changed">Last updated '
                f'<time datetime="{upd.isoformat()}T15:02:00Z">{dmy(upd)}</time></div>'
            )
    elif page.date_mode == "visible":
        meta = f'<div class="submitted">Published: {dmy(pub)}</div>'
        if upd:
            meta += f'\n<div class="changed">Updated: {dmy(upd)}</div>'
    else:
        meta = ""
    body = []
    for number, paragraph in enumerate(page.paragraphs):
        body.append(f"<p>{esc(paragraph)}</p>")
        if number == 0:
            item = chrome.read_also
            body.append(
                f'<div class="inline-related"><strong>Read also:</strong> <a href="{item.url}">'
                f"{esc(item.headline)}</a></div>"
            )
        if number == len(page.paragraphs) // 2:
            slot = f"div-gpt-ad-{nid}-{number}"
            body.append(
                f'<div class="ad-slot ad-inarticle" id="{slot}"><span>Advertisement</span>'
                "<script>googletag.cmd.push(function() "
                f"{{ googletag.display('{slot}'); }});</script></div>"
            )
    latest = "\n".join(
        f'<div class="views-row"><span class="views-field-title"><a href="{item.url}">'
        f'{esc(item.headline)}</a></span> <span class="views-field-created">{numeric(item.day)} '
        f"{8 + n:02d}:1{n}</span></div>"
        for n, item in enumerate(chrome.latest)
    )
    related = "\n".join(
        f'<li><a href="{item.url}">{esc(item.headline)}</a> <span class="date">{dmy(item.day)}'
        "</span></li>"
        for item in chrome.related
    )
    most = "\n".join(
        f'<li><a href="{item.url}">{esc(item.headline)}</a></li>' for item in chrome.latest[:3]
    )
    comments = "\n".join(
        f'<article data-comment-user-id="0" id="comment-{nid + n}" class="comment js-comment">'
        f'<footer class="comment__meta"><p class="comment__author"><span class="username">'
        f'{esc(name)}</span></p><p class="comment__time">{weekday(day)} - 11:4{n}</p></footer>'
        f'<div class="comment__content"><div class="field field--name-comment-body"><p>'
        f"{esc(text)}</p></div></div></article>"
        for n, (name, day, text) in enumerate(chrome.comments)
    )
    tags = "\n".join(
        f'<div class="field__item"><a href="/taxonomy/term/{n + 40}" hreflang="en">'
        f"{esc(t)}</a></div>"
        for n, t in enumerate(chrome.tags)
    )
    crumbs = "\n".join(
        f'<li class="breadcrumb-item"><a href="/{slugify(c)}">{esc(c)}</a></li>'
        for c in chrome.crumbs
    )
    settings = json.dumps(
        {
            "path": {"baseUrl": "/", "currentPath": f"node/{nid}", "currentLanguage": "en"},
            "eu_cookie_compliance": {"popup_enabled": True, "popup_agreed_enabled": False},
            "ajaxTrustedUrl": {"/search/node": True},
        }
    )
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr"
prefix="content: http://purl.org/rss/1.0/modules/content/  dc: http://purl.org/dc/terms/
og: http://ogp.me/ns#  schema: http://schema.org/">
<head>
<meta charset="utf-8" />
<meta name="Generator" content="Drupal 8 (https://www.drupal.org)" />
<meta name="MobileOptimized" content="width" />
<meta property="og:site_name" content="{esc(site.name)}" />
<meta property="og:type" content="article" />
<meta property="og:url" content="{page.url}" />
<meta property="og:title" content="{esc(story.headline)}" />
{head_dates}<meta name="twitter:card" content="summary_large_image" />
<link rel="canonical" href="{page.url}" />
<link rel="shortlink" href="https://{site.host}/node/{nid}" />
<title>{esc(story.headline)}{site.separator}{esc(site.name)}</title>
<style media="all">
@import url("/core/themes/stable/css/system/components/ajax-progress.module.css?q8lm9x");
@import url("/themes/custom/crescent/css/style.css?q8lm9x");
</style>
<script src="/core/assets/vendor/domready/ready.min.js?v=1.0.8"></script>
<script>var googletag = googletag || {{}}; googletag.cmd = googletag.cmd || [];
googletag.cmd.push(function() {{
  googletag.defineSlot('/21709/crescent/article', [300, 250], 'div-gpt-ad-{nid}-1')
    .addService(googletag.pubads());
  googletag.enableServices();
}});</script>
</head>
<body class="layout-two-sidebars path-node page-node-type-article">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div id="page-wrapper"><div id="page">
<header id="header" class="header" role="banner" aria-label="Site header">
<div class="region region-header">
<div id="block-crescent-branding"
class="clearfix site-branding block block-system block-system-branding-block">
<a href="/" title="Home" rel="home" class="site-branding__logo"><img
src="/themes/custom/crescent/logo.svg" alt="Home" /></a>
<div class="site-branding__text"><div class="site-branding__name"><a href="/" title="Home"
rel="home">{esc(site.name)}</a></div>
<div class="site-branding__slogan">{esc(site.tagline)}</div></div></div>
<div class="today-date">{weekday(page.crawled)}</div>
</div>
<div class="region region-primary-menu"><nav role="navigation"
aria-labelledby="block-crescent-main-menu-menu" id="block-crescent-main-menu"
class="block block-menu navigation menu--main">
<h2 class="visually-hidden" id="block-crescent-main-menu-menu">Main navigation</h2>
<ul class="clearfix menu">
{links(chrome.nav)}
</ul></nav></div>
</header>
<div class="region region-breadcrumb"><div id="block-crescent-breadcrumbs"
class="block block-system block-system-breadcrumb-block">
<nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb"><h2
id="system-breadcrumb" class="visually-hidden">Breadcrumb</h2>
<ol>
{crumbs}
</ol></nav></div></div>
<div id="main-wrapper" class="layout-main-wrapper layout-container clearfix">
<div id="main" class="layout-main clearfix">
<aside class="layout-sidebar-first" role="complementary">
<div class="region region-sidebar-first">
<div class="views-element-container block block-views" id="block-views-block-latest-news">
<h2>Latest News</h2>
<div class="view view-latest-news view-display-id-block_1"><div class="view-content">
{latest}
</div></div></div>
<div class="ad-slot ad-skyscraper"><span>Advertisement</span><iframe
src="https://ads.example-adserver.com/skyscraper?site=crescent" width="160" height="600"
frameborder="0" scrolling="no"></iframe></div>
</div>
</aside>
<main id="content" class="column main-content" role="main">
<section class="section">
<a id="main-content" tabindex="-1"></a>
<div class="region region-content">
<div data-drupal-messages-fallback class="hidden"></div>
<div id="block-crescent-page-title" class="block block-core block-page-title-block">
<h1 class="page-title"><span
class="field field--name-title field--type-string field--label-hidden">{esc(story.headline)}</span>
</h1>
</div>
<div id="block-crescent-content" class="block block-system block-system-main-block">
<article role="article" about="/news/{slugify(story.headline)}"
class="node node--type-article node--promoted node--view-mode-full">
<div class="node__meta">
<span class="field field--name-uid field--type-entity-reference field--label-hidden">
<span>{esc(page.author)}</span></span>
{meta}
</div>
<div class="node__content clearfix">
<div class="field field--name-field-image field--type-image field--label-hidden field__item"><img
src="/sites/default/files/styles/large/public/{pub.year}-{pub.month:02d}/syria_{nid}.jpg"
width="780" height="440" alt="Syria" typeof="foaf:Image" /></div>
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary
field--label-hidden field__item">
{chr(10).join(body)}
</div>
<div class="field field--name-field-tags field--type-entity-reference field--label-above clearfix">
<h3 class="field__label">Tags</h3>
<ul class="links field__items">
{tags}
</ul></div>
<div class="share-links"><span class="share-label">Share:</span> <a
href="https://www.facebook.com/sharer/sharer.php?u={page.url}"
class="share-facebook">Facebook</a> <a href="https://twitter.com/intent/tweet?url={page.url}"
class="share-twitter">Twitter</a> <a href="whatsapp://send?text={page.url}"
class="share-whatsapp">WhatsApp</a> <a href="mailto:?subject={esc(story.headline)}"
class="share-email">Email</a></div>
<section class="comments-section" id="comments">
<h2 class="comments-title">Comments</h2>
{comments}
<h2 class="title comment-form__title">Add new comment</h2>
<form class="comment-comment-form comment-form" action="/comment/reply/node/{nid}/comment"
method="post" id="comment-form" accept-charset="UTF-8">
<div class="js-form-item form-item"><label for="edit-name">Your name</label><input type="text"
id="edit-name" name="name" value="" size="30" maxlength="60" class="form-text" /></div>
<div class="js-form-item form-item"><label for="edit-comment-body-0-value"
class="js-form-required form-required">Comment</label><textarea id="edit-comment-body-0-value"
name="comment_body[0][value]" rows="5" cols="60" class="form-textarea required" required="required">
</textarea></div>
<div class="form-actions"><input type="submit" id="edit-submit" name="op" value="Save"
class="button button--primary form-submit" /></div>
</form>
</section>
</div>
</article>
</div>
<div class="block block-related" id="block-related-articles">
<h2>Related Articles</h2>
<ul>
{related}
</ul></div>
</div>
</section>
</main>
<aside class="layout-sidebar-second" role="complementary">
<div class="region region-sidebar-second">
<div class="block block-newsletter" id="block-newsletter"><h2>Newsletter</h2>
<p>{esc(chrome.newsletter)}</p>
<form action="/newsletter/subscribe" method="post"><input type="email" name="mail"
placeholder="E-mail" /><input type="submit" value="Subscribe" class="button" /></form></div>
<div class="block block-most-read" id="block-most-read"><h2>Most Read</h2>
<ol>
{most}
</ol></div>
</div>
</aside>
</div>
</div>
<footer class="site-footer">
<div class="layout-container">
<div class="region region-footer-first"><nav role="navigation" aria-label="Footer"><ul class="menu">
{links(["About us", "Contact", "Advertise", "Privacy Policy", "Terms of Use"])}
</ul></nav></div>
<div class="region region-footer-second"><div class="block block-block-content"><div
class="field--name-body"><p>{esc(chrome.footer)}</p></div></div></div>
<div class="region region-footer-fifth"><p class="copyright">{esc(chrome.copyright)}</p></div>
</div>
</footer>
</div></div>
</div>
<div id="sliding-popup" class="sliding-popup-bottom"
style="background: #0779BF; width: 100%; z-index: 99999;">
<div class="eu-cookie-compliance-banner eu-cookie-compliance-banner-info
eu-cookie-compliance-banner--opt-in">
<div class="popup-content info eu-cookie-compliance-content">
<div id="popup-text" class="eu-cookie-compliance-message"><p>{esc(chrome.cookie)}</p><button
type="button" class="find-more-button eu-cookie-compliance-more-button">More info</button></div>
<div id="popup-buttons" class="eu-cookie-compliance-buttons"><button type="button"
class="agree-button eu-cookie-compliance-secondary-button">Accept</button><button type="button"
class="decline-button eu-cookie-compliance-default-button">No, thanks</button></div>
</div></div></div>
<script type="application/json" data-drupal-selector="drupal-settings-json">{settings}</script>
<script src="/core/assets/vendor/jquery/jquery.min.js?v=3.5.1"></script>
<script src="/core/misc/drupal.js?v=8.9.20"></script>
</body>
</html>
"""


def render_wire(page: Page) -> str:
    """A wire-service story page: byline strip, credit line, trust principles, "Read next"."""
    story, site, chrome, rng = page.story, page.site, page.chrome, page.rng
    pub, upd = story.published, page.updated
    ident = f"{rng.randint(10**5, 10**6):x}".upper()
    profile = f'<a href="/authors/{slugify(page.author)}/">{esc(page.author)}</a>'
    info = f'<p class="byline">By {profile}</p>'
    if page.date_mode == "byline":
        info = f'<p class="byline">By {profile} | {mdy(pub)}</p>'
        if upd:
            info += f'\n<p class="updated-line">Updated {mdy(upd)}</p>'
    elif page.date_mode == "visible":
        info += f'\n<div class="date-line"><span>Published: {visible_date(page, pub)}</span>'
        if upd:
            info += f' <span class="updated">Updated: {visible_date(page, upd)}</span>'
        info += "</div>"
    head_ld = ld_json(page) if page.date_mode == "jsonld" else ""
    body = []
    for number, paragraph in enumerate(page.paragraphs):
        body.append(
            f'<p data-testid="paragraph-{number}" class="text__paragraph">{esc(paragraph)}</p>'
        )
        if number == 1:
            body.append(
                '<div class="ad-slot ad-slot--mid" data-testid="ResponsiveAdSlot">'
                '<span class="ad-label">Advertisement · Scroll to continue</span>'
                f'<div id="ad-mid-{ident}"></div></div>'
            )
    read_next = "\n".join(
        f'<li class="story-card"><a href="{item.url}" data-testid="Heading">'
        f'<span class="story-card__title">{esc(item.headline)}</span></a>'
        f'<time datetime="{stamp(item.day, 6 + n, 0, "Z")}" class="story-card__time">'
        f"{mdy(item.day)}</time></li>"
        for n, item in enumerate(chrome.related)
    )
    comments = "\n".join(
        f'<li class="conversation__item"><span class="conversation__user">{esc(name)}</span> '
        f'<span class="conversation__date">{numeric(day)}</span><p class="conversation__text">'
        f"{esc(text)}</p></li>"
        for name, day, text in chrome.comments
    )
    topics = " ".join(
        f'<a href="/topic/{slugify(t)}" class="tag">{esc(t)}</a>' for t in chrome.tags
    )
    state = json.dumps(
        {"article": {"id": ident, "section": "world/middle-east", "premium": False}},
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(story.headline)}{site.separator}{esc(site.name)}</title>
<meta name="description" content="{esc(story.sentences[0])}">
<meta property="og:title" content="{esc(story.headline)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{esc(site.name)}">
<meta property="og:url" content="{page.url}">
<meta name="twitter:site" content="@MeridianWire">
<link rel="canonical" href="{page.url}">
{head_ld}
<link rel="stylesheet" href="https://{site.host}/pf/resources/styles/main.css?d=412">
<style>.article-body p{{font-size:18px;line-height:1.6}}.ad-slot{{min-height:250px}}</style>
<script>window.__PRELOADED_STATE__ = {state};</script>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</head>
<body>
<div id="fusion-app">
<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk" class="otFlat" role="dialog"
aria-label="Cookie banner">
<div class="ot-sdk-container"><div id="onetrust-policy"><p
id="onetrust-policy-text">{esc(chrome.cookie)}</p></div>
<div id="onetrust-button-group"><button id="onetrust-accept-btn-handler">Accept All Cookies</button>
<button id="onetrust-pc-btn-handler">Cookies Settings</button></div></div></div></div>
<header class="site-header">
<a class="site-header__logo" href="/" aria-label="{esc(site.name)} homepage">{esc(site.name)}</a>
<nav class="site-header__nav" aria-label="Main"><ul>
{links(WIRE_NAV)}
</ul></nav>
<div class="site-header__account"><a href="/account/subscribe">Subscribe</a> <a
href="/account/sign-in">Sign In</a></div>
</header>
<main id="main-content" class="article-page">
<article class="article" data-testid="Article">
<header class="article-header">
<nav class="article-header__breadcrumbs" aria-label="Tags"><a
href="/world/">World</a> <span>/</span> <a href="/world/middle-east/">Middle East</a></nav>
<h1 class="article-header__heading" data-testid="Heading">{esc(story.headline)}</h1>
<div class="article-header__info">
{info}
<span class="read-time">{rng.randint(2, 5)} minute read</span>
</div>
<div class="article-header__share" data-testid="ShareButtons"><button
aria-label="Share">Share</button> <a href="https://twitter.com/share?url={page.url}">X</a> <a
href="https://www.facebook.com/sharer.php?u={page.url}">Facebook</a> <a
href="https://www.linkedin.com/shareArticle?url={page.url}">Linkedin</a> <a
href="mailto:?body={page.url}">Email</a> <button>Link</button></div>
</header>
<div class="article-body" data-testid="ArticleBody">
{chr(10).join(body)}
<p class="credit" data-testid="Body">{esc(chrome.credit)}</p>
</div>
<div class="article-footer">
<p class="trust"><a href="/info-pages/trust-principles/">{esc(chrome.standards)}</a></p>
<div class="topics"><span>Topics:</span> {topics}</div>
<div class="licensing"><a href="/licensing/">Purchase Licensing Rights</a></div>
</div>
</article>
<section class="conversation" id="conversation"><h2>Conversation</h2><ul>
{comments}
</ul><a href="/account/sign-in?redirect=conversation">Sign in to join the conversation</a></section>
<section class="read-next" aria-label="Read Next"><h2>Read Next</h2><ul>
{read_next}
</ul></section>
<section class="newsletter-signup"><h3>Middle East Briefing</h3><p>{esc(chrome.newsletter)}</p>
<form><input type="email" placeholder="Email address"><button type="submit">Sign up</button></form>
</section>
</main>
<footer class="site-footer">
<div class="site-footer__links"><ul>
{links(WIRE_FOOTER)}
</ul></div>
<p class="site-footer__about">{esc(chrome.footer)}</p>
<p class="site-footer__copyright">{esc(chrome.copyright)}</p>
<p class="site-footer__disclaimer">All quotes delayed a minimum of 15 minutes.
See here for a complete list of exchanges and delays.</p>
</footer>
</div>
<script>window.googletag = window.googletag || {{cmd: []}};
googletag.cmd.push(function() {{
  googletag.defineSlot('/4735792/meridian/world', [[300, 250]], 'ad-mid-{ident}')
    .addService(googletag.pubads());
}});</script>
</body>
</html>
"""


def render_amp(page: Page) -> str:
    """An AMP page: JSON-LD in the head, amp-* elements, a notification for cookies."""
    story, site, chrome, rng = page.story, page.site, page.chrome, page.rng
    pub, upd = story.published, page.updated
    if page.date_mode == "time":
        meta = (
            f'<span class="amp-author">{esc(page.author)}</span> '
            f'<time datetime="{stamp(pub, 8, 5)}">{visible_date(page, pub)}</time>'
        )
        if upd:
            meta += (
                f' <span class="amp-updated">Updated <time datetime="{stamp(upd, 17, 40)}">'
                f"{visible_date(page, upd)}</time></span>"
            )
    elif page.date_mode == "byline":
        meta = f'<span class="amp-byline">By {esc(page.author)} | {mdy(pub)}</span>'
    else:
        meta = f'<span class="amp-published">Published: {dmy(pub)}</span>'
        if upd:
            meta += f' <span class="amp-updated">Updated: {dmy(upd)}</span>'
    body = []
    for number, paragraph in enumerate(page.paragraphs):
        body.append(f"<p>{esc(paragraph)}</p>")
        if number == 1:
            body.append(
                '<amp-ad width="300" height="250" type="doubleclick" '
                'data-slot="/1234567/amp_article_mid"><div placeholder>Advertisement</div>'
                "<div fallback>Advertisement</div></amp-ad>"
            )
    related = "\n".join(
        f'<li><a href="{item.url}/amp">{esc(item.headline)}</a> <span class="amp-date">'
        f"{short(item.day)}</span></li>"
        for item in chrome.related
    )
    comments = "\n".join(
        f'<div class="amp-comment"><strong>{esc(name)}</strong> <span>{short(day)}</span>'
        f"<p>{esc(text)}</p></div>"
        for name, day, text in chrome.comments
    )
    share = "\n".join(
        f'<amp-social-share type="{kind}" width="40" height="40"></amp-social-share>'
        for kind in ("facebook", "twitter", "whatsapp", "email")
    )
    tags = " ".join(f'<a href="/tag/{slugify(t)}/amp">{esc(t)}</a>' for t in chrome.tags)
    caption = esc(rng.choice(CAPTIONS))
    analytics = json.dumps(
        {
            "vars": {"account": f"UA-{rng.randint(10**6, 10**7)}-2"},
            "triggers": {"trackPageview": {"on": "visible", "request": "pageview"}},
        }
    )
    return f"""<!doctype html>
<html ⚡ lang="en">
<head>
<meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-ad" src="https://cdn.ampproject.org/v0/amp-ad-0.1.js"></script>
<script async custom-element="amp-sidebar" src="https://cdn.ampproject.org/v0/amp-sidebar-0.1.js">
</script>
<script async custom-element="amp-social-share"
src="https://cdn.ampproject.org/v0/amp-social-share-0.1.js"></script>
<script async custom-element="amp-analytics"
src="https://cdn.ampproject.org/v0/amp-analytics-0.1.js"></script>
<script async custom-element="amp-user-notification"
src="https://cdn.ampproject.org/v0/amp-user-notification-0.1.js"></script>
<title>{esc(story.headline)}{site.separator}{esc(site.name)}</title>
<link rel="canonical" href="{page.url}">
<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
{ld_json(page)}
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;
-moz-animation:-amp-start 8s steps(1,end) 0s 1 normal both;
animation:-amp-start 8s steps(1,end) 0s 1 normal both}}
@keyframes -amp-start{{from{{visibility:hidden}}to{{visibility:visible}}}}</style>
<noscript><style amp-boilerplate>
body{{-webkit-animation:none;-moz-animation:none;animation:none}}</style>
</noscript>
<style amp-custom>
body {{ font-family: Georgia, serif; }} .amp-header {{ background: #002b49; color: #fff; }}
.amp-title {{ font-size: 28px; }} .amp-meta {{ color: #777; font-size: 13px; }}
</style>
</head>
<body>
<amp-analytics type="googleanalytics" id="analytics1"><script
type="application/json">{analytics}</script></amp-analytics>
<amp-user-notification layout="nodisplay" id="cookie-notice" data-persist-dismissal="true">
<div class="cookie-notice">{esc(chrome.cookie)} <button
on="tap:cookie-notice.dismiss">I accept</button></div>
</amp-user-notification>
<amp-sidebar id="sidebar" layout="nodisplay" side="left">
<nav><ul>
{links(chrome.nav)}
</ul></nav>
</amp-sidebar>
<header class="amp-header"><button on="tap:sidebar.toggle" aria-label="Menu">&#9776;</button> <a
href="https://{site.host}/" class="amp-brand">{esc(site.name)}</a></header>
<nav class="amp-breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/news">News</a> &rsaquo; <a
href="/news/syria">Syria</a></nav>
<article class="amp-article">
<h1 class="amp-title">{esc(story.headline)}</h1>
<div class="amp-meta">{meta}</div>
<figure class="amp-figure"><amp-img
src="https://{site.host}/images/{slugify(story.headline)[:30]}.jpg" width="800" height="450"
layout="responsive" alt="{caption}"></amp-img><figcaption>{caption}</figcaption></figure>
<div class="amp-share">
{share}
</div>
<div class="amp-body">
{chr(10).join(body)}
</div>
<div class="amp-tags"><span>Tags:</span> {tags}</div>
</article>
<section class="amp-related"><h2>More stories</h2><ul>
{related}
</ul></section>
<section class="amp-comments"><h2>Comments ({len(chrome.comments)})</h2>
{comments}
<a href="{page.url}#comments">View all comments on the full site</a></section>
<div class="amp-newsletter"><h3>Newsletter</h3><p>{esc(chrome.newsletter)}</p><a
href="https://{site.host}/newsletter">Sign up</a></div>
<footer class="amp-footer"><p>{esc(chrome.footer)}</p><p>{esc(chrome.copyright)}</p>
<a href="#top">Back to top</a> | <a href="{page.url}">View non-AMP version</a></footer>
</body>
</html>
"""


def render_jsonld(page: Page) -> str:
    """A script-rendered (Next.js-style) page whose only metadata is a JSON-LD NewsArticle."""
    story, site, chrome, rng = page.story, page.site, page.chrome, page.rng
    build = f"{rng.getrandbits(40):010x}"
    body = []
    for number, paragraph in enumerate(page.paragraphs):
        body.append(f'<p class="css-83cqas e1xue1i0">{esc(paragraph)}</p>')
        if number == 2:
            body.append(
                '<aside data-component="ad-slot" class="css-1r2fqzx"><p class="css-ad">'
                'Advertisement</p><div id="ad-inline-1"></div></aside>'
            )
    related = "\n".join(
        f'<li class="css-r3d"><a href="{item.url}" class="css-rlink"><h3 class="css-rh">'
        f'{esc(item.headline)}</h3></a><time datetime="{item.day.isoformat()}" class="css-rt">'
        f"{dmy(item.day)}</time></li>"
        for item in chrome.related
    )
    comments = "\n".join(
        f'<div class="css-cmt" data-component="comment"><span class="css-cu">{esc(name)}</span>'
        f'<time class="css-ct" datetime="{day.isoformat()}">{dmy(day)}</time>'
        f'<p class="css-cx">{esc(text)}</p></div>'
        for name, day, text in chrome.comments
    )
    tags = "\n".join(f'<li><a href="/topics/{slugify(t)}">{esc(t)}</a></li>' for t in chrome.tags)
    crumbs = ' <span aria-hidden="true">›</span> '.join(
        f'<a href="/{slugify(c)}">{esc(c)}</a>' for c in chrome.crumbs[1:]
    )
    next_data = json.dumps(
        {
            "props": {"pageProps": {"articleId": build[:8], "section": "middle-east"}},
            "page": "/news/[slug]",
            "buildId": build,
        }
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charSet="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>{esc(story.headline)}{site.separator}{esc(site.name)}</title>
{ld_json(page)}
<link rel="preload" href="/_next/static/css/{build[:8]}.css" as="style"/>
<link rel="preload" href="/_next/static/chunks/main-{build[2:10]}.js" as="script"/>
<style data-emotion="css 83cqas 1r2fqzx">.css-83cqas{{margin:0 0 1em;font-size:1.1rem;}}
.css-1r2fqzx{{min-height:250px;background:#f4f4f4;}}</style>
</head>
<body>
<div id="__next">
<div data-component="cookie-banner" class="css-cb" role="region" aria-label="Cookie consent">
<p class="css-cbp">{esc(chrome.cookie)}</p>
<button class="css-btn">Accept</button> <button class="css-btn">Reject</button> <a
href="/cookies">Manage settings</a></div>
<header class="css-1hdr">
<div class="css-top"><a href="/" aria-label="{esc(site.name)} home"><svg width="160" height="32"
role="img"><title>{esc(site.name)}</title><rect width="160" height="32"></rect></svg></a>
<nav aria-label="Main"><ul class="css-nav">
{links(chrome.nav)}
</ul></nav>
<a href="/subscribe" class="css-sub">Subscribe</a></div>
</header>
<main id="main-content" class="css-main">
<div class="css-crumbs" data-component="breadcrumbs">{crumbs}</div>
<article class="css-art">
<h1 class="css-hl" data-component="headline">{esc(story.headline)}</h1>
<div class="css-byline" data-component="byline">By <a
href="/authors/{slugify(page.author)}">{esc(page.author)}</a></div>
<div data-component="share" class="css-share"><button
aria-label="Share on Facebook">Facebook</button><button
aria-label="Share on Twitter">Twitter</button><button aria-label="Copy link">Copy link</button>
</div>
<div class="css-body" data-component="text-block">
{chr(10).join(body)}
</div>
<div data-component="tag-list" class="css-tags"><h2 class="css-th">Related Topics</h2><ul>
{tags}
</ul></div>
</article>
<section data-component="related" class="css-rel"><h2 class="css-relh">Related stories</h2><ul>
{related}
</ul></section>
<section data-component="comments" class="css-cmts"><h2>Join the conversation</h2>
{comments}
</section>
<section data-component="newsletter" class="css-nl"><h2>The Orient Briefing</h2>
<p>{esc(chrome.newsletter)}</p><form><input type="email" aria-label="Email"/>
<button>Sign up</button></form></section>
</main>
<footer class="css-foot"><ul>
{links(["About", "Contact", "Privacy", "Cookies", "Terms"])}
</ul><p>{esc(chrome.footer)}</p><p>{esc(chrome.copyright)}</p></footer>
</div>
<script id="__NEXT_DATA__" type="application/json">{next_data}</script>
<script src="/_next/static/chunks/main-{build[2:10]}.js" async=""></script>
</body>
</html>
"""


def render_table(page: Page) -> str:
    """A legacy table-layout page: <font>, <br><br> paragraphs, a visible date line."""
    story, site, chrome, rng = page.story, page.site, page.chrome, page.rng
    pub, upd = story.published, page.updated
    if page.date_mode == "visible":
        dated = f"Published: {visible_date(page, pub)}"
        if upd:
            dated += f" &nbsp;&nbsp; Last updated: {visible_date(page, upd)}"
    else:
        dated = f"By {esc(page.author)} | {mdy(pub)}"
    if rng.random() < 0.5:
        text = "<br><br>\n".join(esc(p) for p in page.paragraphs)
    else:
        text = "\n".join(f"<p>{esc(p)}</p>" for p in page.paragraphs)
    also = "\n".join(
        f'<a href="{item.url}" class="also">{esc(item.headline)}</a> '
        f'<font color="#999999">({numeric(item.day)})</font><br>'
        for item in chrome.related
    )
    viewed = "\n".join(
        f'<tr><td class="small">&raquo; <a href="{item.url}">{esc(item.headline)}</a></td></tr>'
        for item in chrome.latest
    )
    comments = "\n".join(
        f'<tr><td class="cname"><b>{esc(name)}</b> - {numeric(day)}</td></tr>'
        f'<tr><td class="ctext">{esc(text)}</td></tr>'
        for name, day, text in chrome.comments
    )
    menu = " | ".join(
        f'<a href="/{slugify(item) or "index"}.php" class="menu">{esc(item)}</a>'
        for item in chrome.nav
    )
    sections = "<br>\n".join(
        f'<a href="/section.php?id={n}">{esc(item)}</a>' for n, item in enumerate(chrome.nav[1:], 1)
    )
    keywords = ", ".join(f'<a href="/search.php?q={slugify(t)}">{esc(t)}</a>' for t in chrome.tags)
    article_id = rng.randint(1000, 60000)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(story.headline)}{site.separator}{esc(site.name)}</title>
<meta name="keywords" content="Syria, news, {", ".join(chrome.tags)}">
<link rel="stylesheet" href="/style.css" type="text/css">
<style type="text/css">
td.text {{ font-family: Verdana, Arial; font-size: 12px; line-height: 18px; }}
a.menu {{ color: #FFFFFF; font-weight: bold; text-decoration: none; }}
</style>
<script language="JavaScript" type="text/javascript">
function MM_openBrWindow(theURL,winName,features) {{ window.open(theURL,winName,features); }}
function hideCookieBar() {{
  document.getElementById('cookieBar').style.display = 'none';
  document.cookie = 'cookieok=1; path=/';
}}
</script>
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<div id="cookieBar" style="background:#333;color:#fff;padding:6px;">{esc(chrome.cookie)} <a
href="javascript:hideCookieBar()" style="color:#ff0">OK</a></div>
<table width="980" border="0" cellspacing="0" cellpadding="0" align="center">
<tr>
<td width="300" height="90"><h1 class="logo"><a href="/"><img src="/images/logo.gif" width="300"
height="90" border="0" alt="{esc(site.name)}"></a></h1></td>
<td align="center"><a href="/ads/click.php?id=77"><img src="/banners/banner468.gif" width="468"
height="60" border="0" alt="Advertisement"></a></td>
<td align="right" class="small">{weekday(page.crawled)}</td>
</tr>
<tr><td colspan="3" bgcolor="#8B0000" height="24" class="menu">{menu}</td></tr>
</table>
<table width="980" border="0" cellspacing="0" cellpadding="6" align="center">
<tr>
<td width="170" valign="top" bgcolor="#F2F2F2" class="left">
<b>Sections</b><br>
{sections}
<br><br><b>Archive</b><br><form action="/archive.php"><select name="y"><option>2019</option>
<option>2018</option><option>2017</option></select> <input type="submit" value="Go"></form>
<br><a href="/ads/click.php?id=12"><img src="/banners/side160.gif" width="160" height="600"
border="0" alt="Ad"></a>
</td>
<td valign="top" class="main">
<table width="100%" border="0" cellspacing="0" cellpadding="4">
<tr><td class="path"><a href="/">Home</a> &gt; <a href="/section.php?id=3">Syria</a></td></tr>
<tr><td><h1 class="title">{esc(story.headline)}</h1></td></tr>
<tr><td class="date"><font color="#666666" size="1">{dated}</font></td></tr>
<tr><td class="text">
{text}
</td></tr>
<tr><td class="tools"><a
href="javascript:MM_openBrWindow('/print.php?id={article_id}','print','width=600')">Print</a> | <a
href="/send.php?id={article_id}">Send to a friend</a> | <a
href="https://www.facebook.com/sharer.php?u={page.url}">Share on Facebook</a></td></tr>
<tr><td class="tags">Keywords: {keywords}</td></tr>
<tr><td class="also"><b>Read also:</b><br>
{also}
</td></tr>
<tr><td class="comments"><b>Readers' comments ({len(chrome.comments)})</b>
<table width="100%" border="0" cellspacing="1" cellpadding="3" bgcolor="#DDDDDD">
{comments}
</table>
<form action="/comment.php?id={article_id}" method="post">Name: <input type="text" name="name"
size="20"><br>Comment:<br><textarea name="comment" rows="4" cols="50"></textarea><br><input
type="submit" value="Send"></form>
</td></tr>
</table>
</td>
<td width="200" valign="top" bgcolor="#F2F2F2" class="right">
<div class="newsletter"><b>Newsletter</b><br>{esc(chrome.newsletter)}<br>
<form action="/newsletter.php" method="post"><input type="text" name="email" size="18"> <input
type="submit" value="Subscribe"></form></div>
<br><b>Most viewed</b>
<table width="100%" border="0" cellspacing="0" cellpadding="2">
{viewed}
</table>
</td>
</tr>
<tr><td colspan="3" align="center" class="footer"
bgcolor="#EEEEEE">{esc(chrome.footer)}<br>{esc(chrome.copyright)}<br>
<a href="/about.php">About us</a> | <a href="/advertise.php">Advertise</a> | <a
href="/contact.php">Contact</a></td></tr>
</table>
<script type="text/javascript">
var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-{article_id}-1']);
_gaq.push(['_trackPageview']);
(function() {{
  var ga = document.createElement('script'); ga.type = 'text/javascript'; ga.async = true;
  ga.src = 'http://www.google-analytics.com/ga.js';
  var s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(ga, s);
}})();
</script>
</body>
</html>
"""


RENDERERS = {
    "wordpress": render_wordpress,
    "drupal": render_drupal,
    "wire": render_wire,
    "amp": render_amp,
    "jsonld": render_jsonld,
    "table": render_table,
}


# --- generation ----------------------------------------------------------------------------


def make_page(index: int, stories: list[Story], seed: int = SEED) -> tuple[str, str, dict]:
    """Page ``index``: (file name, HTML, truth record)."""
    rng = random.Random(f"{seed}:{index}")
    story = stories[index]
    layout = LAYOUTS[index % len(LAYOUTS)]
    modes = DATE_MODES[layout]
    site = SITES[layout]
    others = [other for other in stories if other.headline != story.headline]
    crawled = date(2019, 3, 1) + timedelta(days=rng.randint(0, 27))
    author, chrome = make_chrome(site, story, others, crawled, rng)
    updated = story.published + timedelta(days=rng.randint(1, 20)) if rng.random() < 0.4 else None
    slug = slugify(story.headline)
    url = f"https://{site.host}/news/{story.published:%Y/%m/%d}/{slug}/"
    page = Page(
        story=story,
        site=site,
        paragraphs=paragraphs_of(story.sentences, rng),
        url=url,
        author=author,
        updated=updated,
        date_mode=modes[index // len(LAYOUTS) % len(modes)],
        crawled=crawled,
        chrome=chrome,
        rng=rng,
    )
    html = RENDERERS[layout](page)
    name = f"{index:03d}_{layout}.html"
    body = sentences_of(" ".join(page.paragraphs))
    truth = {
        "file": name,
        "title": story.headline,
        "date": story.published.isoformat(),
        "source": site.name,
        "first_sentence": body[0],
        "last_sentence": body[-1],
        "boilerplate": boilerplate(page, layout),
        "layout": layout,
        "date_mode": page.date_mode,
        "updated": updated.isoformat() if updated else None,
        "paragraphs": len(page.paragraphs),
        "corpus_file": story.file,
    }
    return name, html, truth


def generate(out: Path, count: int = 60, seed: int = SEED) -> list[dict]:
    """Write ``count`` pages and ``truth.jsonl`` into ``out``; returns the truth records."""
    stories = load_stories(seed)
    if count > len(stories):
        raise SystemExit(f"only {len(stories)} usable articles for {count} pages")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.html"):
        old.unlink()
    records = []
    for index in range(count):
        name, html, truth = make_page(index, stories, seed)
        (out / name).write_text(html, encoding="utf-8")
        records.append(truth)
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    (out / TRUTH).write_text(lines, encoding="utf-8")
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    records = generate(args.out, args.count, args.seed)
    print(f"{len(records)} pages and {TRUTH} written to {args.out}")


if __name__ == "__main__":
    main()
