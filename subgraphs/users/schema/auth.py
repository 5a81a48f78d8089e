"""Sign-in, sessions, password changes and two-step sign-in."""

from __future__ import annotations

import strawberry
from strawberry.federation.schema_directives import Authenticated

from subgraphs.users.schema.context import Info, client_ip, signed_in
from subgraphs.users.schema.inputs import (
    ChangePasswordInput,
    ConfirmTotpInput,
    DisableTotpInput,
    LoginInput,
    LogoutInput,
    RefreshTokenInput,
    RegisterInput,
)
from subgraphs.users.schema.types import AuthPayload, User, own, payload


@strawberry.type(description="A new authenticator app secret, pending confirmation.")
class TotpEnrollment:
    secret: str = strawberry.field(description="Base32 secret to type into the app.")
    otpauth_uri: str = strawberry.field(description="otpauth:// URI to show as a QR code.")


@strawberry.type
class AuthMutations:
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

    @strawberry.mutation(
        directives=[Authenticated()], description="End every session of the signed-in member."
    )
    async def logout_everywhere(self, info: Info) -> bool:
        viewer = await signed_in(info)
        await info.context.services.sessions.end_all(viewer.user_id, reason="logout_everywhere")
        return True

    @strawberry.mutation(
        directives=[Authenticated()], description="Change the password; other sessions are ended."
    )
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
