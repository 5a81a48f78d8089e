"""Forged client addresses through the router: the login throttle still counts the real one."""

from __future__ import annotations

import httpx
import pytest
from redis.asyncio import Redis

from common.clientaddr import CLIENT_IP_HEADER
from common.settings import Settings
from tests.e2e.conftest import NewClient

pytestmark = pytest.mark.redis

# Loopback addresses the default trusted_proxies (127.0.0.1) does not trust.
ATTACKER, VICTIM = "127.0.0.2", "127.0.0.3"
LOGIN = "mutation($i: LoginInput!) { login(input: $i) { accessToken } }"
WRONG, PASSWORD = "wrong-password-123", "violet-harbour-lantern-42"


def client_at(source: str, url: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=url, timeout=30, transport=httpx.AsyncHTTPTransport(local_address=source)
    )


async def login(
    http: httpx.AsyncClient, email: str, password: str, headers: dict[str, str]
) -> dict[str, object]:
    variables = {"i": {"email": email, "password": password}}
    response = await http.post(
        "/graphql", json={"query": LOGIN, "variables": variables}, headers=headers
    )
    body: dict[str, object] = response.json()
    return body


def code(body: dict[str, object]) -> str:
    errors = body["errors"]
    assert isinstance(errors, list)
    value: str = errors[0]["extensions"]["code"]
    return value


async def counted_addresses(settings: Settings) -> set[str]:
    redis = Redis.from_url(settings.redis_url or "")
    prefix = f"{settings.redis_prefix}:rl:login:ip:"
    try:
        return {k.decode().removeprefix(prefix) async for k in redis.scan_iter(match=prefix + "*")}
    finally:
        await redis.aclose()


def forged_headers(forged: str, *, via_proxy: bool) -> dict[str, str]:
    if via_proxy:
        # A load balancer at 127.0.0.1 (trusted) appended the address it saw.
        return {"X-Forwarded-For": f"{forged}, {ATTACKER}"}
    return {"X-Forwarded-For": forged, CLIENT_IP_HEADER: forged}


@pytest.mark.parametrize("via_proxy", [False, True], ids=["direct", "via-proxy"])
async def test_25_forged_addresses_through_the_router_do_not_escape_the_throttle(
    lifegraph: str, settings: Settings, via_proxy: bool
) -> None:
    limit = settings.login_max_failures_per_ip
    codes = []
    async with client_at("127.0.0.1" if via_proxy else ATTACKER, lifegraph) as http:
        for n in range(25):
            headers = forged_headers(f"198.51.100.{n + 1}", via_proxy=via_proxy)
            codes.append(code(await login(http, f"nobody{n}@example.com", WRONG, headers)))
    assert codes[:limit] == ["UNAUTHENTICATED"] * limit
    assert set(codes[limit:]) == {"RATE_LIMITED"}
    assert await counted_addresses(settings) == {ATTACKER}


@pytest.mark.parametrize("via_proxy", [False, True], ids=["direct", "via-proxy"])
async def test_forging_a_victims_address_through_the_router_does_not_lock_them_out(
    lifegraph: str, new_client: NewClient, via_proxy: bool
) -> None:
    email = f"victim-{via_proxy}@example.com"
    await new_client().ok(
        "mutation($i: RegisterInput!) { register(input: $i) { user { id } } }",
        {"i": {"email": email, "password": PASSWORD, "displayName": "Vic"}},
    )
    async with client_at("127.0.0.1" if via_proxy else ATTACKER, lifegraph) as http:
        for n in range(25):
            headers = forged_headers(VICTIM, via_proxy=via_proxy)
            await login(http, f"nobody{n}@example.com", WRONG, headers)
    async with client_at(VICTIM, lifegraph) as http:
        answer = await login(http, email, PASSWORD, {})
    assert "errors" not in answer, answer
