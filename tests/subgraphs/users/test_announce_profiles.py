"""`lifegraph users announce-profiles`: every account's profile published again for the others."""

from __future__ import annotations

import asyncio
import os
import sys

from common.db import Database
from common.events import Event, OutboxPublisher
from common.events.outbox import COLLECTION
from common.settings import Settings
from common.testing.events import tap
from subgraphs.users.service.announce import announce_profiles
from tests.subgraphs.users.helpers import Api, unique_email


async def test_every_account_is_announced_through_the_outbox(
    api: Api, users_db: Database, users_settings: Settings
) -> None:
    ids = [
        (await api.register(email=unique_email(name), display_name=name))["user"]["id"]
        for name in ("Ada", "Grace")
    ]
    seen: dict[str, str] = {}
    all_seen = asyncio.Event()

    async def record(event: Event) -> None:
        seen[event.data["user_id"]] = event.data["display_name"]
        if seen.keys() >= set(ids):
            all_seen.set()

    async with tap(users_settings, ["users.user.updated"], record):
        publisher = OutboxPublisher(users_db, shards=users_settings.outbox_shards)
        assert await announce_profiles(publisher, batch=1) == 2
        # The served subgraph's relay delivers the rows.
        async with asyncio.timeout(10):
            await all_seen.wait()
    assert [seen[i] for i in ids] == ["Ada", "Grace"]


async def test_the_command_writes_one_outbox_row_per_account(
    api: Api, users_db: Database, users_settings: Settings
) -> None:
    await api.register(email=unique_email("linus"))
    outbox = users_db[COLLECTION]
    before = await outbox.count_documents({"type": "users.user.updated"})
    env = os.environ | {
        "LIFEGRAPH_MONGODB_URL": users_settings.mongodb_url,
        "LIFEGRAPH_DATABASE_PREFIX": users_settings.database_prefix,
    }
    # Its own process: the command binds the users models to its own client.
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "lifegraph",
        "users",
        "announce-profiles",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode == 0, output.decode()
    assert output.decode().strip() == "announced 1 profiles"
    assert await outbox.count_documents({"type": "users.user.updated"}) == before + 1
