"""The server under load: the demo school year on PostgreSQL, ``pcc-cases serve`` in its own
process, and N concurrent clients with a director's API token in this one, on loopback.

Usage: python bench/server.py [--seconds 5] [--clients 1,10,50] [--only "case page,overview"]

For each of a case read, a page of the case list, recording an incident, the case page
and the overview page (as HTML, the same token), at each
number of clients: p50 and p95 latency and the throughput over a fixed time (each client
sends its next request when the last is answered). The floor is the same read and list
through the library in-process on the same database, one at a time. Targets (issue 15):
p95 under 150 ms for reads at 50 clients; at least 100 incidents recorded per second.

Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust), as the tests do.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pendulum
import psycopg
from sqlalchemy import select, text

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.server import accounts
from pcc_cases.server.config import ServerSettings
from pcc_cases.services.queries import list_cases, show_case

ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
EXE = str(Path(sys.executable).parent / "pcc-cases")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def cast(url: str) -> dict[str, Any]:
    """Who acts, on what: a director, a case of theirs, a student of their location."""
    engine = make_engine(url)
    with engine.connect() as conn:
        people = conn.execute(select(t.people.c.id, t.people.c.location, t.people.c.roles)).all()
        director, location = next(
            (p.id, p.location) for p in people if "vestigingsdirecteur" in {str(r) for r in p.roles}
        )
        cvb = next(p.id for p in people if "cvb" in {str(r) for r in p.roles})
        student = next(
            p.id
            for p in conn.execute(
                text("SELECT id FROM pcc_people WHERE kind = 'student' AND location = :l"),
                {"l": location},
            )
        )
    with UnitOfWork(engine) as uow:
        number = next(c.number for c in list_cases(uow, director) if c.number)
    with UnitOfWork(engine, write=True) as uow:
        expires = pendulum.now("UTC").add(days=2).date()
        token, _row = accounts.create_token(uow, ServerSettings(), cvb, director, "bench", expires)
    engine.dispose()
    return {"director": director, "location": location, "student": student,
            "number": number, "token": token}  # fmt: skip


def floor(url: str, who: str, number: str, repeat: int = 200) -> dict[str, float]:
    """The same read and list page through the library in-process: median ms."""
    engine = make_engine(url)
    timings: dict[str, list[float]] = {"case read": [], "list page": []}
    for _ in range(repeat):
        for name, work in (
            ("case read", lambda uow: show_case(uow, who, number)),
            ("list page", lambda uow: list_cases(uow, who, limit=50)),
        ):
            start = time.perf_counter()
            with UnitOfWork(engine, write=True) as uow:
                work(uow)
            timings[name].append((time.perf_counter() - start) * 1000)
    engine.dispose()
    return {name: statistics.median(values) for name, values in timings.items()}


async def load(
    base: str, token: str, make: Callable[[int], tuple[str, str, Any]], clients: int, seconds: float
) -> tuple[list[float], int]:
    """Each client sends requests one after another for ``seconds``; latencies in ms."""
    latencies: list[float] = []
    failures = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as http:

        async def client(index: int) -> None:
            nonlocal failures
            sent = 0
            while time.perf_counter() < deadline:
                method, path, body = make(index * 100_000 + sent)
                start = time.perf_counter()
                answer = await http.request(method, path, json=body)
                latencies.append((time.perf_counter() - start) * 1000)
                if answer.status_code >= 300:
                    failures += 1
                sent += 1

        await asyncio.gather(*(client(i) for i in range(clients)))
    return latencies, failures


def print_page_weight(base: str, token: str, url: str, director: str) -> None:
    """The HTML of every case page of the director's, without images (there are none)."""
    engine = make_engine(url)
    with UnitOfWork(engine) as uow:
        numbers = [c.number for c in list_cases(uow, director) if c.number]
    engine.dispose()
    headers = {"Authorization": f"Bearer {token}"}
    sizes = [len(httpx.get(f"{base}/cases/{n}", headers=headers).content) for n in numbers]
    css = len(httpx.get(f"{base}/static/pcc.css").content)
    print(
        f"\ncase page weight over {len(sizes)} cases (HTML, bytes): median "
        f"{statistics.median(sizes):.0f}, largest {max(sizes)}; plus the style sheet {css}"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", default="1,10,50")
    parser.add_argument("--only", default="", help="comma-separated scenarios (default: all)")
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",")]
    name = f"pcc_bench_{secrets.token_hex(3)}"
    url = f"postgresql://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    server = None
    try:
        started = time.perf_counter()
        subprocess.run([EXE, "--db", url, "demo"], check=True, capture_output=True)
        print(f"demo school year on PostgreSQL: {time.perf_counter() - started:.0f} s")
        who = cast(url)
        port = free_port()
        environment = {**os.environ, "PCC_CASES_DATABASE_URL": url}
        server = subprocess.Popen(
            [EXE, "serve", "--port", str(port)],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        occurred = pendulum.now("Europe/Amsterdam").subtract(hours=1).isoformat()
        incident = {
            "occurred_at": occurred,
            "platform": "whatsapp",
            "location": who["location"],
            "summary": "Belastend bericht in de klassengroep",
            "offenders": [who["student"]],
            "clauses": ["2.1"],
        }
        scenarios: dict[str, Callable[[int], tuple[str, str, Any]]] = {
            "case read": lambda _: ("GET", f"/api/v1/cases/{who['number']}", None),
            "list page": lambda _: ("GET", "/api/v1/cases?limit=50", None),
            "record": lambda _: ("POST", "/api/v1/cases", incident),
            "case page": lambda _: ("GET", f"/cases/{who['number']}", None),
            "overview": lambda _: ("GET", "/", None),
        }
        print(
            f"\n{'scenario':<10} {'clients':>7} {'p50 ms':>8} {'p95 ms':>8} {'per s':>8} {'failed':>6}"
        )
        chosen = [name for name in args.only.split(",") if name] or list(scenarios)
        for label, make in ((name, scenarios[name]) for name in chosen):
            for clients in counts:
                latencies, failed = asyncio.run(
                    load(base, who["token"], make, clients, args.seconds)
                )
                rate = len(latencies) / args.seconds
                print(
                    f"{label:<10} {clients:>7} {percentile(latencies, 0.5):>8.1f} "
                    f"{percentile(latencies, 0.95):>8.1f} {rate:>8.0f} {failed:>6}"
                )
        print_page_weight(base, who["token"], url, who["director"])
        base_floor = floor(url, who["director"], who["number"])
        print("\nfloor, the library in-process (median ms, one at a time):")
        for label, value in base_floor.items():
            print(f"  {label:<10} {value:.1f}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
