"""How every subgraph builds its federation schema: same extensions, same error policy."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.federation.schema import FederationAny
from strawberry.types import ExecutionContext, Info

from common.graphql.caching import DEFAULT_MAXSIZE, DocumentCaches
from common.graphql.context import WriteScope
from common.graphql.entities import refused, representation_problem
from common.graphql.errors import ErrorFormatter
from common.graphql.limiter import cached_limiter
from common.metrics import operation_metrics


class SubgraphSchema(strawberry.federation.Schema):
    """A federation schema that refuses bad `_entities` representations one by one.

    Made by `build_schema`, never directly.
    """

    def entities_resolver(
        self, info: Info, representations: list[FederationAny]
    ) -> list[FederationAny]:
        """Bad representations get BAD_USER_INPUT each; the others resolve as usual."""
        type_map = self.schema_converter.type_map
        problems = [representation_problem(type_map, r) for r in representations]
        good = [r for r, p in zip(representations, problems, strict=True) if p is None]
        resolved = iter(super().entities_resolver(info, good) if good else [])
        return [next(resolved) if p is None else FederationAny(refused(p)) for p in problems]

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
    """A subgraph's federation schema with the extensions every subgraph runs.

    Those are: error formatting (known errors keep their code, the rest are
    masked), the operation limits, the read-only token check for mutations, and
    per-operation metrics labelled with `subgraph`. `options` go to
    `strawberry.federation.Schema`.

    ```python
    schema = build_schema("community", query=Query, mutation=Mutation, types=[Post, User])
    ```
    """
    caches = DocumentCaches(document_cache_size)
    return SubgraphSchema(
        query=query,
        mutation=mutation,
        subscription=subscription,
        types=list(types),
        # The limiter parses, checks and validates; it remembers texts that passed, so
        # the router's repeated documents are validated once per subgraph.
        extensions=[
            ErrorFormatter,
            cached_limiter(caches),
            WriteScope,
            operation_metrics(subgraph),
        ],
        **options,
    )
