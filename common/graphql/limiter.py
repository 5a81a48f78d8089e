"""The schema extension that makes a subgraph enforce the operation limits itself.

It parses the document (with the token limit) before Strawberry would, and checks
depth, aliases, height and cost before graphql-core validates it, over HTTP and
WebSocket alike. A refused document never reaches validation or a resolver.
"""

from __future__ import annotations

from collections.abc import Iterator

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

from common.graphql.limits import (
    OperationLimitExceeded,
    OperationLimits,
    check_document,
    check_operation_cost,
    parse_document,
)


class OperationLimiter(SchemaExtension):
    """Refuses operations over the limits of the request's `RequestContext.limits`.

    Without a `RequestContext` (a schema executed directly), the default limits apply.

    Example:
        SubgraphSchema(query=Query, extensions=[ErrorFormatter, OperationLimiter])
    """

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is None and context.query:
            try:
                context.graphql_document = parse_document(context.query, self._limits())
            except (GraphQLSyntaxError, OperationLimitExceeded) as exc:
                self._refuse(exc)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            limits = self._limits()
            try:
                check_document(document, limits)
                check_operation_cost(
                    document,
                    context.schema._schema,
                    limits,
                    operation_name=context.operation_name,
                    variables=context.variables or {},
                )
            except OperationLimitExceeded as exc:
                self._refuse(exc)
        yield

    def _limits(self) -> OperationLimits:
        limits = getattr(self.execution_context.context, "limits", None)
        return limits if isinstance(limits, OperationLimits) else OperationLimits()

    def _refuse(self, exc: GraphQLSyntaxError | OperationLimitExceeded) -> None:
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


def _stand_in(operation_name: str | None) -> DocumentNode:
    typename = FieldNode(name=NameNode(value="__typename"))
    operation = OperationDefinitionNode(
        operation=OperationType.QUERY,
        name=NameNode(value=operation_name) if operation_name else None,
        selection_set=SelectionSetNode(selections=(typename,)),
    )
    return DocumentNode(definitions=(operation,))
