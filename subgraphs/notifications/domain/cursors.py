"""Resume cursors of `notificationAdded`: a change's position in a user's inbox, signed."""

from __future__ import annotations

from common import cursors

_CONTEXT = "notifications.seq"


def encode(seq: int) -> str:
    return cursors.sign(str(seq).encode(), context=_CONTEXT)


def decode(cursor: str, *, field: str) -> int:
    """The position a cursor we issued names; BAD_USER_INPUT for anything else."""
    payload = cursors.verify(cursor, context=_CONTEXT, field=field)
    return int(payload)
