from __future__ import annotations

from functools import partial

from common.app import Runtime, SubgraphDefinition
from common.mail import require_transport
from common.urlguard import UrlGuard
from subgraphs.notifications.channels import EmailChannel, PushChannel
from subgraphs.notifications.events import register_consumers
from subgraphs.notifications.models import MODELS, Channel
from subgraphs.notifications.presence import Presence
from subgraphs.notifications.repository import PushEndpoints
from subgraphs.notifications.schema import Services, schema
from subgraphs.notifications.service import Config, NotificationService


async def build(runtime: Runtime) -> Services:
    settings = runtime.infra.settings
    # Reset links and notifications would otherwise vanish: refuse to run without SMTP.
    require_transport(runtime.infra.mail)
    key = settings.vapid_private_key.get_secret_value() if settings.vapid_private_key else None
    push_guard = UrlGuard.from_settings(settings, hosts=settings.push_services)
    push = PushChannel(
        PushEndpoints(), private_key=key, subject=settings.vapid_subject, guard=push_guard
    )
    service = NotificationService(
        pubsub=runtime.infra.pubsub,
        presence=Presence(
            runtime.infra.redis,
            prefix=settings.redis_prefix,
            ttl_seconds=settings.notifications_presence_ttl_seconds,
        ),
        senders={
            Channel.EMAIL: EmailChannel(runtime.infra.mail, app_url=settings.public_base_url),
            Channel.PUSH: push,
        },
        config=Config(
            group_window_seconds=settings.notifications_group_window_seconds,
            message_group_window_seconds=settings.notifications_message_group_window_seconds,
            max_attempts=settings.notifications_max_attempts,
        ),
        push_guard=push_guard,
    )
    register_consumers(runtime, service)
    if settings.notifications_dispatch_interval_seconds > 0:
        interval = settings.notifications_dispatch_interval_seconds
        runtime.spawn(partial(service.run_dispatcher, interval), name="dispatcher")
    return Services(notifications=service, push=push)


subgraph = SubgraphDefinition(name="notifications", schema=schema, models=MODELS, build=build)
