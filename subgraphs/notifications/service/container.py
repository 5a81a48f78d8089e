"""Wires the notifications services: what `build()` hands to resolvers and consumers."""

from __future__ import annotations

from dataclasses import dataclass

from common.infra import Infrastructure
from common.settings import NotificationsSettings
from common.urlguard import UrlGuard
from subgraphs.notifications.models import Channel
from subgraphs.notifications.repository.presence import Presence
from subgraphs.notifications.repository.push import PushEndpoints
from subgraphs.notifications.service.channels import EmailChannel, PushChannel
from subgraphs.notifications.service.notifications import Config, NotificationService


@dataclass
class NotificationsServices:
    notifications: NotificationService
    push: PushChannel


def build_services(infra: Infrastructure, settings: NotificationsSettings) -> NotificationsServices:
    """The services over `infra`; the caller closes `push` (`aclose`) when it stops."""
    key = settings.vapid_private_key.get_secret_value() if settings.vapid_private_key else None
    push_guard = UrlGuard.from_settings(settings, hosts=settings.push_services)
    push = PushChannel(
        PushEndpoints(), private_key=key, subject=settings.vapid_subject, guard=push_guard
    )
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
        },
        config=Config(
            group_window_seconds=settings.notifications_group_window_seconds,
            message_group_window_seconds=settings.notifications_message_group_window_seconds,
            max_attempts=settings.notifications_max_attempts,
        ),
        push_guard=push_guard,
    )
    return NotificationsServices(notifications=service, push=push)
