"""JSON for the hot path: orjson, with the standard library for what orjson refuses."""

from __future__ import annotations

import json
from typing import Any

import orjson

DecodeError = ValueError  # orjson.JSONDecodeError and json.JSONDecodeError both subclass it


def dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError:
        # Integers beyond 64 bits (custom scalars) are valid JSON that orjson won't write.
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def loads(data: bytes | str) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        # Retried for the inputs only the standard library reads (huge integers); a truly
        # malformed document raises json's ValueError here.
        return json.loads(data)
