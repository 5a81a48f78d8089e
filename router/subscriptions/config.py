"""Subscription limits and timings, fixed for the life of one router."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SubscriptionConfig:
    # A client must send connection_init within this many seconds (else 4408).
    init_timeout: float = 10.0
    # Protocol-level pings to clients; None leaves keepalive to the WebSocket layer.
    ping_interval: float | None = 15.0
    # Messages waiting to go to one client; past this the client is too slow and is closed.
    max_pending_messages: int = 1024
    # Upstream events waiting for entity resolution, per operation.
    max_pending_events: int = 1024
    max_operations_per_connection: int = 200
    # Opening an upstream connection: TCP + handshake + connection_ack.
    upstream_open_timeout: float = 10.0
    # WebSocket-level keepalive on upstream connections; None disables it.
    upstream_ping_interval: float | None = 20.0
    max_message_bytes: int = 1 << 20
    # Waiting to deliver a close frame to a client whose socket is backed up.
    close_timeout: float = 10.0
    # One upstream operation for client operations sending a subgraph the same subscription
    # with the same credentials (router/subscriptions/pool.py); off: one per client operation.
    deduplicate_upstream: bool = True
    # Subgraphs whose entity fields never depend on the caller: an event needing only
    # those is resolved once (without credentials) for every subscriber that gets it.
    shared_entity_subgraphs: frozenset[str] = frozenset()
    # Events being resolved against subgraphs at once, across all sockets (None: no cap).
    # Others wait their turn in order, so a burst cannot time out in the connection pool.
    max_concurrent_event_resolutions: int | None = 64
    # HTTP subscriptions: an empty part (`{}`) this often on a multipart stream, Apollo's
    # heartbeat; a comment line on a server-sent event stream. 0 turns them off.
    multipart_heartbeat_interval: float = 5.0
    event_stream_heartbeat_interval: float = 12.0
