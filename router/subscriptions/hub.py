"""What every subscription transport of one router shares: upstream operations and the
resolution of their events, so a socket and an HTTP stream of one viewer share them too."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from router.service import Router
from router.subscriptions.config import SubscriptionConfig
from router.subscriptions.pool import Caller, Subscribed, UpstreamPool
from router.subscriptions.shared import Credentials, SharedResolutions
from router.subscriptions.upstream import UpstreamSink


@dataclass(frozen=True, slots=True)
class SubscriptionHub:
    upstreams: UpstreamPool
    shared: SharedResolutions

    @classmethod
    def for_router(cls, router: Router, config: SubscriptionConfig) -> SubscriptionHub:
        return cls(
            upstreams=UpstreamPool(
                config,
                headers=router.config.subgraph_headers,
                attached=router.metrics.subscriptions,
            ),
            shared=SharedResolutions(max_concurrent=config.max_concurrent_event_resolutions),
        )


@dataclass(frozen=True, slots=True)
class Subscriber:
    """One client connection as the upstream pool sees it."""

    # Identifies the connection when upstream sharing is off.
    owner: Hashable
    request_id: str
    headers: Mapping[str, str]
    credentials: Credentials | None
    # Who the edge verified the token to be (`viewer_of`); None without verification.
    viewer: Hashable | None
    # The client's own headers (lower case), for the header rules (router/header_rules.py).
    client_headers: Mapping[str, str] = field(default_factory=dict)


async def subscribe_upstream(
    hub: SubscriptionHub,
    router: Router,
    subscriber: Subscriber,
    service: str,
    payload: Mapping[str, Any],
    sink: UpstreamSink,
    *,
    deduplicate: bool,
) -> Subscribed:
    """Events of `payload` on `service` for `sink`, shared with connections that may share.

    The header rules shape the upstream connection as they shape an HTTP fetch: what they
    leave of `Authorization` goes in `connection_init` (where graphql-transport-ws servers
    read it), every other header on the socket's handshake.
    """
    rules = router.config.header_rules
    sent = dict(subscriber.headers)
    viewer = subscriber.viewer
    if rules:
        sent = rules.apply(service, sent, subscriber.client_headers)
        propagated = rules.propagated(subscriber.client_headers)
        # The same user with other propagated headers may get other answers: no sharing.
        viewer = (viewer, propagated) if viewer is not None and propagated else viewer
    init: dict[str, Any] = {}
    authorization = sent.pop("authorization", None)
    if authorization is not None:
        init["Authorization"] = authorization
    sent["x-request-id"] = subscriber.request_id
    # `credentials` hold the propagated client headers too (`credentials_of`).
    own = subscriber.credentials if deduplicate else subscriber.owner
    caller = Caller(
        key=own,
        viewer=viewer if viewer is not None else own,
        init_payload=init,
        headers=sent,
    )
    return await hub.upstreams.subscribe(
        service, router.subgraph_url(service), caller, payload, sink
    )
