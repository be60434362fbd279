"""A real server on loopback (uvicorn in a thread, the same app the helpers drive) and
the system's Chromium under Playwright; the project never downloads a browser.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import Engine

from pcc_cases.adapters.engine import make_engine
from tests.browser import FLAGS, require_chromium
from tests.server.helpers import Server


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[f for f in FLAGS if f != "--headless"],
            headless=True,
        )
        yield browser
        browser.close()


@pytest.fixture
def web_engine(template_database: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "web.db"
    shutil.copyfile(template_database, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def live(web_engine: Engine) -> Iterator[tuple[Server, str]]:
    """The helpers' server, also served on loopback: (helpers, base address)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with Server.start(web_engine, base_url=base) as server:
        config = uvicorn.Config(
            server.client.app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
        )
        running = uvicorn.Server(config)
        thread = threading.Thread(target=running.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not running.started and time.monotonic() < deadline:
            time.sleep(0.02)
        yield server, base
        running.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def browser_page(chromium_browser: Any, live: tuple[Server, str]) -> Iterator[Any]:
    context = chromium_browser.new_context(
        base_url=live[1], bypass_csp=True, locale="nl-NL", accept_downloads=True
    )
    page = context.new_page()
    yield page
    context.close()
