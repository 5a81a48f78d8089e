"""The community subgraph's federation schema."""

from common.graphql.schema import build_schema
from subgraphs.community.schema.mutation import Mutation
from subgraphs.community.schema.query import Query
from subgraphs.community.schema.types import Goal, Post, User

schema = build_schema("community", query=Query, mutation=Mutation, types=[Post, User, Goal])

__all__ = ["schema"]
