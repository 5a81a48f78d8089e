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
        payload = data.model_dump(mode="json") if isinstance(data, BaseModel) else data
        return cls(
            type=type, source=type.split(".", 1)[0], user_id=user_id, data=payload, version=version
        )

    def payload(self) -> Payload:
        """The typed data; raises `InvalidEvent` for unknown types, versions or bad data."""
        return payload_of(self.type, self.data, self.version)
