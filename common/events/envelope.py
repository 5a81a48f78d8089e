"""The event envelope every message on `lifegraph.events` carries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from common.events.catalog import Payload, payload_of


def _new_id() -> str:
    return uuid.uuid4().hex


def _now() -> datetime:
    return datetime.now(UTC)


class Event(BaseModel):
    """One event: a routing key (`type`), who it is about and its versioned data.

    Build it with `Event.of`, whose `data` is the catalog's payload model; read
    it with `payload()`, which checks the data against that model.

    ```python
    event = Event.of("community.post.liked", user_id=liker_id, data=PostLiked(...))
    payload = event.payload()  # PostLiked, or InvalidEvent
    ```
    """

    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=_new_id)
    # The routing key: `<subgraph>.<entity>.<verb>`, e.g. `goals.goal.completed`.
    type: str = Field(pattern=r"^[a-z_]+\.[a-z_]+\.[a-z_]+$")
    source: str
    time: datetime = Field(default_factory=_now)
    user_id: str | None = None
    version: int = 1
    data: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def of(
        cls, type: str, *, user_id: str | None, data: BaseModel | dict[str, Any], version: int = 1
    ) -> Event:
        """An event of `type`, its source the type's first word.

        ```python
        Event.of("goals.goal.completed", user_id=goal.owner_id, data=GoalChanged(...))
        ```
        """
        payload = data.model_dump(mode="json") if isinstance(data, BaseModel) else data
        return cls(
            type=type, source=type.split(".", 1)[0], user_id=user_id, data=payload, version=version
        )

    def payload(self) -> Payload:
        """The typed data; raises `InvalidEvent` for unknown types, versions or bad data.

        ```python
        payload = event.payload()
        if isinstance(payload, UserRegistered):
            await profiles.create(payload.user_id, payload.display_name)
        ```
        """
        return payload_of(self.type, self.data, self.version)
