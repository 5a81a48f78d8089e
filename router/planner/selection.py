"""Mutable selection sets the planner builds for each subgraph fetch, and their printing."""

from __future__ import annotations

from typing import Any

from graphql import DirectiveNode, ValueNode, VariableNode, print_ast
from graphql.language import ArgumentNode, ListValueNode, ObjectValueNode

from router.planner.nodes import RequiredField, RequiredFragment, RequiredSelection
from router.planner.operation import SField, SSelection


class SubField:
    __slots__ = ("alias", "arguments", "directives", "key", "name", "selection")

    def __init__(
        self,
        key: str,
        name: str,
        alias: str | None,
        arguments: tuple[ArgumentNode, ...],
        directives: tuple[DirectiveNode, ...],
        composite: bool,
    ) -> None:
        self.key = key
        self.name = name
        self.alias = alias
        self.arguments = arguments
        self.directives = directives
        self.selection = SubSelection() if composite else None

    def copy(self) -> SubField:
        out = SubField(
            self.key, self.name, self.alias, self.arguments, self.directives, composite=False
        )
        out.selection = self.selection.copy() if self.selection is not None else None
        return out

    def same_as(self, other: SubField) -> bool:
        return (
            self.name == other.name
            and (self.selection is None) == (other.selection is None)
            and [print_ast(a) for a in self.arguments] == [print_ast(a) for a in other.arguments]
            and [print_ast(d) for d in self.directives] == [print_ast(d) for d in other.directives]
        )


class SubSelection:
    __slots__ = ("fields", "fragments")

    def __init__(self) -> None:
        self.fields: dict[str, SubField] = {}
        self.fragments: dict[str, SubSelection] = {}

    def __bool__(self) -> bool:
        return bool(self.fields) or any(self.fragments.values())

    def add(self, field: SField, *, composite: bool) -> SubField:
        key = field.fetch_key
        existing = self.fields.get(key)
        if existing is None:
            alias = key if key != field.name else None
            existing = SubField(
                key, field.name, alias, field.arguments, field.directives, composite
            )
            self.fields[key] = existing
        return existing

    def add_named(self, name: str, *, composite: bool = False) -> SubField:
        existing = self.fields.get(name)
        if existing is None:
            existing = SubField(name, name, None, (), (), composite)
            self.fields[name] = existing
        return existing

    def add_typename(self) -> None:
        self.add_named("__typename")

    def fragment(self, type_name: str) -> SubSelection:
        found = self.fragments.get(type_name)
        if found is None:
            found = self.fragments[type_name] = SubSelection()
        return found

    def merge_field_set(self, selections: list[SSelection]) -> None:
        """Add a key/requires field set verbatim (no aliases)."""
        for selection in selections:
            if isinstance(selection, SField):
                node = self.add_named(selection.name, composite=bool(selection.selections))
                if node.selection is not None and selection.selections:
                    node.selection.merge_field_set(selection.selections)
            elif selection.type_condition is None:
                self.merge_field_set(selection.selections)
            else:
                self.fragment(selection.type_condition).merge_field_set(selection.selections)

    def print(self, out: list[str], variables: set[str]) -> None:
        out.append("{")
        first = True
        for field in self.fields.values():
            if not first:
                out.append(" ")
            first = False
            if field.alias:
                out.append(f"{field.alias}:")
            out.append(field.name)
            if field.arguments:
                out.append("(")
                out.append(",".join(print_ast(a) for a in field.arguments))
                out.append(")")
                for arg in field.arguments:
                    _variables_in(arg.value, variables)
            for directive in field.directives:
                out.append(" " + print_ast(directive))
                for arg in directive.arguments or ():
                    _variables_in(arg.value, variables)
            if field.selection is not None:
                field.selection.print(out, variables)
        for type_name, fragment in self.fragments.items():
            if not fragment:
                continue
            if not first:
                out.append(" ")
            first = False
            out.append(f"...on {type_name}")
            fragment.print(out, variables)
        if first:
            # Everything below was pruned (skipped, only `__typename`, only other
            # subgraphs' fields): `{}` is a syntax error, `__typename` is always valid.
            out.append("__typename")
        out.append("}")

    def copy(self) -> SubSelection:
        out = SubSelection()
        for key, field in self.fields.items():
            out.fields[key] = field.copy()
        for type_name, fragment in self.fragments.items():
            out.fragments[type_name] = fragment.copy()
        return out

    def absorb(self, other: SubSelection) -> bool:
        """Add `other`'s fields; False (self then half-changed) when a response key would
        mean two different fields."""
        for key, field in other.fields.items():
            mine = self.fields.get(key)
            if mine is None:
                self.fields[key] = field.copy()
            elif not mine.same_as(field) or (
                mine.selection is not None
                and field.selection is not None
                and not mine.selection.absorb(field.selection)
            ):
                return False
        for type_name, fragment in other.fragments.items():
            if not self.fragment(type_name).absorb(fragment):
                return False
        return True

    def key_filter(self) -> dict[str, Any]:
        """Every response key this selection asks for, nested; fragments flattened."""
        out: dict[str, Any] = {}
        self._keys_into(out)
        return out

    def _keys_into(self, out: dict[str, Any]) -> None:
        for key, field in self.fields.items():
            if field.selection is None:
                out[key] = None
            else:
                nested = out.get(key)
                if not isinstance(nested, dict):
                    nested = out[key] = {}
                field.selection._keys_into(nested)
        for fragment in self.fragments.values():
            fragment._keys_into(out)

    def printed(self) -> str:
        out: list[str] = []
        self.print(out, set())
        return "".join(out)

    def required(self) -> tuple[RequiredSelection, ...]:
        result: list[RequiredSelection] = []
        for field in self.fields.values():
            nested = field.selection.required() if field.selection is not None else ()
            result.append(RequiredField(field.name, nested))
        for type_name, fragment in self.fragments.items():
            result.append(RequiredFragment(type_name, fragment.required()))
        return tuple(result)


def _variables_in(value: ValueNode, found: set[str]) -> None:
    if isinstance(value, VariableNode):
        found.add(value.name.value)
    elif isinstance(value, ListValueNode):
        for item in value.values:
            _variables_in(item, found)
    elif isinstance(value, ObjectValueNode):
        for object_field in value.fields:
            _variables_in(object_field.value, found)
