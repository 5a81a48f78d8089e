"""`lifegraph up`, the first Quick start command, run as a user would run it."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from common.mongo_server import SecantusServer, free_port
from common.testing.waiting import poll_until

from .running import (
    graphql,
    processes_using,
    register,
    running_up,
    wait_healthy,
)


@pytest.fixture
def lifegraph_up(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    port = free_port()
    with running_up(tmp_path, port) as process:
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
    wait_healthy(url, process)
    assert (data_dir / "db").is_dir()
    assert processes_using(data_dir / "db"), "the embedded database server should be running"

    # Ctrl-C in a terminal; SIGTERM from `docker stop`, systemd or a supervisor.
    process.send_signal(stop)
    assert process.wait(timeout=60) == exit_code
    output = process.stdout.read().decode() if process.stdout else ""
    assert f"GraphiQL at {url}/graphql" in output
    assert processes_using(data_dir / "db") == [], "stopping must take the database down too"


def test_what_users_wrote_survives_a_restart(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    account = {"email": "ada@example.com", "password": "violet-harbour-lantern-42"}
    with running_up(tmp_path, port) as first:
        wait_healthy(url, first)
        graphql(
            url,
            "mutation($i: RegisterInput!) { register(input: $i) { user { id } } }",
            {"i": {**account, "displayName": "Ada"}},
        )
        first.send_signal(signal.SIGINT)
        assert first.wait(timeout=60) == 0
    with running_up(tmp_path, port) as second:
        wait_healthy(url, second)
        login = graphql(
            url,
            "mutation($i: LoginInput!) { login(input: $i) { user { displayName } } }",
            {"i": account},
        )
        assert login["data"]["login"]["user"] == {"displayName": "Ada"}
        second.send_signal(signal.SIGINT)
        assert second.wait(timeout=60) == 0


def test_signed_in_requests_work_on_the_port_given(tmp_path: Path) -> None:
    # Not 4000: the router must fetch the signing keys from the port it serves.
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running_up(tmp_path, port, port_flag=True) as process:
        wait_healthy(url, process)
        token = register(url, "ada@example.com")
        me = graphql(url, "{ me { displayName } }", token=token)
        assert me["data"]["me"] == {"displayName": "Ada"}
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0


def test_a_killed_up_takes_its_database_down_and_the_next_up_starts(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    db = tmp_path / "data" / "db"
    with running_up(tmp_path, port, own_session=True) as first:
        wait_healthy(url, first)
        assert processes_using(db)
        first.kill()  # SIGKILL: no finally blocks run in `up`
        first.wait()
    assert poll_until(lambda: not processes_using(db), within=30), "the database outlived its `up`"
    with running_up(tmp_path, port, own_session=True) as second:
        wait_healthy(url, second)
        second.send_signal(signal.SIGINT)
        assert second.wait(timeout=60) == 0


def test_up_says_in_one_line_who_holds_its_database(tmp_path: Path) -> None:
    port = free_port()
    stderr_path = tmp_path / "stderr.log"
    with (
        SecantusServer(storage=tmp_path / "data" / "db"),
        stderr_path.open("wb") as stderr,
        running_up(tmp_path, port, stderr=stderr) as process,
    ):
        assert process.wait(timeout=60) == 1
    lines = stderr_path.read_text().strip().splitlines()
    assert len(lines) == 1, lines
    assert f"The database in {tmp_path / 'data' / 'db'} is in use by process" in lines[0]
    assert "secantusd-py" in lines[0]
