from __future__ import annotations

from typing import Any

from common.db import create_mongo_client
from common.settings import Settings


async def test_clients_write_majority_journaled_and_read_majority(settings: Settings) -> None:
    client = create_mongo_client(settings)
    try:
        assert client.write_concern.document == {"w": "majority", "j": True}
        assert client.read_concern.level == "majority"
        # The embedded server accepts both, in plain writes and in transactions.
        rows = client[settings.database_name("durability")]["rows"]
        await rows.insert_one({"_id": "plain"})
        async with client.start_session() as session, await session.start_transaction():
            await rows.insert_one({"_id": "in-transaction"}, session=session)
        found: list[dict[str, Any]] = await rows.find().sort("_id", 1).to_list()
        assert [row["_id"] for row in found] == ["in-transaction", "plain"]
    finally:
        await client.drop_database(settings.database_name("durability"))
        await client.close()


def test_a_numeric_write_concern_counts_nodes(settings: Settings) -> None:
    relaxed = settings.model_copy(update={"mongodb_write_concern": "1", "mongodb_journal": False})
    client = create_mongo_client(relaxed)
    assert client.write_concern.document == {"w": 1, "j": False}
