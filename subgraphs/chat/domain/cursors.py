"""Message cursors: a message's position is its sequence number in its conversation.

Sequence numbers are allocated in the transaction that inserts the message, so
once a message is visible every lower number is either visible too or never
committed: "everything after n" never skips a message. Cursors the earlier
keyset pager issued (`[{"v": seq}, id]`) still decode to their seq.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from common.errors import BadUserInput

# Positions are stored as BSON int64: a larger number cannot even be sent in a query.
MAX_SEQ = 2**63 - 1
# Far above any cursor we issue; a longer one is refused before decoding.
MAX_LENGTH = 256


def encode(seq: int) -> str:
    raw = json.dumps({"seq": seq}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, *, field: str) -> int:
    if len(cursor) > MAX_LENGTH:
        raise BadUserInput("The cursor is not valid.", field=field)
    try:
        decoded: Any = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError as exc:
        raise BadUserInput("The cursor is not valid.", field=field) from exc
    if isinstance(decoded, dict):
        seq = decoded.get("seq")
    elif isinstance(decoded, list) and decoded and isinstance(decoded[0], dict):
        seq = decoded[0].get("v")
    else:
        seq = None
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq <= MAX_SEQ:
        raise BadUserInput("The cursor is not valid.", field=field)
    return seq
