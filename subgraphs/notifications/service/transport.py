"""What every push transport (web push, FCM, APNs) shares: the message and the answers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from typing import Any

import httpx

from subgraphs.notifications.domain.payloads import retry_after, utc_now
from subgraphs.notifications.domain.rendering import render
from subgraphs.notifications.models import Notification


class Answer(Enum):
    DELIVERED = "delivered"
    # The provider says the target is gone for good (unsubscribed, uninstalled).
    GONE = "gone"
    # Worth another attempt later (429, 5xx, a network error).
    RETRY = "retry"
    # The URL guard refused the target: it points inward.
    REFUSED = "refused"


@dataclass(frozen=True)
class Outcome:
    answer: Answer
    retry_after: timedelta | None = None


DELIVERED = Outcome(Answer.DELIVERED)
GONE = Outcome(Answer.GONE)
REFUSED = Outcome(Answer.REFUSED)


def retry(response: httpx.Response | None = None) -> Outcome:
    """RETRY, honouring the response's Retry-After if it has one."""
    header = response.headers.get("retry-after") if response is not None else None
    return Outcome(Answer.RETRY, retry_after(header, utc_now()))


@dataclass(frozen=True)
class PushMessage:
    """A notification as every push transport sends it."""

    id: str
    kind: str
    target_id: str
    title: str
    body: str
    # The same for every notification of one (user, kind, target): phones replace an
    # earlier push of the group instead of stacking ("3 people liked your post").
    collapse_id: str

    @classmethod
    def of(cls, n: Notification) -> PushMessage:
        words = render(n)
        group = f"{n.user_id}|{n.kind.value}|{n.target_id}"
        return cls(
            id=str(n.id),
            kind=n.kind.value,
            target_id=n.target_id,
            title=words.title,
            body=words.body,
            # APNs caps apns-collapse-id at 64 bytes, FCM a collapse key is short too.
            collapse_id=hashlib.sha256(group.encode()).hexdigest()[:32],
        )

    def data(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "targetId": self.target_id}
