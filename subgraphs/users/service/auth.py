"""Registration, password sign-in, password changes and two-step sign-in (TOTP)."""

from __future__ import annotations

from dataclasses import dataclass

from common.errors import BadUserInput, Conflict, NotFound, Unauthenticated
from common.events import OutboxPublisher, OutboxTransaction
from subgraphs.users import events
from subgraphs.users.domain import totp
from subgraphs.users.domain.passwords import Passwords, check_policy
from subgraphs.users.domain.validation import display_name, email_key, normalise_email
from subgraphs.users.models import Totp, User, utcnow
from subgraphs.users.repository import Repositories
from subgraphs.users.service.sessions import Session, Sessions
from subgraphs.users.service.throttle import LoginThrottle

BAD_CREDENTIALS = "Incorrect email or password."


class TotpRequired(Unauthenticated):
    """The password was right; the account also wants a code from the authenticator app."""

    code = "TOTP_REQUIRED"


@dataclass(frozen=True, slots=True)
class TotpEnrollment:
    secret: str
    uri: str


class AuthService:
    def __init__(
        self,
        repos: Repositories,
        passwords: Passwords,
        sessions: Sessions,
        throttle: LoginThrottle,
        publisher: OutboxPublisher,
    ) -> None:
        self._repos = repos
        self._passwords = passwords
        self._sessions = sessions
        self._throttle = throttle
        self._publisher = publisher

    async def register(self, *, email: str, password: str, name: str) -> Session:
        shown, key = normalise_email(email)
        check_policy(password)
        user = User(
            email=shown,
            email_key=key,
            display_name=display_name(name),
            password_hash=await self._passwords.hash(password),
        )

        async def work(tx: OutboxTransaction) -> None:
            if not await self._repos.users.add(user, session=tx.session):
                raise Conflict("An account with this email address already exists.", field="email")
            await tx.publish(events.registered(user))

        await self._publisher.run_in_transaction(work)
        return await self._sessions.start(user)

    async def login(
        self, *, email: str, password: str, totp_code: str | None, ip: str | None
    ) -> Session:
        key = email_key(email)
        await self._throttle.check(key, ip)
        user = await self._repos.users.by_email_key(key)
        if user is None or user.password_hash is None:
            await self._passwords.burn(password)
            await self._throttle.failed(key, ip)
            raise Unauthenticated(BAD_CREDENTIALS)
        if not await self._passwords.verify(user.password_hash, password):
            await self._throttle.failed(key, ip)
            raise Unauthenticated(BAD_CREDENTIALS)
        try:
            await self.require_second_factor(user, totp_code)
        except TotpRequired:
            raise
        except Unauthenticated:
            await self._throttle.failed(key, ip)
            raise
        await self._throttle.succeeded(key)
        if self._passwords.needs_rehash(user.password_hash):
            user.password_hash = await self._passwords.hash(password)
            await self._repos.users.update_fields(
                str(user.id), {"password_hash": user.password_hash}
            )
        return await self._sessions.start(user)

    async def require_second_factor(self, user: User, totp_code: str | None) -> None:
        if not user.totp_enabled:
            return
        if not totp_code:
            raise TotpRequired(
                "This account uses two-step sign-in: send `totpCode` from the authenticator app."
            )
        if not await self._accept_totp(user, totp_code):
            raise Unauthenticated("The authentication code is not valid.")

    async def change_password(
        self, user_id: str, *, current: str, new: str, session_id: str | None
    ) -> None:
        user = await self._user(user_id)
        if user.password_hash is None or not await self._passwords.verify(
            user.password_hash, current
        ):
            raise BadUserInput("The current password is not correct.", field="currentPassword")
        check_policy(new, field="newPassword")
        password_hash = await self._passwords.hash(new)

        async def work(tx: OutboxTransaction) -> None:
            await self._repos.users.update_fields(
                user_id,
                {"password_hash": password_hash, "updated_at": utcnow()},
                session=tx.session,
            )
            # The owner hears of it (notifications: in-app, email, push, SMS if opted in).
            await tx.publish(events.password_changed(user_id))

        await self._publisher.run_in_transaction(work)
        # Whoever else held a session may have known the old password.
        await self._sessions.end_all(user_id, reason="password_changed", keep=session_id)

    async def enroll_totp(self, user_id: str) -> TotpEnrollment:
        user = await self._user(user_id)
        if user.totp_enabled:
            raise Conflict("Two-step sign-in is already on; disable it first.")
        secret = totp.new_secret()
        await self._repos.users.update_fields(user_id, {"totp": Totp(secret=secret).model_dump()})
        return TotpEnrollment(secret=secret, uri=totp.provisioning_uri(secret, user.email))

    async def confirm_totp(self, user_id: str, code: str) -> User:
        user = await self._user(user_id)
        if user.totp is None or user.totp.confirmed:
            raise Conflict("There is no pending two-step enrolment; call enrollTotp first.")
        step = totp.matching_step(user.totp.secret, code, utcnow())
        if step is None:
            raise BadUserInput("The authentication code is not valid.", field="code")
        confirmed = Totp(secret=user.totp.secret, confirmed=True, last_counter=step)
        return await self._updated(user_id, {"totp": confirmed.model_dump()})

    async def disable_totp(self, user_id: str, *, code: str | None, password: str | None) -> User:
        user = await self._user(user_id)
        if not user.totp_enabled:
            raise Conflict("Two-step sign-in is not on.")
        if code:
            proven = await self._accept_totp(user, code)
        elif password and user.password_hash:
            proven = await self._passwords.verify(user.password_hash, password)
        else:
            raise BadUserInput("Send an authentication code or the password.", field="code")
        if not proven:
            raise BadUserInput(
                "The authentication code or password is not correct.",
                field="code" if code else "password",
            )
        return await self._updated(user_id, {"totp": None})

    async def _accept_totp(self, user: User, code: str) -> bool:
        assert user.totp is not None
        step = totp.matching_step(user.totp.secret, code, utcnow())
        if step is None:
            return False
        # Atomic, so a code seen over someone's shoulder cannot be replayed within its window.
        return await self._repos.users.advance_totp_counter(str(user.id), step)

    async def _user(self, user_id: str) -> User:
        user = await self._repos.users.get(user_id)
        if user is None:
            raise NotFound("The account no longer exists.")
        return user

    async def _updated(self, user_id: str, fields: dict[str, object]) -> User:
        user = await self._repos.users.update_fields(user_id, {**fields, "updated_at": utcnow()})
        if user is None:
            raise NotFound("The account no longer exists.")
        return user
