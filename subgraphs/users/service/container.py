"""The services the users subgraph's resolvers reach through the request context, and how
they are wired from repositories and infrastructure."""

from __future__ import annotations

from dataclasses import dataclass

from common.clientaddr import TrustedProxies
from common.events import OutboxPublisher
from common.mail import MailSender
from common.ratelimit import RateLimiter
from common.settings import UsersSettings
from common.sms import SmsSender
from common.urlguard import UrlGuard
from subgraphs.users.domain.passwords import Passwords
from subgraphs.users.repository import Repositories
from subgraphs.users.service.accounts import AccountService
from subgraphs.users.service.apikeys import ApiKeyService
from subgraphs.users.service.auth import AuthService
from subgraphs.users.service.oauth import OAuthService
from subgraphs.users.service.oidc import OidcProvider
from subgraphs.users.service.phones import PhoneService
from subgraphs.users.service.recovery import RecoveryService
from subgraphs.users.service.sessions import Sessions
from subgraphs.users.service.signing import SigningKeys
from subgraphs.users.service.throttle import LoginThrottle


@dataclass(frozen=True)
class UsersServices:
    accounts: AccountService
    auth: AuthService
    sessions: Sessions
    recovery: RecoveryService
    oauth: OAuthService
    api_keys: ApiKeyService
    phones: PhoneService
    keys: SigningKeys
    proxies: TrustedProxies


def build_services(
    settings: UsersSettings,
    *,
    keys: SigningKeys,
    publisher: OutboxPublisher,
    mail: MailSender,
    limiter: RateLimiter,
    sms: SmsSender,
) -> UsersServices:
    """Every users service, sharing one set of repositories, sessions and password hasher."""
    repos = Repositories()
    passwords = Passwords()
    sessions = Sessions(repos, keys, settings)
    auth = AuthService(repos, passwords, sessions, LoginThrottle(limiter, settings), publisher)
    guard = UrlGuard.from_settings(settings)
    providers = {
        name: OidcProvider(name, cfg, guard) for name, cfg in settings.oauth_providers.items()
    }
    return UsersServices(
        accounts=AccountService(repos, passwords, publisher),
        auth=auth,
        sessions=sessions,
        recovery=RecoveryService(repos, passwords, sessions, mail, limiter, settings, publisher),
        oauth=OAuthService(repos, sessions, auth, providers, publisher),
        api_keys=ApiKeyService(repos, sessions),
        phones=PhoneService(repos, sms, limiter, settings, publisher),
        keys=keys,
        proxies=TrustedProxies(settings.trusted_proxies),
    )
