"""The goals subgraph: services, consumers, the reminder dispatcher and the calendar feed."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from common.app import Runtime, SubgraphDefinition, SubgraphHost
from common.export import export_part
from common.settings import GoalsSettings
from subgraphs.goals.events import GoalsConsumers
from subgraphs.goals.models import MODELS
from subgraphs.goals.repository.export import OWNED
from subgraphs.goals.schema import schema
from subgraphs.goals.service.calendar import CalendarLimits
from subgraphs.goals.service.container import GoalsServices, build_services


async def build(runtime: Runtime) -> GoalsServices:
    limits = CalendarLimits.from_settings(runtime.settings(GoalsSettings))
    services = build_services(
        runtime.publisher, pubsub=runtime.infra.pubsub, calendar_limits=limits
    )
    GoalsConsumers(services).register(runtime.infra.bus, runtime.database)
    # Its first pass fires whatever fell due while no replica was running (flagged late).
    runtime.spawn(services.reminders.run, name="reminder-dispatcher")
    await export_part(runtime, OWNED)
    runtime.spawn(services.trash.run, name="trash-purge")
    return services


def routes(host: SubgraphHost[GoalsServices]) -> Sequence[BaseRoute]:
    async def feed(request: Request) -> Response:
        token = str(request.path_params["token"])
        body = await host.services.calendar.feed(token)
        if body is None:
            return PlainTextResponse("Not found.", status_code=404)
        return Response(
            body,
            media_type="text/calendar; charset=utf-8",
            headers={"Cache-Control": "private, max-age=300"},
        )

    return [Route("/calendar/{token}.ics", feed, methods=["GET"])]


subgraph = SubgraphDefinition(
    name="goals",
    schema=schema,
    models=MODELS,
    build=build,
    routes=routes,
    # The feed's address is the router's (rotateCalendarFeed's `path`).
    public_paths=("/calendar/",),
    settings=GoalsSettings,
)
