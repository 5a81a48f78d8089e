"""Router settings, fixed for the life of one app."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opentelemetry.trace import TracerProvider

    from common.auth import TokenVerifier
    from common.ratelimit import RateLimiter
    from router.edge.persisted import PersistedQueryStore

from router.subscriptions.config import SubscriptionConfig


@dataclass(frozen=True, slots=True)
class RouterConfig:
    supergraph_sdl: str
    # subgraph name (the join__graph `name`) -> URL that replaces the supergraph's
    subgraph_urls: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Seconds per subgraph request: `subgraph_timeouts` by subgraph name, else the default.
    subgraph_timeout: float = 30.0
    subgraph_timeouts: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    max_depth: int | None = 15
    max_aliases: int | None = 30
    cors_origins: tuple[str, ...] = ()
    plan_cache_size: int = 1024
    max_connections_per_subgraph: int = 100
    health_timeout: float = 2.0
    # -- edge (docs/router.md "Edge") --
    # Verifies bearer tokens before planning; None lets every token through to subgraphs.
    token_verifier: TokenVerifier | None = None
    # Requests per window per user (token `sub`) or, anonymous, per client IP.
    rate_limit: int | None = None
    rate_limit_window: int = 60
    rate_limiter: RateLimiter | None = None  # None: in-process counters
    # Proxies in front of the router whose X-Forwarded-For entries we believe.
    trusted_proxies: int = 0
    persisted_queries: PersistedQueryStore | None = None  # None: in-process LRU
    apq_cache_size: int = 1000
    safelist: bool = False  # only `registered_operations` run
    registered_operations: tuple[str, ...] = ()
    max_cost: int | None = None
    default_list_size: int = 10
    tracer_provider: TracerProvider | None = None  # None: the global one (no-op without SDK)
    # Subscriptions (router/subscriptions); socket tokens use `token_verifier` too.
    subscriptions: SubscriptionConfig = field(default_factory=SubscriptionConfig)

    def __post_init__(self) -> None:
        for name, seconds in {"": self.subgraph_timeout, **self.subgraph_timeouts}.items():
            if not seconds > 0:
                raise ValueError(f"subgraph timeout {name or 'default'} must be > 0: {seconds}")

    def timeout_for(self, subgraph: str) -> float:
        """How long one request to this subgraph may take, in seconds."""
        return self.subgraph_timeouts.get(subgraph, self.subgraph_timeout)

    def check_subgraphs(self, names: Iterable[str]) -> None:
        """A timeout for a subgraph the supergraph does not have is a typo: fail at start."""
        unknown = sorted(set(self.subgraph_timeouts) - set(names))
        if unknown:
            raise ValueError(f"subgraph timeouts for unknown subgraphs: {', '.join(unknown)}")
