"""Static measures of a GraphQL document, in time linear in its size.

A named fragment is summarised once and its summary reused at every spread, so a
document whose fragments spread each other twice over (2**30 fields once expanded)
costs a few microseconds per fragment, never one step per expanded field. Every
walk is iterative; counts saturate at `SATURATED`, so even astronomical expansions
stay small integers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)

# Larger than any limit anyone sets; past it, only "too many" matters.
SATURATED = 10**15

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


def saturating_add(a: int, b: int) -> int:
    return min(a + b, SATURATED)


def saturating_mul(a: int, b: int) -> int:
    return min(a * b, SATURATED)


@dataclass(frozen=True, slots=True)
class Measures:
    """What executing a selection would touch, with every fragment spread expanded.

    `depth`: deepest field nesting, introspection (`__schema`, `__type` subtrees) not
    counted: the introspection query every GraphQL IDE sends is 15 deep.
    `aliases`: aliased fields, a fragment counting once per spread.
    `height`: fields selected, a fragment counting once per spread.
    `conditions`: variables that `@skip`/`@include` read anywhere inside; the router's
    plans are specific to their values, so it learns them in this same walk.
    """

    depth: int = 0
    aliases: int = 0
    height: int = 0
    conditions: frozenset[str] = frozenset()

    def widest(self, other: Measures) -> Measures:
        return Measures(
            max(self.depth, other.depth),
            max(self.aliases, other.aliases),
            max(self.height, other.height),
            self.conditions | other.conditions,
        )


@dataclass(frozen=True, slots=True)
class DocumentMeasures:
    """The measures of each operation of a document, from one walk of it."""

    # In document order; operation nodes hash by content, so they are matched by identity.
    operations: tuple[tuple[OperationDefinitionNode, Measures], ...] = ()

    def of(self, operation: OperationDefinitionNode) -> Measures:
        return next(m for node, m in self.operations if node is operation)

    def widest(self) -> Measures:
        widest = Measures()
        for _, measures in self.operations:
            widest = widest.widest(measures)
        return widest


def fragment_definitions(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def spreads_in(selection_set: SelectionSetNode | None) -> Iterator[str]:
    """Names of the fragments spread anywhere inside, not following the spreads."""
    pending = [selection_set]
    while pending:
        current = pending.pop()
        for selection in current.selections if current else ():
            if isinstance(selection, FragmentSpreadNode):
                yield selection.name.value
            elif isinstance(selection, FieldNode | InlineFragmentNode):
                pending.append(selection.selection_set)


def dependency_order(fragments: Mapping[str, FragmentDefinitionNode]) -> list[str]:
    """Fragment names, each after the fragments it spreads.

    A spread that closes a cycle (invalid GraphQL, rejected by validation) is ignored,
    so a cyclic document still gets finite measures and never loops.
    """
    order: list[str] = []
    state: dict[str, bool] = {}  # False: on the current path; True: done
    for root in fragments:
        if root in state:
            continue
        state[root] = False
        stack = [(root, iter(list(spreads_in(fragments[root].selection_set))))]
        while stack:
            name, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                state[name] = True
                order.append(name)
            elif child in fragments and child not in state:
                state[child] = False
                stack.append((child, iter(list(spreads_in(fragments[child].selection_set)))))
    return order


def summarise(selection_set: SelectionSetNode, known: Mapping[str, Measures]) -> Measures:
    """Measures of one selection set; a spread adds the summary of its fragment in `known`.

    A spread of a fragment missing from `known` (undefined, or closing a cycle) adds nothing.
    """
    depth = aliases = height = 0
    conditions: set[str] = set()
    # (selection set, field depth above it, inside an introspection field)
    pending: list[tuple[SelectionSetNode | None, int, bool]] = [(selection_set, 0, False)]
    while pending:
        current, level, introspection = pending.pop()
        for selection in current.selections if current else ():
            _condition_variables(selection.directives, conditions)
            if isinstance(selection, FieldNode):
                height += 1
                aliases += selection.alias is not None
                inside = introspection or selection.name.value in INTROSPECTION_FIELDS
                if not inside:
                    depth = max(depth, level + 1)
                pending.append((selection.selection_set, level + 1, inside))
            elif isinstance(selection, InlineFragmentNode):
                pending.append((selection.selection_set, level, introspection))
            elif isinstance(selection, FragmentSpreadNode):
                inner = known.get(selection.name.value)
                if inner is not None:
                    conditions |= inner.conditions
                    if not introspection:
                        depth = max(depth, level + inner.depth)
                    aliases = saturating_add(aliases, inner.aliases)
                    height = saturating_add(height, inner.height)
    return Measures(depth, min(aliases, SATURATED), min(height, SATURATED), frozenset(conditions))


def _condition_variables(directives: Sequence[DirectiveNode] | None, into: set[str]) -> None:
    for directive in directives or ():
        if directive.name.value in ("skip", "include"):
            into.update(
                arg.value.name.value
                for arg in directive.arguments or ()
                if isinstance(arg.value, VariableNode)
            )


def fragment_measures(fragments: Mapping[str, FragmentDefinitionNode]) -> dict[str, Measures]:
    """Every fragment's measures, each fragment summarised exactly once."""
    known: dict[str, Measures] = {}
    for name in dependency_order(fragments):
        known[name] = summarise(fragments[name].selection_set, known)
    return known


def measure_operations(document: DocumentNode) -> DocumentMeasures:
    """Every operation's measures, its fragments expanded, each fragment walked once."""
    known = fragment_measures(fragment_definitions(document))
    return DocumentMeasures(
        tuple(
            (definition, summarise(definition.selection_set, known))
            for definition in document.definitions
            if isinstance(definition, OperationDefinitionNode)
        )
    )


def measure_document(document: DocumentNode) -> Measures:
    """The widest measures of any operation in the document, its fragments expanded."""
    return measure_operations(document).widest()
