"""The users subgraph: identity and sign-in for all of LifeGraph."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from common.app import Runtime, SubgraphDefinition, SubgraphHost
from common.auth import StaticKeySource, TokenVerifier
from common.export import export_part
from common.mail import require_transport
from common.settings import UsersSettings
from common.sms import sms_sender_from
from subgraphs.users.events import MEDIA_COMPLETED, MediaConsumer
from subgraphs.users.models import MODELS
from subgraphs.users.repository.export import OWNED
from subgraphs.users.schema import schema
from subgraphs.users.service.container import UsersServices, build_services
from subgraphs.users.service.signing import load_signing_keys

JWKS_PATH = "/.well-known/jwks.json"


async def build(runtime: Runtime) -> UsersServices:
    settings = runtime.settings(UsersSettings)
    # Reset links and notifications would otherwise vanish: refuse to run without SMTP.
    require_transport(runtime.infra.mail)
    keys = load_signing_keys(settings)
    # The subgraph verifies its own tokens from its own keys: no HTTP to itself.
    runtime.verifier = TokenVerifier(
        StaticKeySource(keys.public_key_set()),
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
    )
    # Verification codes by text; the sender's client lives as long as the subgraph.
    sms = sms_sender_from(settings)
    runtime.on_stop(sms.aclose)
    services = build_services(
        settings,
        keys=keys,
        publisher=runtime.publisher,
        mail=runtime.infra.mail,
        limiter=runtime.infra.rate_limiter,
        sms=sms,
    )
    consumer = MediaConsumer(services.accounts)
    runtime.consume("users.media", [MEDIA_COMPLETED], consumer.on_media_completed)
    await export_part(runtime, OWNED)
    return services


def routes(host: SubgraphHost[UsersServices]) -> Sequence[BaseRoute]:
    async def jwks(_: Request) -> Response:
        return JSONResponse(
            host.services.keys.public_jwks(),
            headers={"Cache-Control": "public, max-age=300"},
        )

    return [Route(JWKS_PATH, jwks, methods=["GET"])]


subgraph = SubgraphDefinition(
    name="users",
    schema=schema,
    models=MODELS,
    build=build,
    routes=routes,
    settings=UsersSettings,
)
