"""The graphql-transport-ws wire format (enisdenjo/graphql-ws PROTOCOL.md): messages and codes."""

from __future__ import annotations

import json
from typing import Any, Literal, NotRequired, TypedDict

from common.transport.jsonbody import MalformedJson, loads_exact

SUBPROTOCOL = "graphql-transport-ws"


class CloseCode:
    NORMAL = 1000
    TRY_AGAIN_LATER = 1013
    INTERNAL_ERROR = 4500
    BAD_REQUEST = 4400
    UNAUTHORIZED = 4401
    FORBIDDEN = 4403
    SUBPROTOCOL_NOT_ACCEPTABLE = 4406
    INIT_TIMEOUT = 4408
    SUBSCRIBER_EXISTS = 4409
    TOO_MANY_INIT = 4429
    # LifeGraph's own (not in the protocol): the token is past `exp`, at connection_init
    # or later. graphql-ws clients retry it by default, calling `connectionParams` again:
    # a client that refreshes its token there reconnects signed in (docs/clients.md).
    TOKEN_EXPIRED = 4419


class SubscribePayload(TypedDict):
    query: str
    operationName: NotRequired[str | None]
    variables: NotRequired[dict[str, Any] | None]
    extensions: NotRequired[dict[str, Any] | None]


class ConnectionInit(TypedDict):
    type: Literal["connection_init"]
    payload: NotRequired[dict[str, Any] | None]


class Ping(TypedDict):
    type: Literal["ping"]
    payload: NotRequired[dict[str, Any] | None]


class Pong(TypedDict):
    type: Literal["pong"]
    payload: NotRequired[dict[str, Any] | None]


class Subscribe(TypedDict):
    id: str
    type: Literal["subscribe"]
    payload: SubscribePayload


class Complete(TypedDict):
    id: str
    type: Literal["complete"]


ClientMessage = ConnectionInit | Ping | Pong | Subscribe | Complete


class ProtocolViolation(Exception):
    """The peer broke the protocol; the socket closes with 4400 and this reason."""


def _object(value: Any, what: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ProtocolViolation(f"Invalid message: {what} must be an object")
    return value


def _id(message: dict[str, Any]) -> str:
    value = message.get("id")
    if not isinstance(value, str) or not value:
        raise ProtocolViolation(f'Invalid message: "{message.get("type")}" needs a string id')
    return value


def _subscribe(message: dict[str, Any]) -> Subscribe:
    payload = message.get("payload")
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        raise ProtocolViolation('Invalid message: "subscribe" needs a payload with a query')
    name = payload.get("operationName")
    if name is not None and not isinstance(name, str):
        raise ProtocolViolation("Invalid message: operationName must be a string")
    checked: SubscribePayload = {
        "query": payload["query"],
        "operationName": name,
        "variables": _object(payload.get("variables"), "variables"),
        "extensions": _object(payload.get("extensions"), "extensions"),
    }
    return {"id": _id(message), "type": "subscribe", "payload": checked}


def parse_client_message(text: str) -> ClientMessage:
    try:
        message = loads_exact(text, what="Message")
    except MalformedJson as exc:
        # Close reasons must fit in 123 bytes: the detail stays out.
        raise ProtocolViolation("Invalid message received: not JSON") from exc
    if not isinstance(message, dict):
        raise ProtocolViolation("Invalid message received: not an object")
    kind = message.get("type")
    if kind == "connection_init":
        return {"type": "connection_init", "payload": _object(message.get("payload"), "payload")}
    if kind == "ping":
        return {"type": "ping", "payload": _object(message.get("payload"), "payload")}
    if kind == "pong":
        return {"type": "pong", "payload": _object(message.get("payload"), "payload")}
    if kind == "subscribe":
        return _subscribe(message)
    if kind == "complete":
        return {"id": _id(message), "type": "complete"}
    raise ProtocolViolation(f'Invalid message received: unknown type "{kind}"')


def encode(message: dict[str, Any]) -> str:
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False)


def next_message_encoded(op_id: str, encoded_result: str) -> str:
    return f'{{"id":{json.dumps(op_id)},"type":"next","payload":{encoded_result}}}'


def error_message(op_id: str, errors: list[dict[str, Any]]) -> str:
    return encode({"id": op_id, "type": "error", "payload": errors})


def complete_message(op_id: str) -> str:
    return encode({"id": op_id, "type": "complete"})
