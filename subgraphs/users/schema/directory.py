"""`node` and `nodes`: any object by its global id, resolved by the subgraph that owns it.

Federation's entity interfaces require the subgraph that declares `Node` with a key to
declare every implementation, so users keeps a key-only stub of each node type the
other subgraphs own. `node(id:)` only decodes the id and answers the reference; the
router asks the owner for every other field, and the owner's reference resolver
applies its access rules (an object the viewer may not read comes back null). A new
node type is one stub here.
"""

from __future__ import annotations

import asyncio

import strawberry

from common.errors import BadUserInput
from common.graphql.globalid import from_global_id
from subgraphs.users.schema.context import Info
from subgraphs.users.schema.node import Node
from subgraphs.users.schema.types import User

# Bounded like a page: each id may cost the router one entity lookup.
MAX_NODES = 100


# No reference resolvers: Strawberry builds a stub from its key, which is all it has
# (`nodeId` on another subgraph's object); the owner checks access for its fields.
@strawberry.federation.type(name="Goal", keys=["id"], description="A life goal (owned by goals).")
class GoalNode(Node):
    pass


@strawberry.federation.type(
    name="Habit",
    keys=["id"],
    description="A recurring behaviour with check-ins and streaks (owned by goals).",
)
class HabitNode(Node):
    pass


@strawberry.federation.type(
    name="Comment", keys=["id"], description="A comment on a post (owned by community)."
)
class CommentNode(Node):
    pass


@strawberry.federation.type(
    name="Post", keys=["id"], description="A post in the community (owned by community)."
)
class PostNode(Node):
    pass


@strawberry.federation.type(
    name="Conversation",
    keys=["id"],
    description="A conversation: direct, group or coach (owned by chat).",
)
class ConversationNode(Node):
    pass


@strawberry.federation.type(
    name="Message", keys=["id"], description="A chat message (owned by chat)."
)
class MessageNode(Node):
    pass


@strawberry.federation.type(
    name="Notification",
    keys=["id"],
    description="Something that happened for a user (owned by notifications).",
)
class NotificationNode(Node):
    pass


_STUBS: dict[str, type[Node]] = {
    "Goal": GoalNode,
    "Habit": HabitNode,
    "Post": PostNode,
    "Comment": CommentNode,
    "Conversation": ConversationNode,
    "Message": MessageNode,
    "Notification": NotificationNode,
}
NODE_TYPES: tuple[type, ...] = (User, *_STUBS.values())


async def _resolve(info: Info, global_id: str, field: str) -> Node | None:
    type_name, object_id = from_global_id(global_id, field=field)
    if type_name == "User":
        return await User.resolve_reference(info, strawberry.ID(object_id))
    stub = _STUBS.get(type_name)
    # An unknown type is an object that does not exist, as Relay expects: null.
    return stub(id=strawberry.ID(object_id)) if stub else None


@strawberry.type
class NodeQueries:
    @strawberry.field(
        description="Any object by its global id (`nodeId`); null when it does not exist or"
        " the viewer may not read it."
    )
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await _resolve(info, str(id), "id")

    @strawberry.field(
        description=f"Objects by their global ids, in order; null for each one `node` would"
        f" answer null. At most {MAX_NODES}."
    )
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_NODES:
            raise BadUserInput(f"At most {MAX_NODES} ids at a time.", field="ids", limit=MAX_NODES)
        # Together, so the users among them load through one DataLoader batch.
        return list(await asyncio.gather(*(_resolve(info, str(i), "ids") for i in ids)))
