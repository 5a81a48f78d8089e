"""The schema extension that makes a subgraph enforce the operation limits itself.

It parses the document (with the token limit) before Strawberry would, and checks
depth, aliases, height and cost before graphql-core validates it, over HTTP and
WebSocket alike. A refused document never reaches validation or a resolver.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import ClassVar

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    NameNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
)
from graphql.error import GraphQLSyntaxError
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from common.errors import BadUserInput
from common.graphql.caching import DocumentCaches, ParseKey
from common.graphql.limits import (
    OperationLimitExceeded,
    OperationLimits,
    check_document,
    check_input_items,
    check_operation_cost,
    off_loop_if_long,
    parse_document,
)
from common.graphql.listcaps import ListCapsRule, check_variable_caps


class OperationLimiter(SchemaExtension):
    """Refuses operations over the limits of the request's `RequestContext.limits`.

    Without a `RequestContext` (a schema executed directly), the default limits apply.
    Long documents are parsed, checked and validated on a worker thread, so its hooks
    are asynchronous: a schema with this extension executes asynchronously only.

    Example:
        SubgraphSchema(query=Query, extensions=[ErrorFormatter, OperationLimiter])
    """

    # Set by `cached_limiter`: documents already parsed, checked and validated.
    caches: ClassVar[DocumentCaches | None] = None

    async def on_parse(self) -> AsyncIterator[None]:
        context = self.execution_context
        query = context.query
        if context.graphql_document is None and query:
            limits = self._limits()
            key: ParseKey = (query, (("limits", limits),))
            document = self.caches.parsed.get(key) if self.caches else None
            try:
                if document is None:
                    document = await off_loop_if_long(len(query), parse_document, query, limits)
                    if self.caches:
                        self.caches.parsed.put(key, document)
                context.graphql_document = document
            except (GraphQLSyntaxError, OperationLimitExceeded) as exc:
                self._refuse(exc)
        yield

    async def on_validate(self) -> AsyncIterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            query = context.query or ""
            key = (query, tuple(context.validation_rules), self._limits())
            try:
                if self.caches and self.caches.valid.get(key):
                    # Shape and validity are the text's; the cost may hang on variables.
                    await off_loop_if_long(len(query), self._check_cost, document)
                    context.pre_execution_errors = []
                else:
                    # Validation is done here too, so it leaves the loop with the checks;
                    # Strawberry skips its own once `pre_execution_errors` is set.
                    errors = await off_loop_if_long(len(query), self._check_and_validate, document)
                    context.pre_execution_errors = errors
                    if self.caches and not errors:
                        self.caches.valid.put(key, True)
            except (OperationLimitExceeded, BadUserInput) as exc:
                self._refuse(exc)
        yield

    def _check_and_validate(self, document: DocumentNode) -> list[GraphQLError]:
        check_document(document, self._limits())
        self._check_cost(document)
        rules = tuple(self.execution_context.validation_rules)
        schema = self.execution_context.schema._schema
        # No rules means validation is off (Strawberry's `DisableValidation`).
        return validate_document(schema, document, (*rules, ListCapsRule)) if rules else []

    def _check_cost(self, document: DocumentNode) -> None:
        """The checks that hang on the request's variables: their size, their lists' caps, then
        the cost."""
        context = self.execution_context
        check_input_items(context.variables or {}, self._limits())
        check_variable_caps(
            context.schema._schema, document, context.operation_name, context.variables or {}
        )
        check_operation_cost(
            document,
            context.schema._schema,
            self._limits(),
            operation_name=context.operation_name,
            variables=context.variables or {},
        )

    def _limits(self) -> OperationLimits:
        limits = getattr(self.execution_context.context, "limits", None)
        return limits if isinstance(limits, OperationLimits) else OperationLimits()

    def _refuse(self, exc: GraphQLSyntaxError | OperationLimitExceeded | BadUserInput) -> None:
        """Ends the operation with `exc` as its only error, before validation and execution.

        Strawberry stops after validation when pre-execution errors are set; it still
        needs a document to read the operation type from, so a refused document is
        replaced by a stand-in query that is never validated nor run.
        """
        context = self.execution_context
        error = (
            exc if isinstance(exc, GraphQLError) else GraphQLError(exc.message, original_error=exc)
        )
        context.pre_execution_errors = [error]
        if context.graphql_document is None:
            context.graphql_document = _stand_in(context.operation_name)


def cached_limiter(caches: DocumentCaches) -> type[OperationLimiter]:
    """`OperationLimiter` that parses, checks and validates each distinct text once.

    The router sends a subgraph the same few documents again and again; re-validating
    them was most of a subgraph's CPU. A text is remembered only once it parsed within
    the limits, passed them and validated, under the same rules and limits; the cost
    is still checked per request, as page sizes may come from variables.

        SubgraphSchema(query=Query, extensions=[cached_limiter(DocumentCaches())])
    """
    return type("CachedOperationLimiter", (OperationLimiter,), {"caches": caches})


def _stand_in(operation_name: str | None) -> DocumentNode:
    typename = FieldNode(name=NameNode(value="__typename"))
    operation = OperationDefinitionNode(
        operation=OperationType.QUERY,
        name=NameNode(value=operation_name) if operation_name else None,
        selection_set=SelectionSetNode(selections=(typename,)),
    )
    return DocumentNode(definitions=(operation,))
