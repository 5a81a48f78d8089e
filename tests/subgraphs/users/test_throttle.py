"""Failed sign-ins are throttled per account and per client address (Redis)."""

from __future__ import annotations

import pytest
from redis.asyncio import Redis

from common.clientaddr import CLIENT_IP_HEADER
from common.settings import Settings
from tests.subgraphs.users.conftest import ServeUsers
from tests.subgraphs.users.helpers import Api, code_of, unique_email

# Loopback addresses the default trusted_proxies (127.0.0.1) does not trust.
ATTACKER, VICTIM = "127.0.0.2", "127.0.0.3"


@pytest.mark.redis
async def test_failures_per_account_are_rate_limited(serve_users: ServeUsers) -> None:
    async with serve_users(login_max_failures_per_account=3) as api:
        email = unique_email()
        await api.register(email=email)
        for _ in range(3):
            wrong = await api.login(email, "wrong-password-123")
            assert code_of(wrong["errors"][0]) == "UNAUTHENTICATED"
        # Even the right password is refused until the window passes.
        limited = (await api.login(email))["errors"][0]
        assert limited["extensions"]["code"] == "RATE_LIMITED"
        retry_after = limited["extensions"]["retryAfter"]
        assert 0 < retry_after <= 15 * 60
        assert f"Try again in {retry_after} seconds" in limited["message"]
        # Another account is not affected.
        other = unique_email()
        await api.register(email=other)
        assert "data" in await api.login(other)


async def login_keys(settings: Settings) -> set[str]:
    redis = Redis.from_url(settings.redis_url or "")
    try:
        return {
            k.decode()
            async for k in redis.scan_iter(match=f"{settings.redis_prefix}:rl:login:ip:*")
        }
    finally:
        await redis.aclose()


@pytest.mark.redis
async def test_the_router_header_is_believed_from_a_trusted_peer(serve_users: ServeUsers) -> None:
    async with serve_users(login_max_failures_per_ip=2) as api:
        # 127.0.0.1 is the router here (trusted_proxies defaults to loopback).
        routed = {CLIENT_IP_HEADER: "203.0.113.9"}
        for _ in range(2):
            wrong = await api.login(unique_email(), "wrong-password-123", headers=routed)
            assert code_of(wrong["errors"][0]) == "UNAUTHENTICATED"
        limited = await api.login(unique_email(), "wrong-password-123", headers=routed)
        assert code_of(limited["errors"][0]) == "RATE_LIMITED"
        email = unique_email()
        await api.register(email=email)
        assert "data" in await api.login(email, headers={CLIENT_IP_HEADER: "198.51.100.7"})


def attack(served: Api, forged: str, *, via_proxy: bool) -> tuple[Api, dict[str, str]]:
    """The attacker's client and headers: straight from its own address, or through a
    trusted proxy (the router, a load balancer) that appends the address it saw."""
    if via_proxy:
        return served, {"X-Forwarded-For": f"{forged}, {ATTACKER}"}
    return served.from_address(ATTACKER), {"X-Forwarded-For": forged, CLIENT_IP_HEADER: forged}


@pytest.mark.redis
@pytest.mark.parametrize("via_proxy", [False, True], ids=["direct", "via-proxy"])
async def test_forged_addresses_on_the_subgraph_do_not_escape_the_throttle(
    serve_users: ServeUsers, users_settings: Settings, via_proxy: bool
) -> None:
    async with serve_users() as served:
        limit = users_settings.login_max_failures_per_ip
        codes = []
        for n in range(25):
            client, headers = attack(served, f"198.51.100.{n + 1}", via_proxy=via_proxy)
            answer = await client.login(unique_email(), "wrong-password-123", headers=headers)
            codes.append(code_of(answer["errors"][0]))
        assert codes[:limit] == ["UNAUTHENTICATED"] * limit
        assert set(codes[limit:]) == {"RATE_LIMITED"}
        # Nothing was counted under any forged address.
        prefix = f"{users_settings.redis_prefix}:rl:login:ip:"
        assert await login_keys(users_settings) == {prefix + ATTACKER}


@pytest.mark.redis
@pytest.mark.parametrize("via_proxy", [False, True], ids=["direct", "via-proxy"])
async def test_forging_a_victims_address_on_the_subgraph_does_not_lock_the_victim_out(
    serve_users: ServeUsers, via_proxy: bool
) -> None:
    async with serve_users(login_max_failures_per_ip=3) as served:
        email = unique_email()
        await served.register(email=email)
        for _ in range(25):
            client, headers = attack(served, VICTIM, via_proxy=via_proxy)
            await client.login(unique_email(), "wrong-password-123", headers=headers)
        if via_proxy:
            assert "data" in await served.login(email, headers={"X-Forwarded-For": VICTIM})
        else:
            assert "data" in await served.from_address(VICTIM).login(email)


@pytest.mark.redis
async def test_forwarded_for_is_ignored_from_untrusted_peers(serve_users: ServeUsers) -> None:
    async with serve_users(login_max_failures_per_ip=2, trusted_proxies=[]) as api:
        for hop in ("203.0.113.1", "203.0.113.2"):
            await api.login(unique_email(), "wrong-password-123", headers={"X-Forwarded-For": hop})
        # Both came from the same peer (127.0.0.1), whatever the header claimed.
        limited = await api.login(
            unique_email(), "wrong-password-123", headers={"X-Forwarded-For": "203.0.113.3"}
        )
        assert code_of(limited["errors"][0]) == "RATE_LIMITED"
