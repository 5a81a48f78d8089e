"""Router error codes and the GraphQL error dicts the executor emits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SUBGRAPH_ERROR = "SUBGRAPH_ERROR"
SUBGRAPH_UNAVAILABLE = "SUBGRAPH_UNAVAILABLE"
BAD_USER_INPUT = "BAD_USER_INPUT"
NOT_FOUND = "NOT_FOUND"
INTERNAL = "INTERNAL"
# `extensions.reason` of a SUBGRAPH_UNAVAILABLE refused by the subgraph's circuit breaker.
CIRCUIT_OPEN = "CIRCUIT_OPEN"

JSONPath = Sequence[str | int]


class SubgraphRequestError(Exception):
    """A subgraph request failed as a whole (no usable GraphQL response)."""

    def __init__(
        self,
        service: str,
        message: str,
        code: str,
        *,
        reason: str | None = None,
        transient: bool = False,
    ) -> None:
        super().__init__(message)
        self.service = service
        self.message = message
        self.code = code
        self.reason = reason
        # Sent again, it may well succeed (unreachable, timed out, HTTP 5xx): a query
        # may be retried (router/executor/retry.py).
        self.transient = transient

    def graphql_error(self, path: JSONPath | None) -> dict[str, Any]:
        """This failure as the client sees it at `path`."""
        if self.reason is None:
            return graphql_error(self.message, self.code, path, serviceName=self.service)
        return graphql_error(
            self.message, self.code, path, serviceName=self.service, reason=self.reason
        )


def graphql_error(
    message: str, code: str, path: JSONPath | None = None, **extensions: Any
) -> dict[str, Any]:
    error: dict[str, Any] = {"message": message}
    if path is not None:
        error["path"] = list(path)
    error["extensions"] = {"code": code, **extensions}
    return error


def from_subgraph(error: Any, service: str, path: JSONPath | None) -> dict[str, Any]:
    """A subgraph's error as the client sees it: its message and code, our path."""
    if not isinstance(error, dict):
        return graphql_error("Subgraph returned a malformed error", SUBGRAPH_ERROR, path)
    extensions = error.get("extensions")
    extensions = dict(extensions) if isinstance(extensions, dict) else {}
    extensions.setdefault("code", SUBGRAPH_ERROR)
    extensions["serviceName"] = service
    result: dict[str, Any] = {"message": str(error.get("message", "Subgraph error"))}
    if path is not None:
        result["path"] = list(path)
    result["extensions"] = extensions
    return result
