"""What notifications consumes."""

from __future__ import annotations

from common.app import Runtime
from subgraphs.notifications.intents import PATTERNS
from subgraphs.notifications.service import NotificationService

CONSUMER = "notifications.inbox"


def register_consumers(runtime: Runtime, service: NotificationService) -> None:
    runtime.infra.bus.subscribe(CONSUMER, ["users.user.*", *PATTERNS], service.handle)
