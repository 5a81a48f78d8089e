"""The kit's transaction runner against a real server that can inject commit failures."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from prometheus_client import REGISTRY
from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import OperationFailure

from common.events import Event, transactional
from common.events.consumer import Applied, make_subscription
from common.testing.events import task_completed
from common.transactions import (
    TRANSIENT,
    UNKNOWN_COMMIT,
    CommitOutcomeUnknown,
    TransactionRetry,
    run_in_transaction,
)
from tests.common.failpoints import VICTIM, clear_failpoints, fail_next

Client = AsyncMongoClient[dict[str, Any]]


@pytest.fixture
async def client(failpoint_url: str) -> AsyncIterator[Client]:
    """The client under test: failpoints name its appname, so only its commands fail."""
    victim: Client = AsyncMongoClient(failpoint_url, appname=VICTIM)
    await victim.drop_database("tx")
    await victim.tx.counters.insert_one({"_id": "post", "n": 0})
    yield victim
    await victim.close()


# The commit happens, but its reply says the outcome is unknown (a write concern
# timeout): the driver labels it UnknownTransactionCommitResult.
COMMITTED_BUT_UNKNOWN: dict[str, Any] = {
    "writeConcernError": {"code": 64, "errmsg": "waiting for replication"}
}
WRITE_CONFLICT: dict[str, Any] = {"errorCode": 112, "errorLabels": ["TransientTransactionError"]}


async def _count(client: Client) -> int:
    row = await client.tx.counters.find_one({"_id": "post"})
    assert row is not None
    return int(row["n"])


async def test_an_unknown_commit_result_retries_the_commit_not_the_work(
    client: Client, failpoint_url: str
) -> None:
    runs = 0

    async def like(session: AsyncClientSession) -> None:
        nonlocal runs
        runs += 1
        await client.tx.counters.update_one({"_id": "post"}, {"$inc": {"n": 1}}, session=session)

    await fail_next(failpoint_url, "commitTransaction", COMMITTED_BUT_UNKNOWN)
    await run_in_transaction(client, like)
    assert runs == 1
    assert await _count(client) == 1  # re-running `like` would have counted it twice


def _reruns(database: str) -> float:
    value = REGISTRY.get_sample_value("lifegraph_transaction_reruns_total", {"database": database})
    return value or 0.0


async def test_a_transient_commit_failure_reruns_the_work(
    client: Client, failpoint_url: str
) -> None:
    runs = 0

    async def like(session: AsyncClientSession) -> None:
        nonlocal runs
        runs += 1
        await client.tx.counters.update_one({"_id": "post"}, {"$inc": {"n": 1}}, session=session)

    before = _reruns("probe")
    await fail_next(failpoint_url, "commitTransaction", WRITE_CONFLICT)
    await run_in_transaction(client, like, database="probe")
    assert runs == 2
    assert await _count(client) == 1
    assert _reruns("probe") - before == 1  # counted for operators


async def test_concurrent_writers_on_one_document_all_commit(client: Client) -> None:
    async def like(session: AsyncClientSession) -> None:
        await client.tx.counters.update_one({"_id": "post"}, {"$inc": {"n": 1}}, session=session)

    await asyncio.gather(*(run_in_transaction(client, like) for _ in range(50)))
    assert await _count(client) == 50


async def test_a_conflict_that_never_clears_gives_up_within_its_budget(
    client: Client, failpoint_url: str
) -> None:
    runs = 0

    async def like(session: AsyncClientSession) -> None:
        nonlocal runs
        runs += 1
        await client.tx.counters.update_one({"_id": "post"}, {"$inc": {"n": 1}}, session=session)

    await fail_next(failpoint_url, "update", WRITE_CONFLICT, times=0)
    started = time.monotonic()
    try:
        with pytest.raises(OperationFailure) as raised:
            await run_in_transaction(client, like, retry=TransactionRetry(budget_seconds=0.5))
    finally:
        await clear_failpoints(failpoint_url)
    assert raised.value.has_error_label("TransientTransactionError")
    assert time.monotonic() - started < 2
    assert runs > 1
    assert await _count(client) == 0


async def test_other_errors_are_not_retried(client: Client) -> None:
    runs = 0

    async def broken(session: AsyncClientSession) -> None:
        nonlocal runs
        runs += 1
        await client.tx.counters.update_one({"_id": "post"}, {"$inc": {"n": 1}}, session=session)
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        await run_in_transaction(client, broken)
    assert runs == 1
    assert await _count(client) == 0


async def test_a_consumer_applies_an_event_once_and_announces_it_after_an_unknown_commit(
    client: Client, failpoint_url: str
) -> None:
    announced: list[str] = []

    async def count(event: Event, session: AsyncClientSession) -> Any:
        await client.tx.counters.update_one({"_id": "post"}, {"$inc": {"n": 1}}, session=session)

        async def announce() -> None:
            announced.append(event.id)

        return announce

    sub = make_subscription(
        "tx.counter", ["goals.#"], transactional(count), database=client.tx, database_for=None
    )
    event = task_completed()
    await fail_next(failpoint_url, "commitTransaction", COMMITTED_BUT_UNKNOWN)
    assert await sub.apply(event) is Applied.APPLIED
    assert await _count(client) == 1
    # Re-running the attempt would have found its own processed id and reported
    # a duplicate: applied, but never announced.
    assert announced == [event.id]
    assert await sub.apply(event) is Applied.DUPLICATE


class _RestartedServerSession:
    """PyMongo's session as seen across a database restart mid-commit.

    The first commit's reply is lost (unknown outcome); the retried commit finds
    no record of the transaction, which the driver labels transient. Only a
    restart can produce that sequence, so it is staged here rather than served.
    """

    def __init__(self) -> None:
        self.in_transaction = False
        self.commits = 0

    async def __aenter__(self) -> _RestartedServerSession:
        return self

    async def __aexit__(self, *_: object) -> None:
        return None

    async def start_transaction(self) -> None:
        self.in_transaction = True

    async def abort_transaction(self) -> None:
        self.in_transaction = False

    async def commit_transaction(self) -> None:
        self.commits += 1
        if self.commits == 1:
            raise OperationFailure("connection reset", 91, {"errorLabels": [UNKNOWN_COMMIT]})
        raise OperationFailure("no such transaction", 251, {"errorLabels": [TRANSIENT]})


class _RestartedServerClient:
    def __init__(self) -> None:
        self.session = _RestartedServerSession()

    def start_session(self) -> _RestartedServerSession:
        return self.session


async def test_a_commit_the_server_forgot_is_reported_not_run_again() -> None:
    runs = 0

    async def create(_: AsyncClientSession) -> None:
        nonlocal runs
        runs += 1

    fake = _RestartedServerClient()
    with pytest.raises(CommitOutcomeUnknown) as raised:
        await run_in_transaction(fake, create)  # type: ignore[arg-type]
    assert runs == 1  # running it again could have created it twice
    assert fake.session.commits == 2
    assert raised.value.code == "UNAVAILABLE"
