"""The bytes of streamed responses: multipart/mixed parts and server-sent events.

Multipart: the body opens with a delimiter and every part is followed by the next one,
so a client (Apollo Client's `readMultipartBody`) can hand a part on as soon as it
arrives; the close delimiter (`--`) ends the body.
"""

from __future__ import annotations

import json
from typing import Any

from router.subscriptions.config import SubscriptionConfig
from router.subscriptions.protocol import encode

SUBSCRIPTION_BOUNDARY = "graphql"
DEFER_BOUNDARY = "-"
SUBSCRIPTION_CONTENT_TYPE = (
    f'multipart/mixed;boundary="{SUBSCRIPTION_BOUNDARY}";subscriptionSpec="1.0"'
)
DEFER_CONTENT_TYPE = f'multipart/mixed;boundary="{DEFER_BOUNDARY}";deferSpec=20220824'
EVENT_STREAM_CONTENT_TYPE = "text/event-stream; charset=utf-8"

_PART_HEADERS = "\r\ncontent-type: application/json; charset=utf-8\r\n\r\n"


def multipart_opening(boundary: str) -> str:
    return f"\r\n--{boundary}"


def multipart_part(boundary: str, json_text: str) -> str:
    return f"{_PART_HEADERS}{json_text}\r\n--{boundary}"


def multipart_closing() -> str:
    return "--\r\n"


class MultipartSubscriptionFraming:
    """Apollo's multipart subscription protocol: `{"payload": result}` per event; a
    transport-level end with errors is `{"payload": null, "errors": [...]}`."""

    media_type = SUBSCRIPTION_CONTENT_TYPE
    heartbeat = multipart_part(SUBSCRIPTION_BOUNDARY, "{}")
    opening = multipart_opening(SUBSCRIPTION_BOUNDARY)
    closing = multipart_closing()

    def heartbeat_interval(self, config: SubscriptionConfig) -> float:
        return config.multipart_heartbeat_interval

    def next(self, op_id: str, encoded_result: str) -> str:
        return multipart_part(SUBSCRIPTION_BOUNDARY, f'{{"payload":{encoded_result}}}')

    def error(self, op_id: str, errors: list[dict[str, Any]]) -> str:
        return multipart_part(SUBSCRIPTION_BOUNDARY, encode({"payload": None, "errors": errors}))

    def complete(self, op_id: str) -> str:
        return ""  # the closing delimiter says it


class EventStreamFraming:
    """graphql-sse, distinct connections mode: `next` events, then one `complete`.
    An operation that fails sends its errors as a result, as graphql-sse servers do."""

    media_type = EVENT_STREAM_CONTENT_TYPE
    # A comment line: keeps proxies from timing the connection out.
    heartbeat = ":\n\n"
    opening = ""
    closing = ""

    def heartbeat_interval(self, config: SubscriptionConfig) -> float:
        return config.event_stream_heartbeat_interval

    def next(self, op_id: str, encoded_result: str) -> str:
        return f"event: next\ndata: {encoded_result}\n\n"

    def error(self, op_id: str, errors: list[dict[str, Any]]) -> str:
        return self.next(op_id, json.dumps({"errors": errors})) + self.complete(op_id)

    def complete(self, op_id: str) -> str:
        return "event: complete\ndata:\n\n"
