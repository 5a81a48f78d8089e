"""The users subgraph: identity and sign-in for all of LifeGraph."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from common.app import Runtime, SubgraphDefinition, SubgraphHost
from common.auth import StaticKeySource, TokenVerifier
from common.clientaddr import TrustedProxies
from common.mail import require_transport
from common.urlguard import UrlGuard
from subgraphs.users.apikeys import ApiKeyService
from subgraphs.users.auth import AuthService
from subgraphs.users.container import UsersServices
from subgraphs.users.models import MODELS
from subgraphs.users.oauth import OAuthService
from subgraphs.users.oidc import OidcProvider
from subgraphs.users.passwords import Passwords
from subgraphs.users.recovery import RecoveryService
from subgraphs.users.repository import Repositories
from subgraphs.users.schema import schema
from subgraphs.users.service import AccountService
from subgraphs.users.sessions import Sessions
from subgraphs.users.signing import load_signing_keys
from subgraphs.users.throttle import LoginThrottle

JWKS_PATH = "/.well-known/jwks.json"


async def build(runtime: Runtime) -> UsersServices:
    settings = runtime.infra.settings
    # Reset links and notifications would otherwise vanish: refuse to run without SMTP.
    require_transport(runtime.infra.mail)
    keys = load_signing_keys(settings)
    # The subgraph verifies its own tokens from its own keys: no HTTP to itself.
    runtime.verifier = TokenVerifier(
        StaticKeySource(keys.public_key_set()),
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
    )
    repos = Repositories()
    passwords = Passwords()
    sessions = Sessions(repos, keys, settings)
    auth = AuthService(
        repos,
        passwords,
        sessions,
        LoginThrottle(runtime.infra.rate_limiter, settings),
        runtime.publisher,
    )
    guard = UrlGuard.from_settings(settings)
    providers = {
        name: OidcProvider(name, cfg, guard) for name, cfg in settings.oauth_providers.items()
    }
    return UsersServices(
        accounts=AccountService(repos, passwords, runtime.publisher),
        auth=auth,
        sessions=sessions,
        recovery=RecoveryService(
            repos,
            passwords,
            sessions,
            runtime.infra.mail,
            runtime.infra.rate_limiter,
            settings,
            runtime.publisher,
        ),
        oauth=OAuthService(repos, sessions, auth, providers, runtime.publisher),
        api_keys=ApiKeyService(repos, sessions),
        keys=keys,
        proxies=TrustedProxies(settings.trusted_proxies),
    )


def routes(host: SubgraphHost[UsersServices]) -> Sequence[BaseRoute]:
    async def jwks(_: Request) -> Response:
        return JSONResponse(
            host.services.keys.public_jwks(),
            headers={"Cache-Control": "public, max-age=300"},
        )

    return [Route(JWKS_PATH, jwks, methods=["GET"])]


subgraph = SubgraphDefinition(
    name="users", schema=schema, models=MODELS, build=build, routes=routes
)
