"""Hostile and broken inputs (tests/hostile/, plus names and sizes made here) through a real
build: each bad file gets its own warning naming it (and the line), the rest of the archive is
built, nothing in an article can run in the site, and --strict fails the build."""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_fixture

from generator.build import BuildReport, StrictBuildError, build
from generator.cli import main
from generator.config import BuildConfig
from generator.frontmatter import article_from_markdown
from generator.ingest import MAX_RAW_BYTES

HOSTILE = Path(__file__).resolve().parent / "hostile"
PWNED = Path("/tmp/dossier-pwned")  # what fm-python-tag.md would create if its tag ran
BODY = (HOSTILE / "raw" / "same-title-a.txt").read_text().split("\n", 2)[2]
# Files whose names git or Windows could not hold, or too big to commit: made per build.
NAMED = {
    "CON.txt": "con-article",
    "nul.txt": "nul-article",
    "x" * 250 + ".txt": "x" * 80,
    "!!!.txt": None,  # article-<hash>
    "تقرير عن حلب.txt": None,
}
HAND_NAMED = ["CON.md", "y" * 250 + ".md", "a\\b.md", "Ünïcode Café.md", "what?#.md"]
FIXTURE_SLUGS = ["aleppo-page", "army-hajin", "daraa-note", "palmyra-undated", "raqqa-sdf"]


def hostile_tree(root: Path) -> BuildConfig:
    """The fixture archive with the hostile corpus and the made files added."""
    config = copy_fixture(root)
    shutil.copytree(HOSTILE / "raw", config.raw_dir, dirs_exist_ok=True)
    shutil.copytree(HOSTILE / "articles", config.content_dir, dirs_exist_ok=True)
    raw, content = config.raw_dir, config.content_dir
    for name in NAMED:
        (raw / name).write_text(f"Report filed as {name[:30]}\n\n{BODY}")
    (raw / "binary.txt").write_bytes(random.Random(0).randbytes(4096))
    (raw / "binary-no-nul.html").write_bytes(bytes(range(1, 256)) * 16)
    with (raw / "huge.txt").open("wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # sparse: 50 MB that cost nothing to make
    big_head = "---\ntitle: Big\nnote: " + "a" * (1024 * 1024) + "\n---\n\nBody.\n"
    (raw / "big-front-matter.md").write_text(big_head)
    (content / "huge-front-matter.md").write_text(big_head.replace("a" * 1024, "a" * 5120))
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"Secret title\n\nSECRET-CONTENT {BODY}")
    (outside / "secret.md").write_text("---\ntitle: Secret\n---\n\nSECRET-CONTENT\n")
    (raw / "link.txt").symlink_to(outside / "secret.txt")
    (raw / "linked-folder").symlink_to(outside, target_is_directory=True)
    (content / "linked.md").symlink_to(outside / "secret.md")
    for name in HAND_NAMED:
        (content / name).write_text(f"---\ntitle: Hand-written {name[:20]}\n---\n\n{BODY}")
    return config


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildConfig, BuildReport]:
    PWNED.unlink(missing_ok=True)
    config = hostile_tree(tmp_path_factory.mktemp("hostile"))
    return config, build(config)


def warnings_for(report: BuildReport, name: str) -> list[tuple[str, int | None]]:
    return [(p.message, p.line) for p in report.problems if p.path.endswith("/" + name)]


def page(config: BuildConfig, slug: str) -> str:
    return (config.out_dir / "articles" / f"{slug}.html").read_text()


@pytest.mark.parametrize(
    ("name", "message", "line"),
    [
        ("raw/empty.txt", "is empty", None),
        ("raw/whitespace.txt", "is empty", None),
        ("raw/binary.txt", "looks like a binary file, not text", None),
        ("raw/binary-no-nul.html", "looks like a binary file, not text", None),
        ("raw/huge.txt", "is 50.0 MiB, over the 2 MiB limit; skipped", None),
        ("raw/invalid-utf8.txt", "is not valid UTF-8: 1 bad byte(s), the first at byte", 6),
        ("raw/fm-invalid-yaml.md", "front matter is not valid YAML: mapping values", 2),
        ("raw/fm-python-tag.md", "could not determine a constructor for the tag", 2),
        ("raw/fm-title-list.md", "'title' must be text, not list", 2),
        ("raw/fm-bad-date.md", "'date' must look like YYYY-MM-DD, YYYY-MM or YYYY", 3),
        ("raw/fm-impossible-date.md", "'date' '2017-02-30' is not a real date", 3),
        ("raw/fm-places-mapping.md", "'places' must be a list of names", 3),
        ("raw/fm-unclosed.md", "front matter is not closed by a line of ---", 1),
        ("raw/big-front-matter.md", "front matter is larger than 256 KiB", 2),
        ("raw/link.txt", "is a symlink that points outside the raw folder", None),
        ("raw/linked-folder", "is a symlink to a folder; not followed", None),
        ("raw/manifest.jsonl", "row names a missing file: gone.txt", 2),
        ("raw/manifest.jsonl", "invalid JSON: Expecting value", 3),
        ("raw/manifest.jsonl", "each line must be a JSON object", 4),
        ("raw/sub/manifest.csv", "row names a missing file: missing.html", 2),
        ("articles/bad-yaml.md", "front matter is not valid YAML", 3),
        ("articles/no-front-matter.md", "has no YAML front matter", 1),
        ("articles/linked.md", "is a symlink that points outside the content folder", None),
        ("articles/huge-front-matter.md", "front matter is larger than 256 KiB", 2),
    ],
)
def test_each_bad_file_is_named_with_its_problem(
    hostile: tuple[BuildConfig, BuildReport], name: str, message: str, line: int | None
) -> None:
    _, report = hostile
    found = warnings_for(report, name)
    assert any(m.startswith(message) or message in m for m, _ in found), found
    assert line in [n for m, n in found if message in m], found


def test_every_warning_is_one_the_corpus_expects(hostile: tuple[BuildConfig, BuildReport]) -> None:
    _, report = hostile
    assert len(report.problems) == 24, "\n".join(map(str, report.problems))


def test_the_rest_of_the_archive_is_built(hostile: tuple[BuildConfig, BuildReport]) -> None:
    config, report = hostile
    pages = {p.stem for p in (config.out_dir / "articles").glob("*.html")}
    good = ["cp1252", "utf16-bom", "mojibake", "invalid-utf8", "hostile-page", "raw-html"]
    assert {*FIXTURE_SLUGS, "editors-summary", "notes-2017", *good} <= pages
    assert report.articles == len(pages) == 31  # 6 fixture, 13 raw, 5 named, 7 hand


def test_encodings_are_read_and_mojibake_repaired(hostile: tuple[BuildConfig, BuildReport]) -> None:
    config, _ = hostile
    titles = {
        "cp1252": "Café owners in Damascus count the cost – “we’re ruined”",
        "utf16-bom": "Aid agencies warn of “catastrophe” in Idlib",
        "mojibake": "Residents don’t expect the ceasefire to hold",
        "invalid-utf8": "Convoy reaches Aleppo’s eastern districts",
    }
    for slug, title in titles.items():
        article = article_from_markdown((config.content_dir / f"{slug}.md").read_text(), slug)
        assert article.title == title
    mojibake = (config.content_dir / "mojibake.md").read_text()
    assert "“We have heard it before”" in mojibake and "â€" not in mojibake
    cafe = article_from_markdown((config.content_dir / "cp1252.md").read_text(), "cp1252")
    assert cafe.url == "https://levant.example/cafe"  # the manifest row before the bad lines
    report = article_from_markdown((config.content_dir / "report.md").read_text(), "report")
    assert report.url == "https://levant.example/r"


ACTIVE = [
    re.compile(r"<script[^>]*>[^<]*alert", re.I),
    re.compile(r"<(iframe|object|embed)\b", re.I),
    re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    re.compile(r"""(href|src)\s*=\s*["']?\s*(javascript|data|vbscript):""", re.I),
]


def test_nothing_an_article_holds_can_run(hostile: tuple[BuildConfig, BuildReport]) -> None:
    config, _ = hostile
    for path in config.out_dir.rglob("*"):
        if path.suffix in (".html", ".xml", ".svg"):
            text = path.read_text()
            for pattern in ACTIVE:
                assert not pattern.search(text), (path, pattern.pattern)
    html = page(config, "raw-html")
    assert "&lt;script&gt;alert('md')&lt;/script&gt;" in html  # shown as text, never run
    assert "[a javascript link](javascript:alert('link'))" in html  # not made a link
    assert "Shelling hit the main market in Idlib" in page(config, "hostile-page")


def test_yaml_tags_never_run(hostile: tuple[BuildConfig, BuildReport]) -> None:
    assert not PWNED.exists()


def test_wrong_types_are_read_as_text_where_they_can_be(
    hostile: tuple[BuildConfig, BuildReport],
) -> None:
    config, _ = hostile
    text = (config.content_dir / "fm-number-source.md").read_text()
    article = article_from_markdown(text, "x")
    assert article.source == "42" and article.places == ("Aleppo",)
    passwd = article_from_markdown((config.content_dir / "fm-passwd-title.md").read_text(), "x")
    assert passwd.title == "../../etc/passwd" and passwd.raw_file == "fm-passwd-title.md"


def test_every_path_and_slug_is_safe_and_unique(hostile: tuple[BuildConfig, BuildReport]) -> None:
    config, _ = hostile
    site = config.out_dir.resolve()
    for path in site.rglob("*"):
        assert path.resolve().is_relative_to(site)
        assert len(path.name) <= 100 and ".." not in path.relative_to(site).parts
    slugs = [p.stem for p in (config.out_dir / "articles").glob("*.html")]
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) and len(s) <= 89 for s in slugs)
    for expected in ("con-article", "nul-article", "x" * 80):
        assert expected in slugs
    assert len([s for s in slugs if re.fullmatch(r"article-[0-9a-f]{8}", s)]) == 2
    assert len([s for s in slugs if re.fullmatch(r"same-name-[0-9a-f]{8}", s)]) == 2
    for stem in ("con", "y" * 80, "a-b", "unicode-cafe", "what", "my-notes"):
        assert any(re.fullmatch(rf"{stem}-[0-9a-f]{{8}}", s) for s in slugs), stem


def test_a_renamed_hand_written_file_is_offered_as_it_is(
    hostile: tuple[BuildConfig, BuildReport],
) -> None:
    config, _ = hostile
    (copy,) = (config.out_dir / "articles").glob("my-notes-*.md")
    assert copy.read_text() == (config.content_dir / "My Notes.md").read_text()
    assert f'href="../articles/{copy.name}"' in page(config, copy.stem)


def test_links_outside_are_never_read(hostile: tuple[BuildConfig, BuildReport]) -> None:
    config, _ = hostile
    for folder in (config.out_dir, config.content_dir):
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                assert b"SECRET-CONTENT" not in path.read_bytes(), path


def test_a_rebuild_gives_the_same_warnings(
    hostile: tuple[BuildConfig, BuildReport], tmp_path: Path
) -> None:
    config, report = hostile
    again = build(config)  # from the cache: a remembered scan still warns
    assert [str(p) for p in again.problems] == [str(p) for p in report.problems]


def test_strict_fails_the_build(hostile: tuple[BuildConfig, BuildReport]) -> None:
    config, _ = hostile
    with pytest.raises(StrictBuildError) as raised:
        build(replace(config, strict=True))
    assert len(raised.value.report.problems) == 24
    args = ["--raw", str(config.raw_dir), "--content", str(config.content_dir)]
    args += ["--gazetteer", str(config.gazetteer_dir), "--out", str(config.out_dir)]
    result = CliRunner().invoke(main, ["build", *args, "--strict"])
    assert result.exit_code == 1
    assert "huge.txt: is 50.0 MiB, over the 2 MiB limit" in result.output


def test_the_size_limit_is_the_documented_one() -> None:
    readme = (HOSTILE.parent.parent / "README.md").read_text()
    assert MAX_RAW_BYTES == 2 * 1024 * 1024 and "2 MiB" in readme


def input_files(config: BuildConfig) -> dict[str, tuple[str, int]]:
    """Every raw file and hand-written article, by path: a digest of its bytes and its mtime
    (links are listed as links, never followed)."""
    found = {}
    for folder in (config.raw_dir, config.content_dir):
        for path in sorted(folder.rglob("*")):
            if path.is_symlink():
                found[path.as_posix()] = (f"-> {path.readlink()}", 0)
            elif path.is_file() and (folder == config.raw_dir or path.name in HAND_NAMED):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                found[path.as_posix()] = (digest, path.stat().st_mtime_ns)
    return found


def test_no_input_is_modified(tmp_path: Path) -> None:
    """Raw files, links and hand-written articles are as they were, bytes and times, after a
    build and a rebuild of the whole hostile corpus."""
    config = hostile_tree(tmp_path)
    before = input_files(config)
    assert len(before) > 40 and any(v[0].startswith("-> ") for v in before.values())
    build(config)
    build(config)
    assert input_files(config) == before
