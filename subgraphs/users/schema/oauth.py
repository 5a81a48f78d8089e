"""Sign-in with an OpenID Connect provider (Google, Apple)."""

from __future__ import annotations

import strawberry

from subgraphs.users.schema.context import Info
from subgraphs.users.schema.inputs import OAuthFinishInput, OAuthStartInput
from subgraphs.users.schema.types import AuthPayload, payload


@strawberry.type(description="Where to send the browser to sign in with a provider.")
class OAuthStartPayload:
    authorization_url: str = strawberry.field(description="The provider's sign-in page.")
    state: str = strawberry.field(description="Comes back with the code; pass to oauthFinish.")


@strawberry.type
class OAuthMutations:
    @strawberry.mutation(description="Begin signing in with Google or Apple.")
    async def oauth_start(self, info: Info, input: OAuthStartInput) -> OAuthStartPayload:
        url, state = await info.context.services.oauth.start(
            input.provider.value, input.redirect_uri
        )
        return OAuthStartPayload(authorization_url=url, state=state)

    @strawberry.mutation(description="Finish signing in with Google or Apple.")
    async def oauth_finish(self, info: Info, input: OAuthFinishInput) -> AuthPayload:
        session = await info.context.services.oauth.finish(
            input.provider.value, code=input.code, state=input.state, totp_code=input.totp_code
        )
        return payload(session)
