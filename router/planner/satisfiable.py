"""Refuses fields no subgraph can serve before any plan is built.

Two shapes compose (or are hand-written) yet have no source: a field declared only at
`@external` positions, and a field whose only home is an `@interfaceObject` with no
resolvable key that the path never enters. Planning them would otherwise end deep in the
planner, or worse, fetch a value a subgraph made up.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphql import SelectionSetNode

from router.planner.errors import PlanningError
from router.planner.operation import SField, SSelection, from_field_set
from router.supergraph.model import Supergraph, TypeKind

_COMPOSITE = (TypeKind.OBJECT, TypeKind.INTERFACE, TypeKind.UNION)


class Satisfiability:
    def __init__(self, supergraph: Supergraph) -> None:
        self.sg = supergraph
        self._interfaces: dict[str, set[str]] = {}
        for abstract, members in supergraph.possible_types.items():
            if supergraph.types[abstract].kind is TypeKind.INTERFACE:
                for member in members:
                    self._interfaces.setdefault(member, set()).add(abstract)
        # An @external field may still be served through a parent's @provides.
        self._provided: set[str] = set()
        for info in supergraph.types.values():
            for field in info.fields.values():
                for source in field.sources.values():
                    if source.provides is not None:
                        self._provided.update(_names(source.provides))

    def check(self, root_type: str, selections: list[SSelection]) -> None:
        """Raise PlanningError naming the first field no subgraph can serve."""
        self._walk(root_type, selections, None)

    def _walk(
        self, type_name: str, selections: list[SSelection], parent: frozenset[str] | None
    ) -> None:
        info = self.sg.types.get(type_name)
        if info is None:
            return
        for selection in selections:
            if not isinstance(selection, SField):
                condition = selection.type_condition or type_name
                self._walk(condition, selection.selections, parent)
                continue
            if selection.name.startswith("__"):
                continue
            field = info.fields.get(selection.name)
            if field is None:
                continue
            graphs = self._sources(type_name, selection.name)
            if not graphs and selection.name not in self._provided:
                external = sorted(g for g, s in field.sources.items() if s.external)
                where = f" (only @external in {', '.join(external)})" if external else ""
                raise PlanningError(
                    f"cannot plan {type_name}.{selection.name}: no subgraph resolves it{where}"
                )
            if graphs and parent is not None and not self._reachable(type_name, graphs, parent):
                raise PlanningError(
                    f"cannot plan {type_name}.{selection.name}: it only lives on an "
                    f"@interfaceObject without a resolvable @key "
                    f"(in {', '.join(sorted(graphs))})"
                )
            target = self.sg.types.get(field.type_name)
            if target is not None and target.kind in _COMPOSITE and selection.selections:
                self._walk(field.type_name, selection.selections, frozenset(field.resolvers))

    def _sources(self, type_name: str, field_name: str) -> frozenset[str]:
        info = self.sg.types[type_name]
        found = set(info.fields[field_name].resolvers)
        for iface in self._interfaces.get(type_name, ()):
            iface_field = self.sg.types[iface].fields.get(field_name)
            if iface_field is not None:
                found |= iface_field.resolvers
        return frozenset(found)

    def _reachable(self, type_name: str, graphs: frozenset[str], parent: frozenset[str]) -> bool:
        """Whether any graph serving the field can be entered at this position: it served
        the parent field, or it has a resolvable key, or it knows the type plainly."""
        if graphs & parent:
            return True
        owners = (type_name, *self._interfaces.get(type_name, ()))
        for graph in graphs:
            interface_object = False
            for owner in owners:
                owner_info = self.sg.types[owner]
                if owner_info.keys_in(graph):
                    return True
                interface_object |= graph in owner_info.interface_object_graphs
            if not interface_object:
                return True
        return False


def _names(selection_set: SelectionSetNode) -> Iterable[str]:
    stack: list[SSelection] = list(from_field_set(selection_set))
    while stack:
        selection = stack.pop()
        if isinstance(selection, SField):
            yield selection.name
        stack.extend(selection.selections)
