"""Aliases same-named fields of different union/interface members whose types a subgraph
cannot merge.

`... on Book { id } ... on Pen { id }` is valid on the supergraph (both `ID`) but not on a
subgraph where `Pen.id` is `ID!` (`join__field(type:)`): the spec's field-merging rule
requires one response shape per response key. Every such field but the first member's is
sent under `_lg_<Type>__<key>`; the shaper reads it back under the client's key through
`SField.fetch_key`, like any other reserved alias.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from router.planner.operation import RESERVED_ALIAS_PREFIX, SField, SFragment, SSelection
from router.supergraph.model import Supergraph, TypeKind

_LEAF = (TypeKind.SCALAR, TypeKind.ENUM)


class ConflictAliaser:
    def __init__(self, supergraph: Supergraph) -> None:
        self.sg = supergraph

    def apply(self, type_name: str, selections: list[SSelection]) -> None:
        """Set `fetch_key` on conflicting fields, at every depth, in place."""
        by_key: dict[str, list[tuple[str, SField]]] = {}
        spread: dict[int, list[str]] = {}
        self._gather(type_name, selections, by_key, spread)
        split: dict[int, dict[str, str]] = {}
        for entries in by_key.values():
            first = entries[0][0]
            if not any(self._conflict(entries[0], other) for other in entries[1:]):
                continue
            for parent, field in entries:
                fetch_key = field.fetch_key
                if parent != first:
                    fetch_key = f"{RESERVED_ALIAS_PREFIX}{parent}__{field.fetch_key}"
                if id(field) in spread:
                    split.setdefault(id(field), {})[parent] = fetch_key
                else:
                    field.fetch_key = fetch_key
        if split:
            _split_in_place(selections, split)
        self._descend(type_name, selections)

    def _gather(
        self,
        parent: str,
        selections: list[SSelection],
        out: dict[str, list[tuple[str, SField]]],
        spread: dict[int, list[str]],
    ) -> None:
        for selection in selections:
            if isinstance(selection, SFragment):
                condition = selection.type_condition or parent
                self._gather(condition, selection.selections, out, spread)
                continue
            info = self.sg.types.get(parent)
            if info is None or selection.name.startswith("__"):
                continue
            if info.kind is TypeKind.OBJECT:
                out.setdefault(selection.key, []).append((parent, selection))
            else:
                # a field on the interface itself reaches every member's fragment
                members = sorted(self.sg.possible_types.get(parent, ()))
                spread[id(selection)] = members
                for member in members:
                    out.setdefault(selection.key, []).append((member, selection))

    def _conflict(self, one: tuple[str, SField], other: tuple[str, SField]) -> bool:
        (type_a, field_a), (type_b, field_b) = one, other
        if type_a == type_b:
            return False
        info_a = self.sg.types[type_a].fields.get(field_a.name)
        info_b = self.sg.types[type_b].fields.get(field_b.name)
        if info_a is None or info_b is None:
            return False
        graphs = self.sg.types[type_a].graphs & self.sg.types[type_b].graphs
        return any(
            _shape(self.sg, info_a.type_in(g), info_a.type_name)
            != _shape(self.sg, info_b.type_in(g), info_b.type_name)
            for g in graphs
        )

    def _descend(self, parent: str, selections: list[SSelection]) -> None:
        """Recurse per response key: sub-selections of every field sharing a key merge in
        the subgraph, so they are checked together, each under its own return type."""
        by_key: dict[str, list[SSelection]] = {}
        self._nested(parent, selections, by_key)
        for nested in by_key.values():
            self.apply(parent, nested)

    def _nested(
        self, parent: str, selections: list[SSelection], out: dict[str, list[SSelection]]
    ) -> None:
        for selection in selections:
            if isinstance(selection, SFragment):
                self._nested(selection.type_condition or parent, selection.selections, out)
                continue
            info = self.sg.types.get(parent)
            field = info.fields.get(selection.name) if info is not None else None
            if field is not None and selection.selections:
                # a fragment per field: its selections are the field's own list, mutated
                # in place, and its type condition is the parent the checks compare
                out.setdefault(selection.fetch_key, []).append(
                    SFragment(field.type_name, selection.selections)
                )


def _split_in_place(selections: list[SSelection], split: dict[int, dict[str, str]]) -> None:
    """Replace each interface-level field that conflicts with one copy per member type,
    each in a fragment on that member with its own fetch key (document order kept)."""
    for index, selection in enumerate(selections):
        if isinstance(selection, SFragment):
            _split_in_place(selection.selections, split)
            continue
        keys = split.get(id(selection))
        if keys is None:
            continue
        fragments: list[SSelection] = [
            SFragment(
                member,
                [
                    replace(
                        selection,
                        fetch_key=fetch_key,
                        selections=copy.deepcopy(selection.selections),
                    )
                ],
            )
            for member, fetch_key in keys.items()
        ]
        selections[index] = SFragment(None, fragments)


def _shape(sg: Supergraph, type_ref: str, named: str) -> str:
    """The response shape the merging rule compares: wrappers always, the name for leaves."""
    target = sg.types.get(named)
    if target is not None and target.kind not in _LEAF:
        return type_ref.replace(named, "")
    return type_ref
