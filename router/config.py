"""Router settings, fixed for the life of one app."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from common.auth import KeySource
from common.settings import Settings
from router.subscriptions.config import SubscriptionConfig


@dataclass(frozen=True, slots=True)
class RouterConfig:
    supergraph_sdl: str
    # subgraph name (the join__graph `name`) -> URL that replaces the supergraph's
    subgraph_urls: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    subgraph_timeout: float = 30.0
    max_depth: int | None = 15
    max_aliases: int | None = 30
    cors_origins: tuple[str, ...] = ()
    plan_cache_size: int = 1024
    max_connections_per_subgraph: int = 100
    health_timeout: float = 2.0
    # Subscriptions (router/subscriptions): limits, and how socket tokens are verified.
    subscriptions: SubscriptionConfig = field(default_factory=SubscriptionConfig)
    # jwks_url, jwt_issuer, jwt_audience; None leaves token checks to the subgraphs.
    auth_settings: Settings | None = None
    # Overrides the JWKS fetched from auth_settings.jwks_url (tests inject a static one).
    key_source: KeySource | None = None
