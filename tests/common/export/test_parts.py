"""A subgraph's part of an export: every row the user owns, no secrets, plain JSON, stored
once and announced once however often the request is redelivered."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bson import ObjectId

from common.db import Database
from common.events import Event, OutboxPublisher
from common.events.catalog import EVENTS, ExportPartReady, ExportRequested
from common.events.outbox import COLLECTION
from common.export import PARTS, Owned, part_key
from common.export.keys import REQUESTED, part_ready_type
from common.export.parts import PartWriter
from common.export.records import gather, plain
from common.infra import Infrastructure
from common.storage.local import LocalStorage
from common.storage.signing import UrlSigner
from lifegraph.discovery import discover_subgraphs

OWNED = (
    Owned("accounts", "_id", omit=("password_hash",)),
    Owned("notes", "owner_id"),
    Owned("rooms", "member_ids"),
)


async def _database(infra: Infrastructure) -> Database:
    database: Database = infra.mongo[infra.settings.database_name("exportkit")]
    ada = ObjectId()
    await database["accounts"].insert_many(
        [
            {"_id": ada, "name": "Ada", "password_hash": "argon2-secret"},
            {"_id": ObjectId(), "name": "Grace", "password_hash": "other"},
        ]
    )
    when = datetime(2026, 3, 1, 12, tzinfo=UTC)
    await database["notes"].insert_many(
        [
            {"_id": "n1", "owner_id": str(ada), "at": when, "blob": b"\x00\x01"},
            {"_id": "n2", "owner_id": "grace", "at": when},
        ]
    )
    await database["rooms"].insert_many(
        [{"_id": "r1", "member_ids": [str(ada), "grace"]}, {"_id": "r2", "member_ids": ["grace"]}]
    )
    await database["meta"].insert_one({"_id": "m", "ada": str(ada)})
    return database


async def test_gather_takes_every_owned_row_and_leaves_out_secrets(infra: Infrastructure) -> None:
    database = await _database(infra)
    ada = str((await database["accounts"].find_one({"name": "Ada"}) or {})["_id"])
    part = await gather(database, ada, OWNED)
    assert part["truncated"] == []
    rows = part["collections"]
    assert rows["accounts"] == [{"_id": ada, "name": "Ada"}]
    assert rows["notes"] == [
        {"_id": "n1", "owner_id": ada, "at": "2026-03-01T12:00:00+00:00", "blob": "AAE="}
    ]
    assert [row["_id"] for row in rows["rooms"]] == ["r1"]
    assert "meta" not in rows  # not declared as owned: not exported


def test_plain_makes_bson_values_json() -> None:
    oid = ObjectId()
    value = plain({"id": oid, "tags": (oid,), "nested": {"n": 1}})
    assert json.loads(json.dumps(value)) == {"id": str(oid), "tags": [str(oid)], "nested": {"n": 1}}


async def test_a_redelivered_request_stores_and_announces_the_part_once(
    infra: Infrastructure, tmp_path: Path
) -> None:
    database = await _database(infra)
    ada = str((await database["accounts"].find_one({"name": "Ada"}) or {})["_id"])
    storage = LocalStorage(tmp_path, base_url="http://unused/storage", signer=UrlSigner(b"k"))
    publisher = OutboxPublisher(database)
    await publisher.ensure_indexes()
    writer = PartWriter("goals", database, OWNED, storage, publisher)
    request = Event.of(REQUESTED, user_id=ada, data=ExportRequested(export_id="e1", user_id=ada))
    await writer.handle(request)
    await writer.handle(request)
    stored = json.loads(await storage.get(part_key("e1", "goals")))
    assert stored["userId"] == ada
    assert sorted(stored["collections"]) == ["accounts", "notes", "rooms"]
    announced = await database[COLLECTION].find({"type": "goals.export.part_ready"}).to_list()
    assert len(announced) == 1


def test_every_subgraph_sends_a_part_and_its_event_is_in_the_catalog() -> None:
    # A subgraph missing here would leave it out of every archive, unnoticed.
    assert sorted(PARTS) == sorted(discover_subgraphs())
    for name in PARTS:
        assert EVENTS[part_ready_type(name)] is ExportPartReady
