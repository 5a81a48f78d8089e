"""Names on the broker: shared by the bus and the dead-letter tooling, so they cannot drift."""

from __future__ import annotations

# Headers the bus sets on retried and dead-lettered messages.
ATTEMPT = "x-lifegraph-attempt"
REASON = "x-lifegraph-reason"
CONSUMER = "x-lifegraph-consumer"
DEAD_AT = "x-lifegraph-dead-at"
USER = "x-lifegraph-user"


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
