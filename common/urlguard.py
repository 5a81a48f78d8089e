"""Outbound calls to URLs a user (or a third party's document) chose: public https only.

The check runs where the socket is opened: `UrlGuard.transport()` resolves the host
itself, refuses if any address is not public, and connects to the address it checked.
That way a name that resolved to a public address at registration and to 127.0.0.1
at send time (DNS rebinding) is still refused. TLS still verifies the host name.

Example::

    guard = UrlGuard.from_settings(settings)
    await guard.check(endpoint)                  # at registration: RefusedUrl if unsafe
    async with httpx.AsyncClient(transport=guard.transport()) as client:
        await client.post(endpoint, content=body)  # refused again if DNS changed
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, urlsplit

import httpcore
import httpx

from common.clientaddr import Address, Network, parse_networks
from common.settings import SubgraphSettings

MAX_URL_LENGTH = 2048
RESOLVE_TIMEOUT = 5.0


class RefusedUrl(Exception):
    """The URL may not be called. The message is safe to show: it names no network detail."""


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one tunnels to (mapped, 6to4, Teredo), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def is_public(address: Address) -> bool:
    """Globally routable unicast: not loopback, private, link-local, multicast, reserved..."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None:
            return is_public(inner)
    return address.is_global and not (
        address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or address.is_loopback
        or address.is_link_local
        or address.is_private
    )


@dataclass(frozen=True)
class UrlGuard:
    # Networks that may be called although not public, over http too: stand-ins for
    # push services or providers in tests and development. Empty in production.
    allowed_networks: tuple[Network, ...] = ()
    # When set, the host must be one of these or a subdomain of one.
    allowed_hosts: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: SubgraphSettings, *, hosts: Iterable[str] = ()) -> UrlGuard:
        return cls(tuple(parse_networks(settings.outbound_allowed_networks)), tuple(hosts))

    def check_form(self, url: str) -> SplitResult:
        """Refuse what is wrong without a lookup: length, scheme, credentials, host."""
        if len(url) > MAX_URL_LENGTH:
            raise RefusedUrl(f"The URL is longer than {MAX_URL_LENGTH} characters.")
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise RefusedUrl("The URL is not valid.") from exc
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise RefusedUrl("The URL must be an https URL.")
        if parts.username is not None or parts.password is not None:
            raise RefusedUrl("The URL must not carry credentials.")
        if port == 0:
            raise RefusedUrl("The URL is not valid.")
        if self.allowed_hosts and not self._host_allowed(parts.hostname):
            raise RefusedUrl("The URL's host is not an allowed service.")
        return parts

    async def check(self, url: str) -> list[Address]:
        """Form, then every address the host resolves to; the addresses that may be called."""
        parts = self.check_form(url)
        assert parts.hostname is not None
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = await self.resolve(parts.hostname, port)
        if parts.scheme != "https" and not all(self._allowed(a) for a in addresses):
            raise RefusedUrl("The URL must be an https URL.")
        return addresses

    async def resolve(self, host: str, port: int) -> list[Address]:
        try:
            async with asyncio.timeout(RESOLVE_TIMEOUT):
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, port, type=socket.SOCK_STREAM
                )
        except (OSError, TimeoutError, UnicodeError) as exc:
            raise RefusedUrl("The URL's host could not be resolved.") from exc
        addresses = list(dict.fromkeys(_address_of(str(info[4][0])) for info in infos))
        # All or nothing: one private answer among public ones is still a way in.
        if not addresses or not all(is_public(a) or self._allowed(a) for a in addresses):
            raise RefusedUrl("The URL must point to a public address.")
        return addresses

    def transport(self) -> httpx.AsyncHTTPTransport:
        """An httpx transport that only ever connects to addresses this guard accepts."""
        # trust_env off: an HTTP(S)_PROXY from the environment would connect for us,
        # past the address check.
        transport = httpx.AsyncHTTPTransport(trust_env=False)
        # httpx has no public hook for the network backend; its pool is rebuilt
        # with ours (tests/common/test_urlguard.py fails if httpx changes this).
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=_GuardedBackend(self),
        )
        return transport

    def _allowed(self, address: Address) -> bool:
        return any(address in network for network in self.allowed_networks)

    def _host_allowed(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == h or host.endswith(f".{h}") for h in self.allowed_hosts)


def _address_of(text: str) -> Address:
    address = ipaddress.ip_address(text.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, guard: UrlGuard) -> None:
        self._guard = guard
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._guard.resolve(host, port)
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise RefusedUrl("The URL must point to a public address.")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
