from __future__ import annotations

import pytest
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocketDisconnect

from common.quietws import QuietDisconnects


async def _gone(scope: Scope, receive: Receive, send: Send) -> None:
    raise WebSocketDisconnect(code=1006)


async def _nothing() -> dict[str, str]:
    return {}


async def _ignore(message: object) -> None:
    return None


async def test_a_websocket_whose_client_is_gone_is_not_an_error() -> None:
    await QuietDisconnects(_gone)({"type": "websocket"}, _nothing, _ignore)


async def test_http_errors_still_surface() -> None:
    with pytest.raises(WebSocketDisconnect):
        await QuietDisconnects(_gone)({"type": "http"}, _nothing, _ignore)
