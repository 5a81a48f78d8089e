from common.events.bus import (
    AfterCommit,
    AnyHandler,
    DeadLetter,
    EventBus,
    EventHandler,
    EventPublisher,
    RetryLater,
    SessionHandler,
    Transactional,
    after_commit,
    topic_matches,
    transactional,
)
from common.events.catalog import InvalidEvent
from common.events.consumer import RetryPolicy
from common.events.envelope import Event
from common.events.outbox import OutboxPublisher, OutboxTransaction
from common.events.relay import OutboxRelay, RelaySettings

__all__ = [
    "AfterCommit",
    "AnyHandler",
    "DeadLetter",
    "Event",
    "EventBus",
    "EventHandler",
    "EventPublisher",
    "InvalidEvent",
    "OutboxPublisher",
    "OutboxRelay",
    "OutboxTransaction",
    "RelaySettings",
    "RetryLater",
    "RetryPolicy",
    "SessionHandler",
    "Transactional",
    "after_commit",
    "topic_matches",
    "transactional",
]
