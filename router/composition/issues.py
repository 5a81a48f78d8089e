"""Composition issues: every failure names a stable code, the subgraphs, the type and the field."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CompositionIssue:
    code: str
    message: str
    subgraphs: tuple[str, ...] = ()
    type_name: str | None = None
    field: str | None = None

    @property
    def subgraph(self) -> str | None:
        return self.subgraphs[0] if self.subgraphs else None

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class CompositionError(Exception):
    def __init__(self, issues: Sequence[CompositionIssue]) -> None:
        self.issues: tuple[CompositionIssue, ...] = tuple(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))

    @property
    def codes(self) -> list[str]:
        return [issue.code for issue in self.issues]


def join_strings(
    items: Sequence[str], sep: str = ", ", first_sep: str | None = None, last_sep: str | None = None
) -> str:
    """Mirror of Apollo's `joinStrings`, so messages read the same as rover's."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    last = sep if last_sep is None else last_sep
    if len(items) == 2:
        return items[0] + (first_sep if first_sep is not None else last) + items[1]
    first = sep if first_sep is None else first_sep
    return items[0] + first + sep.join(items[1:-1]) + last + items[-1]


def human_list(items: Sequence[str], prefix: str, prefix_plural: str) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return f"{prefix} {items[0]}"
    return f"{prefix_plural} {join_strings(items, ', ', last_sep=' and ')}"


def subgraph_names(names: Iterable[str]) -> str:
    return human_list([f'"{n}"' for n in names], "subgraph", "subgraphs")
