"""Strict JSON for client input: valid UTF-8, no lone surrogates, bounded nesting.

orjson checks the first two in C and stops at 1,024 levels, but the standard library
(Strawberry, the router's big-integer path, `json.dumps`) recurses once per level and
dies near 1,000: input is held to a much lower depth before anything else reads it.
"""

from __future__ import annotations

import json
import re
from contextvars import ContextVar
from itertools import accumulate
from typing import Any

import orjson

from common.errors import BadUserInput
from common.jsoncodec import may_hold_big_integer

MAX_JSON_DEPTH = 64


class MalformedJson(BadUserInput):
    """Client JSON that is not strict JSON or nests deeper than MAX_JSON_DEPTH."""


def check_json(data: bytes | str, *, what: str = "Request body") -> Any:
    """The parsed value of `data`, or `MalformedJson` saying why it is refused.

    >>> check_json(b'{"query": "{ me { id } }"}')
    {'query': '{ me { id } }'}
    """
    # Depth first, on the bytes: a deep body is refused without building its objects.
    if _too_deep(data):
        raise MalformedJson(f"{what} nests deeper than {MAX_JSON_DEPTH} levels")
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise MalformedJson(f"{what} is not valid JSON: {exc.msg}") from exc


def loads_exact(data: bytes | str, *, what: str = "Request body") -> Any:
    """`check_json`, with integers past 64 bits kept exact (orjson makes them floats).

    >>> loads_exact(b'{"n": 123456789012345678901234567890}')
    {'n': 123456789012345678901234567890}
    """
    parsed = check_json(data, what=what)
    # Without a long digit run orjson's value is the standard library's: one parse.
    if not may_hold_big_integer(data):
        return parsed
    return json.loads(data)


# A JSON string, escapes included; on valid JSON each match is exactly one string.
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
# Every bracket as "(" or ")", everything else deleted.
_PARENS = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
_STEP = [1 if c == ord("(") else -1 if c == ord(")") else 0 for c in range(256)]
_TOO_MANY_OPEN = b"(" * (MAX_JSON_DEPTH + 1)
# Passes that take off the innermost level of pairs before counting what is left.
_LEAF_PASSES = 2


def _too_deep(data: bytes | str) -> bool:
    """Whether brackets outside strings nest deeper than MAX_JSON_DEPTH, mostly in C.

    Strings are cut out first: without a backslash in the body every quote delimits
    one, so a split does it (a regex with escapes otherwise, a tenth as fast on a body
    of many short strings). A run of too many opening brackets settles it at once.
    Then each pass deleting every "()" takes one level off: a wide body (a list of
    5,000 small objects) is nearly gone after two, and only what is left is counted
    bracket by bracket in Python (about 25 ms for 1 MB of brackets, which would take
    ten times as long to parse). On malformed JSON the answer is meaningless, and
    the parse that follows refuses it anyway.
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if raw.count(b"[") + raw.count(b"{") <= MAX_JSON_DEPTH:
        return False  # nearly every request: too few brackets to matter
    outside = b"".join(raw.split(b'"')[::2]) if b"\\" not in raw else _STRING.sub(b"", raw)
    pairs = outside.translate(_PARENS, _NOT_BRACKETS)
    if _TOO_MANY_OPEN in pairs:
        return True
    levels = 0
    while levels < _LEAF_PASSES and b"()" in pairs:
        pairs = pairs.replace(b"()", b"")
        levels += 1
    return levels + max(accumulate(map(_STEP.__getitem__, pairs)), default=0) > MAX_JSON_DEPTH


# The body the request-body middleware parsed, kept for the app in the request's own
# task, so a body is checked and parsed once (an 80 KB body costs about 4 ms a time).
_checked_body: ContextVar[tuple[bytes, Any] | None] = ContextVar("checked_body", default=None)


def check_body(body: bytes) -> None:
    """`loads_exact` for an HTTP request's body, its value kept for `take_checked`."""
    _checked_body.set((body, loads_exact(body)))


def take_checked(data: bytes | str) -> tuple[bool, Any]:
    """`(True, value)` when `data` is the body `check_body` parsed in this request;
    `(False, None)` otherwise. The value is handed over once."""
    checked = _checked_body.get()
    if checked is None or not isinstance(data, bytes) or checked[0] != data:
        return False, None
    _checked_body.set(None)
    return True, checked[1]
