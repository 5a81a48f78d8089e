"""Password reset and email verification: single-use, expiring tokens sent by mail."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from datetime import timedelta
from typing import Any

from common.errors import BadUserInput, NotFound
from common.events import OutboxPublisher, OutboxTransaction
from common.mail import MailSender
from common.ratelimit import RateLimiter
from common.settings import UsersSettings
from subgraphs.users import events
from subgraphs.users.domain.passwords import Passwords, check_policy
from subgraphs.users.domain.tokens import hash_token, new_opaque_token
from subgraphs.users.domain.validation import email_key
from subgraphs.users.models import OneTimeToken, TokenPurpose, User, utcnow
from subgraphs.users.repository import Repositories
from subgraphs.users.service.sessions import Sessions

log = logging.getLogger(__name__)

RESET_TTL = timedelta(hours=1)
VERIFICATION_TTL = timedelta(hours=24)
# Mails per address and hour: enough for a lost mail or two, useless for mail-bombing.
MAILS_PER_HOUR = 5


class RecoveryService:
    def __init__(
        self,
        repos: Repositories,
        passwords: Passwords,
        sessions: Sessions,
        mail: MailSender,
        limiter: RateLimiter,
        settings: UsersSettings,
        publisher: OutboxPublisher,
    ) -> None:
        self._publisher = publisher
        self._repos = repos
        self._passwords = passwords
        self._sessions = sessions
        self._mail = mail
        self._limiter = limiter
        self._base_url = settings.public_base_url.rstrip("/")
        self._sending: set[asyncio.Task[None]] = set()

    async def request_password_reset(self, email: str) -> None:
        user = await self._repos.users.by_email_key(email_key(email))
        if user is None or not await self._may_mail(user):
            return
        token = await self._issue(user, TokenPurpose.PASSWORD_RESET, RESET_TTL)
        text = (
            f"Someone asked to reset the password of your LifeGraph account.\n\n"
            f"Choose a new one here: {self._base_url}/reset-password?token={token}\n\n"
            f"Reset token: {token}\n\n"
            f"The link works once and expires in {int(RESET_TTL.total_seconds() // 60)} minutes. "
            f"If it was not you, ignore this mail: your password stays as it is.\n"
        )
        # Sent in the background: the answer must not take longer when the account exists.
        self._background(self._send(user.email, "Reset your LifeGraph password", text))

    async def reset_password(self, token: str, new_password: str) -> None:
        check_policy(new_password, field="newPassword")
        token_hash = hash_token(token.strip())
        # Cheap refusal first: made-up tokens must not buy an argon2 hash each.
        if not await self._repos.one_time_tokens.usable(
            token_hash, TokenPurpose.PASSWORD_RESET, at=utcnow()
        ):
            raise BadUserInput("The reset link is not valid or has expired.", field="token")
        password_hash = await self._passwords.hash(new_password)  # slow: not inside the transaction

        async def work(tx: OutboxTransaction) -> None:
            now = utcnow()
            used = await self._repos.one_time_tokens.consume(
                token_hash, TokenPurpose.PASSWORD_RESET, at=now, session=tx.session
            )
            if used is None:
                raise BadUserInput("The reset link is not valid or has expired.", field="token")
            fields = {"password_hash": password_hash, "updated_at": now}
            # The mail arrived, so the address is theirs, unless it changed since.
            proven = await self._repos.users.update_fields(
                used.user_id,
                {**fields, "email_verified": True},
                where={"email_key": used.email_key, "email_verified": False},
                session=tx.session,
            )
            if proven is not None:
                await tx.publish(events.updated(proven))
            elif (
                await self._repos.users.update_fields(used.user_id, fields, session=tx.session)
                is None
            ):
                raise BadUserInput("The reset link is not valid or has expired.", field="token")
            await self._sessions.end_all(used.user_id, reason="password_reset", session=tx.session)

        await self._publisher.run_in_transaction(work)

    async def request_email_verification(self, user_id: str) -> bool:
        user = await self._repos.users.get(user_id)
        if user is None:
            raise NotFound("The account no longer exists.")
        if user.email_verified or not await self._may_mail(user):
            return False
        token = await self._issue(user, TokenPurpose.EMAIL_VERIFICATION, VERIFICATION_TTL)
        text = (
            f"Confirm that {user.email} is your address: "
            f"{self._base_url}/verify-email?token={token}\n\n"
            f"Verification token: {token}\n\n"
            f"The link works once and expires in {int(VERIFICATION_TTL.total_seconds() // 3600)} "
            f"hours.\n"
        )
        await self._send(user.email, "Confirm your email address for LifeGraph", text)
        return True

    async def verify_email(self, token: str) -> User:
        token_hash = hash_token(token.strip())

        async def work(tx: OutboxTransaction) -> User:
            now = utcnow()
            used = await self._repos.one_time_tokens.consume(
                token_hash, TokenPurpose.EMAIL_VERIFICATION, at=now, session=tx.session
            )
            # A token for an address the account no longer has verifies nothing.
            user = (
                await self._repos.users.update_fields(
                    used.user_id,
                    {"email_verified": True, "updated_at": now},
                    where={"email_key": used.email_key},
                    session=tx.session,
                )
                if used
                else None
            )
            if user is None:
                raise BadUserInput(
                    "The verification link is not valid or has expired.", field="token"
                )
            # Other subgraphs (notifications) learn the address only once it is proven.
            await tx.publish(events.updated(user))
            return user

        return await self._publisher.run_in_transaction(work)

    async def _issue(self, user: User, purpose: TokenPurpose, ttl: timedelta) -> str:
        now = utcnow()
        user_id = str(user.id)
        await self._repos.one_time_tokens.expire_outstanding(user_id, purpose, at=now)
        token = new_opaque_token()
        await self._repos.one_time_tokens.insert(
            OneTimeToken(
                token_hash=hash_token(token),
                purpose=purpose,
                user_id=user_id,
                email_key=user.email_key,
                created_at=now,
                expires_at=now + ttl,
            )
        )
        return token

    async def _may_mail(self, user: User) -> bool:
        window = await self._limiter.hit(f"mail:{user.id}", window_seconds=3600)
        return window.count <= MAILS_PER_HOUR

    async def _send(self, to: str, subject: str, text: str) -> None:
        await self._mail.send(to=to, subject=subject, text=text)

    def _background(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work, name="users:mail")
        self._sending.add(task)
        task.add_done_callback(self._sent)

    def _sent(self, task: asyncio.Task[None]) -> None:
        self._sending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("mail delivery failed", exc_info=task.exception())
