"""Each subgraph's own schema, extracted from the supergraph's join directives.

What a subgraph accepts is narrower than the supergraph: only the types and fields it
declares (`join__type`, `join__field`), its own field types (`join__field(type:)`), union
members and implementations (`join__unionMember`, `join__implements`), enum values
(`join__enumValue`), an `@interfaceObject` as the object type it is there, and the
federation entry points `_entities` and `_service`. Validating a fetch against this
schema catches the operations the subgraph would reject, without running the subgraph.

Example:
    schema = subgraph_schemas(sdl)["reviews"]
    assert not validate(schema, parse(fetch.operation))
"""

from __future__ import annotations

from collections.abc import Iterable

from graphql import (
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    GraphQLSchema,
    InputObjectTypeDefinitionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    ScalarTypeDefinitionNode,
    UnionTypeDefinitionNode,
    build_schema,
    parse,
    print_ast,
)

from router.supergraph.loader import TypeDefinition, _Reader, load_supergraph, read_links
from router.supergraph.model import FieldInfo, Supergraph, TypeInfo, TypeKind

_DEFINITIONS = (
    ObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    UnionTypeDefinitionNode,
    EnumTypeDefinitionNode,
    InputObjectTypeDefinitionNode,
    ScalarTypeDefinitionNode,
)
_BUILT_IN = frozenset({"String", "Int", "Float", "Boolean", "ID"})
_FEDERATION = """
scalar _Any
type _Service { sdl: String }
"""


def subgraph_schemas(sdl: str) -> dict[str, GraphQLSchema]:
    """Every subgraph's schema, by subgraph name."""
    return {name: build_schema(text) for name, text in subgraph_sdls(sdl).items()}


def subgraph_sdls(sdl: str) -> dict[str, str]:
    """Every subgraph's schema as SDL (no federation directives), by subgraph name."""
    document = parse(sdl, no_location=True)
    reader = _Reader(document, read_links(document))
    reader.read_graphs()
    supergraph = load_supergraph(sdl)
    definitions = {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, _DEFINITIONS) and d.name.value in supergraph.types
    }
    return {
        graph: _Extraction(supergraph, reader, definitions, graph).sdl()
        for graph in supergraph.subgraphs
    }


class _Extraction:
    def __init__(
        self,
        supergraph: Supergraph,
        reader: _Reader,
        definitions: dict[str, TypeDefinition],
        graph: str,
    ) -> None:
        self.sg = supergraph
        self.reader = reader
        self.definitions = definitions
        self.graph = graph
        self.included = {n for n, t in supergraph.types.items() if graph in t.graphs}

    def is_object(self, info: TypeInfo) -> bool:
        return info.kind is TypeKind.OBJECT or self.graph in info.interface_object_graphs

    def fields(self, info: TypeInfo) -> list[tuple[FieldDefinitionNode, str]]:
        """(definition, type in this graph) of the fields this graph declares."""
        node = self.definitions[info.name]
        found = []
        for definition in getattr(node, "fields", None) or ():
            if not isinstance(definition, FieldDefinitionNode):
                continue
            field = info.fields[definition.name.value]
            if self._declares(definition, field):
                type_ref = field.type_in(self.graph)
                if type_ref.strip("[]!") in self.included | _BUILT_IN:
                    found.append((definition, type_ref))
        return found

    def _declares(self, definition: FieldDefinitionNode, field: FieldInfo) -> bool:
        if field.sources:
            return self.graph in field.sources
        # a bare `@join__field` (no graph): a field no subgraph declares here
        return not self.reader.directives(definition, "field")

    def prune(self) -> None:
        """Drop composite types left with no fields, until none is left (a fixpoint)."""
        while True:
            empty = {
                name
                for name in self.included
                if self.sg.types[name].kind in (TypeKind.OBJECT, TypeKind.INTERFACE)
                and name != self.sg.query_type
                and not self.fields(self.sg.types[name])
            }
            empty |= {
                name
                for name in self.included
                if self.sg.types[name].kind is TypeKind.UNION and not self.members(name)
            }
            if not empty:
                return
            self.included -= empty

    def members(self, union: str) -> list[str]:
        info = self.sg.types[union]
        members = info.union_members.get(self.graph, frozenset())
        return sorted(m for m in members if m in self.included)

    def sdl(self) -> str:
        self.prune()
        parts = [_FEDERATION]
        for name in sorted(self.included):
            parts.append(self.type_sdl(self.sg.types[name]))
        roots = self.root_types()
        entities = self.entities()
        if entities:
            parts.append(f"union _Entity = {' | '.join(entities)}")
        query_fields = "  _service: _Service!\n"
        if entities:
            query_fields += "  _entities(representations: [_Any!]!): [_Entity]!\n"
        if self.sg.query_type in self.included:
            parts.append(f"extend type {self.sg.query_type} {{\n{query_fields}}}")
        else:
            parts.append(f"type {self.sg.query_type} {{\n{query_fields}}}")
        schema = " ".join(f"{op}: {name}" for op, name in roots)
        parts.append(f"schema {{ {schema} }}")
        return "\n\n".join(parts) + "\n"

    def root_types(self) -> list[tuple[str, str]]:
        roots = [("query", self.sg.query_type)]
        for op, name in (
            ("mutation", self.sg.mutation_type),
            ("subscription", self.sg.subscription_type),
        ):
            if name is not None and name in self.included:
                roots.append((op, name))
        return roots

    def entities(self) -> list[str]:
        return sorted(
            name
            for name in self.included
            if self.is_object(self.sg.types[name])
            and self.sg.types[name].keys_in(self.graph, resolvable_only=False)
        )

    def type_sdl(self, info: TypeInfo) -> str:
        node = self.definitions[info.name]
        if info.kind in (TypeKind.OBJECT, TypeKind.INTERFACE):
            keyword = "type" if self.is_object(info) else "interface"
            fields = "\n".join(
                f"  {d.name.value}{_arguments(d.arguments)}: {type_ref}"
                for d, type_ref in self.fields(info)
            )
            body = f" {{\n{fields}\n}}" if fields else ""  # a root only `_entities` fills
            return f"{keyword} {info.name}{self.implements(info)}{body}"
        if info.kind is TypeKind.UNION:
            return f"union {info.name} = {' | '.join(self.members(info.name))}"
        if isinstance(node, EnumTypeDefinitionNode):
            values = [
                v.name.value
                for v in node.values or ()
                if self._in_graph(self.reader.directives(v, "enumValue"))
            ]
            return f"enum {info.name} {{ {' '.join(values)} }}"
        if isinstance(node, InputObjectTypeDefinitionNode):
            inputs = [
                f"  {_input_value(v)}"
                for v in node.fields or ()
                if self._in_graph(self.reader.directives(v, "field"))
            ]
            return f"input {info.name} {{\n" + "\n".join(inputs) + "\n}"
        assert isinstance(node, ScalarTypeDefinitionNode)
        return f"scalar {info.name}"

    def _in_graph(self, directives: Iterable[object]) -> bool:
        graphs = {
            self.reader.graph_of(arg.value)
            for directive in directives
            for arg in getattr(directive, "arguments", None) or ()
            if arg.name.value == "graph"
        }
        return not graphs or self.graph in graphs

    def implements(self, info: TypeInfo) -> str:
        if self.graph in info.interface_object_graphs:
            return ""
        interfaces = sorted(
            i
            for i in info.implements.get(self.graph, ())
            if i in self.included and not self.is_object(self.sg.types[i])
        )
        return f" implements {' & '.join(interfaces)}" if interfaces else ""


def _arguments(arguments: Iterable[InputValueDefinitionNode] | None) -> str:
    printed = [_input_value(a) for a in arguments or ()]
    return f"({', '.join(printed)})" if printed else ""


def _input_value(node: InputValueDefinitionNode) -> str:
    default = f" = {print_ast(node.default_value)}" if node.default_value else ""
    return f"{node.name.value}: {print_ast(node.type)}{default}"
