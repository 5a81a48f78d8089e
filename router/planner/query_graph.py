"""The supergraph as a query graph, and the search for the cheapest entity jumps.

Nodes are (type, subgraph): an object as one subgraph sees it. Edges are:
- root transitions: the router enters a root type in a subgraph that has it;
- fields: from (parent, subgraph) to (field type in that subgraph, subgraph), with the
  field's `@requires` as the edge's condition;
- key transitions: from (type, any subgraph) to (type, a subgraph with a resolvable key),
  or to an `@interfaceObject` the type implements there; the key's fields are the
  condition.

An edge's condition must be met from what is already known about the object: the
subgraphs it was already fetched from. `jumps` is a cheapest-path search (Dijkstra) over
the sets of subgraphs an object has been fetched from; a transition costs its fetch plus
the fetches its key fields need, ties go to subgraph order. With a handful of subgraphs
per type the search space is tiny.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from graphql import FieldNode, InlineFragmentNode, SelectionSetNode

from router.supergraph.model import Supergraph, TypeKind

EdgeKind = Literal["root", "field", "key"]
# Nested key conditions followed at most this deep (a key whose fields need a jump whose
# key needs a jump...); real supergraphs need one or two.
MAX_DEPTH = 4


@dataclass(frozen=True, slots=True)
class Node:
    type_name: str
    graph: str


@dataclass(frozen=True, slots=True)
class Edge:
    kind: EdgeKind
    # None for a root transition: the router itself
    source: Node | None
    target: Node
    # the field of a field edge
    field: str | None = None
    # key fields of a key transition, `@requires` of a field edge
    condition: SelectionSetNode | None = None


class QueryGraph:
    """Nodes and edges of a supergraph, built once per planner."""

    def __init__(self, supergraph: Supergraph) -> None:
        self.sg = supergraph
        self.order = {name: index for index, name in enumerate(supergraph.subgraphs)}
        self.nodes: set[Node] = set()
        self.edges: dict[Node | None, list[Edge]] = {}
        self._build()

    def _add(self, edge: Edge) -> None:
        self.edges.setdefault(edge.source, []).append(edge)

    def _build(self) -> None:
        sg = self.sg
        composite = (TypeKind.OBJECT, TypeKind.INTERFACE)
        for info in sg.types.values():
            if info.kind in composite:
                self.nodes.update(Node(info.name, graph) for graph in info.graphs)
        for root in (sg.query_type, sg.mutation_type, sg.subscription_type):
            if root is not None:
                for graph in self.ordered(sg.types[root].graphs):
                    self._add(Edge("root", None, Node(root, graph)))
        for node in sorted(self.nodes, key=lambda n: (n.type_name, self.order[n.graph])):
            self._field_edges(node)
            self._key_edges(node)

    def _field_edges(self, node: Node) -> None:
        for field in self.sg.types[node.type_name].fields.values():
            target = self.sg.types.get(field.type_in(node.graph).strip("[]!"))
            if node.graph not in field.resolvers or target is None:
                continue
            if target.kind in (TypeKind.OBJECT, TypeKind.INTERFACE, TypeKind.UNION):
                source = field.sources.get(node.graph)
                requires = source.requires if source is not None else None
                self._add(Edge("field", node, Node(target.name, node.graph), field.name, requires))

    def _key_edges(self, node: Node) -> None:
        info = self.sg.types[node.type_name]
        if info.kind is not TypeKind.OBJECT:
            return
        targets = [(node.type_name, k.graph, k.selection) for k in info.keys if k.resolvable]
        for iface in self._interface_objects(node.type_name):
            targets += [
                (iface, k.graph, k.selection)
                for k in self.sg.types[iface].keys
                if k.resolvable and k.graph in self.sg.types[iface].interface_object_graphs
            ]
        for type_name, graph, condition in targets:
            if graph != node.graph:
                self._add(Edge("key", node, Node(type_name, graph), condition=condition))

    def _interface_objects(self, type_name: str) -> list[str]:
        return sorted(
            name
            for name, members in self.sg.possible_types.items()
            if type_name in members and self.sg.types[name].interface_object_graphs
        )

    def ordered(self, graphs: Iterable[str]) -> list[str]:
        return sorted(graphs, key=lambda g: self.order.get(g, 0))

    # -- conditions and search ----------------------------------------------------------

    def resolves(self, graph: str, type_name: str, field_name: str) -> bool:
        """Whether `graph` serves the field itself, with no condition (a key field counts)."""
        info = self.sg.types[type_name]
        field = info.fields.get(field_name)
        if field is None:
            return field_name == "__typename"
        if graph in field.resolvers:
            source = field.sources.get(graph)
            return source is None or source.requires is None
        return any(
            isinstance(s, FieldNode) and s.name.value == field_name
            for key in info.keys_in(graph, resolvable_only=False)
            for s in key.selection.selections
        )

    def condition_cost(
        self, fetched: Iterable[str], type_name: str, condition: SelectionSetNode, depth: int = 0
    ) -> int | None:
        """Fetches needed to select `condition` on an object already fetched from `fetched`.

        0 when they serve it all; nested fields they do not serve cost the jumps to a
        subgraph that does (a key `team { label }` where only another subgraph has
        `Team.label`). None when it cannot be met.
        """
        total = 0
        for selection in condition.selections:
            if isinstance(selection, InlineFragmentNode):
                inner = selection.type_condition.name.value if selection.type_condition else None
                cost = self.condition_cost(
                    fetched, inner or type_name, selection.selection_set, depth
                )
            elif isinstance(selection, FieldNode):
                cost = self._field_cost(fetched, type_name, selection, depth)
            else:
                cost = None
            if cost is None:
                return None
            total += cost
        return total

    def _field_cost(
        self, fetched: Iterable[str], type_name: str, selection: FieldNode, depth: int
    ) -> int | None:
        name = selection.name.value
        best: int | None = None
        for graph in self.ordered(fetched):
            if not self.resolves(graph, type_name, name):
                continue
            if selection.selection_set is None:
                return 0
            field = self.sg.types[type_name].fields[name]
            nested = Node(field.type_in(graph).strip("[]!"), graph)
            cost: int | None = 0
            for inner in selection.selection_set.selections:
                inner_cost = self._nested_cost(nested, inner, depth)
                if cost is None or inner_cost is None:
                    cost = None
                    break
                cost += inner_cost
            if cost is not None and (best is None or cost < best):
                best = cost
        return best

    def _nested_cost(self, node: Node, selection: object, depth: int) -> int | None:
        if not isinstance(selection, FieldNode):
            return None
        found = self.jumps(node, selection.name.value, depth + 1)
        if found is None:
            return None
        fetches, path = found
        if selection.selection_set is None:
            return fetches
        where = path[-1].target if path else node
        rest = self._field_cost({where.graph}, where.type_name, selection, depth + 1)
        return None if rest is None else fetches + rest

    def serves(self, graph: str, type_name: str, field_name: str) -> bool:
        """Whether `graph` resolves the field, a `@requires` on it allowed."""
        field = self.sg.types[type_name].fields.get(field_name)
        if field is not None and graph in field.resolvers:
            return True
        return self.resolves(graph, type_name, field_name)

    def jumps(
        self, start: Node, field_name: str, depth: int = 0
    ) -> tuple[int, tuple[Edge, ...]] | None:
        """The cheapest key transitions that reach a subgraph serving `field_name`.

        Returns (fetches, transitions): `(0, ())` when `start` serves it already, None when
        no sequence of transitions does (or only deeper than `MAX_DEPTH` nested conditions).
        A transition costs its own fetch plus what meeting its key fields costs from the
        subgraphs the object was already fetched from on the way.
        """
        if self.serves(start.graph, start.type_name, field_name):
            return (0, ())
        if depth > MAX_DEPTH:
            return None
        first = frozenset({start.graph})
        best = {first: 0}
        tie = 0  # insertion order: equal costs come out in subgraph order
        pending: list[tuple[int, int, frozenset[str], tuple[Edge, ...]]] = [(0, tie, first, ())]
        while pending:
            cost, _, fetched, path = heapq.heappop(pending)
            if cost > best.get(fetched, cost):
                continue
            if path and self.serves(path[-1].target.graph, path[-1].target.type_name, field_name):
                return (cost, path)
            for edge, condition in self._transitions(fetched, start.type_name, depth):
                reached = fetched | {edge.target.graph}
                total = cost + 1 + condition
                if total < best.get(reached, total + 1):
                    best[reached] = total
                    tie += 1
                    heapq.heappush(pending, (total, tie, reached, (*path, edge)))
        return None

    def _transitions(
        self, fetched: frozenset[str], type_name: str, depth: int
    ) -> list[tuple[Edge, int]]:
        """Key transitions out of `fetched` whose key fields can be met, with their cost."""
        found: dict[str, tuple[Edge, int]] = {}
        for graph in self.ordered(fetched):
            for edge in self.edges.get(Node(type_name, graph), ()):
                target = edge.target.graph
                if edge.kind != "key" or target in fetched:
                    continue
                assert edge.condition is not None
                cost = self.condition_cost(fetched, type_name, edge.condition, depth + 1)
                if cost is not None and (target not in found or cost < found[target][1]):
                    found[target] = (edge, cost)
        return [found[g] for g in self.ordered(found)]
