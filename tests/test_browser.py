"""The browser page in a real (headless) chromium, against a real `resograph serve`.

The server starts on an empty store, so it first builds the bundled sample
itself (the path a new user takes with `make run`). Chromium runs with every
host but 127.0.0.1 unresolvable: a page that needed a CDN would break.
Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest

from conftest import REPO, start_server
from resograph.queries import library

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"

if not CHROMIUM.exists():
    message = f"{CHROMIUM} is missing (install it with scripts/ensure-chromium.sh, which `make test` runs)"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)


def chromium(url: str, tmp_path: Path, *, screenshot: Path | None = None) -> str:
    """Load `url`, let its scripts run, and return the resulting DOM (and save a screenshot if asked)."""
    args = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--virtual-time-budget=15000",
        "--window-size=1280,900",
    ]
    args += [f"--screenshot={screenshot}"] if screenshot else ["--dump-dom"]
    result = subprocess.run(args + [url], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


class DevTools:
    """Chromium driven over --remote-debugging-pipe (JSON messages ending in NUL on fds 3 and 4)."""

    def __init__(self, url: str, tmp_path: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # keep the child's ends clear of 3 and 4, which the shell redirection below overwrites
        to_chrome_r, from_chrome_w = (self._high_fd(fd) for fd in (to_chrome_r, from_chrome_w))
        args = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'cdp-profile'}",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--window-size=1280,900",
                "--remote-debugging-pipe", url]
        # chromium reads commands on fd 3 and writes replies on fd 4: let bash (any fd number) put the pipes there
        redirect = f'exec "$0" "$@" 3<&{to_chrome_r} 4>&{from_chrome_w}'
        self.process = subprocess.Popen(["bash", "-c", redirect, *args], pass_fds=(to_chrome_r, from_chrome_w),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        page = next(t for t in self.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]

    @staticmethod
    def _high_fd(fd: int) -> int:
        high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
        os.close(fd)
        return high

    def call(self, method: str, session: str | None = None, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._from_chrome, 1 << 16)
                assert chunk, "chromium closed the debugging pipe"
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._next_id:
                assert "error" not in reply, reply["error"]
                return reply["result"]

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", session=self.session, expression=expression,
                           awaitPromise=True, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def wait_for(self, expression: str, seconds: float = 60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {expression}")

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", session=self.session)["data"]))

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("browser")
    server = start_server(home / "store", "--workers", "2", log_dir=home, env={"RESOGRAPH_HOME": str(home)}, wait=300)
    yield server
    server.stop()


def test_serve_builds_the_sample_when_there_is_no_store(sample_server):
    assert "building the bundled sample first" in sample_server.log()
    answer = httpx.get(sample_server.url("/sparql"), params={"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }"})
    graphs = int(answer.json()["results"]["bindings"][0]["n"]["value"])
    assert graphs >= 5  # one named graph per sample document, at least


def test_query_page_runs_a_query_and_shows_the_results_table(sample_server, tmp_path):
    query = "SELECT ?document WHERE { ?document a <https://w3id.org/resograph/ontology#Resolution> } ORDER BY ?document"
    expected = [s["document"].value for s in ox.parse_query_results(
        httpx.get(sample_server.url("/sparql"), params={"query": query}).content, ox.QueryResultsFormat.JSON)]
    assert expected
    page = sample_server.url("/?query=" + quote(query))
    dom = chromium(page, tmp_path)
    table = re.search(r"<table[^>]*dataTable.*?</table>", dom, re.S)
    assert table, "no results table in the page"
    assert [iri for iri in expected if iri in table.group(0)] == expected
    assert f"{len(expected)} results" in dom
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "query-page.png"
    shot.unlink(missing_ok=True)
    chromium(page, tmp_path, screenshot=shot)
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one


def test_query_page_offers_the_query_library_as_examples(sample_server, tmp_path):
    dom = chromium(sample_server.url("/"), tmp_path)
    examples = library()
    buttons = re.findall(r'<button type="button" class="example" data-name="([^"]+)">', dom)
    assert buttons == [e.name for e in examples]
    if not examples:
        assert "No library queries are installed yet." in dom
    assert 'class="yasqe' in dom  # the editor was built by the vendored YASGUI


def test_clicking_an_example_runs_it_and_shows_its_rows(sample_server, tmp_path):
    examples = library()
    if not examples:
        pytest.skip("the query library (queries/*.rq) is empty: no example to click")
    timings = {}
    for example in examples:  # click a quick one (library queries can take seconds): the first under 1 s, else the quickest
        started = time.monotonic()
        response = httpx.post(sample_server.url("/sparql"), data={"query": example.text}, timeout=60)
        if response.status_code == 200 and "sparql-results+json" in response.headers["content-type"]:
            timings[example.name] = (time.monotonic() - started, response.json())
            if timings[example.name][0] < 1:
                break
    assert timings, "no library query answers SPARQL JSON results"
    name = min(timings, key=lambda n: timings[n][0])
    expected_rows = len(timings[name][1]["results"]["bindings"])
    browser = DevTools(sample_server.url("/"), tmp_path)
    try:
        browser.wait_for("typeof window.resographYasgui === 'object'")
        browser.evaluate(f"document.querySelector('button.example[data-name={json.dumps(name)}]').click()")
        shown = browser.wait_for("(document.querySelector('.yasr_response_chip') || {}).textContent")
        assert shown.startswith(f"{expected_rows} result"), shown
        rows = browser.evaluate("document.querySelectorAll('.yasr table.dataTable tbody tr').length")
        assert rows == min(expected_rows, 50) or (expected_rows == 0 and rows == 1)  # 50 rows a page; "no data" row
        editor = browser.evaluate("window.resographYasgui.getTab().getQuery()")
        assert editor == next(e.text for e in examples if e.name == name)
        ARTIFACTS.mkdir(exist_ok=True)
        browser.screenshot(ARTIFACTS / "example-query.png")
    finally:
        browser.close()


def test_a_clause_page_shows_its_highlighted_paragraph(sample_server, tmp_path):
    """72/149 para 13 (`Urges Governments to enhance ..., as well as to strengthen ...`), as a person sees it."""
    path = "/akn/un/statement/resolution/un-ga/2017-12-19/72-149/!main~para_13__clause_1"
    dom = chromium(sample_server.url(path), tmp_path)
    assert re.search(r'<mark[^>]*data-kind="verb"[^>]*>Urges</mark>', dom), "the verb is not highlighted"
    assert re.search(r'<mark[^>]*data-kind="actor"[^>]*>Governments</mark>', dom), "the actor is not highlighted"
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "resource-page.png"
    shot.unlink(missing_ok=True)
    chromium(sample_server.url(path), tmp_path, screenshot=shot)
    assert shot.stat().st_size > 10_000
