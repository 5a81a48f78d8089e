"""What notifications consumes."""

from __future__ import annotations

from common.app import Runtime
from common.events import transactional
from subgraphs.notifications.domain.intents import PATTERNS, fan_out_lane
from subgraphs.notifications.service.notifications import NotificationService

CONSUMER = "notifications.inbox"


def register_consumers(runtime: Runtime, service: NotificationService) -> None:
    # One transaction per event: the processed id, the inbox row and its
    # deliveries commit together; live updates and the dispatcher follow the commit.
    # A conversation's messages queue on its lane: they write the same members' rows.
    handler = transactional(service.handle, lane=fan_out_lane)
    runtime.consume(CONSUMER, ["users.user.*", *PATTERNS], handler)
