"""The chat subgraph's federated schema."""

from __future__ import annotations

from common.graphql.schema import build_schema
from subgraphs.chat.schema.context import Info
from subgraphs.chat.schema.operations import Mutation, Query, Subscription
from subgraphs.chat.schema.types import Conversation, Message, User

schema = build_schema(
    "chat",
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    types=[User, Conversation, Message],
)

__all__ = ["Info", "schema"]
