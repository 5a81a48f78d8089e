"""Router settings, fixed for the life of one app."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opentelemetry.trace import TracerProvider

    from common.auth import TokenVerifier
    from common.ratelimit import RateLimiter
    from router.authz import PolicyHook
    from router.edge.idempotency import IdempotencyStore
    from router.edge.persisted import PersistedQueryStore

from common.graphql.limits import OperationLimits
from router.executor.breaker import BreakerSettings
from router.executor.inprocess import InProcessApp
from router.executor.retry import RetrySettings
from router.header_rules import HeaderRules
from router.subscriptions.config import SubscriptionConfig

_OWN_PREFIXES = frozenset({"/graphql/", "/graphiql/", "/health/", "/metrics/"})


@dataclass(frozen=True, slots=True)
class RouterConfig:
    supergraph_sdl: str
    # subgraph name (the join__graph `name`) -> URL that replaces the supergraph's
    subgraph_urls: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Seconds per subgraph request: `subgraph_timeouts` by subgraph name, else the default.
    subgraph_timeout: float = 30.0
    subgraph_timeouts: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    # Operation limits (common/graphql/limits.py; docs/security.md "Limits").
    max_depth: int | None = 15
    max_aliases: int | None = 30
    max_height: int | None = 500
    max_tokens: int | None = 20_000
    max_input_items: int | None = 2_000
    # Browser origins for CORS; WebSocket handshakes with an Origin must match one too.
    cors_origins: tuple[str, ...] = ()
    # Operations one POST may batch as a JSON array (Apollo's BatchHttpLink); each runs
    # through the whole edge as if sent alone. Longer batches get BATCH_TOO_LARGE.
    max_batch_size: int = 10
    # Request bodies past this get 413 (common/transport/body.py).
    max_request_body_bytes: int = 1 << 20
    # Added to every subgraph call, HTTP and WebSocket (the router secret).
    subgraph_headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Off: `__schema` and `__type` are refused (`__typename` stays).
    introspection: bool = True
    plan_cache_size: int = 1024
    max_connections_per_subgraph: int = 100
    # Identical in-flight subgraph requests of queries share one request and its answer
    # (docs/router.md "Deduplication"); the forwarded token is part of "identical".
    deduplicate_subgraph_requests: bool = True
    # Per subgraph: fail fast with SUBGRAPH_UNAVAILABLE after consecutive failures, for a
    # cool-down, then probe (docs/router.md "Circuit breakers"). None: never.
    circuit_breaker: BreakerSettings | None = field(default_factory=BreakerSettings)
    health_timeout: float = 2.0
    # -- edge (docs/router.md "Edge") --
    # Verifies bearer tokens before planning; None lets every token through to subgraphs.
    token_verifier: TokenVerifier | None = None
    # Requests per window per user (token `sub`) or, anonymous, per client IP.
    rate_limit: int | None = None
    rate_limit_window: int = 60
    rate_limiter: RateLimiter | None = None  # None: in-process counters
    # Addresses or CIDR networks of proxies in front of the router whose
    # X-Forwarded-For entries we believe (Settings.trusted_proxies; common/clientaddr.py).
    trusted_proxies: tuple[str, ...] = ()
    persisted_queries: PersistedQueryStore | None = None  # None: in-process LRU
    apq_cache_size: int = 1000
    safelist: bool = False  # only `registered_operations` run
    registered_operations: tuple[str, ...] = ()
    max_cost: int | None = None
    # Mutations sent with an `Idempotency-Key` header run once per caller and key.
    idempotency_store: IdempotencyStore | None = None  # None: in-process LRU
    idempotency_ttl: int = 86_400  # how long an answer is kept for retries
    default_list_size: int = 10
    tracer_provider: TracerProvider | None = None  # None: the global one (no-op without SDK)
    # GraphiQL's first tab (None: a generic welcome; router/graphiql.py).
    graphiql_default_query: str | None = None
    # Descriptions of the composed root types, by operation ("query", "mutation",
    # "subscription"); missing ones get a generic text (router/api_schema.py).
    root_descriptions: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Public non-GraphQL routes of subgraphs, served at the router's root: path prefix
    # ("/calendar/") -> subgraph name (router/public_routes.py).
    public_routes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Subscriptions (router/subscriptions); socket tokens use `token_verifier` too.
    subscriptions: SubscriptionConfig = field(default_factory=SubscriptionConfig)
    # The supergraph's @authenticated, @requiresScopes and @policy, enforced before any
    # fetch (docs/router.md "Authorization directives"); off: left to the subgraphs.
    authorization_directives: bool = True
    # Answers @policy: given the policies an operation names and the verified viewer,
    # the ones it satisfies. None: no policy is ever satisfied.
    policy_hook: PolicyHook | None = None
    # Which client headers go to which subgraph, renamed or inserted (docs/router.md
    # "Header rules"); hop-by-hop headers never go.
    header_rules: HeaderRules = field(default_factory=HeaderRules)
    # Queries (never mutations) are sent again after a transient failure, within a budget
    # (docs/router.md "Retries"). None: never.
    retry: RetrySettings | None = field(default_factory=RetrySettings)
    # The file `supergraph_sdl` came from: SIGHUP reloads it, and with a poll interval
    # every change does (docs/router.md "Hot reload").
    supergraph_file: Path | None = None
    supergraph_poll_seconds: float | None = None
    # Subgraph URLs this very process serves -> the ASGI app behind each: requests (not
    # sockets) to them skip the network (router/executor/inprocess.py). The embedded host.
    in_process_subgraphs: Mapping[str, InProcessApp] = field(
        default_factory=lambda: MappingProxyType({})
    )

    @property
    def limits(self) -> OperationLimits:
        return OperationLimits(
            max_depth=self.max_depth,
            max_aliases=self.max_aliases,
            max_height=self.max_height,
            max_tokens=self.max_tokens,
            max_input_items=self.max_input_items,
            max_cost=self.max_cost,
            default_list_size=self.default_list_size,
        )

    def __post_init__(self) -> None:
        for prefix in self.public_routes:
            if not (prefix.startswith("/") and prefix.endswith("/") and len(prefix) > 1):
                raise ValueError(f"public route prefix must look like /name/: {prefix!r}")
            if prefix in _OWN_PREFIXES:
                raise ValueError(f"public route prefix {prefix!r} is the router's own")
        if self.max_batch_size < 1:
            raise ValueError(f"max_batch_size must be >= 1: {self.max_batch_size}")
        for name, seconds in {"": self.subgraph_timeout, **self.subgraph_timeouts}.items():
            if not seconds > 0:
                raise ValueError(f"subgraph timeout {name or 'default'} must be > 0: {seconds}")

    def timeout_for(self, subgraph: str) -> float:
        """How long one request to this subgraph may take, in seconds."""
        return self.subgraph_timeouts.get(subgraph, self.subgraph_timeout)

    def check_subgraphs(self, names: Iterable[str]) -> None:
        """A timeout or public route for a subgraph the supergraph does not have is a typo:
        fail at start."""
        known = set(names)
        unknown = sorted(set(self.subgraph_timeouts) - known)
        if unknown:
            raise ValueError(f"subgraph timeouts for unknown subgraphs: {', '.join(unknown)}")
        unknown = sorted(set(self.header_rules.subgraphs) - known)
        if unknown:
            raise ValueError(f"header rules for unknown subgraphs: {', '.join(unknown)}")
        for prefix, subgraph in self.public_routes.items():
            if subgraph not in known:
                raise ValueError(f"public route {prefix} names an unknown subgraph {subgraph!r}")
