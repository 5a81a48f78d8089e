"""Failed sign-ins are throttled per account and per client address (Redis)."""

from __future__ import annotations

import pytest

from subgraphs.users.clientip import TrustedProxies
from tests.subgraphs.users.conftest import ServeUsers
from tests.subgraphs.users.helpers import code_of, unique_email


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


@pytest.mark.redis
async def test_failures_per_address_use_the_first_forwarded_hop_from_a_trusted_proxy(
    serve_users: ServeUsers,
) -> None:
    async with serve_users(login_max_failures_per_ip=2) as api:
        attacker = {"X-Forwarded-For": "203.0.113.9, 10.0.0.1"}
        for _ in range(2):
            wrong = await api.login(unique_email(), "wrong-password-123", headers=attacker)
            assert code_of(wrong["errors"][0]) == "UNAUTHENTICATED"
        limited = await api.login(unique_email(), "wrong-password-123", headers=attacker)
        assert code_of(limited["errors"][0]) == "RATE_LIMITED"
        email = unique_email()
        await api.register(email=email)
        elsewhere = {"X-Forwarded-For": "198.51.100.7"}
        assert "data" in await api.login(email, headers=elsewhere)


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


def test_client_ip_rules() -> None:
    proxies = TrustedProxies(["127.0.0.1", "10.0.0.0/8"])
    assert proxies.client_ip("10.1.2.3", "203.0.113.9, 10.0.0.1") == "203.0.113.9"
    assert proxies.client_ip("127.0.0.1", None) == "127.0.0.1"
    assert proxies.client_ip("127.0.0.1", "garbage") == "127.0.0.1"
    assert proxies.client_ip("192.0.2.1", "203.0.113.9") == "192.0.2.1"
    assert proxies.client_ip(None, "203.0.113.9") is None
