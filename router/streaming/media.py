"""Which streamed responses a request's Accept header allows."""

from __future__ import annotations

from dataclasses import dataclass

MULTIPART = "multipart/mixed"
EVENT_STREAM = "text/event-stream"
_JSON_TYPES = frozenset({"application/json", "application/graphql-response+json", "*/*"})


@dataclass(frozen=True, slots=True)
class Accepted:
    multipart: bool
    event_stream: bool
    # A plain JSON answer is acceptable too (Apollo Client lists it after multipart).
    json: bool

    @property
    def streams(self) -> bool:
        return self.multipart or self.event_stream


def _media_types(accept: str) -> list[str]:
    # Parameters may be quoted (boundary="graphql") but never hold a comma in practice.
    return [part.split(";", 1)[0].strip().lower() for part in accept.split(",")]


def accepted(accept: str) -> Accepted:
    media = _media_types(accept)
    return Accepted(
        multipart=MULTIPART in media,
        event_stream=EVENT_STREAM in media,
        json=not accept.strip() or any(m in _JSON_TYPES for m in media),
    )
