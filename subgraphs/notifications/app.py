from __future__ import annotations

from functools import partial

from common.app import Runtime, SubgraphDefinition
from common.export import export_part
from common.mail import require_transport
from common.settings import NotificationsSettings
from subgraphs.notifications.events import register_consumers
from subgraphs.notifications.models import MODELS
from subgraphs.notifications.repository.export import OWNED
from subgraphs.notifications.schema import schema
from subgraphs.notifications.service.container import NotificationsServices, build_services


async def build(runtime: Runtime) -> NotificationsServices:
    settings = runtime.settings(NotificationsSettings)
    # Reset links and notifications would otherwise vanish: refuse to run without SMTP.
    require_transport(runtime.infra.mail)
    services = build_services(runtime.infra, settings)
    # The push client's pool lives as long as the subgraph; closed after the dispatcher stops.
    runtime.on_stop(services.push.aclose)
    runtime.on_stop(services.sms.aclose)
    register_consumers(runtime, services.notifications)
    if settings.notifications_dispatch_interval_seconds > 0:
        interval = settings.notifications_dispatch_interval_seconds
        runtime.spawn(partial(services.notifications.run_dispatcher, interval), name="dispatcher")
    await export_part(runtime, OWNED)
    return services


subgraph = SubgraphDefinition(
    name="notifications",
    schema=schema,
    models=MODELS,
    build=build,
    settings=NotificationsSettings,
)
