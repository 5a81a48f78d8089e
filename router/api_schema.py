"""The client-facing API schema: the supergraph minus federation machinery and @inaccessible."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from graphql import (
    ConstDirectiveNode,
    DefinitionNode,
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    GraphQLSchema,
    InputObjectTypeDefinitionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    SchemaDefinitionNode,
    TypeDefinitionNode,
    UnionTypeDefinitionNode,
    build_ast_schema,
    parse,
)

from router.supergraph.loader import LinkedNames, named_type, read_links

_KEPT_DIRECTIVES = frozenset({"deprecated", "specifiedBy", "oneOf"})


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


def api_document(supergraph_sdl: str) -> DocumentNode:
    document = parse(supergraph_sdl, no_location=True)
    return _Pruner(read_links(document), document).prune(document)


def build_api_schema(supergraph_sdl: str) -> GraphQLSchema:
    return build_ast_schema(api_document(supergraph_sdl))
