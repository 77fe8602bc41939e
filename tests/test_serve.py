"""`python -m generator serve` as a real process: what it serves, refuses and reloads."""

from __future__ import annotations

import contextlib
import html
import http.client
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest
from conftest import copy_fixture
from pagewatch import report_violations
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Response,
    expect,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from generator.config import BuildConfig

START_SECONDS = 60  # a build happens before the "Serving" line
RELOAD_SECONDS = 20
SERVING = re.compile(r"^Serving (?P<out>.+) at http://(?P<host>[\d.]+):(?P<port>\d+)/index\.html$")
RELOAD_TAG = b'<script src="/__dossier__/reload.js"></script>'


@dataclass
class Server:
    """A ``serve`` subprocess on a copy of the fixture corpus, and what it wrote to stderr."""

    process: subprocess.Popen[str]
    config: BuildConfig
    reader: threading.Thread
    fresh: queue.Queue[str]  # stderr lines not yet looked at by wait_ready
    lines: list[str] = field(default_factory=list)
    host: str = ""
    port: int = 0

    @classmethod
    def launch(cls, target: Path) -> Server:
        """Start serving a copy of the fixture corpus made in ``target``; do not wait."""
        config = copy_fixture(target)
        command = [sys.executable, "-m", "generator", "serve", "--port", "0"]
        command += ["--raw", str(config.raw_dir), "--content", str(config.content_dir)]
        command += ["--gazetteer", str(config.gazetteer_dir), "--out", str(config.out_dir)]
        process = subprocess.Popen(
            command,
            cwd=target,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        server = cls(process, config, threading.Thread(daemon=True), queue.Queue())
        server.reader = threading.Thread(target=server._read, daemon=True)
        server.reader.start()
        return server

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))
            self.fresh.put(line.rstrip("\n"))

    def wait_ready(self) -> None:
        """Wait for the "Serving … at http://HOST:PORT/index.html" line."""
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                line = self.fresh.get(timeout=0.2)
            except queue.Empty:
                assert self.process.poll() is None, f"serve exited: {self.lines}"
                continue
            if match := SERVING.match(line):
                assert Path(match["out"]) == self.config.out_dir
                self.host, self.port = match["host"], int(match["port"])
                return
        pytest.fail(f"no 'Serving' line within {START_SECONDS}s: {self.lines}")

    def stop(self) -> None:
        """End the process, then let the reader reach the end of stderr and close it."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.reader.join(timeout=10)
        if self.process.stderr is not None:
            self.process.stderr.close()

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def get(self, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        """GET ``path`` exactly as written (no client-side normalisation of dots)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            connection.request(method, path)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def saw(self, pattern: str) -> bool:
        return any(re.search(pattern, line) for line in list(self.lines))

    def rebuilds(self) -> int:
        return sum("change detected" in line for line in list(self.lines))


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    """Three servers started side by side: "read" for tests that only read, "edit" for the
    reload tests, "fresh" for an origin no browser has visited yet."""
    started: dict[str, Server] = {}
    try:
        for name in ("read", "edit", "fresh"):
            started[name] = Server.launch(tmp_path_factory.mktemp(name))
        for server in started.values():
            server.wait_ready()
        yield started
    finally:
        for server in started.values():
            server.stop()


@pytest.fixture
def server(servers: dict[str, Server]) -> Server:
    return servers["read"]


# ---- HTTP ----------------------------------------------------------------------------------


def test_index_is_served_with_the_live_reload_script(server: Server) -> None:
    """index.html is the built file with one reload script before </body>, never cached."""
    status, headers, body = server.get("/index.html")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert headers["Cache-Control"] == "no-store"
    on_disk = (server.config.out_dir / "index.html").read_bytes()
    assert RELOAD_TAG not in on_disk  # the built site itself has no server script
    assert body == on_disk.replace(b"</body>", RELOAD_TAG + b"</body>", 1)
    assert body.count(RELOAD_TAG) == 1

    status, headers, script = server.get("/__dossier__/reload.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert b"location.reload()" in script
    status, _, version = server.get("/__dossier__/version.js?123")
    assert status == 200 and re.fullmatch(rb"window\.__dossierVersion = \d+;", version)


def test_assets_are_served_as_they_are(server: Server) -> None:
    """Non-HTML files come back byte for byte (the control for the refusals below)."""
    for path in ("assets/search.js", "search/manifest.js", "assets/style.css"):
        status, _, body = server.get(f"/{path}")
        assert status == 200, path
        assert body == (server.config.out_dir / path).read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/" + "../" * 20 + "etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/assets/../../content/about.md",
        "/%2e%2e/content/about.md",
        "/..%2fcontent%2fabout.md",
        "/%2e%2e/content/raw/army-hajin.txt",
        "/%252e%252e/%252e%252e/content/about.md",  # double-encoded
        "/..%252fcontent%252fabout.md",
        "/..\\content\\about.md",  # backslashes
        "/..%5ccontent%5cabout.md",
        "/assets/..%5c..%5ccontent%5cabout.md",
        "//etc/passwd",  # absolute paths
        "/etc/passwd",
        "http://127.0.0.1/../content/about.md",
        "/index.html%00.txt",  # NUL bytes
        "/%00/../content/about.md",
        "/assets/style.css%00",
        "/%ff%fe%2e%2e/content/about.md",  # not UTF-8
    ],
)
def test_paths_outside_the_site_are_not_found(server: Server, path: str) -> None:
    """Dots, encoded or not, backslashes, absolute paths and NUL bytes never climb out of
    the site folder (content/ is its sibling); HEAD is refused as GET is."""
    assert (server.config.out_dir.parent / "content" / "about.md").is_file()
    assert server.get(path, "HEAD")[0] == 404
    status, _, body = server.get(path)
    assert status == 404
    assert b"root:" not in body and b"About the fixture corpus" not in body
    assert b"Levant Daily Monitor" not in body


def test_symlinks_out_of_the_site_are_not_found(server: Server) -> None:
    """A file or folder linked from inside the site to outside it is not served."""
    outside = server.config.out_dir.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("SECRET-OUTSIDE", "utf-8")
    (outside / "secret.html").write_text("<p>SECRET-OUTSIDE</p></body>", "utf-8")
    site = server.config.out_dir
    (site / "inside.txt").write_text("INSIDE", "utf-8")
    (site / "leak.txt").symlink_to(outside / "secret.txt")
    (site / "leak.html").symlink_to(outside / "secret.html")
    (site / "leakdir").symlink_to(outside, target_is_directory=True)
    (site / "passwd").symlink_to("/etc/passwd")

    assert server.get("/inside.txt")[::2] == (200, b"INSIDE")
    for path in ("/leak.txt", "/leak.html", "/leakdir/secret.txt", "/leakdir/", "/passwd"):
        status, _, body = server.get(path)
        assert status == 404, path
        assert b"SECRET-OUTSIDE" not in body and b"root:" not in body, path
        assert server.get(path, "HEAD")[0] == 404, path  # not even its size or date
    assert (site / "leak.txt").is_symlink()  # still there: the 404s were not a rebuild's doing


def test_folders_are_never_listed(server: Server) -> None:
    """A folder is its index.html when it has one (the root), else not found: no listing."""
    status, _, body = server.get("/")
    assert status == 200 and body.startswith(b"<!doctype html>") and RELOAD_TAG in body
    for path in ("/articles/", "/assets/", "/search/", "/assets", "/index.html/"):
        status, _, body = server.get(path)
        assert status == 404, path
        assert b"Directory listing" not in body, path


def test_every_response_carries_the_policy(server: Server) -> None:
    """Pages, assets, the reload script, the search API and errors all send the page policy
    (the one in every page's meta) with frame-ancestors, which a meta cannot hold."""
    meta = re.search(
        rb'<meta http-equiv="Content-Security-Policy" content="([^"]+)">',
        (server.config.out_dir / "index.html").read_bytes(),
    )
    assert meta is not None
    in_page = html.unescape(meta[1].decode())
    assert "'unsafe-inline'" not in in_page and "'unsafe-eval'" not in in_page
    assert "script-src 'self' file:" in in_page and "frame-ancestors" not in in_page
    for path in (
        "/index.html",
        "/assets/style.css",
        "/__dossier__/reload.js",
        "/api/search?q=convoy",
        "/api/search?q=NOT+NOT+convoy",
        "/nothing-here.html",
    ):
        _, headers, _ = server.get(path)
        assert headers["Content-Security-Policy"] == f"{in_page}; frame-ancestors 'none'", path
        assert headers["X-Content-Type-Options"] == "nosniff", path


# Distinct wildcards (Whoosh merges equal ones), each standing for most of the words.
WILDCARDS = " ".join("?" * i + "*" + "?" * (n - i) for n in range(8) for i in range(n + 1))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("convoy " * 5000, "characters long"),  # very long
        (WILDCARDS, "stands for more than"),  # wildcards standing for too many words
        ("(" * 1000, "nothing to search for"),  # deeply nested, unbalanced
        ("NOT " * 248 + "convoy", "cannot be read"),  # Whoosh's parser raised IndexError
        ("convoy~9", "at most 2 letters"),
    ],
)
def test_search_api_refuses_unbounded_work(server: Server, query: str, message: str) -> None:
    """Each is answered 400 with a JSON error (the client gives up after 10 s), and the server
    goes on serving."""
    status, headers, body = server.get("/api/search?" + urlencode({"q": query}))
    assert status == 400 and headers["Content-Type"].startswith("application/json")
    assert message in json.loads(body)["error"]
    assert server.get("/index.html")[0] == 200


def test_search_api_answers_deeply_nested_queries(server: Server) -> None:
    """Parentheses nested as deep as 1,000 characters allow change nothing of the answer."""
    nested = "(" * 496 + "convoy" + ")" * 496
    answers = [server.get("/api/search?" + urlencode({"q": q})) for q in (nested, "convoy")]
    assert [status for status, _, _ in answers] == [200, 200]
    hits = [[hit["slug"] for hit in json.loads(body)["hits"]] for _, _, body in answers]
    assert hits[0] == hits[1] and hits[0]


def test_search_api_refuses_thousands_of_filter_values(server: Server) -> None:
    """2,000 ticked places nested too deep for Whoosh; over 100 are refused."""
    status, _, body = server.get("/api/search?" + urlencode([("place", "Aleppo")] * 2000))
    assert status == 400 and "the most is 100" in json.loads(body)["error"]
    status, _, body = server.get("/api/search?" + urlencode([("place", "Aleppo")] * 100))
    assert status == 200 and json.loads(body)["total"] >= 1


def _listening_addresses(port: int) -> list[str]:
    """Local addresses of sockets listening on ``port``, from /proc/net/tcp and tcp6."""
    found = []
    for name in ("tcp", "tcp6"):
        table = Path("/proc/net") / name
        if not table.is_file():
            continue
        for row in table.read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
                found.append(address)
    return found


def test_binds_to_loopback_only(server: Server) -> None:
    """It listens on 127.0.0.1 alone: another loopback address is refused."""
    assert server.host == "127.0.0.1"
    if Path("/proc/net/tcp").is_file():
        assert _listening_addresses(server.port) == ["0100007F"]  # 127.0.0.1, little-endian
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.2", server.port), timeout=5).close()
    socket.create_connection(("127.0.0.1", server.port), timeout=5).close()


# ---- in the browser ------------------------------------------------------------------------


FAVICON = "/favicon.ico"


@dataclass
class Visit:
    """A fresh page that records its requests, failed responses, console errors and policy
    violations (the header's and the page's: the reload script must pass both)."""

    context: BrowserContext
    page: Page
    requests: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (url, what went wrong)

    @classmethod
    def open(cls, browser: Browser) -> Visit:
        context = browser.new_context()
        visit = cls(context, context.new_page())
        visit.page.on("request", lambda request: visit.requests.append(request.url))
        visit.page.on("response", visit._response)
        visit.page.on("pageerror", lambda error: visit.problems.append(("", str(error))))
        visit.page.on("console", visit._console)
        report_violations(visit.page, lambda text: visit.problems.append(("", text)))
        return visit

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append((response.url, f"HTTP {response.status}"))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append((message.location.get("url", ""), message.text))


@pytest.mark.browser
def test_search_through_the_server(server: Server, browser: Browser) -> None:
    """search.html?q=convoy over HTTP ranks the article with convoy in its title first."""
    visit = Visit.open(browser)
    page, requests = visit.page, visit.requests
    try:
        page.goto(f"{server.base}/search.html?q=convoy")
        results = page.locator("#search-results a.result-title")
        expect(results).to_have_count(2)
        expect(results.first).to_have_text("Aid Convoy Reaches Aleppo")
        expect(results.first).to_have_attribute("href", "articles/aleppo-page.html")
        expect(results.nth(1)).to_have_attribute("href", "articles/army-hajin.html")
        results.first.click()
        expect(page.locator("h1")).to_have_text("Aid Convoy Reaches Aleppo")
        assert requests and all(url.startswith(f"{server.base}/") for url in requests), requests
        assert any("/__dossier__/version.js" in url for url in requests)
        assert visit.problems == []
    finally:
        visit.context.close()


def _wait_for_polls(page: Page, requests: list[str], count: int) -> None:
    """Wait until the page has asked for the build version ``count`` times since loading."""
    deadline = time.monotonic() + 10
    while sum("/__dossier__/version.js" in url for url in requests) < count:
        assert time.monotonic() < deadline, requests
        page.wait_for_timeout(100)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("page_path", "edited", "addition"),
    [
        (
            "articles/daraa-note.html",
            "content/raw/daraa-note.md",
            "\nA zephyrine courier reached the old city at dusk with the signed text.\n",
        ),
        (
            "about.html",
            "content/about.md",
            "\nThe zephyrine appendix lists every correction the editors made.\n",
        ),
    ],
)
def test_open_page_reloads_after_an_edit(
    servers: dict[str, Server],
    browser: Browser,
    page_path: str,
    edited: str,
    addition: str,
) -> None:
    """Appending a paragraph to an input rebuilds the site and the open page reloads itself."""
    server = servers["edit"]
    visit = Visit.open(browser)
    page, requests = visit.page, visit.requests
    try:
        page.goto(f"{server.base}/{page_path}")
        body = page.locator("main")
        expect(body).not_to_contain_text("zephyrine")
        _wait_for_polls(page, requests, 2)  # the script has seen the current version
        page.evaluate("window.__beforeEdit = true")

        rebuilds = server.rebuilds()
        with (server.config.out_dir.parent / edited).open("a", encoding="utf-8") as file:
            file.write(addition)
        started = time.monotonic()
        expect(body).to_contain_text(addition.strip(), timeout=RELOAD_SECONDS * 1000)
        assert time.monotonic() - started <= RELOAD_SECONDS
        assert page.evaluate("window.__beforeEdit === undefined")
        assert server.rebuilds() > rebuilds
        assert server.saw(r"^\d+ articles, .* warnings in")
        assert visit.problems == []
    finally:
        visit.context.close()


@pytest.mark.browser
def test_served_page_asks_for_nothing_outside_its_files(
    servers: dict[str, Server], browser: Browser
) -> None:
    """A served page names every resource it needs, the icon included."""
    server = servers["fresh"]  # Chromium remembers an origin's missing icon
    visit = Visit.open(browser)
    try:
        visit.page.goto(f"{server.base}/index.html")
        with contextlib.suppress(PlaywrightTimeoutError):  # browsers ask after loading
            visit.page.wait_for_event(
                "console", lambda m: FAVICON in m.location.get("url", ""), timeout=5_000
            )
        assert visit.problems == []
    finally:
        visit.context.close()
