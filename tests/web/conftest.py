"""A store for the web tests: our examples plus an article full of script payloads,
both coded by the real pipeline; a TestClient, a live server and a headless Chromium."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dyads.config import load_options
from dyads.runner import code_paths

from ..conftest import EXAMPLES, REPO


def pytest_configure(config) -> None:
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]  # fmt: skip
ARTIFACTS = REPO / "test-artifacts" / "web"
XSS_ID = "xss-probe"
XSS_TITLE = (
    "Probe <script>window.__xss='title'</script> \"><img src=x onerror=\"window.__xss='t'\">"
)
XSS_TEXT = (
    'Russia accused Ukraine of shelling the border town "><img src=x '
    "onerror=\"window.__xss='attr';alert(3)\">. <script>window.__xss='script';alert(4)</script> "
    "Officials in Kyiv denied the claim.\n\n"
    "Moscow threatened to retaliate against Kyiv <svg onload=\"window.__xss='svg'\">."
)


def write_probe(folder: Path) -> Path:
    """An article whose title, source, URL and text carry HTML and script payloads."""
    record = {
        "id": XSS_ID, "title": XSS_TITLE, "date": "2025-03-10", "text": XSS_TEXT,
        "source": "<b onmouseover=alert(1)>Probe Wire</b>", "url": "javascript:alert(1)",
    }  # fmt: skip
    path = folder / "probe.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("web")
    db = folder / "web.duckdb"
    inputs = folder / "inputs"
    shutil.copytree(EXAMPLES, inputs)
    write_probe(inputs)
    code_paths([str(inputs)], load_options(), db=str(db))
    return str(db)


@pytest.fixture(scope="session")
def app(web_db):
    from dyads.web import create_app

    app = create_app(web_db)
    app.state.limits.burst = 100_000
    app.state.limits.rate = 100_000.0
    return app


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="session")
def some_event(client) -> dict:
    """An event with source and target, from the examples (not the probe)."""
    rows = client.get("/api/events", params={"limit": 1000}).json()["events"]
    return next(r for r in rows if r["source_code"] and r["target_code"] and r["doc_id"] != XSS_ID)


def live(app) -> Iterator[str]:
    """``app`` on 127.0.0.1 at a free port, in a thread, with the uvicorn settings
    `dyads serve` uses (``server_options``)."""
    import uvicorn

    from dyads.web.app import server_options

    server = uvicorn.Server(uvicorn.Config(app, **server_options("127.0.0.1", 0)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    if not server.started:
        pytest.fail("uvicorn did not start within 10 s")
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def server(app) -> Iterator[str]:
    """The app on 127.0.0.1 at a free port, in a thread."""
    yield from live(app)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not CHROMIUM.is_file():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install -y chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield context
        context.close()


@pytest.fixture()
def page(browser, server):
    """A fresh tab that records dialogs, console errors and page errors."""
    tab = browser.new_page()
    tab.problems = []  # type: ignore[attr-defined]
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on("pageerror", lambda e: tab.problems.append(f"pageerror: {e}"))
    tab.on(
        "console",
        lambda m: tab.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    tab.base = server  # type: ignore[attr-defined]
    yield tab
    tab.close()


def shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
