"""Rejections decided at the edge, before any subgraph is called."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from router.executor.errors import graphql_error

UNAUTHENTICATED = "UNAUTHENTICATED"
RATE_LIMITED = "RATE_LIMITED"
PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
PERSISTED_QUERY_NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST"
PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
# A batch (a JSON array of operations) longer than RouterConfig.max_batch_size.
BATCH_TOO_LARGE = "BATCH_TOO_LARGE"


class EdgeRejection(Exception):
    """One GraphQL error plus the HTTP status and headers that go with it.

    `status` is what a `application/graphql-response+json` client gets; `legacy_status`
    is for `application/json` clients, which GraphQL-over-HTTP gives 200 for request
    errors (auth and throttling are transport-level, so they keep their 401/429).
    """

    def __init__(
        self,
        message: str,
        code: str,
        *,
        status: int,
        legacy_status: int | None = None,
        headers: Mapping[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(message)
        self.error = graphql_error(message, code, **extensions)
        self.code = code
        self.status = status
        self.legacy_status = status if legacy_status is None else legacy_status
        self.headers = dict(headers or {})


def unauthenticated(message: str) -> EdgeRejection:
    return EdgeRejection(
        message,
        UNAUTHENTICATED,
        status=401,
        headers={"www-authenticate": 'Bearer error="invalid_token"'},
    )


def rate_limited(retry_after: int) -> EdgeRejection:
    seconds = max(retry_after, 1)
    return EdgeRejection(
        f"Too many requests; retry in {seconds}s.",
        RATE_LIMITED,
        status=429,
        headers={"retry-after": str(seconds)},
        retryAfter=seconds,
    )


def persisted_query_error(message: str, code: str, **extensions: Any) -> EdgeRejection:
    return EdgeRejection(message, code, status=400, legacy_status=200, **extensions)
