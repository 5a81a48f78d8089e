"""What resolvers are handed per request: the kit's context holding the users services,
and who the viewer is in the ways the users mutations need."""

from __future__ import annotations

import strawberry

from common.auth import Principal
from common.graphql.context import RequestContext
from subgraphs.users.domain.scopes import require_session
from subgraphs.users.service.container import UsersServices

Context = RequestContext[UsersServices]
Info = strawberry.Info[Context, None]


async def signed_in(info: Info) -> Principal:
    """The viewer, signed in to the account itself (not through an API key)."""
    return require_session(await info.context.require_viewer())


async def writer(info: Info) -> Principal:
    """The viewer, allowed to change things: the kit refuses read-only tokens in mutations."""
    return await info.context.require_viewer()


def client_ip(info: Info) -> str | None:
    return info.context.services.proxies.subgraph_address(info.context.request)
