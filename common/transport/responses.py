"""GraphQL-shaped error responses written straight to ASGI, before any app has run."""

from __future__ import annotations

import orjson
from starlette.types import Send

from common.errors import LifeGraphError


def error_body(error: LifeGraphError) -> bytes:
    extensions = {"code": error.code, **error.extensions}
    return orjson.dumps({"errors": [{"message": error.message, "extensions": extensions}]})


async def send_error(send: Send, status: int, error: LifeGraphError) -> None:
    body = error_body(error)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
