"""The users subgraph's GraphQL schema: thin resolvers over the services."""

from __future__ import annotations

from datetime import datetime

import strawberry

from common.auth import Principal, Role
from common.errors import Unauthenticated
from common.graphql.context import RequestContext
from common.graphql.loaders import batch_loader
from common.graphql.pagination import Connection, connection_from_page
from common.graphql.schema import build_schema
from common.repository import PageRequest
from common.vocabulary import LIFE_AREAS
from subgraphs.users import models
from subgraphs.users.apikeys import KeyToken, Scope
from subgraphs.users.container import UsersServices
from subgraphs.users.inputs import (
    ApiKeyScope,
    ChangePasswordInput,
    ConfirmTotpInput,
    CreateApiKeyInput,
    DeleteAccountInput,
    DisableTotpInput,
    ExchangeApiKeyInput,
    LoginInput,
    LogoutInput,
    OAuthFinishInput,
    OAuthStartInput,
    ProfilePrivacy,
    RefreshTokenInput,
    RegisterInput,
    RequestPasswordResetInput,
    ResetPasswordInput,
    RevokeApiKeyInput,
    SetUserRolesInput,
    Theme,
    UpdateLifeAreasInput,
    UpdatePreferencesInput,
    UpdateProfileInput,
    UserRole,
    VerifyEmailInput,
)
from subgraphs.users.scopes import require_session
from subgraphs.users.service import (
    Access,
    LifeAreaChanges,
    PreferenceChanges,
    ProfileChanges,
    access_for,
)
from subgraphs.users.sessions import Session

Info = strawberry.Info[RequestContext[UsersServices], None]


@strawberry.type(description="Whether each notification channel is on.")
class NotificationChannels:
    in_app: bool = strawberry.field(description="Notifications inside the apps.")
    email: bool = strawberry.field(description="Notifications by email.")
    push: bool = strawberry.field(description="Push notifications to devices.")


@strawberry.type(description="A member's settings for the apps.")
class Preferences:
    notifications: NotificationChannels = strawberry.field(
        description="Notification channels on or off."
    )
    theme: Theme = strawberry.field(description="Colour scheme.")
    language: str = strawberry.field(description="Language of the apps (BCP 47 tag).")
    privacy: ProfilePrivacy = strawberry.field(description="Who may see the profile.")


@strawberry.type(description="Self-assessed scores, 0-100, for each area of life.")
class LifeAreas:
    health: int = strawberry.field(description="Health.")
    finance: int = strawberry.field(description="Finance.")
    family: int = strawberry.field(description="Family.")
    career: int = strawberry.field(description="Career.")
    learning: int = strawberry.field(description="Learning.")
    creativity: int = strawberry.field(description="Creativity.")


@strawberry.federation.type(
    keys=["id"],
    description=(
        "A LifeGraph member. Others see the display name always, the rest of the profile "
        "only when it is public; email and preferences only the member and admins see."
    ),
)
class User:
    id: strawberry.ID = strawberry.field(description="Stable identifier of the member.")
    doc: strawberry.Private[models.User]
    access: strawberry.Private[Access]

    @property
    def _profile(self) -> bool:
        return self.access is not Access.NAME_ONLY

    @property
    def _full(self) -> bool:
        return self.access is Access.FULL

    # Shareable: chat provides both beside each message (`Message.sender`), from
    # the card it keeps from our events, under the same visibility rule.
    @strawberry.federation.field(shareable=True, description="Name shown to other members.")
    def display_name(self) -> str:
        return self.doc.display_name

    @strawberry.federation.field(
        shareable=True, description="URL of the avatar image; null if hidden or unset."
    )
    def avatar_url(self) -> str | None:
        return self.doc.avatar_url if self._profile else None

    @strawberry.field(description="A few words about the member; null if hidden or unset.")
    def bio(self) -> str | None:
        return self.doc.bio if self._profile else None

    @strawberry.field(description="IANA time zone; null if hidden.")
    def timezone(self) -> str | None:
        return self.doc.timezone if self._profile else None

    @strawberry.field(description="Language tag for formatting; null if hidden.")
    def locale(self) -> str | None:
        return self.doc.locale if self._profile else None

    @strawberry.field(description="Life-area scores; null if hidden.")
    def life_areas(self) -> LifeAreas | None:
        return LifeAreas(**self.doc.life_areas.model_dump()) if self._profile else None

    @strawberry.field(description="Roles of the member; null if hidden.")
    def roles(self) -> list[UserRole] | None:
        return [UserRole(r) for r in self.doc.roles] if self._profile else None

    @strawberry.field(description="When the account was created; null if hidden.")
    def created_at(self) -> datetime | None:
        return self.doc.created_at if self._profile else None

    @strawberry.field(description="Email address (the member and admins only).")
    def email(self) -> str | None:
        return self.doc.email if self._full else None

    @strawberry.field(description="Whether the email address is confirmed (member and admins).")
    def email_verified(self) -> bool | None:
        return self.doc.email_verified if self._full else None

    @strawberry.field(description="Whether two-step sign-in is on (member and admins).")
    def totp_enabled(self) -> bool | None:
        return self.doc.totp_enabled if self._full else None

    @strawberry.field(description="Settings for the apps (member and admins).")
    def preferences(self) -> Preferences | None:
        if not self._full:
            return None
        p = self.doc.preferences
        return Preferences(
            notifications=NotificationChannels(**p.notifications.model_dump()),
            theme=Theme(p.theme.value),
            language=p.language,
            privacy=ProfilePrivacy(p.privacy.value),
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> User | None:
        services = info.context.services
        loader = info.context.loader(
            "users.by_id", lambda: batch_loader(services.accounts.get_many)
        )
        doc = await loader.load(str(id))
        return view(doc, await info.context.viewer()) if doc else None


def view(doc: models.User, viewer: Principal | None) -> User:
    return User(id=strawberry.ID(str(doc.id)), doc=doc, access=access_for(doc, viewer))


def own(doc: models.User) -> User:
    return User(id=strawberry.ID(str(doc.id)), doc=doc, access=Access.FULL)


@strawberry.type(description="Tokens for a signed-in session.")
class AuthPayload:
    access_token: str = strawberry.field(
        description="RS256 JWT for `Authorization: Bearer`; short-lived."
    )
    refresh_token: str = strawberry.field(
        description="Opaque token for `refreshToken`; usable once, then replaced."
    )
    expires_in: int = strawberry.field(description="Seconds until the access token expires.")
    user: User = strawberry.field(description="The signed-in member.")


def payload(session: Session) -> AuthPayload:
    return AuthPayload(
        access_token=session.access_token,
        refresh_token=session.refresh_token,
        expires_in=session.expires_in,
        user=own(session.user),
    )


@strawberry.type(description="A new authenticator app secret, pending confirmation.")
class TotpEnrollment:
    secret: str = strawberry.field(description="Base32 secret to type into the app.")
    otpauth_uri: str = strawberry.field(description="otpauth:// URI to show as a QR code.")


@strawberry.type(description="Where to send the browser to sign in with a provider.")
class OAuthStartPayload:
    authorization_url: str = strawberry.field(description="The provider's sign-in page.")
    state: str = strawberry.field(description="Comes back with the code; pass to oauthFinish.")


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


async def signed_in(info: Info) -> Principal:
    """The viewer, signed in to the account itself (not through an API key)."""
    return require_session(await info.context.require_viewer())


async def writer(info: Info) -> Principal:
    """The viewer, allowed to change things: the kit refuses read-only tokens in mutations."""
    return await info.context.require_viewer()


def client_ip(info: Info) -> str | None:
    return info.context.services.proxies.subgraph_address(info.context.request)


@strawberry.type(description="Accounts and identity.")
class Query:
    @strawberry.field(description="The signed-in member.")
    async def me(self, info: Info) -> User:
        viewer = await info.context.require_viewer()
        doc = await info.context.services.accounts.get(viewer.user_id)
        if doc is None:
            raise Unauthenticated("The account no longer exists.")
        return own(doc)

    @strawberry.field(description="A member by id, as much as their privacy lets you see.")
    async def user(self, info: Info, id: strawberry.ID) -> User | None:
        doc = await info.context.services.accounts.get(str(id))
        return view(doc, await info.context.viewer()) if doc else None

    @strawberry.field(description="Every member, oldest first (admins only).")
    async def users(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[User]:
        await info.context.require_role(Role.ADMIN)
        page = await info.context.services.accounts.list(PageRequest(first=first, after=after))
        return connection_from_page(page, own)

    @strawberry.field(description="The signed-in member's API keys, newest first.")
    async def api_keys(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[ApiKey]:
        viewer = await signed_in(info)
        keys = info.context.services.api_keys
        page = await keys.list(viewer.user_id, PageRequest(first=first, after=after))
        return connection_from_page(page, api_key)


@strawberry.type(description="Sign-in, sessions and account changes.")
class Mutation:
    @strawberry.mutation(description="Create an account and sign in to it.")
    async def register(self, info: Info, input: RegisterInput) -> AuthPayload:
        auth = info.context.services.auth
        return payload(
            await auth.register(email=input.email, password=input.password, name=input.display_name)
        )

    @strawberry.mutation(description="Sign in with email and password (and TOTP code if on).")
    async def login(self, info: Info, input: LoginInput) -> AuthPayload:
        session = await info.context.services.auth.login(
            email=input.email,
            password=input.password,
            totp_code=input.totp_code,
            ip=client_ip(info),
        )
        return payload(session)

    @strawberry.mutation(
        description="Exchange a refresh token for a new pair. Reusing an old one ends the session."
    )
    async def refresh_token(self, info: Info, input: RefreshTokenInput) -> AuthPayload:
        return payload(await info.context.services.sessions.rotate(input.refresh_token))

    @strawberry.mutation(description="End the session a refresh token belongs to.")
    async def logout(self, info: Info, input: LogoutInput) -> bool:
        return await info.context.services.sessions.end(input.refresh_token)

    @strawberry.mutation(description="End every session of the signed-in member.")
    async def logout_everywhere(self, info: Info) -> bool:
        viewer = await signed_in(info)
        await info.context.services.sessions.end_all(viewer.user_id, reason="logout_everywhere")
        return True

    @strawberry.mutation(description="Change the password; other sessions are ended.")
    async def change_password(self, info: Info, input: ChangePasswordInput) -> bool:
        viewer = await signed_in(info)
        sid = viewer.claims.get("sid")
        await info.context.services.auth.change_password(
            viewer.user_id,
            current=input.current_password,
            new=input.new_password,
            session_id=sid if isinstance(sid, str) else None,
        )
        return True

    @strawberry.mutation(description="Start turning two-step sign-in on: a secret for the app.")
    async def enroll_totp(self, info: Info) -> TotpEnrollment:
        viewer = await signed_in(info)
        enrollment = await info.context.services.auth.enroll_totp(viewer.user_id)
        return TotpEnrollment(secret=enrollment.secret, otpauth_uri=enrollment.uri)

    @strawberry.mutation(description="Finish turning two-step sign-in on with a code from the app.")
    async def confirm_totp(self, info: Info, input: ConfirmTotpInput) -> User:
        viewer = await signed_in(info)
        return own(await info.context.services.auth.confirm_totp(viewer.user_id, input.code))

    @strawberry.mutation(description="Turn two-step sign-in off, proven by a code or the password.")
    async def disable_totp(self, info: Info, input: DisableTotpInput) -> User:
        viewer = await signed_in(info)
        user = await info.context.services.auth.disable_totp(
            viewer.user_id, code=input.code, password=input.password
        )
        return own(user)

    @strawberry.mutation(
        description="Mail a reset link. Answers true whether or not the account exists."
    )
    async def request_password_reset(self, info: Info, input: RequestPasswordResetInput) -> bool:
        await info.context.services.recovery.request_password_reset(input.email)
        return True

    @strawberry.mutation(description="Set a new password with a reset token; ends all sessions.")
    async def reset_password(self, info: Info, input: ResetPasswordInput) -> bool:
        await info.context.services.recovery.reset_password(input.token, input.new_password)
        return True

    @strawberry.mutation(description="Mail a link confirming the address; false if not needed.")
    async def request_email_verification(self, info: Info) -> bool:
        viewer = await info.context.require_viewer()
        return await info.context.services.recovery.request_email_verification(viewer.user_id)

    @strawberry.mutation(description="Confirm an email address with the mailed token.")
    async def verify_email(self, info: Info, input: VerifyEmailInput) -> bool:
        await info.context.services.recovery.verify_email(input.token)
        return True

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

    @strawberry.mutation(description="Change the signed-in member's profile.")
    async def update_profile(self, info: Info, input: UpdateProfileInput) -> User:
        viewer = await writer(info)
        changes = ProfileChanges(
            display_name=input.display_name,
            avatar_url=input.avatar_url,
            bio=input.bio,
            timezone=input.timezone,
            locale=input.locale,
        )
        return own(await info.context.services.accounts.update_profile(viewer.user_id, changes))

    @strawberry.mutation(description="Change the signed-in member's preferences.")
    async def update_preferences(self, info: Info, input: UpdatePreferencesInput) -> User:
        viewer = await writer(info)
        channels = input.notifications
        changes = PreferenceChanges(
            in_app=channels.in_app if channels else None,
            email=channels.email if channels else None,
            push=channels.push if channels else None,
            theme=models.Theme(input.theme.value) if input.theme else None,
            language=input.language,
            privacy=models.Privacy(input.privacy.value) if input.privacy else None,
        )
        accounts = info.context.services.accounts
        return own(await accounts.update_preferences(viewer.user_id, changes))

    @strawberry.mutation(description="Change the signed-in member's life-area scores.")
    async def update_life_areas(self, info: Info, input: UpdateLifeAreasInput) -> User:
        viewer = await writer(info)
        scores: dict[str, int | None] = {area: getattr(input, area) for area in LIFE_AREAS}
        accounts = info.context.services.accounts
        return own(await accounts.update_life_areas(viewer.user_id, LifeAreaChanges(scores)))

    @strawberry.mutation(description="Set a member's roles (admins only).")
    async def set_user_roles(self, info: Info, input: SetUserRolesInput) -> User:
        admin = await info.context.require_role(Role.ADMIN)
        roles = [Role(r.value) for r in input.roles]
        accounts = info.context.services.accounts
        return own(await accounts.set_roles(admin, str(input.user_id), roles))

    @strawberry.mutation(description="Delete the signed-in account and everything of it here.")
    async def delete_account(self, info: Info, input: DeleteAccountInput) -> bool:
        viewer = await signed_in(info)
        await info.context.services.accounts.delete(viewer.user_id, password=input.password)
        return True

    @strawberry.mutation(
        description="Make an API key for a script or integration; the secret is shown once."
    )
    async def create_api_key(self, info: Info, input: CreateApiKeyInput) -> CreateApiKeyPayload:
        viewer = await signed_in(info)
        scopes = [Scope(s.value) for s in input.scopes] if input.scopes is not None else None
        created = await info.context.services.api_keys.create(
            viewer.user_id, name=input.name, scopes=scopes
        )
        return CreateApiKeyPayload(api_key=api_key(created.key), secret=created.secret)

    @strawberry.mutation(
        description="Revoke one of your API keys; tokens already traded for it live out their "
        "few minutes."
    )
    async def revoke_api_key(self, info: Info, input: RevokeApiKeyInput) -> ApiKey:
        viewer = await signed_in(info)
        return api_key(await info.context.services.api_keys.revoke(viewer.user_id, str(input.id)))

    @strawberry.mutation(description="Trade an API key for a short-lived access token.")
    async def exchange_api_key(self, info: Info, input: ExchangeApiKeyInput) -> ApiKeyTokenPayload:
        return key_token(await info.context.services.api_keys.exchange(input.api_key))


schema = build_schema("users", query=Query, mutation=Mutation, types=[User])
