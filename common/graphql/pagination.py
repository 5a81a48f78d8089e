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
    """Relay's `pageInfo`; `connection_from_page` fills it from a `Page`.

    ```python
    PageInfo(has_next_page=page.has_next_page, end_cursor=page.cursors[-1])
    ```
    """

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
    """One node with its cursor; made by `connection_from_page`.

    ```python
    Edge(node=Post.from_doc(doc), cursor=cursor)
    ```
    """

    node: T = strawberry.field(description="The item.")
    cursor: str = strawberry.field(description="Opaque position of this item in the list.")


@strawberry.federation.type(
    shareable=True, description="A page of items with cursors (Relay cursor connection)."
)
class Connection(Generic[T]):
    """A page of `T` for clients: `edges { node cursor }`, `nodes` and `pageInfo`.

    ```python
    @strawberry.field
    async def saved_posts(self, info: Info, first: int = 20) -> Connection[Post]:
        page = await info.context.services.posts.saved(me, PageRequest(first=first))
        return connection_from_page(page, Post.from_doc)
    ```
    """

    edges: list[Edge[T]] = strawberry.field(
        description="The items of this page with their cursors."
    )
    page_info: PageInfo = strawberry.field(description="Paging information.")

    @strawberry.field(description="The items of this page without cursors.")
    def nodes(self) -> list[T]:
        """`[edge.node for edge in edges]`, for clients that need no cursors."""
        return [edge.node for edge in self.edges]


def connection_from_page(page: Page[D], to_node: Callable[[D], T]) -> Connection[T]:  # type: ignore[type-var]
    """A repository `Page` as a `Connection`, each document turned into its GraphQL type.

    ```python
    return connection_from_page(page, GoalType.from_doc)
    ```
    """
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
