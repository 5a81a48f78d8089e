"""Splitting an operation at its `@defer` fragments.

The immediate part is the operation without its deferred fragments. Each deferred
fragment becomes a group with its own operation: the fields on the way from the root
to the fragment (its path), then the fragment's fields. The planner plans each one like
any operation, so a group's fetches are the follow-up fetches of the deferred fields:
for an entity they are the key fields on the way (cheap) and the `_entities` fetches of
the deferred fields. Named fragments are inlined first, so a fragment spread in two
places defers (or not) at each place on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from graphql import (
    BooleanValueNode,
    DirectiveNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    NameNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
)

DEFER = "defer"
# Inlining named fragments can multiply a document; past this many selections it is refused.
MAX_INLINED_SELECTIONS = 20_000


class DeferTooLarge(Exception):
    """The operation with its fragments inlined is over `MAX_INLINED_SELECTIONS`."""


@dataclass(frozen=True, slots=True)
class DeferredGroup:
    label: str | None
    # Response keys from the root to the object the fragment's fields belong to.
    path: tuple[str, ...]
    # The deferred group this one is nested in: delivered first, as the client needs.
    parent: int | None
    operation: OperationDefinitionNode


@dataclass(frozen=True, slots=True)
class DeferSplit:
    immediate: OperationDefinitionNode
    groups: tuple[DeferredGroup, ...]


def _defer_directive(node: SelectionNode) -> DirectiveNode | None:
    for directive in node.directives or ():
        if directive.name.value == DEFER:
            return directive
    return None


def uses_defer(
    operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> bool:
    """Whether any fragment of the operation (named ones included) carries `@defer`."""
    seen: set[str] = set()
    pending: list[SelectionSetNode | None] = [operation.selection_set]
    while pending:
        selection_set = pending.pop()
        for selection in selection_set.selections if selection_set else ():
            if _defer_directive(selection) is not None:
                return True
            if isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    pending.append(fragments[name].selection_set)
            elif isinstance(selection, FieldNode | InlineFragmentNode):
                pending.append(selection.selection_set)
    return False


def defer_variables(
    operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> tuple[str, ...]:
    """Variables of `@defer(if: $v)`: a split is specific to their values."""
    found: set[str] = set()
    seen: set[str] = set()
    pending: list[SelectionSetNode | None] = [operation.selection_set]
    while pending:
        selection_set = pending.pop()
        for selection in selection_set.selections if selection_set else ():
            directive = _defer_directive(selection)
            for argument in directive.arguments or () if directive else ():
                if argument.name.value == "if" and isinstance(argument.value, VariableNode):
                    found.add(argument.value.name.value)
            if isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    pending.append(fragments[name].selection_set)
            elif isinstance(selection, FieldNode | InlineFragmentNode):
                pending.append(selection.selection_set)
    return tuple(sorted(found))


def _deferred(
    directive: DirectiveNode | None, variables: Mapping[str, Any]
) -> tuple[bool, str | None]:
    """Whether `@defer` applies here, and its label."""
    if directive is None:
        return False, None
    enabled, label = True, None
    for argument in directive.arguments or ():
        value = argument.value
        if argument.name.value == "if":
            if isinstance(value, BooleanValueNode):
                enabled = value.value
            elif isinstance(value, VariableNode):
                enabled = variables.get(value.name.value, True) is not False
        elif argument.name.value == "label" and isinstance(value, StringValueNode):
            label = value.value
    return enabled, label


class _Inliner:
    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.budget = MAX_INLINED_SELECTIONS

    def selection_set(self, node: SelectionSetNode) -> SelectionSetNode:
        return SelectionSetNode(selections=tuple(self.selection(s) for s in node.selections))

    def selection(self, node: SelectionNode) -> SelectionNode:
        self.budget -= 1
        if self.budget < 0:
            raise DeferTooLarge
        if isinstance(node, FragmentSpreadNode):
            fragment = self.fragments[node.name.value]
            return InlineFragmentNode(
                type_condition=fragment.type_condition,
                directives=node.directives,
                selection_set=self.selection_set(fragment.selection_set),
            )
        if isinstance(node, FieldNode | InlineFragmentNode) and node.selection_set is not None:
            return replace(node, selection_set=self.selection_set(node.selection_set))
        return node


@dataclass(slots=True)
class _Found:
    label: str | None
    path: tuple[str, ...]
    parent: int | None


class _Splitter:
    def __init__(self, variables: Mapping[str, Any]) -> None:
        self.variables = variables
        self.found: list[_Found] = []
        # Which deferred groups sit under each node (by id), and the group of each fragment.
        self.within: dict[int, frozenset[int]] = {}
        self.group_of: dict[int, int] = {}

    def index(
        self, node: SelectionSetNode | None, path: tuple[str, ...], group: int | None
    ) -> frozenset[int]:
        inside: set[int] = set()
        for selection in node.selections if node else ():
            if isinstance(selection, FieldNode):
                key = (selection.alias or selection.name).value
                below = self.index(selection.selection_set, (*path, key), group)
            elif isinstance(selection, InlineFragmentNode):
                deferred, label = _deferred(_defer_directive(selection), self.variables)
                if deferred:
                    own = len(self.found)
                    self.found.append(_Found(label, path, group))
                    self.group_of[id(selection)] = own
                    below = self.index(selection.selection_set, path, own) | {own}
                else:
                    below = self.index(selection.selection_set, path, group)
            else:
                continue
            self.within[id(selection)] = below
            inside |= below
        return frozenset(inside)

    def ancestors(self, group: int | None) -> frozenset[int]:
        chain: set[int] = set()
        while group is not None:
            chain.add(group)
            group = self.found[group].parent
        return frozenset(chain)

    def build(
        self, node: SelectionSetNode, owner: int | None, target: int | None, chain: frozenset[int]
    ) -> tuple[SelectionNode, ...]:
        """The selections of `node` (content of group `owner`) in the operation of `target`."""
        kept: list[SelectionNode] = []
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                on_path = target in self.within.get(id(selection), ())
                if owner != target and not on_path:
                    continue
                kept.append(self._field(selection, owner, target, chain))
            elif isinstance(selection, InlineFragmentNode):
                group = self.group_of.get(id(selection))
                inner = owner if group is None else group
                if group is not None and group not in chain:
                    continue  # another group's fields: not in this operation
                off_path = target not in self.within.get(id(selection), ())
                if group is None and owner != target and off_path:
                    continue
                assert selection.selection_set is not None
                selections = self.build(selection.selection_set, inner, target, chain)
                if selections:
                    directives = tuple(
                        d for d in selection.directives or () if d.name.value != DEFER
                    )
                    kept.append(
                        replace(
                            selection,
                            directives=directives,
                            selection_set=SelectionSetNode(selections=selections),
                        )
                    )
            else:
                kept.append(selection)
        return tuple(kept)

    def _field(
        self, node: FieldNode, owner: int | None, target: int | None, chain: frozenset[int]
    ) -> FieldNode:
        if node.selection_set is None:
            return node
        selections = self.build(node.selection_set, owner, target, chain) or (_TYPENAME,)
        return replace(node, selection_set=SelectionSetNode(selections=selections))

    def operation(
        self, operation: OperationDefinitionNode, target: int | None
    ) -> OperationDefinitionNode:
        chain = self.ancestors(target)
        selections = self.build(operation.selection_set, None, target, chain) or (_TYPENAME,)
        return replace(operation, selection_set=SelectionSetNode(selections=selections))


_TYPENAME = FieldNode(name=NameNode(value="__typename"), directives=(), arguments=())


def split_deferred(
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
) -> DeferSplit:
    """The immediate operation and one operation per deferred fragment (none when every
    `@defer` is turned off by its `if`). Raises `DeferTooLarge`."""
    inlined = replace(
        operation, selection_set=_Inliner(fragments).selection_set(operation.selection_set)
    )
    splitter = _Splitter(variables)
    splitter.index(inlined.selection_set, (), None)
    groups: Sequence[DeferredGroup] = [
        DeferredGroup(found.label, found.path, found.parent, splitter.operation(inlined, index))
        for index, found in enumerate(splitter.found)
    ]
    return DeferSplit(splitter.operation(inlined, None), tuple(groups))
