"""What each type and field of the supergraph requires of the viewer, read from its SDL."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graphql import (
    ConstDirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ListValueNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    StringValueNode,
    parse,
)

# One OR of AND-lists: `[["a", "b"], ["c"]]` is (a and b) or c.
Alternatives = tuple[frozenset[str], ...]

_SPECS = {
    "https://specs.apollo.dev/authenticated/": "authenticated",
    "https://specs.apollo.dev/requiresScopes/": "requiresScopes",
    "https://specs.apollo.dev/policy/": "policy",
}
_TYPE_NODES = (
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
)


@dataclass(frozen=True, slots=True)
class Requirement:
    """Everything one selection asks of the viewer; each entry of `scopes` and of
    `policies` must hold (a field's own and its type's, say)."""

    authenticated: bool = False
    scopes: tuple[Alternatives, ...] = ()
    policies: tuple[Alternatives, ...] = ()

    def __and__(self, other: Requirement) -> Requirement:
        if not other:
            return self
        if not self:
            return other
        return Requirement(
            self.authenticated or other.authenticated,
            _union(self.scopes, other.scopes),
            _union(self.policies, other.policies),
        )

    def __bool__(self) -> bool:
        return self.authenticated or bool(self.scopes) or bool(self.policies)

    def policy_names(self) -> set[str]:
        return {name for alternatives in self.policies for group in alternatives for name in group}

    def met_by(self, authenticated: bool, scopes: frozenset[str], policies: frozenset[str]) -> bool:
        # Scopes and policies come from a verified identity, so they imply authentication.
        if (self.authenticated or self.scopes or self.policies) and not authenticated:
            return False
        return all(_holds(a, scopes) for a in self.scopes) and all(
            _holds(a, policies) for a in self.policies
        )


NONE = Requirement()


def _union(
    left: tuple[Alternatives, ...], right: tuple[Alternatives, ...]
) -> tuple[Alternatives, ...]:
    return left + tuple(a for a in right if a not in left)


def _holds(alternatives: Alternatives, granted: frozenset[str]) -> bool:
    return any(group <= granted for group in alternatives)


class AccessRules:
    """The requirements of a supergraph's types and fields (empty when it uses none)."""

    def __init__(
        self,
        types: Mapping[str, Requirement],
        fields: Mapping[tuple[str, str], Requirement],
        possible_types: Mapping[str, Iterable[str]],
    ) -> None:
        self.types = dict(types)
        self.fields = dict(fields)
        self.possible_types = {k: tuple(v) for k, v in possible_types.items()}
        self._cache: dict[tuple[str, str, str], Requirement] = {}

    def __bool__(self) -> bool:
        return bool(self.types or self.fields)

    @classmethod
    def from_sdl(cls, sdl: str, possible_types: Mapping[str, Iterable[str]]) -> AccessRules:
        document = parse(sdl, no_location=True)
        names = _directive_names(document)
        types: dict[str, Requirement] = {}
        fields: dict[tuple[str, str], Requirement] = {}
        if not names:
            return cls(types, fields, possible_types)
        for definition in document.definitions:
            if not isinstance(definition, _TYPE_NODES):
                continue
            type_name = definition.name.value
            own = _requirement(definition.directives or (), names)
            if own:
                types[type_name] = types.get(type_name, NONE) & own
            for field in getattr(definition, "fields", None) or ():
                required = _requirement(field.directives or (), names)
                if required:
                    fields[(type_name, field.name.value)] = required
        return cls(types, fields, possible_types)

    def of_type(self, name: str) -> Requirement:
        """A fragment on `name`, or a value of it, needs this; an interface needs what each
        of its implementations needs too, as the objects behind it may be any of them."""
        required = self.types.get(name, NONE)
        for concrete in self.possible_types.get(name, ()):
            if concrete != name:
                required = required & self.types.get(concrete, NONE)
        return required

    def of_field(self, parent: str, field: str, returns: str) -> Requirement:
        """Selecting `parent.field`, which returns (named type) `returns`."""
        key = (parent, field, returns)
        cached = self._cache.get(key)
        if cached is None:
            cached = self.fields.get((parent, field), NONE) & self.types.get(returns, NONE)
            for concrete in self.possible_types.get(parent, ()):
                cached = cached & self.fields.get((concrete, field), NONE)
            self._cache[key] = cached
        return cached


def _directive_names(document: DocumentNode) -> dict[str, str]:
    """Local directive name -> spec name, from the supergraph's `@link`s."""
    found: dict[str, str] = {}
    for definition in document.definitions:
        if not isinstance(definition, SchemaDefinitionNode):
            continue
        for directive in definition.directives or ():
            if directive.name.value != "link":
                continue
            args = {a.name.value: a.value for a in directive.arguments or ()}
            url, alias = args.get("url"), args.get("as")
            if not isinstance(url, StringValueNode):
                continue
            for prefix, spec in _SPECS.items():
                if url.value.startswith(prefix):
                    local = alias.value if isinstance(alias, StringValueNode) else spec
                    found[local] = spec
    return found


def _requirement(directives: Iterable[ConstDirectiveNode], names: Mapping[str, str]) -> Requirement:
    required = NONE
    for directive in directives:
        spec = names.get(directive.name.value)
        if spec == "authenticated":
            required = required & Requirement(authenticated=True)
        elif spec == "requiresScopes":
            required = required & Requirement(scopes=(_alternatives(directive, "scopes"),))
        elif spec == "policy":
            required = required & Requirement(policies=(_alternatives(directive, "policies"),))
    return required


def _alternatives(directive: ConstDirectiveNode, argument: str) -> Alternatives:
    for arg in directive.arguments or ():
        if arg.name.value == argument and isinstance(arg.value, ListValueNode):
            return tuple(
                frozenset(v.value for v in group.values if isinstance(v, StringValueNode))
                for group in arg.value.values
                if isinstance(group, ListValueNode)
            )
    return ()
