"""The client-facing API schema: the supergraph minus federation machinery and @inaccessible."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from graphql import (
    ConstDirectiveNode,
    DefinitionNode,
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    GraphQLDeferDirective,
    GraphQLSchema,
    InputObjectTypeDefinitionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    SchemaDefinitionNode,
    StringValueNode,
    TypeDefinitionNode,
    UnionTypeDefinitionNode,
    build_ast_schema,
    parse,
    print_schema,
)

from router.supergraph.loader import LinkedNames, named_type, read_links

_KEPT_DIRECTIVES = frozenset({"deprecated", "specifiedBy", "oneOf"})

# Composition gives a root type the description of one subgraph's ("Analytics
# queries."); the composed type is the whole API's, so it gets its own.
ROOT_DESCRIPTIONS: Mapping[str, str] = {
    "query": "Every read of this API. One query may span several subgraphs: the router "
    "plans it and answers with one result.",
    "mutation": "Every write of this API. Root fields run one after another, in the order written.",
    "subscription": "Live events, over the graphql-transport-ws WebSocket at this same URL.",
}
_DEFAULT_ROOTS = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}


class _Pruner:
    def __init__(self, names: LinkedNames, document: DocumentNode) -> None:
        self.names = names
        self.removed: set[str] = set()
        for definition in document.definitions:
            if isinstance(definition, TypeDefinitionNode):
                name = definition.name.value
                if self.is_spec_name(name) or self.hidden(definition):
                    self.removed.add(name)

    def is_spec_name(self, name: str) -> bool:
        prefix, sep, _ = name.partition("__")
        return bool(sep) and prefix in self.names.feature_prefixes

    def hidden(self, node: object) -> bool:
        found: Sequence[ConstDirectiveNode] = getattr(node, "directives", None) or ()
        return any(d.name.value == self.names.inaccessible for d in found)

    def directives(self, node: object) -> tuple[ConstDirectiveNode, ...]:
        found: Sequence[ConstDirectiveNode] = getattr(node, "directives", None) or ()
        return tuple(d for d in found if d.name.value in _KEPT_DIRECTIVES)

    def keeps_input(self, node: InputValueDefinitionNode) -> bool:
        return not self.hidden(node) and named_type(node.type) not in self.removed

    def input_value(self, node: InputValueDefinitionNode) -> InputValueDefinitionNode:
        return dataclasses.replace(node, directives=self.directives(node))

    def field(self, node: FieldDefinitionNode) -> FieldDefinitionNode:
        args = tuple(self.input_value(a) for a in node.arguments or () if self.keeps_input(a))
        return dataclasses.replace(node, arguments=args, directives=self.directives(node))

    def keeps_field(self, node: FieldDefinitionNode) -> bool:
        return not self.hidden(node) and named_type(node.type) not in self.removed

    def type_definition(self, node: TypeDefinitionNode) -> DefinitionNode:
        changes: dict[str, object] = {"directives": self.directives(node)}
        if isinstance(node, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
            changes["fields"] = tuple(
                self.field(f) for f in node.fields or () if self.keeps_field(f)
            )
            changes["interfaces"] = tuple(
                i for i in node.interfaces or () if i.name.value not in self.removed
            )
        elif isinstance(node, InputObjectTypeDefinitionNode):
            changes["fields"] = tuple(
                self.input_value(f) for f in node.fields or () if self.keeps_input(f)
            )
        elif isinstance(node, EnumTypeDefinitionNode):
            changes["values"] = tuple(
                dataclasses.replace(v, directives=self.directives(v))
                for v in node.values or ()
                if not self.hidden(v)
            )
        elif isinstance(node, UnionTypeDefinitionNode):
            changes["types"] = tuple(
                t for t in node.types or () if t.name.value not in self.removed
            )
        return dataclasses.replace(node, **changes)  # type: ignore[arg-type]

    def directive_definition(self, node: DirectiveDefinitionNode) -> bool:
        name = node.name.value
        return not (name in self.names.feature_directives or self.is_spec_name(name))

    def schema_definition(self, node: SchemaDefinitionNode) -> SchemaDefinitionNode:
        operations = tuple(
            op for op in node.operation_types if op.type.name.value not in self.removed
        )
        return dataclasses.replace(node, directives=(), operation_types=operations)

    def prune(self, document: DocumentNode) -> DocumentNode:
        kept: list[DefinitionNode] = []
        for definition in document.definitions:
            if isinstance(definition, SchemaDefinitionNode):
                kept.append(self.schema_definition(definition))
            elif isinstance(definition, DirectiveDefinitionNode):
                if self.directive_definition(definition):
                    kept.append(definition)
            elif (
                isinstance(definition, TypeDefinitionNode)
                and definition.name.value not in self.removed
            ):
                kept.append(self.type_definition(definition))
        return DocumentNode(definitions=tuple(kept))


def _root_names(document: DocumentNode) -> dict[str, str]:
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode):
            return {op.operation.value: op.type.name.value for op in definition.operation_types}
    return dict(_DEFAULT_ROOTS)


def _describe_roots(document: DocumentNode, descriptions: Mapping[str, str]) -> DocumentNode:
    by_type = {
        name: descriptions.get(operation, ROOT_DESCRIPTIONS[operation])
        for operation, name in _root_names(document).items()
    }
    return DocumentNode(
        definitions=tuple(
            dataclasses.replace(d, description=StringValueNode(value=by_type[d.name.value]))
            if isinstance(d, ObjectTypeDefinitionNode) and d.name.value in by_type
            else d
            for d in document.definitions
        )
    )


def api_document(
    supergraph_sdl: str, root_descriptions: Mapping[str, str] | None = None
) -> DocumentNode:
    """The client schema; `root_descriptions` (by operation) replace the generic texts."""
    document = parse(supergraph_sdl, no_location=True)
    pruned = _Pruner(read_links(document), document).prune(document)
    return _describe_roots(pruned, root_descriptions or {})


def build_api_schema(
    supergraph_sdl: str, root_descriptions: Mapping[str, str] | None = None
) -> GraphQLSchema:
    schema = build_ast_schema(api_document(supergraph_sdl, root_descriptions))
    # The router delivers @defer itself (router/defer/), whatever the subgraphs support.
    kwargs = schema.to_kwargs()
    kwargs["directives"] = (*kwargs["directives"], GraphQLDeferDirective)
    return GraphQLSchema(**kwargs)


def api_sdl(supergraph_sdl: str, root_descriptions: Mapping[str, str] | None = None) -> str:
    """The client schema as SDL (`schema/api.graphql`): what codegen and editors read."""
    return print_schema(build_api_schema(supergraph_sdl, root_descriptions)).rstrip() + "\n"
