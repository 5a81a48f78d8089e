"""API keys: the member's keys, making and revoking them, trading one for a token."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.federation.schema_directives import Authenticated

from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from subgraphs.users import models
from subgraphs.users.schema.context import Info, signed_in
from subgraphs.users.schema.enums import ApiKeyScope
from subgraphs.users.schema.inputs import CreateApiKeyInput, ExchangeApiKeyInput, RevokeApiKeyInput
from subgraphs.users.schema.types import User, own
from subgraphs.users.service.apikeys import KeyToken, Scope


@strawberry.type(description="An API key of the signed-in member. Its secret is never shown again.")
class ApiKey:
    id: strawberry.ID = strawberry.field(description="Identifier, for `revokeApiKey`.")
    name: str = strawberry.field(description="What the key is for.")
    scopes: list[ApiKeyScope] = strawberry.field(description="What its tokens may do.")
    prefix: str = strawberry.field(description="The start of the secret, to tell keys apart.")
    created_at: datetime = strawberry.field(description="When the key was made.")
    last_used_at: datetime | None = strawberry.field(
        description="When it was last traded for a token; null if never."
    )
    revoked_at: datetime | None = strawberry.field(
        description="When it was revoked; null while it works."
    )


def api_key(doc: models.ApiKey) -> ApiKey:
    return ApiKey(
        id=strawberry.ID(str(doc.id)),
        name=doc.name,
        scopes=[ApiKeyScope(s) for s in doc.scopes],
        prefix=doc.prefix,
        created_at=doc.created_at,
        last_used_at=doc.last_used_at,
        revoked_at=doc.revoked_at,
    )


@strawberry.type(description="A new API key and, this once, its secret.")
class CreateApiKeyPayload:
    api_key: ApiKey = strawberry.field(description="The key.")
    secret: str = strawberry.field(
        description="The key itself, for `exchangeApiKey`. Store it now: it is not shown again."
    )


@strawberry.type(description="An access token traded for an API key. There is no refresh token.")
class ApiKeyTokenPayload:
    access_token: str = strawberry.field(
        description="RS256 JWT for `Authorization: Bearer`; short-lived, trade the key again."
    )
    expires_in: int = strawberry.field(description="Seconds until the access token expires.")
    scopes: list[ApiKeyScope] = strawberry.field(description="What the token may do.")
    user: User = strawberry.field(description="The member the key belongs to.")


def key_token(traded: KeyToken) -> ApiKeyTokenPayload:
    return ApiKeyTokenPayload(
        access_token=traded.access_token,
        expires_in=traded.expires_in,
        scopes=[ApiKeyScope(s) for s in traded.key.scopes],
        user=own(traded.user),
    )


@strawberry.type
class ApiKeyQueries:
    @strawberry.field(
        directives=[Authenticated()], description="The signed-in member's API keys, newest first."
    )
    async def api_keys(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[ApiKey]:
        viewer = await signed_in(info)
        keys = info.context.services.api_keys
        page = await keys.list(viewer.user_id, PageRequest(first=first, after=after))
        return connection_from_page(page, api_key)


@strawberry.type
class ApiKeyMutations:
    @strawberry.mutation(
        directives=[Authenticated()],
        description="Make an API key for a script or integration; the secret is shown once.",
    )
    async def create_api_key(self, info: Info, input: CreateApiKeyInput) -> CreateApiKeyPayload:
        viewer = await signed_in(info)
        scopes = [Scope(s.value) for s in input.scopes] if input.scopes is not None else None
        created = await info.context.services.api_keys.create(
            viewer.user_id, name=input.name, scopes=scopes
        )
        return CreateApiKeyPayload(api_key=api_key(created.key), secret=created.secret)

    @strawberry.mutation(
        directives=[Authenticated()],
        description="Revoke one of your API keys; tokens already traded for it live out their "
        "few minutes.",
    )
    async def revoke_api_key(self, info: Info, input: RevokeApiKeyInput) -> ApiKey:
        viewer = await signed_in(info)
        return api_key(await info.context.services.api_keys.revoke(viewer.user_id, str(input.id)))

    @strawberry.mutation(description="Trade an API key for a short-lived access token.")
    async def exchange_api_key(self, info: Info, input: ExchangeApiKeyInput) -> ApiKeyTokenPayload:
        return key_token(await info.context.services.api_keys.exchange(input.api_key))
