"""`lifegraph up` killed mid-stream, or stopped as service managers stop it."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest

from common.mongo_server import free_port
from common.testing.waiting import eventually, wait_until
from common.testing.ws import acknowledged, bearer
from tests.lifegraph.running import processes_using, register, running_up, wait_healthy

WRITERS = 4
GOALS_PER_WRITER = 100
KILL_AFTER = 150  # acknowledged mutations

# Relay leases of the killed process lapse after this; the restart waits for them.
SHORT_LEASES = {"LIFEGRAPH_OUTBOX_LEASE_SECONDS": "3"}

GOAL_COUNTS = """
query($after: String) {
  me {
    active: goals(status: ACTIVE, first: 100) { nodes { id } }
    completed: goals(status: COMPLETED, first: 100, after: $after) {
      nodes { id } pageInfo { hasNextPage endCursor }
    }
    stats { goalsActive goalsCompleted }
  }
}
"""


async def _call(
    client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any]
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def _write_goals(
    client: httpx.AsyncClient, token: str, acknowledged: itertools.count[int], enough: asyncio.Event
) -> None:
    for n in range(GOALS_PER_WRITER):
        created = await _call(
            client,
            token,
            "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
            {"i": {"title": f"Goal {n}", "area": "HEALTH"}},
        )
        if n % 2:
            await _call(
                client,
                token,
                "mutation($i: SetGoalStatusInput!) { setGoalStatus(input: $i) { id } }",
                {"i": {"id": created["createGoal"]["id"], "status": "COMPLETED"}},
            )
        if next(acknowledged) >= KILL_AFTER:
            enough.set()


async def _goals_and_stats(client: httpx.AsyncClient, token: str) -> tuple[int, int, int, int]:
    """(active goals, completed goals) as goals has them, then as analytics counts them."""
    completed = 0
    after = None
    while True:
        me = (await _call(client, token, GOAL_COUNTS, {"after": after}))["me"]
        completed += len(me["completed"]["nodes"])
        if not me["completed"]["pageInfo"]["hasNextPage"]:
            break
        after = me["completed"]["pageInfo"]["endCursor"]
    stats = me["stats"]
    return len(me["active"]["nodes"]), completed, stats["goalsActive"], stats["goalsCompleted"]


async def test_up_killed_mid_stream_applies_every_event_after_a_restart(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running_up(tmp_path, port, own_session=True, env=SHORT_LEASES) as first:
        await asyncio.to_thread(wait_healthy, url, first)
        tokens = [register(url, f"writer{i}@example.com") for i in range(WRITERS)]
        acknowledged = itertools.count(1)
        enough = asyncio.Event()
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            writers = [
                asyncio.create_task(_write_goals(client, token, acknowledged, enough))
                for token in tokens
            ]
            await asyncio.wait_for(enough.wait(), timeout=120)
            first.kill()  # SIGKILL mid-stream: events are queued in memory, rows are pending
            await asyncio.gather(*writers, return_exceptions=True)

    with running_up(tmp_path, port, own_session=True, env=SHORT_LEASES) as second:
        await asyncio.to_thread(wait_healthy, url, second)
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            for token in tokens:
                active, completed, *_ = await eventually(
                    partial(_goals_and_stats, client, token),
                    lambda seen: (seen[0], seen[1]) == (seen[2], seen[3]),
                    within=60,
                )
                assert active + completed > 0


# Open connections get `shutdown_timeout_seconds` (10 s) and the whole stop 5 s more
# (lifegraph/stopping.py); a clean stop takes 2-4 s.
STOP_WITHIN = 20.0


@pytest.mark.parametrize(
    "how",
    ["group", "database-too", "database-alone"],
    ids=[
        "sigterm-to-the-group",  # `docker stop`, a terminal's Ctrl-C, systemd's KillMode=mixed
        "database-signalled-too",  # systemd's default KillMode signals every process at once
        "database-dies-alone",  # `up` cannot serve without it: it stops, for a restart
    ],
)
async def test_up_stops_quickly_and_quietly_in_every_signal_order(tmp_path: Path, how: str) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    db = tmp_path / "data" / "db"
    stderr_path = tmp_path / "stderr.log"
    with (
        stderr_path.open("wb") as stderr,
        running_up(tmp_path, port, own_session=True, stderr=stderr) as process,
    ):
        await asyncio.to_thread(wait_healthy, url, process)
        token = register(url, "ada@example.com")
        # A browser's open subscription: it must not hold the stop up.
        async with acknowledged(url, bearer(token)) as socket:
            subscribe = {"query": "subscription { notificationAdded { id } }"}
            await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": subscribe}))
            started = time.monotonic()
            if how != "group":
                for pid in processes_using(db):
                    os.kill(pid, signal.SIGTERM)
            if how == "database-alone":
                # What is measured is how fast `up` follows its database, not how
                # long the database takes to stop (a final fsync on a busy disk).
                await wait_until(_database_gone(db), within=60)
                started = time.monotonic()
            if how != "database-alone":
                os.killpg(process.pid, signal.SIGTERM)
            code = await asyncio.to_thread(process.wait, 60)
            stopped_in = time.monotonic() - started
    logged = stderr_path.read_text()
    assert code == 128 + signal.SIGTERM, logged
    assert stopped_in < STOP_WITHIN, f"took {stopped_in:.1f}s; logged:\n{logged}"
    assert "Traceback" not in logged, logged
    assert "Stopping took longer" not in logged, logged
    assert processes_using(db) == []
    if how == "database-alone":
        assert "The embedded database stopped unexpectedly" in logged


def _database_gone(db: Path) -> Callable[[], Awaitable[bool]]:
    async def gone() -> bool:
        return not await asyncio.to_thread(processes_using, db)

    return gone
