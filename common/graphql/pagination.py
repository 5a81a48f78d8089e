"""Relay-style connections, shared so every subgraph's lists page the same way.

Every subgraph defines these same types, so they are @shareable: composition
refuses a type defined in several subgraphs otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry

from common.repository import Page

T = TypeVar("T")
D = TypeVar("D")


@strawberry.federation.type(
    shareable=True, description="Where a page sits in the whole list (Relay cursor connections)."
)
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether more items follow this page.")
    end_cursor: str | None = strawberry.field(
        description="Pass as `after` to fetch the next page; null when the page is empty."
    )
    has_previous_page: bool = strawberry.field(
        description="Whether this page was asked for `after` a cursor, so items came before it "
        "(lists page forwards only: false on the first page)."
    )
    start_cursor: str | None = strawberry.field(
        description="The cursor of this page's first item; null when the page is empty."
    )


@strawberry.federation.type(shareable=True, description="One item of a connection with its cursor.")
class Edge(Generic[T]):
    node: T = strawberry.field(description="The item.")
    cursor: str = strawberry.field(description="Opaque position of this item in the list.")


@strawberry.federation.type(
    shareable=True, description="A page of items with cursors (Relay cursor connection)."
)
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(
        description="The items of this page with their cursors."
    )
    page_info: PageInfo = strawberry.field(description="Paging information.")

    @strawberry.field(description="The items of this page without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def connection_from_page(page: Page[D], to_node: Callable[[D], T]) -> Connection[T]:  # type: ignore[type-var]
    edges = [
        Edge(node=to_node(item), cursor=c) for item, c in zip(page.items, page.cursors, strict=True)
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next_page,
            end_cursor=page.cursors[-1] if page.cursors else None,
            has_previous_page=page.has_previous_page,
            start_cursor=page.cursors[0] if page.cursors else None,
        ),
    )
