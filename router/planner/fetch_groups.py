"""Fetch groups: the future subgraph requests of a plan and the dependencies between them.

The planner grows groups while it walks the operation; `deps` says which groups must have
run before one can (its key or `@requires` fields come from them, at any depth).
"""

from __future__ import annotations

from collections.abc import Iterable

from router.planner.nodes import KeyFilter
from router.planner.selection import SubSelection


class FetchGroup:
    """One future subgraph request; grows while the planner walks the operation."""

    __slots__ = (
        "children",
        "deps",
        "entity",
        "id",
        "key_fields",
        "more_paths",
        "parent",
        "path",
        "path_filters",
        "requires",
        "selection",
        "service",
    )

    def __init__(
        self,
        group_id: int,
        service: str,
        path: tuple[str, ...],
        parent: FetchGroup | None,
    ) -> None:
        self.id = group_id
        self.service = service
        self.path = path
        self.parent = parent
        self.entity = parent is not None
        self.selection = SubSelection()
        self.requires: dict[str, SubSelection] = {}
        self.key_fields: dict[str, set[str]] = {}
        self.deps: set[FetchGroup] = set()
        self.children: list[FetchGroup] = []
        self.more_paths: tuple[tuple[str, ...], ...] = ()
        self.path_filters: tuple[KeyFilter, ...] = ()

    def filters(self) -> tuple[KeyFilter, ...]:
        return self.path_filters or (self.selection.key_filter(),)

    def requirements(self) -> tuple[tuple[str, str, frozenset[str]], ...]:
        return tuple(
            sorted(
                (t, rep.printed(), frozenset(self.key_fields.get(t, ())))
                for t, rep in self.requires.items()
            )
        )


def merge_siblings(groups: list[FetchGroup]) -> list[FetchGroup]:
    """Entity groups of one subgraph that run at the same time become one `_entities` call.

    Only when both build identical representations: otherwise objects at one path would
    be asked for @requires fields that were only fetched at the other.
    """
    result: list[FetchGroup] = []
    for group in groups:
        for index, existing in enumerate(result):
            if existing.entity and group.entity and existing.service == group.service:
                merged = _merge_groups(existing, group)
                if merged is not None:
                    result[index] = merged
                    break
        else:
            result.append(group)
    return result


def _merge_groups(first: FetchGroup, second: FetchGroup) -> FetchGroup | None:
    if first.requirements() != second.requirements():
        return None
    selection = first.selection.copy()
    if not selection.absorb(second.selection):
        return None
    merged = FetchGroup(min(first.id, second.id), first.service, first.path, first.parent)
    merged.more_paths = (*first.more_paths, second.path, *second.more_paths)
    merged.path_filters = (*first.filters(), *second.filters())
    merged.selection = selection
    merged.requires = first.requires
    merged.key_fields = first.key_fields
    merged.deps = first.deps | second.deps
    merged.children = first.children + second.children
    return merged


def closure(groups: Iterable[FetchGroup]) -> set[FetchGroup]:
    """`groups` and every group they depend on, directly or not."""
    seen: set[FetchGroup] = set()
    stack = list(groups)
    while stack:
        group = stack.pop()
        if group not in seen:
            seen.add(group)
            stack.extend(group.deps)
    return seen


def descendants(root: FetchGroup) -> list[FetchGroup]:
    """`root` and every group below it, in creation order."""
    found: list[FetchGroup] = []
    stack = [root]
    while stack:
        group = stack.pop()
        found.append(group)
        stack.extend(reversed(group.children))
    return sorted(found, key=lambda g: g.id)
