"""A mobile number on the account, proved by a code texted to it (for SMS notifications)."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx

from common.errors import BadUserInput, NotFound, RateLimited, Unavailable
from common.events import OutboxPublisher, OutboxTransaction
from common.ratelimit import RateLimiter
from common.settings import UsersSettings
from common.sms import SmsNotConfigured, SmsRejected, SmsSender
from subgraphs.users import events
from subgraphs.users.domain import phones
from subgraphs.users.models import PhoneVerification, User, utcnow
from subgraphs.users.repository import Repositories

log = logging.getLogger(__name__)

HOUR = 3600


@dataclass(frozen=True)
class PendingPhone:
    phone: str
    expires_at: datetime


class PhoneService:
    def __init__(
        self,
        repos: Repositories,
        sms: SmsSender,
        limiter: RateLimiter,
        settings: UsersSettings,
        publisher: OutboxPublisher,
    ) -> None:
        self._repos = repos
        self._sms = sms
        self._limiter = limiter
        self._settings = settings
        self._publisher = publisher

    async def start(self, user_id: str, raw: str, region: str | None) -> PendingPhone:
        """Text a code to the number; it replaces any code pending for the member."""
        phone = phones.normalise(raw, region)
        s = self._settings
        # Per number too: one member must not turn us into a pager for someone else's phone.
        await self._limit(f"sms:number:{phone}", s.phone_codes_per_number_per_hour)
        await self._limit(f"sms:user:{user_id}", s.phone_codes_per_user_per_hour)
        code = phones.new_code()
        salt = secrets.token_hex(16)
        now = utcnow()
        row = PhoneVerification(
            user_id=user_id,
            phone=phone,
            salt=salt,
            code_hash=phones.hash_code(salt, code),
            expires_at=now + timedelta(seconds=s.phone_code_ttl_seconds),
            created_at=now,
        )
        await self._repos.phone_verifications.replace(row)
        minutes = max(s.phone_code_ttl_seconds // 60, 1)
        text = f"Your LifeGraph code is {code}. It expires in {minutes} minutes."
        try:
            await self._sms.send(to=phone, text=text)
        except (SmsNotConfigured, SmsRejected, httpx.HTTPError) as exc:
            log.warning("verification text not sent", exc_info=True)
            raise Unavailable("The code could not be texted; try again later.") from exc
        return PendingPhone(phone, row.expires_at)

    async def verify(self, user_id: str, code: str) -> User:
        if len(code) > 12:
            raise BadUserInput("The code is 6 digits.", field="code")
        row = await self._repos.phone_verifications.count_attempt(user_id)
        if row is None or row.expires_at.replace(tzinfo=None) <= utcnow().replace(tzinfo=None):
            raise NotFound("No code is pending: ask for a new one.", field="code")
        if row.attempts > self._settings.phone_code_max_attempts:
            await self._repos.phone_verifications.remove(user_id)
            raise RateLimited("Too many wrong codes: ask for a new one.", retry_after=0)
        if not phones.code_matches(row.salt, code.strip(), row.code_hash):
            raise BadUserInput("The code is not correct.", field="code")
        return await self._set_phone(user_id, row.phone)

    async def remove(self, user_id: str) -> User:
        return await self._set_phone(user_id, None)

    async def _set_phone(self, user_id: str, phone: str | None) -> User:
        async def work(tx: OutboxTransaction) -> User:
            user = await self._repos.users.update_fields(
                user_id, {"phone": phone, "updated_at": utcnow()}, session=tx.session
            )
            if user is None:
                raise NotFound("The account no longer exists.")
            await self._repos.phone_verifications.delete_where(
                {"user_id": user_id}, session=tx.session
            )
            await tx.publish(events.updated(user))
            return user

        return await self._publisher.run_in_transaction(work)

    async def _limit(self, key: str, limit: int) -> None:
        window = await self._limiter.hit(key, window_seconds=HOUR)
        if window.count > limit:
            raise RateLimited(
                "Too many codes sent: try again later.", retry_after=max(window.retry_after, 1)
            )
