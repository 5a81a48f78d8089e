"""Per-field caps on input lists, checked before graphql-core coerces the input.

Strawberry turns every entry of an input list into its Python type before a
resolver can check the list's length: a goal with 201 tasks (one over its cap)
cost about 15 ms of event loop to refuse, and a few clients sending it in a loop
held every other request of the process. A field declares its cap once, with
`metadata=list_cap(n)`, and the limiter refuses a longer list, from variables or
from the document's literals, by walking the raw JSON or the syntax tree: work in
proportion to the input's size, never a conversion of it.

```python
tasks: list[TaskInputType] = strawberry.field(
    description="Its checklist (at most 200 tasks).", metadata=list_cap(200)
)
```

The resolver keeps its own check: the cap here only makes refusing cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    ListValueNode,
    ObjectFieldNode,
    ValidationRule,
    get_named_type,
)
from graphql.utilities import get_operation_ast, type_from_ast
from strawberry.schema.schema_converter import GraphQLCoreConverter

from common.validation import too_many_items

_KEY = "lifegraph.max_items"


def list_cap(max_items: int) -> dict[str, int]:
    """Field metadata capping an input list at `max_items` entries."""
    return {_KEY: max_items}


def cap_of(field: GraphQLInputField) -> int | None:
    """The field's declared cap (`list_cap`), or None."""
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    metadata: Mapping[str, Any] = getattr(definition, "metadata", None) or {}
    cap = metadata.get(_KEY)
    return cap if isinstance(cap, int) else None


def check_variable_caps(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any],
) -> None:
    """BAD_USER_INPUT when a variable holds a list longer than its field's cap.

    Walks the raw JSON along the variables' declared types without recursion; a
    value of the wrong shape is left for coercion to report.
    """
    operation = get_operation_ast(document, operation_name)
    if operation is None or not variables:
        return
    # (value, its type, its path inside the variable, as resolvers name fields)
    pending: list[tuple[object, GraphQLInputType, tuple[str, ...]]] = []
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        declared = type_from_ast(schema, definition.type)
        if name in variables and declared is not None:
            pending.append((variables[name], declared, ()))  # type: ignore[arg-type]
    while pending:
        value, of_type, path = pending.pop()
        if isinstance(of_type, GraphQLNonNull):
            pending.append((value, of_type.of_type, path))
        elif isinstance(of_type, GraphQLList):
            if isinstance(value, list):
                entries = enumerate(value)
                pending.extend((entry, of_type.of_type, (*path, str(i))) for i, entry in entries)
            else:  # a single value stands for a one-entry list (input coercion's rule)
                pending.append((value, of_type.of_type, path))
        elif isinstance(of_type, GraphQLInputObjectType) and isinstance(value, dict):
            for name, field in of_type.fields.items():
                if name not in value:
                    continue
                entry, where = value[name], (*path, name)
                cap = cap_of(field)
                if cap is not None and isinstance(entry, list) and len(entry) > cap:
                    raise too_many_items(".".join(where), cap)
                pending.append((entry, field.type, where))


class ListCapsRule(ValidationRule):
    """Reports literal lists longer than their input field's cap."""

    def enter_object_field(self, node: ObjectFieldNode, *_args: object) -> None:
        parent = get_named_type(self.context.get_parent_input_type())
        if not isinstance(parent, GraphQLInputObjectType):
            return
        field = parent.fields.get(node.name.value)
        cap = cap_of(field) if field is not None else None
        if (
            cap is not None
            and isinstance(node.value, ListValueNode)
            and len(node.value.values) > cap
        ):
            refused = too_many_items(node.name.value, cap)
            self.report_error(GraphQLError(refused.message, node, original_error=refused))
