"""The services the users subgraph's resolvers reach through the request context."""

from __future__ import annotations

from dataclasses import dataclass

from common.clientaddr import TrustedProxies
from subgraphs.users.apikeys import ApiKeyService
from subgraphs.users.auth import AuthService
from subgraphs.users.oauth import OAuthService
from subgraphs.users.recovery import RecoveryService
from subgraphs.users.service import AccountService
from subgraphs.users.sessions import Sessions
from subgraphs.users.signing import SigningKeys


@dataclass(frozen=True)
class UsersServices:
    accounts: AccountService
    auth: AuthService
    sessions: Sessions
    recovery: RecoveryService
    oauth: OAuthService
    api_keys: ApiKeyService
    keys: SigningKeys
    proxies: TrustedProxies
