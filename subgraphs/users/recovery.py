"""Password reset and email verification: single-use, expiring tokens sent by mail."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from datetime import timedelta
from typing import Any

from common.errors import BadUserInput, NotFound
from common.events import EventPublisher
from common.mail import MailSender
from common.ratelimit import RateLimiter
from common.settings import Settings
from subgraphs.users import events
from subgraphs.users.auth import publish_safely
from subgraphs.users.models import OneTimeToken, TokenPurpose, User, utcnow
from subgraphs.users.passwords import Passwords, check_policy
from subgraphs.users.repository import Repositories
from subgraphs.users.sessions import Sessions, hash_token, new_opaque_token
from subgraphs.users.validation import email_key

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
        settings: Settings,
        publisher: EventPublisher,
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
        used = await self._repos.one_time_tokens.consume(
            hash_token(token.strip()), TokenPurpose.PASSWORD_RESET, at=utcnow()
        )
        if used is None:
            raise BadUserInput("The reset link is not valid or has expired.", field="token")
        fields: dict[str, Any] = {
            "password_hash": await self._passwords.hash(new_password),
            "updated_at": utcnow(),
        }
        user = await self._repos.users.get(used.user_id)
        if user is not None and user.email_key == used.email_key:
            fields["email_verified"] = True  # the mail arrived, so the address is theirs
        if await self._repos.users.update_fields(used.user_id, fields) is None:
            raise BadUserInput("The reset link is not valid or has expired.", field="token")
        await self._sessions.end_all(used.user_id, reason="password_reset")

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
        used = await self._repos.one_time_tokens.consume(
            hash_token(token.strip()), TokenPurpose.EMAIL_VERIFICATION, at=utcnow()
        )
        user = await self._repos.users.get(used.user_id) if used else None
        # A token for an address the account no longer has verifies nothing.
        if used is None or user is None or user.email_key != used.email_key:
            raise BadUserInput("The verification link is not valid or has expired.", field="token")
        updated = await self._repos.users.update_fields(
            used.user_id, {"email_verified": True, "updated_at": utcnow()}
        )
        assert updated is not None
        # Other subgraphs (notifications) learn the address only once it is proven.
        await publish_safely(self._publisher, events.updated(updated))
        return updated

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
