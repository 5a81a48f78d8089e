"""The users subgraph's GraphQL input objects."""

from __future__ import annotations

import strawberry

from subgraphs.users.schema.enums import ApiKeyScope, OAuthProvider, ProfilePrivacy, Theme, UserRole


@strawberry.input(description="A new account.")
class RegisterInput:
    email: str = strawberry.field(description="Email address; unique whatever its case.")
    password: str = strawberry.field(
        description="At least 10 characters, and not one of the most common passwords."
    )
    display_name: str = strawberry.field(description="Name shown to other members.")


@strawberry.input(description="Sign in with email and password.")
class LoginInput:
    email: str = strawberry.field(description="The account's email address.")
    password: str = strawberry.field(description="The account's password.")
    totp_code: str | None = strawberry.field(
        default=None, description="Code from the authenticator app, when two-step sign-in is on."
    )


@strawberry.input(description="A refresh token to exchange for a new token pair.")
class RefreshTokenInput:
    refresh_token: str = strawberry.field(description="The refresh token last received.")


@strawberry.input(description="The session to end.")
class LogoutInput:
    refresh_token: str = strawberry.field(description="Any refresh token of the session.")


@strawberry.input(description="A new password for the signed-in account.")
class ChangePasswordInput:
    current_password: str = strawberry.field(description="The password in use now.")
    new_password: str = strawberry.field(description="The password to use from now on.")


@strawberry.input(description="A code from the authenticator app.")
class ConfirmTotpInput:
    code: str = strawberry.field(description="The six-digit code the app shows.")


@strawberry.input(description="Proof for turning two-step sign-in off: a code or the password.")
class DisableTotpInput:
    code: str | None = strawberry.field(default=None, description="Authenticator app code.")
    password: str | None = strawberry.field(default=None, description="The account password.")


@strawberry.input(description="Ask for a password reset mail.")
class RequestPasswordResetInput:
    email: str = strawberry.field(description="The account's email address.")


@strawberry.input(description="Choose a new password with a token from a reset mail.")
class ResetPasswordInput:
    token: str = strawberry.field(description="The token from the reset mail.")
    new_password: str = strawberry.field(description="The new password.")


@strawberry.input(description="Confirm an email address with a token from the mail.")
class VerifyEmailInput:
    token: str = strawberry.field(description="The token from the verification mail.")


@strawberry.input(description="Begin signing in with an OpenID Connect provider.")
class OAuthStartInput:
    provider: OAuthProvider = strawberry.field(description="The provider to sign in with.")
    redirect_uri: str = strawberry.field(
        description="Where the provider sends the browser back (registered with the provider)."
    )


@strawberry.input(description="Finish signing in with the code the provider sent back.")
class OAuthFinishInput:
    provider: OAuthProvider = strawberry.field(description="The provider signed in with.")
    code: str = strawberry.field(description="The `code` query parameter from the redirect.")
    state: str = strawberry.field(description="The `state` query parameter from the redirect.")
    totp_code: str | None = strawberry.field(
        default=None, description="Authenticator app code, when two-step sign-in is on."
    )


@strawberry.input(description="Profile fields to change; omitted fields stay as they are.")
class UpdateProfileInput:
    display_name: str | None = strawberry.field(default=None, description="Name shown to others.")
    avatar_url: str | None = strawberry.field(
        default=None, description="http(s) URL of the avatar; empty to remove it."
    )
    avatar_media_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="A completed AVATAR upload of yours (completeUpload); empty to remove it.",
    )
    bio: str | None = strawberry.field(
        default=None, description="A few words about yourself (500 characters); empty to clear."
    )
    timezone: str | None = strawberry.field(
        default=None, description="IANA time zone, e.g. Europe/Paris."
    )
    locale: str | None = strawberry.field(default=None, description="Language tag, e.g. pt-BR.")


@strawberry.input(description="Notification channels to switch on or off.")
class NotificationChannelsInput:
    in_app: bool | None = strawberry.field(default=None, description="Inside the apps.")
    email: bool | None = strawberry.field(default=None, description="By email.")
    push: bool | None = strawberry.field(default=None, description="Push to devices.")


@strawberry.input(description="Preferences to change; omitted fields stay as they are.")
class UpdatePreferencesInput:
    notifications: NotificationChannelsInput | None = strawberry.field(
        default=None, description="Notification channels."
    )
    theme: Theme | None = strawberry.field(default=None, description="Colour scheme.")
    language: str | None = strawberry.field(
        default=None, description="Language of the apps, e.g. en."
    )
    privacy: ProfilePrivacy | None = strawberry.field(
        default=None, description="Who may see the profile."
    )


@strawberry.input(description="Life-area scores (0-100) to change; omitted areas stay.")
class UpdateLifeAreasInput:
    health: int | None = strawberry.field(default=None, description="Health, 0-100.")
    finance: int | None = strawberry.field(default=None, description="Finance, 0-100.")
    family: int | None = strawberry.field(default=None, description="Family, 0-100.")
    career: int | None = strawberry.field(default=None, description="Career, 0-100.")
    learning: int | None = strawberry.field(default=None, description="Learning, 0-100.")
    creativity: int | None = strawberry.field(default=None, description="Creativity, 0-100.")


@strawberry.input(description="The roles a member should have (USER is always kept).")
class SetUserRolesInput:
    user_id: strawberry.ID = strawberry.field(description="The member.")
    roles: list[UserRole] = strawberry.field(description="Their roles from now on.")


@strawberry.input(description="Confirmation for deleting the signed-in account.")
class DeleteAccountInput:
    password: str | None = strawberry.field(
        default=None, description="The password (required unless the account has none)."
    )


@strawberry.input(description="A new API key for a script or integration.")
class CreateApiKeyInput:
    name: str = strawberry.field(description="What the key is for (1-100 characters).")
    scopes: list[ApiKeyScope] | None = strawberry.field(
        default=None, description="What its tokens may do; READ when omitted."
    )


@strawberry.input(description="The API key to revoke.")
class RevokeApiKeyInput:
    id: strawberry.ID = strawberry.field(description="The key's id (from `apiKeys`).")


@strawberry.input(description="An API key to trade for an access token.")
class ExchangeApiKeyInput:
    api_key: str = strawberry.field(description="The secret `createApiKey` returned.")
