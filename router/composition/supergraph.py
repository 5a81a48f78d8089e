"""The merged supergraph before printing: types, fields and the directives applied to them."""

import json
from dataclasses import dataclass, field

from graphql import (
    BooleanValueNode,
    ConstValueNode,
    EnumValueNode,
    FloatValueNode,
    IntValueNode,
    ListValueNode,
    NullValueNode,
    ObjectValueNode,
    StringValueNode,
    TypeNode,
)

from router.composition.subgraph import TypeKind


def quote(value: str) -> str:
    # Apollo prints string arguments with JSON.stringify; json.dumps escapes the same way.
    return json.dumps(value, ensure_ascii=False)


def value_str(node: ConstValueNode) -> str:
    """A literal the way Apollo's `valueToString` prints it (block strings become "...")."""
    if isinstance(node, StringValueNode):
        return quote(node.value)
    if isinstance(node, BooleanValueNode):
        return "true" if node.value else "false"
    if isinstance(node, NullValueNode):
        return "null"
    if isinstance(node, IntValueNode):
        return str(int(node.value))
    if isinstance(node, FloatValueNode):
        number = float(node.value)
        return str(int(number)) if number.is_integer() and abs(number) < 1e21 else repr(number)
    if isinstance(node, EnumValueNode):
        return node.value
    # graphql-core parses an empty `[]` or `{}` default as the non-Const node class.
    if isinstance(node, ListValueNode):
        return "[" + ", ".join(value_str(v) for v in node.values) + "]"
    if isinstance(node, ObjectValueNode):
        return "{" + ", ".join(f"{f.name.value}: {value_str(f.value)}" for f in node.fields) + "}"
    raise TypeError(f"not a constant value: {node!r}")


@dataclass(frozen=True)
class Applied:
    name: str
    args: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        if not self.args:
            return f"@{self.name}"
        return f"@{self.name}(" + ", ".join(f"{k}: {v}" for k, v in self.args) + ")"

    @property
    def is_join(self) -> bool:
        return self.name.startswith("join__")


def join_type(
    graph: str,
    key: str | None = None,
    *,
    extension: bool = False,
    resolvable: str | None = None,
    interface_object: bool = False,
) -> Applied:
    args = [("graph", graph)]
    if key is not None:
        args.append(("key", quote(key)))
    if extension:
        args.append(("extension", "true"))
    if resolvable is not None:
        args.append(("resolvable", resolvable))
    if interface_object:
        args.append(("isInterfaceObject", "true"))
    return Applied("join__type", tuple(args))


def join_field(
    graph: str | None,
    *,
    requires: str | None = None,
    provides: str | None = None,
    override: str | None = None,
    type_: str | None = None,
    external: bool = False,
    used_overridden: bool = False,
) -> Applied:
    args: list[tuple[str, str]] = [] if graph is None else [("graph", graph)]
    for name, value in (
        ("requires", requires),
        ("provides", provides),
        ("override", override),
        ("type", type_),
    ):
        if value is not None:
            args.append((name, quote(value)))
    if external:
        args.append(("external", "true"))
    if used_overridden:
        args.append(("usedOverridden", "true"))
    return Applied("join__field", tuple(args))


@dataclass
class SInputValue:
    name: str
    type: TypeNode | None = None
    description: str | None = None
    default: str | None = None
    directives: list[Applied] = field(default_factory=list)


@dataclass
class SField:
    name: str
    type: TypeNode | None = None
    description: str | None = None
    args: dict[str, SInputValue] = field(default_factory=dict)
    directives: list[Applied] = field(default_factory=list)


@dataclass
class SEnumValue:
    name: str
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)


@dataclass
class SType:
    name: str
    kind: TypeKind
    description: str | None = None
    interfaces: list[str] = field(default_factory=list)
    directives: list[Applied] = field(default_factory=list)
    fields: dict[str, SField] = field(default_factory=dict)
    input_fields: dict[str, SInputValue] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    values: dict[str, SEnumValue] = field(default_factory=dict)


@dataclass(frozen=True)
class Graph:
    enum_value: str
    name: str
    url: str


@dataclass
class Supergraph:
    graphs: list[Graph]
    types: dict[str, SType]
    roots: dict[str, str]
    features: list[str]  # "tag", "inaccessible", "authenticated"...: the @link order
    description: str | None = None
