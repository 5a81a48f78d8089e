"""How every subgraph builds its federation schema: same extensions, same error policy."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext

from common.graphql.caching import DEFAULT_MAXSIZE, DocumentCaches, document_cache
from common.graphql.context import WriteScope
from common.graphql.errors import ErrorFormatter
from common.metrics import operation_metrics


class SubgraphSchema(strawberry.federation.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # ErrorFormatter logs what is unexpected; client errors are not worth a log line each.
        return None


def build_schema(
    subgraph: str,
    *,
    query: type,
    mutation: type | None = None,
    subscription: type | None = None,
    types: Iterable[type] = (),
    document_cache_size: int = DEFAULT_MAXSIZE,
    **options: Any,
) -> SubgraphSchema:
    caches = DocumentCaches(document_cache_size)
    return SubgraphSchema(
        query=query,
        mutation=mutation,
        subscription=subscription,
        types=list(types),
        # The cache stands in for Strawberry's own parse and validate steps, so it goes
        # last: every extension before it has set its rules and options, and keeps its checks.
        extensions=[
            ErrorFormatter,
            WriteScope,
            operation_metrics(subgraph),
            document_cache(caches),
        ],
        **options,
    )
