"""Names on the broker: shared by the bus and the dead-letter tooling, so they cannot drift."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

# Headers the bus sets on retried and dead-lettered messages.
ATTEMPT = "x-lifegraph-attempt"
REASON = "x-lifegraph-reason"
CONSUMER = "x-lifegraph-consumer"
DEAD_AT = "x-lifegraph-dead-at"
USER = "x-lifegraph-user"


class QueueType(StrEnum):
    """How the broker keeps a consumer's queues (docs/events.md, "Queues")."""

    # Replicated over a majority of a cluster's nodes (Raft): survives losing a node.
    QUORUM = "quorum"
    # One node's queue: enough for a single broker in development.
    CLASSIC = "classic"


def queue_arguments(queue_type: QueueType, expires_ms: int | None) -> dict[str, Any]:
    """Arguments every queue LifeGraph declares for a consumer carries.

    A queue's type cannot change once declared: declaring it again with another
    type fails with PRECONDITION_FAILED, so switching types means draining and
    deleting the old queues first (docs/operations.md).
    """
    # Classic is declared as before the setting existed (no argument), so queues
    # declared by earlier versions stay equivalent.
    arguments: dict[str, Any] = {"x-queue-type": "quorum"} if queue_type is QueueType.QUORUM else {}
    if expires_ms:
        arguments["x-expires"] = expires_ms
    return arguments


def work_queue(exchange: str, consumer: str) -> str:
    return f"{exchange}.{consumer}"


def dead_letter_queue(exchange: str, consumer: str) -> str:
    return f"{work_queue(exchange, consumer)}.dlq"


def retry_queue(exchange: str, consumer: str, delay_ms: int) -> str:
    # Named by delay: changing the delays declares new queues instead of
    # clashing with the arguments (x-message-ttl) of the old ones.
    return f"{work_queue(exchange, consumer)}.retry.{delay_ms}ms"


def registry_queue(exchange: str) -> str:
    """Holds one message per consumer, so tools can list consumers over plain AMQP."""
    return f"{exchange}.consumers"
