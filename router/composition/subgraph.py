"""A subgraph SDL read into a small model: types merged with their extensions, federation
directives under their spec names whatever the subgraph imported them as."""

from dataclasses import dataclass, field
from typing import Literal

from graphql import (
    ConstDirectiveNode,
    ConstValueNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    FieldDefinitionNode,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ListTypeNode,
    NamedTypeNode,
    NameNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    StringValueNode,
    TypeNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
)

from router.composition.links import FEDERATION_DIRECTIVES, FEDERATION_TYPES, FederationLink

TypeKind = Literal["scalar", "object", "interface", "union", "enum", "input"]
OPERATION_TYPES = ("_Any", "_Entity", "_Service")
FEDERATION_FIELDS = ("_service", "_entities")
DEFAULT_ROOTS = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}

_KINDS: dict[type, TypeKind] = {
    ScalarTypeDefinitionNode: "scalar",
    ScalarTypeExtensionNode: "scalar",
    ObjectTypeDefinitionNode: "object",
    ObjectTypeExtensionNode: "object",
    InterfaceTypeDefinitionNode: "interface",
    InterfaceTypeExtensionNode: "interface",
    UnionTypeDefinitionNode: "union",
    UnionTypeExtensionNode: "union",
    EnumTypeDefinitionNode: "enum",
    EnumTypeExtensionNode: "enum",
    InputObjectTypeDefinitionNode: "input",
    InputObjectTypeExtensionNode: "input",
}
_EXTENSIONS = (
    ScalarTypeExtensionNode,
    ObjectTypeExtensionNode,
    InterfaceTypeExtensionNode,
    UnionTypeExtensionNode,
    EnumTypeExtensionNode,
    InputObjectTypeExtensionNode,
)


@dataclass
class Directive:
    name: str  # as written in the subgraph
    fed: str | None  # spec name when it is a federation directive
    args: dict[str, ConstValueNode]
    block: int  # which definition/extension of the parent declared it
    node: ConstDirectiveNode

    def string_arg(self, name: str) -> str | None:
        value = self.args.get(name)
        return value.value if isinstance(value, StringValueNode) else None


@dataclass
class InputValue:
    name: str
    coordinate: str
    type: TypeNode
    default: ConstValueNode | None
    description: str | None
    directives: list[Directive]

    @property
    def is_required(self) -> bool:
        return isinstance(self.type, NonNullTypeNode) and self.default is None


@dataclass
class Field:
    name: str
    parent: str
    type: TypeNode
    description: str | None
    args: dict[str, InputValue]
    directives: list[Directive]
    block: int

    @property
    def coordinate(self) -> str:
        return f"{self.parent}.{self.name}"


@dataclass
class EnumValue:
    name: str
    description: str | None
    directives: list[Directive]


@dataclass
class NamedType:
    name: str
    kind: TypeKind
    description: str | None = None
    directives: list[Directive] = field(default_factory=list)
    interfaces: list[str] = field(default_factory=list)
    fields: dict[str, Field] = field(default_factory=dict)
    input_fields: dict[str, InputValue] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    values: dict[str, EnumValue] = field(default_factory=dict)
    definition_blocks: set[int] = field(default_factory=set)
    extension_blocks: set[int] = field(default_factory=set)

    def applied(self, fed: str) -> list[Directive]:
        return [d for d in self.directives if d.fed == fed]


@dataclass
class Subgraph:
    name: str
    url: str
    link: FederationLink
    types: dict[str, NamedType]
    roots: dict[str, str]
    schema_description: str | None = None

    def type(self, name: str) -> NamedType | None:
        return self.types.get(name)

    def uses(self, fed: str) -> bool:
        return any(has_applied(element, fed) for element in self.elements())

    def elements(self) -> list["Element"]:
        out: list[Element] = []
        for t in self.types.values():
            out.append(t)
            for f in t.fields.values():
                out.append(f)
                out.extend(f.args.values())
            out.extend(t.input_fields.values())
            out.extend(t.values.values())
        return out

    def implementations(self, interface: str) -> list[NamedType]:
        return [t for t in self.types.values() if t.kind == "object" and interface in t.interfaces]


Element = NamedType | Field | InputValue | EnumValue


def has_applied(element: Element, fed: str) -> bool:
    return any(d.fed == fed for d in element.directives)


def base_name(node: TypeNode) -> str:
    while isinstance(node, ListTypeNode | NonNullTypeNode):
        node = node.type
    assert isinstance(node, NamedTypeNode)
    return node.name.value


def rename_type_ref(node: TypeNode, old: str, new: str) -> TypeNode:
    if isinstance(node, NonNullTypeNode):
        inner = rename_type_ref(node.type, old, new)
        assert isinstance(inner, NamedTypeNode | ListTypeNode)
        return NonNullTypeNode(type=inner)
    if isinstance(node, ListTypeNode):
        return ListTypeNode(type=rename_type_ref(node.type, old, new))
    assert isinstance(node, NamedTypeNode)
    return NamedTypeNode(name=NameNode(value=new)) if node.name.value == old else node


class _Builder:
    def __init__(self, link: FederationLink) -> None:
        self.link = link
        local_to_spec = {link.directive_name(n): n for n in FEDERATION_DIRECTIVES}
        self.fed_directives = local_to_spec
        self.spec_types = {link.type_name(n) for n in FEDERATION_TYPES} | {"_FieldSet", "FieldSet"}
        self.blocks: dict[str, int] = {}

    def directives(
        self, nodes: tuple[ConstDirectiveNode, ...] | None, block: int
    ) -> list[Directive]:
        return [
            Directive(
                name=d.name.value,
                fed=self.fed_directives.get(d.name.value),
                args={a.name.value: a.value for a in d.arguments or ()},
                block=block,
                node=d,
            )
            for d in nodes or ()
        ]

    def input_value(self, parent: str, node: InputValueDefinitionNode) -> InputValue:
        return InputValue(
            name=node.name.value,
            coordinate=f"{parent}({node.name.value}:)"
            if "." in parent
            else f"{parent}.{node.name.value}",
            type=node.type,
            default=node.default_value,
            description=node.description.value if node.description else None,
            directives=self.directives(node.directives, 0),
        )

    def field(self, parent: str, node: FieldDefinitionNode, block: int) -> Field:
        coordinate = f"{parent}.{node.name.value}"
        return Field(
            name=node.name.value,
            parent=parent,
            type=node.type,
            description=node.description.value if node.description else None,
            args={a.name.value: self.input_value(coordinate, a) for a in node.arguments or ()},
            directives=self.directives(node.directives, block),
            block=block,
        )

    def is_spec_type(self, name: str) -> bool:
        return (
            name in OPERATION_TYPES
            or name in self.spec_types
            or name.startswith(("link__", f"{self.link.prefix}__"))
        )

    def add(self, types: dict[str, NamedType], node: object) -> None:
        kind = _KINDS[type(node)]
        name = node.name.value  # type: ignore[attr-defined]
        if self.is_spec_type(name):
            return
        named = types.setdefault(name, NamedType(name=name, kind=kind))
        block = self.blocks.get(name, 0)
        self.blocks[name] = block + 1
        if isinstance(node, _EXTENSIONS):
            named.extension_blocks.add(block)
        else:
            named.definition_blocks.add(block)
            description = getattr(node, "description", None)
            if description is not None:
                named.description = description.value
        named.directives.extend(self.directives(node.directives, block))  # type: ignore[attr-defined]
        for itf in getattr(node, "interfaces", None) or ():
            named.interfaces.append(itf.name.value)
        if kind in ("object", "interface"):
            for f in node.fields or ():  # type: ignore[attr-defined]
                named.fields[f.name.value] = self.field(name, f, block)
        elif kind == "input":
            for f in node.fields or ():  # type: ignore[attr-defined]
                named.input_fields[f.name.value] = self.input_value(name, f)
        elif kind == "union":
            named.members.extend(t.name.value for t in node.types or ())  # type: ignore[attr-defined]
        elif kind == "enum":
            for v in node.values or ():  # type: ignore[attr-defined]
                named.values[v.name.value] = EnumValue(
                    name=v.name.value,
                    description=v.description.value if v.description else None,
                    directives=self.directives(v.directives, block),
                )


def build_subgraph(name: str, url: str, document: DocumentNode, link: FederationLink) -> Subgraph:
    builder = _Builder(link)
    types: dict[str, NamedType] = {}
    roots: dict[str, str] = {}
    description: str | None = None
    for node in document.definitions:
        if isinstance(node, SchemaDefinitionNode | SchemaExtensionNode):
            for op in node.operation_types or ():
                roots[op.operation.value] = op.type.name.value
            if isinstance(node, SchemaDefinitionNode) and node.description is not None:
                description = node.description.value
        elif type(node) in _KINDS:
            builder.add(types, node)
    for kind, default in DEFAULT_ROOTS.items():
        if kind not in roots and default in types:
            roots[kind] = default
    subgraph = Subgraph(name, url, link, types, roots, description)
    _normalise_roots(subgraph)
    query = subgraph.types.setdefault("Query", NamedType(name="Query", kind="object"))
    query.definition_blocks.add(0)
    subgraph.roots["query"] = "Query"
    for fed_field in FEDERATION_FIELDS:
        query.fields.pop(fed_field, None)
    return subgraph


def _normalise_roots(subgraph: Subgraph) -> None:
    """Federation names root types Query/Mutation/Subscription whatever a subgraph calls them."""
    for kind, current in list(subgraph.roots.items()):
        default = DEFAULT_ROOTS[kind]
        if current == default or current not in subgraph.types:
            continue
        rename_type(subgraph, current, default)
        subgraph.roots[kind] = default


def rename_type(subgraph: Subgraph, old: str, new: str) -> None:
    named = subgraph.types.pop(old)
    named.name = new
    subgraph.types[new] = named
    for t in subgraph.types.values():
        t.interfaces = [new if i == old else i for i in t.interfaces]
        t.members = [new if m == old else m for m in t.members]
        for f in t.fields.values():
            if f.parent == old:
                f.parent = new
            f.type = rename_type_ref(f.type, old, new)
            for a in f.args.values():
                a.type = rename_type_ref(a.type, old, new)
        for i in t.input_fields.values():
            i.type = rename_type_ref(i.type, old, new)
