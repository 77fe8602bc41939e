"""Serve the built site on localhost, rebuild when content changes, reload the browser."""

from __future__ import annotations

import functools
import io
import json
import threading
import traceback
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import parse_qs, urlsplit

from generator.build import StrictBuildError, build
from generator.config import BuildConfig
from generator.csp import header_policy
from generator.errors import DossierError, InputError
from generator.fulltext import fulltext_dir
from generator.fulltext_results import request_from_params, results_json
from generator.fulltext_search import search

RELOAD_PREFIX = "/__dossier__/"
SEARCH_API = "/api/search"
RELOAD_TAG = b'<script src="/__dossier__/reload.js"></script>'
RELOAD_SCRIPT = b"""(function () {
  var seen = null;
  function poll() {
    var s = document.createElement("script");
    s.src = "/__dossier__/version.js?" + Date.now();
    s.onload = function () {
      if (seen !== null && window.__dossierVersion !== seen) { location.reload(); return; }
      seen = window.__dossierVersion; s.remove(); setTimeout(poll, 1000);
    };
    s.onerror = function () { s.remove(); setTimeout(poll, 2000); };
    document.head.appendChild(s);
  }
  poll();
})();
"""
POLL_SECONDS = 1.0
Snapshot = dict[str, tuple[int, int]]


class SiteState:
    """The build version the browsers poll, bumped after every successful rebuild."""

    def __init__(self) -> None:
        self.version = 1
        self.lock = threading.Lock()

    def bump(self) -> None:
        with self.lock:
            self.version += 1


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files from the site folder only, the live-reload script and the search API."""

    state: SiteState
    site_root: Path
    index_dir: Path

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # the terminal shows rebuilds, not every request

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path.startswith(RELOAD_PREFIX):
            self._reload_endpoint()
        elif urlsplit(self.path).path == SEARCH_API:
            self._search_endpoint()
        else:
            super().do_GET()  # through send_head, as HEAD goes

    def send_head(self) -> BinaryIO | None:
        """Headers of a file inside the site (an HTML page with the reload script, a folder
        asked for with a final slash its index.html); anything else is not found, folders
        are never listed. Returns the body to send."""
        asked = Path(self.translate_path(self.path))
        if urlsplit(self.path).path.endswith("/"):
            asked = asked / "index.html"
        target = site_file(asked, self.site_root)
        if target is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        if target.suffix != ".html":
            return super().send_head()
        html = target.read_bytes().replace(b"</body>", RELOAD_TAG + b"</body>", 1)
        self._send_headers(len(html), "text/html; charset=utf-8")
        return io.BytesIO(html)

    def end_headers(self) -> None:
        """Every response, errors included, carries the site's policy."""
        self.send_header("Content-Security-Policy", header_policy())
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def _reload_endpoint(self) -> None:
        name = self.path[len(RELOAD_PREFIX) :].split("?", 1)[0]
        if name == "reload.js":
            body = RELOAD_SCRIPT
        elif name == "version.js":
            body = f"window.__dossierVersion = {self.state.version};".encode()
        else:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self._send(body, "text/javascript; charset=utf-8")

    def _search_endpoint(self) -> None:
        """``dossier search --json`` over HTTP; a bad query or parameter is a 400 and a
        missing index a 503, each with ``{"error": message}``."""
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        try:
            asked = request_from_params(params)
            found = search(self.index_dir, asked.text, asked.filters, asked.limit, asked.offset)
            status, answer = HTTPStatus.OK, results_json(found)
        except InputError as exc:
            status, answer = HTTPStatus.BAD_REQUEST, {"error": str(exc)}
        except DossierError as exc:
            status, answer = HTTPStatus.SERVICE_UNAVAILABLE, {"error": str(exc)}
        except Exception as exc:  # a Whoosh failure: answer it, and show it in the terminal
            traceback.print_exc()
            status = HTTPStatus.INTERNAL_SERVER_ERROR
            answer = {"error": f"the search failed ({type(exc).__name__})"}
        body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        self._send(body, "application/json; charset=utf-8", status)

    def _send(self, body: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self._send_headers(len(body), content_type, status)
        self.wfile.write(body)

    def _send_headers(
        self, length: int, content_type: str, status: HTTPStatus = HTTPStatus.OK
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()


def site_file(target: Path, root: Path) -> Path | None:
    """``target`` when it is a file whose real path is inside ``root``; otherwise None (a
    folder, a missing file, a link out of the site, a name the system refuses)."""
    try:
        real = target.resolve(strict=True)
        return target if real.is_relative_to(root.resolve()) and real.is_file() else None
    except (OSError, ValueError):  # ValueError: a NUL byte or an unencodable name
        return None


def watched_paths(config: BuildConfig) -> tuple[Path, ...]:
    about = config.content_dir.parent / "about.md"
    return (config.raw_dir, config.content_dir, config.gazetteer_dir, about, config.templates_dir)


def snapshot(paths: tuple[Path, ...]) -> Snapshot:
    """Modification time and size of every file under ``paths``."""
    seen: Snapshot = {}
    for root in paths:
        files = [root] if root.is_file() else (root.rglob("*") if root.is_dir() else [])
        for path in files:
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file() and not path.name.startswith("."):
                seen[path.as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return seen


def watch_inputs(
    config: BuildConfig, state: SiteState, on_event: Callable[[str], None], stop: threading.Event
) -> None:
    """Poll the inputs; rebuild after a change and bump the version browsers poll."""
    paths = watched_paths(config)
    before = snapshot(paths)
    while not stop.wait(POLL_SECONDS):
        now = snapshot(paths)
        if now == before:
            continue
        on_event("change detected, rebuilding…")
        rebuild(config, state, on_event)
        before = after_build(now, snapshot(paths), config.content_dir)


def after_build(before_build: Snapshot, after: Snapshot, content_dir: Path) -> Snapshot:
    """The state to compare with next: the build's own markdown writes are not a change,
    but an input edited while the build ran is, so only the markdown files take the new state.
    """
    content = content_dir.as_posix().rstrip("/") + "/"
    kept = {path: seen for path, seen in before_build.items() if not path.startswith(content)}
    return kept | {path: seen for path, seen in after.items() if path.startswith(content)}


def rebuild(config: BuildConfig, state: SiteState, on_event: Callable[[str], None]) -> None:
    try:
        report = build(config)
    except StrictBuildError as exc:
        report = exc.report
    except DossierError as exc:
        on_event(f"build failed, still serving the previous site: {exc}")
        return
    for problem in report.problems:
        on_event(str(problem))
    on_event(report.summary)
    state.bump()


def make_server(config: BuildConfig, host: str, port: int, state: SiteState) -> ThreadingHTTPServer:
    bound = {
        "state": state,
        "site_root": config.out_dir.resolve(),
        "index_dir": fulltext_dir(config.content_dir),
    }
    handler = type("BoundSiteHandler", (SiteHandler,), bound)
    factory = functools.partial(handler, directory=str(bound["site_root"]))
    return ThreadingHTTPServer((host, port), factory)


def serve(
    config: BuildConfig,
    host: str = "127.0.0.1",
    port: int = 8000,
    build_first: bool = True,
    watch: bool = True,
    on_event: Callable[[str], None] = print,
) -> None:
    """Serve until interrupted; builds first unless told not to."""
    state = SiteState()
    if build_first:
        rebuild(config, state, on_event)
    if not config.out_dir.is_dir():
        raise DossierError(f"no site at {config.out_dir}: run 'dossier build' first")
    server = make_server(config, host, port, state)
    stop = threading.Event()
    if watch:
        watcher = threading.Thread(
            target=watch_inputs, args=(config, state, on_event, stop), daemon=True
        )
        watcher.start()
    bound_host, bound_port = server.server_address[:2]
    on_event(f"Serving {config.out_dir} at http://{bound_host}:{bound_port}/index.html")
    try:
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        on_event("stopped")
    finally:
        stop.set()
        server.server_close()
