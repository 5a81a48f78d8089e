"""Reading the router's streamed responses in tests and benchmarks: multipart/mixed parts,
server-sent events."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx

SUBSCRIPTION_ACCEPT = 'multipart/mixed;subscriptionSpec="1.0", application/json'
DEFER_ACCEPT = "multipart/mixed;deferSpec=20220824, application/json"
EVENT_STREAM = "text/event-stream"


def boundary_of(content_type: str) -> str:
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    assert match is not None, content_type
    return match.group(1)


async def multipart_parts(response: httpx.Response) -> AsyncIterator[Any]:
    """Each part's JSON as it arrives; ends at the closing delimiter (asserted)."""
    delimiter = "\r\n--" + boundary_of(response.headers["content-type"])
    buffer = ""
    opened = False
    async for chunk in response.aiter_text():
        buffer += chunk
        while (at := buffer.find(delimiter)) >= 0:
            part, buffer = buffer[:at], buffer[at + len(delimiter) :]
            if opened:
                headers, _, body = part.partition("\r\n\r\n")
                assert "content-type: application/json" in headers.lower(), part
                yield json.loads(body)
            else:
                assert part == "", f"no preamble expected: {part!r}"
            opened = True
        if opened and buffer.startswith("--"):
            assert buffer == "--\r\n", buffer
            return
    raise AssertionError(f"the multipart body ended without its closing delimiter: {buffer!r}")


async def server_sent_events(response: httpx.Response) -> AsyncIterator[tuple[str, str]]:
    """(event, data) pairs; comment lines (heartbeats) come as ("", ":")."""
    buffer = ""
    async for chunk in response.aiter_text():
        buffer += chunk
        while "\n\n" in buffer:
            block, buffer = buffer.split("\n\n", 1)
            if block.startswith(":"):
                yield "", ":"
                continue
            fields: dict[str, str] = {}
            for line in block.split("\n"):
                name, _, value = line.partition(":")
                fields[name] = value.removeprefix(" ")
            yield fields.get("event", "message"), fields.get("data", "")
