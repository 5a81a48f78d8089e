"""The users subgraph's GraphQL schema: thin resolvers over the services, one module per area."""

from __future__ import annotations

import strawberry

from common.graphql.schema import build_schema
from subgraphs.users.schema.account import AccountMutations, AccountQueries
from subgraphs.users.schema.apikeys import ApiKeyMutations, ApiKeyQueries
from subgraphs.users.schema.auth import AuthMutations
from subgraphs.users.schema.directory import NODE_TYPES, NodeQueries
from subgraphs.users.schema.oauth import OAuthMutations
from subgraphs.users.schema.phone import PhoneMutations
from subgraphs.users.schema.recovery import RecoveryMutations
from subgraphs.users.schema.types import User


@strawberry.type(description="Accounts and identity.")
class Query(AccountQueries, ApiKeyQueries, NodeQueries):
    pass


# The order of the bases is the order of the mutations in the printed schema.
@strawberry.type(description="Sign-in, sessions and account changes.")
class Mutation(
    AuthMutations,
    RecoveryMutations,
    OAuthMutations,
    AccountMutations,
    ApiKeyMutations,
    PhoneMutations,
):
    pass


schema = build_schema("users", query=Query, mutation=Mutation, types=[User, *NODE_TYPES])
