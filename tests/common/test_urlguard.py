"""The outbound URL guard: public https only, checked again where the socket connects."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from common.serving import serve_in_loop
from common.urlguard import RefusedUrl, UrlGuard, is_public

LOOPBACK = UrlGuard(allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),))


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 (an address refused, not bound)
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    ],
)
def test_inward_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "142.250.74.106", "2606:4700::1111"])
def test_public_addresses_are(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:4326/push",
        "https://127.0.0.1/push",
        "https://localhost/push",
        "https://[::1]/push",
        "https://[::ffff:127.0.0.1]/push",
        "https://169.254.169.254/latest/meta-data",
        "https://2130706433/push",  # 127.0.0.1 as one decimal number
        "https://10.0.0.1/push",
        "http://8.8.8.8/push",  # public, but not https
        "https://user:pw@8.8.8.8/push",
        "ftp://8.8.8.8/push",
        "file:///etc/passwd",
        "https:///push",
        "https://8.8.8.8:99999/push",
        "https://host.invalid/push",
        "https://8.8.8.8/" + "a" * 5000,
    ],
)
async def test_refused(url: str) -> None:
    with pytest.raises(RefusedUrl) as refused:
        await UrlGuard().check(url)
    # What the user reads names no address, port or socket error.
    message = str(refused.value)
    assert "127.0.0.1" not in message
    assert "Errno" not in message


async def test_public_https_passes_and_the_allow_list_narrows_it() -> None:
    assert await UrlGuard().check("https://8.8.8.8/push") == [ipaddress.ip_address("8.8.8.8")]
    services = UrlGuard(allowed_hosts=("push.example",))
    services.check_form("https://fcm.push.example/send/abc")
    with pytest.raises(RefusedUrl, match="not an allowed service"):
        services.check_form("https://8.8.8.8/push")
    with pytest.raises(RefusedUrl, match="not an allowed service"):
        services.check_form("https://evilpush.example/push")


async def peer(request: Request) -> PlainTextResponse:
    return PlainTextResponse("reached")


async def test_the_transport_refuses_to_connect_inward_even_unchecked() -> None:
    async with serve_in_loop(Starlette(routes=[Route("/", peer)])) as url:
        async with httpx.AsyncClient(transport=UrlGuard().transport()) as client:
            with pytest.raises(RefusedUrl):
                await client.get(url)
            with pytest.raises(RefusedUrl):
                await client.get(url.replace("127.0.0.1", "localhost"))
        # Allowed networks do connect: the rebuilt connection pool works.
        async with httpx.AsyncClient(transport=LOOPBACK.transport()) as client:
            assert (await client.get(url)).text == "reached"


async def test_dns_rebinding_is_refused_at_connect_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The name resolves publicly when checked and to loopback when connecting."""
    loop = asyncio.get_running_loop()
    answers = iter(["93.184.216.34", "127.0.0.1"])

    async def rebinding(host: str, port: int, **_: Any) -> list[Any]:
        address = next(answers)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(loop, "getaddrinfo", rebinding)
    guard = UrlGuard()
    await guard.check("https://push.rebind.test/x")
    async with httpx.AsyncClient(transport=guard.transport()) as client:
        with pytest.raises(RefusedUrl):
            await client.post("https://push.rebind.test/x", content=b"{}")
