"""The push channel: one notification to every browser and phone the user registered,
each through its transport (web push, FCM, APNs), sharing the delivery's retries."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

import httpx

from subgraphs.notifications.domain.payloads import PayloadTooLarge
from subgraphs.notifications.models import Platform
from subgraphs.notifications.repository.devices import Devices
from subgraphs.notifications.repository.push import PushEndpoints
from subgraphs.notifications.service.apns import Apns
from subgraphs.notifications.service.channels import Outgoing, PermanentFailure, RetryableFailure
from subgraphs.notifications.service.fcm import Fcm
from subgraphs.notifications.service.transport import Answer, Outcome, PushMessage, retry
from subgraphs.notifications.service.webpush import WebPush

log = logging.getLogger(__name__)

NOT_ACCEPTED = "The push service did not accept the notification."


@dataclass(frozen=True)
class Target:
    # Stable per browser or install: what `Delivery.reached` records.
    key: str
    # None: the transport for it is not configured.
    send: Callable[[PushMessage], Awaitable[Outcome]] | None
    forget: Callable[[], Awaitable[object]]


class PushChannel:
    """Fans a notification out to the user's targets. A target the provider calls gone is
    removed; one that asks to be retried makes the delivery retry, for it alone."""

    def __init__(
        self,
        endpoints: PushEndpoints,
        devices: Devices,
        *,
        web: WebPush | None = None,
        fcm: Fcm | None = None,
        apns: Apns | None = None,
    ) -> None:
        self._endpoints = endpoints
        self._devices = devices
        self._web = web
        self._fcm = fcm
        self._apns = apns

    async def aclose(self) -> None:
        """Close every transport's HTTP client and its pooled connections."""
        for transport in (self._web, self._fcm, self._apns):
            if transport is not None:
                await transport.aclose()

    @property
    def public_key(self) -> str | None:
        """The VAPID key browsers pass to `pushManager.subscribe`; None without web push."""
        return self._web.public_key if self._web is not None else None

    async def send(self, outgoing: Outgoing) -> None:
        user_id = outgoing.notification.user_id
        targets = [t for t in await self._targets(user_id) if t.key not in outgoing.reached]
        if not targets and not outgoing.reached:
            raise PermanentFailure("the user has no push subscription")
        message = PushMessage.of(outgoing.notification)
        reached: list[str] = []
        retries: list[Outcome] = []
        refused = off = 0
        for target in targets:
            if target.send is None:
                off += 1
                continue
            outcome = await _attempt(target.send, message)
            if outcome.answer is Answer.DELIVERED:
                reached.append(target.key)
            elif outcome.answer is Answer.GONE:
                await target.forget()
            elif outcome.answer is Answer.REFUSED:
                refused += 1
            else:
                retries.append(outcome)
        if retries:
            waits = [o.retry_after for o in retries if o.retry_after is not None]
            raise RetryableFailure(
                NOT_ACCEPTED, retry_after=max(waits, default=None), reached=reached
            )
        if reached or outgoing.reached:
            return
        if refused:
            raise PermanentFailure("No push subscription may be delivered to.")
        if off:
            raise PermanentFailure("push is not configured for the user's devices")
        raise PermanentFailure("every push subscription has expired")

    async def _targets(self, user_id: str) -> list[Target]:
        targets: list[Target] = []
        for endpoint in await self._endpoints.for_user(user_id):
            web = partial(self._web.deliver, endpoint) if self._web is not None else None
            forget = partial(self._endpoints.remove, user_id, endpoint.endpoint)
            targets.append(Target(f"web:{endpoint.endpoint}", web, forget))
        for device in await self._devices.for_user(user_id):
            transport = self._apns if device.platform is Platform.IOS else self._fcm
            send = partial(transport.deliver, device) if transport is not None else None
            gone = partial(self._devices.forget_token, device.platform, device.token)
            targets.append(Target(f"{device.platform.value}:{device.token}", send, gone))
        return targets


async def _attempt(send: Callable[[PushMessage], Awaitable[Outcome]], m: PushMessage) -> Outcome:
    try:
        return await send(m)
    except PayloadTooLarge:
        log.warning("push payload over the provider's limit", exc_info=True)
        return Outcome(Answer.REFUSED)
    except httpx.HTTPError:
        # The details (addresses, ports) stay in the log: `lastError` is for users.
        log.warning("push service unreachable", exc_info=True)
        return retry()
