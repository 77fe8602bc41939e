"""What a page in Chromium asked for and what went wrong on it, policy violations included."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import ConsoleMessage, Page, Request

VIOLATION_PREFIX = "csp violation: "
# Runs before the page's own scripts (Playwright's init scripts are not subject to the page's
# policy) and reports every Content-Security-Policy violation through a binding, so it is
# recorded whatever page the tab is on by then.
_LISTENER = """document.addEventListener("securitypolicyviolation", (event) => {
  const target = event.target && event.target.id ? "#" + event.target.id : "";
  window.__dossierViolation(`${event.effectiveDirective} ${event.blockedURI} ${target}`.trim());
});"""


def report_violations(page: Page, record: Callable[[str], None]) -> None:
    """Call ``record("csp violation: <directive> <blocked> [#id]")`` for each violation."""
    page.expose_function("__dossierViolation", lambda text: record(VIOLATION_PREFIX + text))
    page.add_init_script(_LISTENER)


@dataclass
class Watch:
    """Everything a page asked for, and every console error, uncaught exception and policy
    violation."""

    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", self._failed)
        page.on("pageerror", lambda error: self.problems.append(f"pageerror: {error}"))
        page.on("console", self._console)
        report_violations(page, self.problems.append)

    def _failed(self, request: Request) -> None:
        # A request cut short because the test navigated on is no failure of the site.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed: {request.url} {request.failure}")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def offsite(self) -> list[str]:
        """Requests for anything but a local file (file:///…, no host)."""
        return [url for url in self.requests if not url.startswith("file:///")]

    def violations(self) -> list[str]:
        return [
            p.removeprefix(VIOLATION_PREFIX)
            for p in self.problems
            if p.startswith(VIOLATION_PREFIX)
        ]
