"""`FieldSet` strings (@key, @requires, @provides) resolved against a subgraph's types."""

from dataclasses import dataclass
from dataclasses import field as dc_field

from graphql import (
    FieldNode,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
)

from router.composition.subgraph import Field, Subgraph, base_name

COMPOSITE = ("object", "interface", "union")


@dataclass
class Selected:
    field: Field
    children: list["Selected"] = dc_field(default_factory=list)
    has_directives: bool = False


class FieldSetError(Exception):
    pass


def parse_field_set(subgraph: Subgraph, type_name: str, fields: str) -> list[Selected]:
    """The selection tree, fragments flattened; raises FieldSetError with graphql-js wording."""
    try:
        document = parse("{" + fields + "}", no_location=True)
    except GraphQLSyntaxError as error:
        raise FieldSetError(error.message) from error
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return _selections(subgraph, type_name, operation.selection_set)


def _selections(
    subgraph: Subgraph, type_name: str, selection_set: SelectionSetNode
) -> list[Selected]:
    parent = subgraph.type(type_name)
    out: list[Selected] = []
    for node in selection_set.selections:
        if isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else type_name
            if subgraph.type(condition) is None:
                raise FieldSetError(f'Unknown type "{condition}".')
            out.extend(_selections(subgraph, condition, node.selection_set))
            continue
        if not isinstance(node, FieldNode):
            raise FieldSetError("Fragment spreads are not allowed in a field set.")
        name = node.name.value
        if name == "__typename":
            continue
        definition = parent.fields.get(name) if parent else None
        if definition is None:
            raise FieldSetError(
                f'Cannot query field "{name}" on type "{type_name}" (if the field is defined in'
                " another subgraph, you need to add it to this subgraph with @external)."
            )
        if node.alias is not None:
            raise FieldSetError(
                f'Cannot use alias "{node.alias.value}" in "{node.alias.value}: {name}":'
                " aliases are not currently supported in field sets"
            )
        target = subgraph.type(base_name(definition.type))
        composite = target is not None and target.kind in COMPOSITE
        if composite and node.selection_set is None:
            raise FieldSetError(
                f'Field "{name}" of type "{base_name(definition.type)}" must have a selection of'
                f' subfields. Did you mean "{name} {{ ... }}"?'
            )
        if not composite and node.selection_set is not None:
            raise FieldSetError(
                f'Field "{name}" must not have a selection since type'
                f' "{base_name(definition.type)}" has no subfields.'
            )
        children = (
            _selections(subgraph, base_name(definition.type), node.selection_set)
            if node.selection_set is not None
            else []
        )
        out.append(Selected(definition, children, bool(node.directives)))
    return out


def flatten(selected: list[Selected]) -> list[Field]:
    out: list[Field] = []
    for s in selected:
        out.append(s.field)
        out.extend(flatten(s.children))
    return out


def target_fields(
    subgraph: Subgraph, type_name: str, fields: str, *, with_implementations: bool
) -> list[Field]:
    """Every field a field set touches; invalid sets touch nothing (they are reported elsewhere)."""
    try:
        found = flatten(parse_field_set(subgraph, type_name, fields))
    except FieldSetError:
        return []
    if not with_implementations:
        return found
    extra: list[Field] = []
    for f in found:
        parent = subgraph.type(f.parent)
        if parent is not None and parent.kind == "interface":
            for impl in subgraph.implementations(parent.name):
                if f.name in impl.fields:
                    extra.append(impl.fields[f.name])
    return found + extra
