"""JSON for the hot paths (router and subgraphs): orjson, with the standard library for what
orjson gets wrong.

orjson writes and reads integers only within 64 bits: it refuses to write larger
ones and silently reads them as floats. Custom scalars (IDs, big counters, `JSON`)
can carry such integers, so documents that may contain one go to the standard
library, which keeps every integer exact.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

DecodeError = ValueError  # orjson.JSONDecodeError and json.JSONDecodeError both subclass it

# Every digit becomes "0", everything else " ": one C pass, then one substring search.
_DIGITS_AS_ZERO = bytes(0x30 if 0x30 <= c <= 0x39 else 0x20 for c in range(256))
# 19 digits can already overflow a signed 64-bit integer (negative numbers, or above
# 2**64 - 1 with 20). Longer digit runs in strings or float mantissas only cost a
# slower (still correct) parse.
_LONG_RUN = b"0" * 19


def dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError:
        # Integers beyond 64 bits are valid JSON that orjson won't write; so is a lone
        # surrogate a subgraph sent as `\ud800`, which only an ASCII escape can carry.
        try:
            return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
        except UnicodeEncodeError:
            return json.dumps(value, separators=(",", ":")).encode()


def may_hold_big_integer(data: bytes | str) -> bool:
    """Whether `data` has a run of 19+ digits: only then may orjson read a number inexactly.

    >>> may_hold_big_integer(b'{"n": 12345678901234567890}'), may_hold_big_integer(b'{"n": 1}')
    (True, False)
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return _LONG_RUN in raw.translate(_DIGITS_AS_ZERO)


def loads(data: bytes | str) -> Any:
    if may_hold_big_integer(data):
        return _stdlib_loads(data)
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        # Retried for what only the standard library reads; a truly malformed document
        # raises json's ValueError here.
        return _stdlib_loads(data)


def _stdlib_loads(data: bytes | str) -> Any:
    # Client input is held to strict, shallow JSON before it gets here
    # (common/transport); this keeps any other deep document a decode error too.
    try:
        return json.loads(data)
    except RecursionError as exc:
        raise DecodeError("JSON nested too deeply") from exc
