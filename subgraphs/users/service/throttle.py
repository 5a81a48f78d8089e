"""Throttling of failed sign-ins, per account and per client address."""

from __future__ import annotations

from datetime import timedelta

from common.errors import RateLimited
from common.ratelimit import RateLimiter
from common.settings import UsersSettings
from subgraphs.users.models import utcnow


class LoginThrottle:
    def __init__(self, limiter: RateLimiter, settings: UsersSettings) -> None:
        self._limiter = limiter
        self._window = settings.login_failure_window_seconds
        self._limits = {
            "account": settings.login_max_failures_per_account,
            "ip": settings.login_max_failures_per_ip,
        }

    @staticmethod
    def _keys(email_key: str, ip: str | None) -> dict[str, str]:
        keys = {"account": f"login:account:{email_key}"}
        if ip:
            keys["ip"] = f"login:ip:{ip}"
        return keys

    async def check(self, email_key: str, ip: str | None) -> None:
        for kind, key in self._keys(email_key, ip).items():
            window = await self._limiter.peek(key)
            if window.count >= self._limits[kind]:
                retry_after = max(window.retry_after, 1)
                at = (utcnow() + timedelta(seconds=retry_after)).strftime("%H:%M:%S UTC")
                raise RateLimited(
                    f"Too many failed sign-in attempts. Try again in {retry_after} seconds "
                    f"(at {at}).",
                    retry_after=retry_after,
                )

    async def failed(self, email_key: str, ip: str | None) -> None:
        for key in self._keys(email_key, ip).values():
            await self._limiter.hit(key, window_seconds=self._window)

    async def succeeded(self, email_key: str) -> None:
        # Only the account's count: one good sign-in must not clear an address's spraying.
        await self._limiter.reset(self._keys(email_key, None)["account"])
