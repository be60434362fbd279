"""A real OpenID provider on loopback: npm's ``oidc-provider`` under Node.js, installed
from ``tests/oidc/package-lock.json`` on first use. Without Node.js the tests that need it
skip with a one-line reason, or fail under PCC_CASES_REQUIRE_IDP=1 (as in CI, whose
``.ci/install-node`` installs it).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

import attrs
import httpx
import pytest

HERE = Path(__file__).parent / "oidc"
CLIENT_ID = "pcc-cases"
FORM_ACTION = re.compile(r'<form[^>]*action="([^"]+)"')


def _unavailable(reason: str) -> None:
    if os.environ.get("PCC_CASES_REQUIRE_IDP") == "1":
        pytest.fail(f"{reason} (PCC_CASES_REQUIRE_IDP=1)")
    pytest.skip(reason)


def _installed() -> str:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        _unavailable("no Node.js and npm found: the OpenID provider tests need them")
    assert node is not None and npm is not None
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        done = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=HERE,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            _unavailable(f"npm ci of the OpenID provider failed: {done.stderr.strip()[-300:]}")
    return node


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@attrs.frozen
class Provider:
    issuer: str
    client_secret: str
    redirect_uri: str

    def log_in(self, authorization_url: str, login: str) -> str:
        """Go through the provider's login and consent pages as ``login``, like a browser;
        the address it finally sends the browser back to (the callback, with the code).
        """
        url = authorization_url
        with httpx.Client(follow_redirects=False, timeout=10) as browser:
            for _ in range(12):
                if url.startswith(self.redirect_uri):
                    return url
                page = browser.get(url)
                if page.is_redirect:
                    url = urljoin(url, page.headers["location"])
                    continue
                action = FORM_ACTION.search(page.text)
                assert action, page.text[:500]
                prompt = "consent" if 'value="consent"' in page.text else "login"
                form = {"prompt": prompt, "login": login, "password": "any"}
                sent = browser.post(urljoin(url, action.group(1)), data=form)
                assert sent.is_redirect, sent.text[:500]
                url = urljoin(url, sent.headers["location"])
        raise AssertionError("the provider did not send the browser back")


@contextmanager
def running_provider(redirect_uri: str) -> Iterator[Provider]:
    node = _installed()
    port, secret = _free_port(), "a-client-secret-only-for-tests"
    process = subprocess.Popen(
        [node, "provider.mjs", str(port), redirect_uri, secret],
        cwd=HERE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("ready"):
            _unavailable(f"the OpenID provider did not start: {line.strip()!r}")
        issuer = line.split()[1]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield Provider(issuer, secret, redirect_uri)
    finally:
        process.terminate()
        process.wait(timeout=10)
