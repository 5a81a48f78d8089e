"""Which address a request came from, believing X-Forwarded-For only from our own proxies."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class TrustedProxies:
    def __init__(self, proxies: Iterable[str]) -> None:
        self._networks: list[Network] = [ipaddress.ip_network(p, strict=False) for p in proxies]

    def client_ip(self, peer: str | None, forwarded_for: str | None) -> str | None:
        if not peer or not forwarded_for or not self._trusted(peer):
            return peer
        # The first hop is what the client side of our proxy saw; later hops were
        # appended by proxies, earlier text may be anything the client typed.
        first = forwarded_for.split(",", 1)[0].strip()
        try:
            return str(ipaddress.ip_address(first))
        except ValueError:
            return peer

    def _trusted(self, peer: str) -> bool:
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(address in network for network in self._networks)
