"""Where exceptions become GraphQL errors: known ones keep their code, the rest are masked."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult, StreamExecutionResult

from common.errors import LifeGraphError
from common.logs import request_id_var

log = logging.getLogger("lifegraph.graphql")

MASKED_MESSAGE = "Internal server error."


def format_error(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, LifeGraphError):
        return _with_extensions(
            error, original.message, {"code": original.code, **original.extensions}
        )
    if original is None:
        return _with_extensions(error, error.message, {"code": _code_for_request_error(error)})
    if isinstance(original, GraphQLError):
        return format_error(original) if original is not error else error
    request_id = request_id_var.get()
    log.error(
        "unhandled error in resolver",
        exc_info=(type(original), original, original.__traceback__),
        extra={"path": error.path},
    )
    return _with_extensions(
        error, MASKED_MESSAGE, {"code": "INTERNAL", "requestId": request_id}, keep_original=False
    )


def _code_for_request_error(error: GraphQLError) -> str:
    # Errors without an original exception come from graphql-core itself.
    if error.message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    if error.message.startswith("Variable '$") or error.path is not None:
        return "BAD_USER_INPUT"
    return "GRAPHQL_VALIDATION_FAILED"


def _with_extensions(
    error: GraphQLError, message: str, extensions: dict[str, Any], *, keep_original: bool = True
) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error if keep_original else None,
        extensions={
            **(error.extensions or {}),
            **{k: v for k, v in extensions.items() if v is not None},
        },
    )


class ErrorFormatter(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        self._streamed = False
        yield
        # Streamed results (subscriptions, operations over WebSocket) were
        # formatted one by one as they left; formatting twice would re-code them.
        if self._streamed:
            return
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [format_error(e) for e in result.errors]

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        self._streamed = True
        if isinstance(result, ExecutionResult) and result.errors:
            result.errors = [format_error(e) for e in result.errors]
        yield
