"""Message cursors are positions; cursors issued before still work."""

from __future__ import annotations

import base64
import json

import pytest

from common.errors import BadUserInput
from subgraphs.chat.domain import cursors


def _b64(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def test_a_cursor_is_the_position() -> None:
    assert cursors.decode(cursors.encode(42), field="after") == 42


def test_cursors_of_the_earlier_keyset_pager_decode_to_their_position() -> None:
    assert cursors.decode(_b64([{"v": 7}, "6b013eb43bae1c3b5b88c9e2"]), field="after") == 7


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        _b64({"seq": "7"}),
        _b64({"seq": -1}),
        _b64({"seq": True}),
        _b64([{"d": "x"}]),
        # Past int64: the query could not even be encoded (OverflowError, INTERNAL, before).
        _b64({"seq": 10**30}),
        _b64([{"v": 2**63}, "6b013eb43bae1c3b5b88c9e2"]),
        _b64({"seq": 1}) + "A" * 1000,
    ],
)
def test_anything_else_is_bad_input(cursor: str) -> None:
    with pytest.raises(BadUserInput) as raised:
        cursors.decode(cursor, field="before")
    assert raised.value.field == "before"
