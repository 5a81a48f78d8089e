"""`lifegraph up`, the first Quick start command, run as a user would run it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from common.mongo_server import free_port


def _processes_using(path: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if str(path) in cmdline and "secantusd" in cmdline:
            found.append(int(entry.name))
    return found


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"lifegraph up exited early with {process.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)  # polling a readiness condition, bounded by the deadline
    raise AssertionError("lifegraph up did not become healthy")


@contextmanager
def _up(tmp_path: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    env = {k: v for k, v in os.environ.items() if k not in ("MONGODB_URL", "AMQP_URL", "REDIS_URL")}
    env.update({"LIFEGRAPH_PORT": str(port), "LIFEGRAPH_DATA_DIR": str(tmp_path / "data")})
    command = [str(Path(sys.executable).parent / "lifegraph"), "up"]
    with subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE) as process:  # noqa: S603
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()


@pytest.fixture
def lifegraph_up(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    port = free_port()
    with _up(tmp_path, port) as process:
        yield f"http://127.0.0.1:{port}", process, tmp_path / "data"


@pytest.mark.parametrize(
    ("stop", "exit_code"),
    [(signal.SIGINT, 0), (signal.SIGTERM, 128 + signal.SIGTERM)],
    ids=["ctrl-c", "sigterm"],
)
def test_up_serves_every_subgraph_and_stops_with_its_database(
    lifegraph_up: tuple[str, subprocess.Popen[bytes], Path], stop: signal.Signals, exit_code: int
) -> None:
    url, process, data_dir = lifegraph_up
    _wait_healthy(url, process)
    assert (data_dir / "db").is_dir()
    assert _processes_using(data_dir / "db"), "the embedded database server should be running"

    # Ctrl-C in a terminal; SIGTERM from `docker stop`, systemd or a supervisor.
    process.send_signal(stop)
    assert process.wait(timeout=60) == exit_code
    output = process.stdout.read().decode() if process.stdout else ""
    assert f"GraphiQL at {url}/graphql" in output
    assert _processes_using(data_dir / "db") == [], "stopping must take the database down too"


def _graphql(url: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(
        f"{url}/graphql", json={"query": query, "variables": variables}, timeout=30
    )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body


def test_what_users_wrote_survives_a_restart(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    account = {"email": "ada@example.com", "password": "violet-harbour-lantern-42"}
    with _up(tmp_path, port) as first:
        _wait_healthy(url, first)
        _graphql(
            url,
            "mutation($i: RegisterInput!) { register(input: $i) { user { id } } }",
            {"i": {**account, "displayName": "Ada"}},
        )
        first.send_signal(signal.SIGINT)
        assert first.wait(timeout=60) == 0
    with _up(tmp_path, port) as second:
        _wait_healthy(url, second)
        login = _graphql(
            url,
            "mutation($i: LoginInput!) { login(input: $i) { user { displayName } } }",
            {"i": account},
        )
        assert login["data"]["login"]["user"] == {"displayName": "Ada"}
        second.send_signal(signal.SIGINT)
        assert second.wait(timeout=60) == 0
