"""A static cost estimate: every field costs 1, multiplied by the list sizes above it.

A field with a `first`/`last` argument multiplies its sub-selection by that page size;
when it returns a connection object, the `edges`/`nodes` lists directly inside it are
that page and are not multiplied again. Any other list field multiplies by
`default_list_size`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNonNull,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)

from common.graphql.measures import SATURATED, dependency_order, saturating_add, saturating_mul

_PAGE_ARGUMENTS = ("first", "last")


def uses_variable_page_sizes(
    operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> bool:
    """Whether the cost depends on variables (else it is computed once per document)."""
    nodes: list[Any] = [operation, *fragments.values()]
    while nodes:
        node = nodes.pop()
        selection_set: SelectionSetNode | None = node.selection_set
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                for argument in selection.arguments or ():
                    if argument.name.value in _PAGE_ARGUMENTS and isinstance(
                        argument.value, VariableNode
                    ):
                        return True
            if not isinstance(selection, FragmentSpreadNode):
                nodes.append(selection)
    return False


class CostEstimator:
    """Static cost of operations against one schema.

    Example:
        estimator = CostEstimator(schema, default_list_size=10)
        estimator.cost(operation, fragment_definitions(document), variables)
    """

    def __init__(self, schema: GraphQLSchema, default_list_size: int) -> None:
        self.schema = schema
        self.default_list_size = default_list_size

    def cost(
        self,
        operation: OperationDefinitionNode,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> int:
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return 0
        walk = _Walk(self, fragments, variables)
        for name in dependency_order(fragments):
            walk.summarise(name)
        return walk.selection_set(root.name, operation.selection_set, paged=False)


class _Walk:
    """One estimate; fragment costs are computed once (per paging context) and reused.

    Within one selection set the walk recurses, which the parser bounds: graphql-core
    refuses documents nested deeper than 200 levels.
    """

    def __init__(
        self,
        estimator: CostEstimator,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = estimator.schema
        self.default = estimator.default_list_size
        self.fragments = fragments
        self.variables = variables
        # (fragment, inside a paged connection) -> cost; absent while not yet known,
        # so a spread closing a cycle costs nothing.
        self.known: dict[tuple[str, bool], int] = {}

    def summarise(self, name: str) -> None:
        fragment = self.fragments[name]
        for paged in (False, True):
            self.known[(name, paged)] = self.selection_set(
                fragment.type_condition.name.value, fragment.selection_set, paged=paged
            )

    def selection_set(
        self, type_name: str, selection_set: SelectionSetNode | None, *, paged: bool
    ) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total = saturating_add(total, self.field(type_name, selection, paged=paged))
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = condition.name.value if condition else type_name
                total = saturating_add(
                    total, self.selection_set(inner, selection.selection_set, paged=paged)
                )
            elif isinstance(selection, FragmentSpreadNode):
                total = saturating_add(total, self.known.get((selection.name.value, paged), 0))
        return total

    def field(self, type_name: str, node: FieldNode, *, paged: bool) -> int:
        if node.selection_set is None or node.name.value.startswith("__"):
            return 1
        field_type = self._field_type(type_name, node.name.value)
        if field_type is None:
            return 1
        page = self._page_size(node)
        is_list = _is_list(field_type)
        if page is not None:
            multiplier = page
        elif is_list and not paged:
            multiplier = self.default
        else:
            multiplier = 1
        inner = self.selection_set(
            get_named_type(field_type).name,
            node.selection_set,
            # a paged connection object: its edges/nodes lists are the page itself
            paged=page is not None and not is_list,
        )
        return saturating_add(1, saturating_mul(multiplier, inner))

    def _field_type(self, type_name: str, field_name: str) -> GraphQLOutputType | None:
        parent = self.schema.type_map.get(type_name)
        fields = getattr(parent, "fields", None)
        found = fields.get(field_name) if fields is not None else None
        return found.type if found is not None else None

    def _page_size(self, node: FieldNode) -> int | None:
        for argument in node.arguments or ():
            if argument.name.value not in _PAGE_ARGUMENTS:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return _page(int(value.value))
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                if isinstance(given, int):
                    return _page(given)
        return None


def _page(size: int) -> int:
    return min(max(size, 0), SATURATED)


def _is_list(field_type: GraphQLOutputType) -> bool:
    inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    return isinstance(inner, GraphQLList)
