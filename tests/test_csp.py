"""Every built page carries the site's Content-Security-Policy first in its head, and needs
nothing it refuses: no inline script, handler, ``javascript:`` URL or inline style."""

from __future__ import annotations

from html.parser import HTMLParser

from generator.build import BuildReport
from generator.config import BuildConfig
from generator.csp import header_policy, page_policy


class PageScan(HTMLParser):
    """The policies a page declares and what in it a strict policy would refuse."""

    def __init__(self) -> None:
        super().__init__()
        self.policies: list[str] = []
        self.before_policy: list[str] = []  # elements that load something, ahead of it
        self.refused: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(values.get("content") or "")
        elif tag in ("script", "link", "style", "img") and not self.policies:
            self.before_policy.append(tag)
        if tag == "style":
            self.refused.append("<style>")
        if tag == "script" and not values.get("src"):
            self._in_script = True
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.refused.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.refused.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.refused.append("inline <script>")


def test_the_policy_is_strict() -> None:
    policy = page_policy()
    for needed in ("default-src 'none'", "script-src 'self' file:", "object-src 'none'"):
        assert needed in policy
    assert "unsafe" not in policy and "frame-ancestors" not in policy  # a meta ignores it
    assert header_policy() == f"{policy}; frame-ancestors 'none'"


def test_every_page_declares_it_first_and_needs_nothing_it_refuses(
    fixture_build: tuple[BuildConfig, BuildReport],
) -> None:
    pages = sorted(fixture_build[0].out_dir.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        scan = PageScan()
        scan.feed(page.read_text("utf-8"))
        assert scan.policies == [page_policy()], page
        assert scan.before_policy == [], page
        assert scan.refused == [], page
