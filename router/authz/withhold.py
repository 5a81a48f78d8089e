"""Takes the fields a viewer may not see out of a normalised operation before planning,
and puts them back, marked, for the response: each comes back null with an error.

Apollo Router's semantics: a field is refused when its own requirement or its type's is
not met (on an interface, each implementation's too); a fragment on a refused type is
refused whole; a field left with nothing selected is refused too (without an error of
its own: its children carry them). Error paths are the operation's, `@` standing for
any list position, as Apollo Router writes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
)

from router.authz.rules import AccessRules, Requirement
from router.executor.errors import graphql_error
from router.planner.operation import SField, SFragment, SSelection

UNAUTHORIZED_FIELD_OR_TYPE = "UNAUTHORIZED_FIELD_OR_TYPE"
_MESSAGE = "Unauthorized field or type"
Path = list[str]


@dataclass(slots=True)
class Withheld:
    """The refusals of one plan; `restore` (after planning) puts the refused selections
    back where they were, so the response has every field the client asked for."""

    errors: list[dict[str, Any]] = field(default_factory=list)
    removed: list[tuple[list[SSelection], int, SSelection]] = field(default_factory=list)

    def restore(self) -> None:
        for selections, index, selection in self.removed:
            selections.insert(min(index, len(selections)), selection)
        self.removed = []


def requirements_in(
    schema: GraphQLSchema, rules: AccessRules, root_type: str, selections: list[SSelection]
) -> list[Requirement]:
    """The distinct requirements an operation meets on its way: their verdicts for a
    viewer decide which fields are withheld, so they key the plan cache."""
    found: list[Requirement] = []
    _Walk(schema, rules, lambda r: _note(found, r)).selections(root_type, selections, [])
    return found


def withhold(
    schema: GraphQLSchema,
    rules: AccessRules,
    allows: Callable[[Requirement], bool],
    root_type: str,
    selections: list[SSelection],
) -> Withheld:
    """Remove, in place, what `allows` refuses; call `restore` on the result once planned."""
    walk = _Walk(schema, rules, allows)
    walk.selections(root_type, selections, [])
    return walk.withheld


def _note(found: list[Requirement], requirement: Requirement) -> bool:
    if requirement not in found:
        found.append(requirement)
    return True


class _Walk:
    def __init__(
        self, schema: GraphQLSchema, rules: AccessRules, allows: Callable[[Requirement], bool]
    ) -> None:
        self.schema = schema
        self.rules = rules
        self.allows = allows
        self.withheld = Withheld()

    def selections(self, type_name: str, selections: list[SSelection], path: Path) -> bool:
        """Walks one selection set; False when nothing in it is left to fetch."""
        parent = self.schema.type_map.get(type_name)
        fields = (
            parent.fields if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) else {}
        )
        kept: list[SSelection] = []
        for index, selection in enumerate(selections):
            if self._keeps(type_name, fields, selection, path):
                kept.append(selection)
            else:
                self.withheld.removed.append((selections, index, selection))
        selections[:] = kept
        return bool(kept)

    def _keeps(self, type_name: str, fields: Any, selection: SSelection, path: Path) -> bool:
        if isinstance(selection, SFragment):
            condition = selection.type_condition or type_name
            required = self.rules.of_type(condition) if condition != type_name else None
            if required and not self.allows(required):
                self._refuse_all(selection.selections, path)
                return False
            return self.selections(condition, selection.selections, path)
        definition = fields.get(selection.name)
        if definition is None:  # __typename, or introspection, answered by the router
            return True
        returns, lists = _named(definition.type)
        required = self.rules.of_field(type_name, selection.name, returns)
        if required and not self.allows(required):
            self._refuse(selection, [*path, selection.key])
            return False
        if selection.selections and not self.selections(
            returns, selection.selections, [*path, selection.key, *("@",) * lists]
        ):
            selection.denied = True
            return False
        return True

    def _refuse(self, selection: SField, path: Path) -> None:
        selection.denied = True
        self.withheld.errors.append(graphql_error(_MESSAGE, UNAUTHORIZED_FIELD_OR_TYPE, path))

    def _refuse_all(self, selections: list[SSelection], path: Path) -> None:
        for selection in selections:
            if isinstance(selection, SFragment):
                self._refuse_all(selection.selections, path)
            else:
                self._refuse(selection, [*path, selection.key])


def _named(field_type: GraphQLOutputType) -> tuple[str, int]:
    """The named type under the wrappers, and how many lists wrap it."""
    lists = 0
    while isinstance(field_type, GraphQLNonNull | GraphQLList):
        lists += isinstance(field_type, GraphQLList)
        field_type = field_type.of_type
    return field_type.name, lists
