"""How an operation's results are written for one transport (the socket's messages, HTTP parts).

`ClientOperation` produces results; a `Framing` turns each into the text its transport
sends, so the WebSocket and the HTTP transports share every step before that.
"""

from __future__ import annotations

from typing import Any, Protocol

from router.subscriptions.protocol import (
    complete_message,
    error_message,
    next_message_encoded,
)


class Framing(Protocol):
    def next(self, op_id: str, encoded_result: str) -> str:
        """One result (`{"data": …, "errors": …}`, already JSON) of the operation."""
        ...

    def error(self, op_id: str, errors: list[dict[str, Any]]) -> str:
        """The operation ended with `errors` instead of a result."""
        ...

    def complete(self, op_id: str) -> str:
        """The operation ended normally."""
        ...


class SocketFraming:
    """graphql-transport-ws messages: `next`, `error`, `complete` with the operation id."""

    def next(self, op_id: str, encoded_result: str) -> str:
        return next_message_encoded(op_id, encoded_result)

    def error(self, op_id: str, errors: list[dict[str, Any]]) -> str:
        return error_message(op_id, errors)

    def complete(self, op_id: str) -> str:
        return complete_message(op_id)


SOCKET_FRAMING = SocketFraming()
