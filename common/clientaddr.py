"""Which address a request came from: the one rule the router and every subgraph apply.

Only `Settings.trusted_proxies` (addresses or CIDR networks) is believed about
anything further away than the TCP peer. The router works the client address out
of `X-Forwarded-For` and hands it to subgraphs in `X-LifeGraph-Client-IP`, which a
subgraph believes only when the peer itself is a trusted proxy (the router).

Example::

    proxies = TrustedProxies(settings.trusted_proxies)
    ip = proxies.edge_address(request)       # at the public edge (the router)
    ip = proxies.subgraph_address(request)   # behind it (a subgraph)
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

from starlette.requests import HTTPConnection

CLIENT_IP_HEADER = "x-lifegraph-client-ip"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_networks(proxies: Iterable[str]) -> list[Network]:
    """The trusted networks; a malformed entry is a configuration error, raised at start-up."""
    return [ipaddress.ip_network(p.strip(), strict=False) for p in proxies]


def _address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # An IPv4 peer seen through a dual-stack socket must match IPv4 networks.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def forwarded_for(connection: HTTPConnection) -> list[str]:
    """Every X-Forwarded-For entry, in order, across repeated headers."""
    return [
        part.strip()
        for header in connection.headers.getlist("x-forwarded-for")
        for part in header.split(",")
        if part.strip()
    ]


def _peer(connection: HTTPConnection) -> str | None:
    return connection.client.host if connection.client else None


class TrustedProxies:
    def __init__(self, proxies: Iterable[str]) -> None:
        self._networks = parse_networks(proxies)

    def trusts(self, text: str) -> bool:
        address = _address(text)
        return address is not None and any(address in n for n in self._networks)

    def client_address(self, peer: str | None, chain: Sequence[str]) -> str | None:
        """The right-most hop not vouched for by a trusted proxy.

        Walking from the peer leftwards, each entry was written by the hop to its
        right; only a trusted hop's word is taken, so a client can prepend anything
        and still end up counted under its own address.
        """
        if peer is None:
            return None
        current = str(_address(peer) or peer)
        for entry in reversed(chain):
            if not self.trusts(current):
                return current
            address = _address(entry)
            if address is None:
                # A trusted proxy wrote garbage: count the request against that proxy.
                return current
            current = str(address)
        return current

    def edge_address(self, connection: HTTPConnection) -> str | None:
        """The client address at the public edge, from X-Forwarded-For alone."""
        return self.client_address(_peer(connection), forwarded_for(connection))

    def subgraph_address(self, connection: HTTPConnection) -> str | None:
        """The client address behind the router: its header, when the router is the peer."""
        peer = _peer(connection)
        if peer is not None and self.trusts(peer):
            claimed = _address(connection.headers.get(CLIENT_IP_HEADER, ""))
            if claimed is not None:
                return str(claimed)
        return self.client_address(peer, forwarded_for(connection))
