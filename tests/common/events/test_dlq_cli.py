"""`lifegraph events dlq ...` against dead letters made by a real consumer on the real broker."""

from __future__ import annotations

import asyncio
import json

import pytest
from typer.testing import CliRunner, Result

from common.events import DeadLetter, Event
from common.events.dlq import DeadLetters
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.events import task_completed
from common.testing.waiting import wait_until
from lifegraph.events_cli import events_app

pytestmark = pytest.mark.rabbitmq

CONSUMER = "notifications.cli"


async def cli(settings: Settings, *args: str) -> Result:
    assert settings.amqp_url
    where = ["--amqp-url", settings.amqp_url, "--exchange", settings.events_exchange]
    # The command runs its own event loop, so it gets a thread of its own.
    result = await asyncio.to_thread(CliRunner().invoke, events_app, ["dlq", *args, *where])
    assert result.exit_code == 0, result.output
    return result


async def test_list_show_replay_and_purge(infra: Infrastructure, settings: Settings) -> None:
    applied: list[str] = []
    accept_bad = False

    async def handle(event: Event) -> None:
        if event.data["task_id"].startswith("bad") and not accept_bad:
            raise DeadLetter("bad task")
        applied.append(event.id)

    infra.bus.subscribe(CONSUMER, ["goals.#"], handle)
    await infra.bus.start_consuming()
    bad = [task_completed(task="bad-1"), task_completed(task="bad-2")]
    for event in [*bad, task_completed(task="good")]:
        await infra.bus.publish(event)
    assert settings.amqp_url
    async with DeadLetters(settings.amqp_url, settings.events_exchange) as dlq:

        async def dead(n: int) -> bool:
            queue = await dlq.queue(CONSUMER)
            return queue is not None and queue.messages == n

        await wait_until(lambda: dead(2))

        listed = await cli(settings, "list")
        assert CONSUMER in listed.output
        assert f"{CONSUMER}         2" in listed.output

        shown = await cli(settings, "show", CONSUMER)
        assert [line.split()[0] for line in shown.output.splitlines()] == [e.id for e in bad]
        assert "reason=dead-lettered by handler: bad task" in shown.output

        one = await cli(settings, "show", CONSUMER, "--id", bad[1].id, "--json")
        letter = json.loads(one.output)
        assert letter["id"] == bad[1].id
        assert json.loads(letter["body"])["data"]["task_id"] == "bad-2"

        # Still both there: showing does not consume.
        await wait_until(lambda: dead(2))
        accept_bad = True
        replayed = await cli(settings, "replay", CONSUMER, "--id", bad[0].id)
        assert "Replayed 1 event(s)" in replayed.output
        await wait_until(lambda: _contains(applied, bad[0].id))
        await wait_until(lambda: dead(1))

        purged = await cli(settings, "purge", CONSUMER, "--yes")
        assert "Purged 1 event(s)" in purged.output
        await wait_until(lambda: dead(0))
    assert bad[1].id not in applied


async def _contains(items: list[str], item: str) -> bool:
    return item in items
