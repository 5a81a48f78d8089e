"""Operation generation: fetch groups to plan nodes with printed subgraph operations."""

from __future__ import annotations

import re
from collections.abc import Mapping

from graphql import TypeNode, print_ast

from router.planner.fetch_groups import FetchGroup, merge_siblings
from router.planner.nodes import (
    FetchNode,
    FlattenNode,
    OperationKind,
    ParallelNode,
    PlanNode,
    RequiredType,
    SequenceNode,
)


def sequence(nodes: list[PlanNode | None]) -> PlanNode | None:
    """Run `nodes` one after another; nested sequences flattened, a single node bare."""
    present = [n for n in nodes if n is not None]
    flat: list[PlanNode] = []
    for node in present:
        flat.extend(node.nodes if isinstance(node, SequenceNode) else (node,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else SequenceNode(tuple(flat))


def parallel(nodes: list[PlanNode | None]) -> PlanNode | None:
    """Run `nodes` side by side; nested parallels flattened, a single node bare."""
    present = [n for n in nodes if n is not None]
    flat: list[PlanNode] = []
    for node in present:
        flat.extend(node.nodes if isinstance(node, ParallelNode) else (node,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else ParallelNode(tuple(flat))


_UNSAFE_NAME = re.compile(r"\W")


class Emitter:
    """Turns fetch groups into plan nodes with printed subgraph operations."""

    def __init__(
        self,
        kind: OperationKind,
        operation_name: str | None,
        var_types: Mapping[str, TypeNode],
    ) -> None:
        self.kind = kind
        self.operation_name = operation_name
        self.var_types = var_types

    def fetch(self, group: FetchGroup) -> PlanNode:
        """The subgraph operation for one group (a `Flatten` around entity fetches)."""
        variables: set[str] = set()
        out: list[str] = []
        group.selection.print(out, variables)
        body = "".join(out)
        defs = [f"${n}:{print_ast(self.var_types[n])}" for n in sorted(variables)]
        kind: OperationKind = "query" if group.entity else self.kind
        if group.entity:
            defs.insert(0, "$representations:[_Any!]!")
            body = "{_entities(representations:$representations)" + body + "}"
        name = None
        if self.operation_name:
            service = _UNSAFE_NAME.sub("_", group.service)
            name = f"{self.operation_name}__{service}__{group.id}"
        header = kind + (f" {name}" if name else "") + (f"({','.join(defs)})" if defs else "")
        requires = tuple(
            RequiredType(type_name, rep.required(), frozenset(group.key_fields.get(type_name, ())))
            for type_name, rep in group.requires.items()
        )
        if group.entity:
            output_keys = tuple(
                (type_name, next(iter(fragment.fields)))
                for type_name, fragment in group.selection.fragments.items()
                if fragment.fields
            )
        else:
            output_keys = tuple(("", key) for key in group.selection.fields)
        node = FetchNode(
            service=group.service,
            operation=header + body,
            operation_name=name,
            variable_names=tuple(sorted(variables)),
            requires=requires,
            output_keys=output_keys,
        )
        if not group.entity:
            return node
        return FlattenNode(group.path, node, group.more_paths, group.path_filters)

    def schedule(self, groups: list[FetchGroup]) -> PlanNode | None:
        """Order `groups` by their dependencies: a tree when each depends only on its
        parent, else stages (each group one stage after the last it depends on)."""
        if not groups:
            return None
        members = set(groups)
        deps = {g: {d for d in g.deps if d in members and d is not g} for g in groups}
        is_tree = all(not deps[g] or (len(deps[g]) == 1 and g.parent in deps[g]) for g in groups)
        if is_tree:
            roots = [g for g in groups if not deps[g]]
            return parallel([self._tree(g, members) for g in roots])
        levels: dict[FetchGroup, int] = {}

        def level(group: FetchGroup) -> int:
            if group not in levels:
                levels[group] = 0
                levels[group] = 1 + max((level(d) for d in deps[group]), default=-1)
            return levels[group]

        for group in groups:
            level(group)
        stages = sorted(set(levels.values()))
        return sequence(
            [
                parallel(
                    [
                        self.fetch(g)
                        for g in merge_siblings([g for g in groups if levels[g] == stage])
                    ]
                )
                for stage in stages
            ]
        )

    def _tree(self, group: FetchGroup, members: set[FetchGroup]) -> PlanNode:
        node = self.fetch(group)
        children = [
            self._tree(c, members)
            for c in merge_siblings([c for c in group.children if c in members])
        ]
        after = parallel(list(children))
        if after is None:
            return node
        return SequenceNode((node, *(after.nodes if isinstance(after, SequenceNode) else (after,))))
