"""The Relay `Node` interface, an entity interface (Federation 2.3) owned by users.

Users holds the directory of node types (`directory.py`), so this one subgraph
declares every implementation; the other subgraphs keep their types unchanged and
resolve their fields when the router calls them with the `id` key.
"""

from __future__ import annotations

import strawberry

from common.graphql.globalid import to_global_id


@strawberry.federation.interface(
    keys=["id"],
    description=(
        "An object that can be refetched by its global id with `node(id:)` (Relay's"
        " global object identification). Fetch `nodeId` to get that id."
    ),
)
class Node:
    id: strawberry.ID = strawberry.field(
        description="The object's id, unique among objects of its type (the cache key with"
        " `__typename`)."
    )

    @strawberry.field(
        description="Globally unique, opaque id that names the type too: what `node(id:)` and"
        " `nodes(ids:)` take. Relay: set `nodeInterfaceIdField` to `nodeId`."
    )
    def node_id(self) -> strawberry.ID:
        # The class's GraphQL name: stubs are `GoalNode` in Python and `Goal` in the schema.
        name: str = self.__strawberry_definition__.name  # type: ignore[attr-defined]
        return strawberry.ID(to_global_id(name, str(self.id)))
