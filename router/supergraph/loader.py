"""Read an Apollo supergraph SDL (join spec v0.1-v0.5) into a `Supergraph`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graphql import (
    BooleanValueNode,
    ConstDirectiveNode,
    DefinitionNode,
    DirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumValueNode,
    FieldDefinitionNode,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ListTypeNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    OperationType,
    ScalarTypeDefinitionNode,
    SchemaDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    TypeNode,
    UnionTypeDefinitionNode,
    ValueNode,
    parse,
    print_ast,
)
from graphql.error import GraphQLSyntaxError

from router.supergraph.model import (
    EntityKey,
    FieldInfo,
    FieldSource,
    Subgraph,
    Supergraph,
    TypeInfo,
    TypeKind,
)

_JOIN_URL = re.compile(r"^https://specs\.apollo\.dev/join/(v\d+\.\d+)$")
_INACCESSIBLE_URL = re.compile(r"^https://specs\.apollo\.dev/inaccessible/v\d+\.\d+$")
_SUPPORTED_JOIN = {"v0.1", "v0.2", "v0.3", "v0.4", "v0.5"}

TypeDefinition = (
    ObjectTypeDefinitionNode
    | InterfaceTypeDefinitionNode
    | UnionTypeDefinitionNode
    | EnumTypeDefinitionNode
    | InputObjectTypeDefinitionNode
    | ScalarTypeDefinitionNode
)


class SupergraphError(ValueError):
    """The SDL is not a supergraph this router can serve."""


@dataclass(frozen=True, slots=True)
class LinkedNames:
    """Names under which the join and inaccessible specs appear in this SDL."""

    join: str
    inaccessible: str
    join_version: str
    feature_prefixes: frozenset[str]
    feature_directives: frozenset[str]


def parse_field_set(text: str) -> SelectionSetNode:
    try:
        document = parse("{" + text + "}", no_location=True)
    except GraphQLSyntaxError as exc:
        raise SupergraphError(f"invalid field set {text!r}: {exc.message}") from exc
    operation = document.definitions[0]
    selection_set: SelectionSetNode = operation.selection_set  # type: ignore[attr-defined]
    return selection_set


def named_type(node: TypeNode) -> str:
    while isinstance(node, NonNullTypeNode | ListTypeNode):
        node = node.type
    name: str = node.name.value  # type: ignore[attr-defined]
    return name


def list_depth(node: TypeNode) -> int:
    depth = 0
    while isinstance(node, NonNullTypeNode | ListTypeNode):
        depth += isinstance(node, ListTypeNode)
        node = node.type
    return depth


def _args(directive: DirectiveNode) -> dict[str, ValueNode]:
    return {arg.name.value: arg.value for arg in directive.arguments or ()}


def _str(value: ValueNode | None) -> str | None:
    return value.value if isinstance(value, StringValueNode) else None


def _enum(value: ValueNode | None) -> str | None:
    if isinstance(value, EnumValueNode):
        return value.value
    return value.value if isinstance(value, StringValueNode) else None


def _bool(value: ValueNode | None, default: bool = False) -> bool:
    return value.value if isinstance(value, BooleanValueNode) else default


def _feature_name(url: str) -> str:
    parts = url.rstrip("/").split("/")
    return parts[-2] if len(parts) >= 2 else url


def read_links(document: DocumentNode) -> LinkedNames:
    join, inaccessible, version = "join", "inaccessible", ""
    prefixes: set[str] = set()
    directives: set[str] = set()
    for definition in document.definitions:
        if not isinstance(definition, SchemaDefinitionNode):
            continue
        for directive in definition.directives or ():
            if directive.name.value not in ("link", "core"):
                continue
            args = _args(directive)
            url = _str(args.get("url")) or _str(args.get("feature")) or ""
            alias = _str(args.get("as"))
            name = alias or _feature_name(url)
            prefixes.add(name)
            directives.add(name)
            match = _JOIN_URL.match(url)
            if match:
                join, version = name, match.group(1)
            elif _INACCESSIBLE_URL.match(url):
                inaccessible = name
            directives.update(_imported_directives(args.get("import")))
    if not version:
        raise SupergraphError("no @link to https://specs.apollo.dev/join: not a supergraph")
    if version not in _SUPPORTED_JOIN:
        raise SupergraphError(f"join spec {version} is not supported")
    prefixes.update({"link", "core"})
    directives.update({"link", "core"})
    return LinkedNames(join, inaccessible, version, frozenset(prefixes), frozenset(directives))


def _imported_directives(value: ValueNode | None) -> Iterable[str]:
    for item in getattr(value, "values", ()):
        name = _str(item)
        if name is None:
            fields = {f.name.value: f.value for f in getattr(item, "fields", ())}
            name = _str(fields.get("as")) or _str(fields.get("name"))
        if name and name.startswith("@"):
            yield name[1:]


class _Reader:
    def __init__(self, document: DocumentNode, names: LinkedNames) -> None:
        self.document = document
        self.names = names
        self.graphs: dict[str, Subgraph] = {}
        self.by_enum: dict[str, str] = {}

    def directives(self, node: object, short: str) -> list[ConstDirectiveNode]:
        full = f"{self.names.join}__{short}"
        found: Sequence[ConstDirectiveNode] = getattr(node, "directives", None) or ()
        return [d for d in found if d.name.value == full]

    def is_inaccessible(self, node: object) -> bool:
        found: Sequence[ConstDirectiveNode] = getattr(node, "directives", None) or ()
        return any(d.name.value == self.names.inaccessible for d in found)

    def graph_of(self, value: ValueNode | None) -> str:
        enum_value = _enum(value)
        if enum_value is None or enum_value not in self.by_enum:
            raise SupergraphError(f"unknown join__Graph value {enum_value!r}")
        return self.by_enum[enum_value]

    def read_graphs(self) -> None:
        graph_enum = f"{self.names.join}__Graph"
        for definition in self.document.definitions:
            if isinstance(definition, EnumTypeDefinitionNode) and definition.name.value == (
                graph_enum
            ):
                for value in definition.values or ():
                    for directive in self.directives(value, "graph"):
                        args = _args(directive)
                        name = _str(args.get("name")) or value.name.value.lower()
                        url = _str(args.get("url")) or ""
                        self.graphs[name] = Subgraph(name, value.name.value, url)
                        self.by_enum[value.name.value] = name
        if not self.graphs:
            raise SupergraphError(f"no {graph_enum} enum with @join__graph values")

    def is_spec_type(self, name: str) -> bool:
        prefix, sep, _ = name.partition("__")
        return bool(sep) and prefix in self.names.feature_prefixes

    def read_type(self, node: TypeDefinition) -> TypeInfo:
        kind = _KINDS[type(node)]
        graphs: set[str] = set()
        keys: list[EntityKey] = []
        interface_objects: set[str] = set()
        for directive in self.directives(node, "type"):
            args = _args(directive)
            graph = self.graph_of(args.get("graph"))
            graphs.add(graph)
            key = _str(args.get("key"))
            if key is not None:
                resolvable = _bool(args.get("resolvable"), True)
                keys.append(EntityKey(graph, key, parse_field_set(key), resolvable))
            if _bool(args.get("isInterfaceObject")):
                interface_objects.add(graph)
        owners = [self.graph_of(_args(d).get("graph")) for d in self.directives(node, "owner")]
        graphs.update(owners)
        if not graphs:
            graphs = set(self.graphs)
        type_graphs = frozenset(graphs)
        fields = {
            f.name.value: self.read_field(f, type_graphs, owners[0] if owners else None)
            for f in getattr(node, "fields", None) or ()
            if isinstance(f, FieldDefinitionNode)
        }
        return TypeInfo(
            name=node.name.value,
            kind=kind,
            graphs=type_graphs,
            keys=tuple(keys),
            interface_object_graphs=frozenset(interface_objects),
            fields=fields,
            implements=self.read_implements(node, type_graphs),
            union_members=self.read_members(node, type_graphs),
            inaccessible=self.is_inaccessible(node),
        )

    def read_field(
        self, node: FieldDefinitionNode, type_graphs: frozenset[str], owner: str | None
    ) -> FieldInfo:
        sources: dict[str, FieldSource] = {}
        join_fields = self.directives(node, "field")
        for directive in join_fields:
            args = _args(directive)
            if "graph" not in args:
                continue
            graph = self.graph_of(args["graph"])
            requires = _str(args.get("requires"))
            provides = _str(args.get("provides"))
            sources[graph] = FieldSource(
                graph=graph,
                requires=parse_field_set(requires) if requires else None,
                provides=parse_field_set(provides) if provides else None,
                external=_bool(args.get("external")),
                used_overridden=_bool(args.get("usedOverridden")),
                override_from=_str(args.get("override")),
                override_label=_str(args.get("overrideLabel")),
                type_in_graph=_str(args.get("type")),
            )
        if sources:
            resolvers = frozenset(
                g
                for g, s in sources.items()
                if not s.external
                and not s.used_overridden
                and not (s.override_label and not s.override_from)
            )
        elif join_fields:
            resolvers = frozenset()
        elif owner is not None:
            resolvers = frozenset({owner})
        else:
            resolvers = type_graphs
        return FieldInfo(
            node.name.value,
            named_type(node.type),
            list_depth(node.type),
            resolvers,
            sources,
            print_ast(node.type),
        )

    def read_implements(
        self, node: TypeDefinition, graphs: frozenset[str]
    ) -> dict[str, frozenset[str]]:
        declared = [i.name.value for i in getattr(node, "interfaces", None) or ()]
        if not declared:
            return {}
        found: dict[str, set[str]] = {}
        for directive in self.directives(node, "implements"):
            args = _args(directive)
            iface = _str(args.get("interface"))
            if iface:
                found.setdefault(self.graph_of(args.get("graph")), set()).add(iface)
        if found:
            return {g: frozenset(v) for g, v in found.items()}
        return {g: frozenset(declared) for g in graphs}

    def read_members(
        self, node: TypeDefinition, graphs: frozenset[str]
    ) -> dict[str, frozenset[str]]:
        if not isinstance(node, UnionTypeDefinitionNode):
            return {}
        found: dict[str, set[str]] = {}
        for directive in self.directives(node, "unionMember"):
            args = _args(directive)
            member = _str(args.get("member"))
            if member:
                found.setdefault(self.graph_of(args.get("graph")), set()).add(member)
        if found:
            return {g: frozenset(v) for g, v in found.items()}
        members = frozenset(t.name.value for t in node.types or ())
        return {g: members for g in graphs}


_KINDS: dict[type, TypeKind] = {
    ObjectTypeDefinitionNode: TypeKind.OBJECT,
    InterfaceTypeDefinitionNode: TypeKind.INTERFACE,
    UnionTypeDefinitionNode: TypeKind.UNION,
    EnumTypeDefinitionNode: TypeKind.ENUM,
    InputObjectTypeDefinitionNode: TypeKind.INPUT,
    ScalarTypeDefinitionNode: TypeKind.SCALAR,
}


def _root_types(document: DocumentNode) -> dict[OperationType, str]:
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode):
            return {op.operation: op.type.name.value for op in definition.operation_types}
    return {}


def _possible_types(
    types: dict[str, TypeInfo], definitions: list[DefinitionNode]
) -> dict[str, frozenset[str]]:
    possible: dict[str, set[str]] = {}
    declared: dict[str, list[str]] = {}
    for definition in definitions:
        if isinstance(definition, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
            declared[definition.name.value] = [i.name.value for i in definition.interfaces or ()]
        if isinstance(definition, UnionTypeDefinitionNode):
            possible[definition.name.value] = {t.name.value for t in definition.types or ()}
    for name, interfaces in declared.items():
        if types[name].kind is not TypeKind.OBJECT:
            continue
        for iface in interfaces:
            possible.setdefault(iface, set()).add(name)
    return {name: frozenset(members) for name, members in possible.items()}


def load_supergraph(sdl: str) -> Supergraph:
    try:
        document = parse(sdl, no_location=True)
    except GraphQLSyntaxError as exc:
        raise SupergraphError(f"supergraph SDL does not parse: {exc.message}") from exc
    names = read_links(document)
    reader = _Reader(document, names)
    reader.read_graphs()
    types: dict[str, TypeInfo] = {}
    definitions = list(document.definitions)
    for definition in definitions:
        if isinstance(definition, tuple(_KINDS)):
            name = definition.name.value  # type: ignore[attr-defined]
            if not reader.is_spec_type(name):
                types[name] = reader.read_type(definition)  # type: ignore[arg-type]
    roots = _root_types(document)
    query = roots.get(OperationType.QUERY, "Query")
    if query not in types:
        raise SupergraphError(f"supergraph has no query type {query!r}")
    mutation = roots.get(OperationType.MUTATION, "Mutation" if "Mutation" in types else None)
    subscription = roots.get(
        OperationType.SUBSCRIPTION, "Subscription" if "Subscription" in types else None
    )
    return Supergraph(
        subgraphs=reader.graphs,
        types=types,
        query_type=query,
        mutation_type=mutation,
        subscription_type=subscription,
        possible_types=_possible_types(types, definitions),
        join_version=names.join_version,
        sdl=sdl,
    )
