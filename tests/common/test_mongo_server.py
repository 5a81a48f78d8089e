"""The embedded database keeps every acknowledged commit across a `kill -9`."""

from __future__ import annotations

import threading
from pathlib import Path

from pymongo import MongoClient
from pymongo.errors import PyMongoError

from common.mongo_server import SecantusServer

WRITERS = 6


def test_acknowledged_transactions_survive_kill_9(tmp_path: Path) -> None:
    server = SecantusServer(storage=tmp_path / "db")
    server.start()
    acknowledged: list[str] = []
    lock = threading.Lock()
    enough = threading.Event()

    def writer(name: str) -> None:
        client: MongoClient[dict[str, object]] = MongoClient(
            server.url, w="majority", journal=True, retryWrites=False, serverSelectionTimeoutMS=2000
        )
        try:
            for i in range(100_000):
                key = f"{name}-{i}"
                with client.start_session() as session, session.start_transaction():
                    client.t.rows.insert_one({"_id": key}, session=session)
                    client.t.outbox.insert_one({"_id": key}, session=session)
                with lock:
                    acknowledged.append(key)
                    if len(acknowledged) >= 400:
                        enough.set()
        except PyMongoError:
            return  # the server died under us: this write was never acknowledged
        finally:
            client.close()

    threads = [threading.Thread(target=writer, args=(f"w{n}",)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    try:
        assert enough.wait(timeout=60)
        server.kill()  # mid-stream: every writer has a commit in flight
        for thread in threads:
            thread.join(timeout=30)
        restarted = SecantusServer(storage=tmp_path / "db", port=server.port)
        with restarted:
            client: MongoClient[dict[str, object]] = MongoClient(restarted.url)
            rows = {row["_id"] for row in client.t.rows.find()}
            outbox = {row["_id"] for row in client.t.outbox.find()}
            client.close()
    finally:
        server.stop()
    assert set(acknowledged) <= rows
    assert rows == outbox  # a commit is whole or absent
