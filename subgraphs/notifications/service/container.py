"""Wires the notifications services: what `build()` hands to resolvers and consumers."""

from __future__ import annotations

from dataclasses import dataclass

from common.infra import Infrastructure
from common.settings import NotificationsSettings
from common.sms import DevSms, MissingSms, TwilioSms, sms_sender_from
from common.urlguard import UrlGuard
from subgraphs.notifications.models import Channel
from subgraphs.notifications.repository.devices import Devices
from subgraphs.notifications.repository.presence import Presence
from subgraphs.notifications.repository.push import PushEndpoints
from subgraphs.notifications.service.apns import Apns, SigningKey, tls_context
from subgraphs.notifications.service.channels import EmailChannel
from subgraphs.notifications.service.fcm import Fcm, ServiceAccount
from subgraphs.notifications.service.notifications import Config, NotificationService
from subgraphs.notifications.service.push import PushChannel
from subgraphs.notifications.service.sms import SmsChannel
from subgraphs.notifications.service.webpush import WebPush


@dataclass
class NotificationsServices:
    notifications: NotificationService
    push: PushChannel
    sms: TwilioSms | DevSms | MissingSms


def push_channel(settings: NotificationsSettings, guard: UrlGuard) -> PushChannel:
    """Web push, FCM and APNs, each only when its credentials are set."""
    vapid = settings.vapid_private_key
    account = ServiceAccount.from_settings(settings)
    key = SigningKey.from_settings(settings)
    return PushChannel(
        PushEndpoints(),
        Devices(),
        web=WebPush(vapid.get_secret_value(), subject=settings.vapid_subject, guard=guard)
        if vapid
        else None,
        fcm=Fcm(account, base_url=settings.fcm_base_url) if account else None,
        apns=Apns(key, base_url=settings.apns_base_url, verify=tls_context(settings.apns_ca_file))
        if key
        else None,
    )


def build_services(infra: Infrastructure, settings: NotificationsSettings) -> NotificationsServices:
    """The services over `infra`; the caller closes `push` and `sms` (`aclose`) when it stops."""
    push_guard = UrlGuard.from_settings(settings, hosts=settings.push_services)
    push = push_channel(settings, push_guard)
    sms = sms_sender_from(settings)
    service = NotificationService(
        pubsub=infra.pubsub,
        presence=Presence(
            infra.redis,
            prefix=settings.redis_prefix,
            ttl_seconds=settings.notifications_presence_ttl_seconds,
        ),
        senders={
            Channel.EMAIL: EmailChannel(infra.mail, app_url=settings.public_base_url),
            Channel.PUSH: push,
            Channel.SMS: SmsChannel(sms),
        },
        config=Config(
            group_window_seconds=settings.notifications_group_window_seconds,
            message_group_window_seconds=settings.notifications_message_group_window_seconds,
            max_attempts=settings.notifications_max_attempts,
            max_devices=settings.notifications_max_devices,
        ),
        push_guard=push_guard,
    )
    return NotificationsServices(notifications=service, push=push, sms=sms)
