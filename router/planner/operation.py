"""Client operations normalised for planning: named fragments inlined, @skip/@include resolved."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from graphql import (
    BooleanValueNode,
    DirectiveNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
)
from graphql.language import ArgumentNode


@dataclass(slots=True, eq=False)
class SField:
    key: str
    name: str
    alias: str | None
    arguments: tuple[ArgumentNode, ...] = ()
    directives: tuple[DirectiveNode, ...] = ()
    selections: list[SSelection] = field(default_factory=list)
    # The response key in subgraph requests; differs from `key` when the client's alias
    # could collide with a field the planner adds (an entity key, a @requires field).
    fetch_key: str = ""
    # Withheld by an authorization directive (router/authz): not fetched, answered null.
    denied: bool = False

    def __post_init__(self) -> None:
        if not self.fetch_key:
            self.fetch_key = self.key


@dataclass(slots=True, eq=False)
class SFragment:
    type_condition: str | None
    selections: list[SSelection] = field(default_factory=list)


SSelection = SField | SFragment


class Withholding(Protocol):
    """Selections taken out of an operation before planning (router/authz), the errors
    that explain it, and how to put them back, marked, once the plan is built."""

    @property
    def errors(self) -> list[dict[str, Any]]: ...

    def restore(self) -> None: ...


# (root type, normalised selections) -> what it took out of them, in place.
Withhold = Callable[[str, list[SSelection]], Withholding]

_CONDITIONS = ("skip", "include")
# Client aliases that could collide with planner-added fields are sent to subgraphs
# under this prefix; aliases that already start with it are prefixed again, so the
# renaming stays one-to-one.
RESERVED_ALIAS_PREFIX = "_lg_"


def _condition(value: ValueNode, variables: Mapping[str, Any]) -> bool:
    if isinstance(value, BooleanValueNode):
        return value.value
    if isinstance(value, VariableNode):
        return bool(variables.get(value.name.value))
    return False


def is_included(directives: Sequence[DirectiveNode], variables: Mapping[str, Any]) -> bool:
    for directive in directives:
        name = directive.name.value
        if name not in _CONDITIONS:
            continue
        arg = next((a for a in directive.arguments or () if a.name.value == "if"), None)
        flag = _condition(arg.value, variables) if arg else False
        if (name == "skip" and flag) or (name == "include" and not flag):
            return False
    return True


class Normalizer:
    def __init__(
        self,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        field_names: frozenset[str] = frozenset(),
        must_alias: Callable[[str, bool], bool] = lambda _name, _has_arguments: False,
    ) -> None:
        self.fragments = fragments
        self.variables = variables
        # every field name in the supergraph: an alias equal to one may collide
        self.field_names = field_names
        # (field name, has arguments) -> a @requires may fetch it with other arguments
        self.must_alias = must_alias

    def selections(self, selection_set: SelectionSetNode | None) -> list[SSelection]:
        result: list[SSelection] = []
        if selection_set is None:
            return result
        for node in selection_set.selections:
            if not is_included(node.directives or (), self.variables):
                continue
            if isinstance(node, FieldNode):
                result.append(self.field(node))
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else None
                result.append(SFragment(condition, self.selections(node.selection_set)))
            elif isinstance(node, FragmentSpreadNode):
                definition = self.fragments[node.name.value]
                result.append(
                    SFragment(
                        definition.type_condition.name.value,
                        self.selections(definition.selection_set),
                    )
                )
        return result

    def field(self, node: FieldNode) -> SField:
        alias = node.alias.value if node.alias else None
        name = node.name.value
        key = alias or name
        fetch_key = key
        if alias is not None and alias != name and self._may_collide(alias):
            fetch_key = RESERVED_ALIAS_PREFIX + alias
        elif key == name and self.must_alias(name, bool(node.arguments)):
            fetch_key = RESERVED_ALIAS_PREFIX + key
        return SField(
            key=key,
            fetch_key=fetch_key,
            name=name,
            alias=alias,
            arguments=tuple(node.arguments or ()),
            directives=tuple(d for d in node.directives or () if d.name.value not in _CONDITIONS),
            selections=self.selections(node.selection_set),
        )

    def _may_collide(self, alias: str) -> bool:
        return (
            alias in self.field_names
            or alias.startswith("__")
            or alias.startswith(RESERVED_ALIAS_PREFIX)
        )


def from_field_set(selection_set: SelectionSetNode) -> list[SSelection]:
    """Selections of a `@key`/`@requires`/`@provides` field set."""
    return Normalizer({}, {}).selections(selection_set)
