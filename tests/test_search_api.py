"""``/api/search`` of ``dossier serve``, over real HTTP on 127.0.0.1: the JSON of
``dossier search --json``, and 400/503 with a JSON error for what it cannot answer."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from test_fulltext import corpus_config

from generator.build import build
from generator.config import BuildConfig
from generator.fulltext import fulltext_dir
from generator.fulltext_results import SearchFilters, results_json
from generator.fulltext_search import search
from generator.serve import SiteState, make_server


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BuildConfig, int]]:
    config = corpus_config(tmp_path_factory.mktemp("api"))
    build(config)
    server = make_server(config, "127.0.0.1", 0, SiteState())
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield config, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def get(port: int, path: str) -> tuple[int, str, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        return response.status, response.getheader("Content-Type", ""), json.loads(body)
    finally:
        connection.close()


def test_answers_what_dossier_search_json_prints(served: tuple[BuildConfig, int]) -> None:
    config, port = served
    params = [("q", "convoy"), ("place", "Syria"), ("from", "2017-01-01"), ("limit", "2")]
    status, content_type, answer = get(port, "/api/search?" + urlencode(params))
    assert status == 200
    assert content_type == "application/json; charset=utf-8"
    filters = SearchFilters(place=("Syria",), date_from="2017-01-01")
    expected = search(fulltext_dir(config.content_dir), "convoy", filters, limit=2)
    assert answer == json.loads(json.dumps(results_json(expected)))
    assert answer["total"] == 3 and len(answer["hits"]) == 2


def test_repeated_filters_and_no_words(served: tuple[BuildConfig, int]) -> None:
    _, port = served
    query = urlencode([("actor", "Syrian Arab Army"), ("place", "Aleppo"), ("place", "Damascus")])
    status, _, answer = get(port, f"/api/search?{query}")
    assert status == 200 and [hit["slug"] for hit in answer["hits"]] == ["army-free"]
    status, _, answer = get(port, "/api/search?q=%22free+syrian+army%22&offset=0")
    assert status == 200 and [hit["path"] for hit in answer["hits"]] == [
        "articles/damascus-talks.html"
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=foo:bar", "no field 'foo'"),
        ("q=convoy~5", "at most 2 letters"),
        ("q=the", "nothing to search for"),
        ("q=" + "x" * 1001, "characters long"),
        ("q=convoy&limit=-3", "whole number"),
        ("q=convoy&limit=many", "whole number"),
        ("q=convoy&from=2017-13-01", "YYYY-MM-DD"),
        ("q=convoy&from=2018-01-01&to=2017-01-01", "after the to date"),
        ("q=convoy&q=aleppo", "given 2 times"),
        ("q=convoy&sort=newest", "unknown parameter 'sort'"),
    ],
)
def test_a_bad_query_or_parameter_is_a_400_with_a_json_error(
    served: tuple[BuildConfig, int], query: str, message: str
) -> None:
    status, content_type, answer = get(served[1], f"/api/search?{query}")
    assert status == 400 and content_type == "application/json; charset=utf-8"
    assert list(answer) == ["error"] and message in answer["error"]


def test_without_an_index_it_says_to_build(tmp_path: Path) -> None:
    config = replace(corpus_config(tmp_path), out_dir=tmp_path)
    server = make_server(config, "127.0.0.1", 0, SiteState())
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        status, _, answer = get(server.server_address[1], "/api/search?q=convoy")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert status == 503 and "run 'dossier build' first" in answer["error"]
