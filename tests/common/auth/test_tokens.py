"""The token verifier's memory: a verified token is trusted until it expires, failures never."""

from __future__ import annotations

import base64
import json
import time

import pytest
from joserfc.jwk import RSAKey

from common.auth import StaticKeySource, TokenVerifier
from common.errors import Unauthenticated
from common.testing.tokens import TestKeys

ISSUER, AUDIENCE = "https://lifegraph.test", "lifegraph-test"


class CountingKeys(StaticKeySource):
    lookups = 0

    async def get_key(self, kid: str) -> RSAKey | None:
        self.lookups += 1
        return await super().get_key(kid)


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def keys() -> TestKeys:
    return TestKeys(issuer=ISSUER, audience=AUDIENCE)


def _verifier(keys: TestKeys, clock: Clock) -> tuple[TokenVerifier, CountingKeys]:
    source = CountingKeys(keys.key_set)
    verifier = TokenVerifier(
        source, issuer=ISSUER, audience=AUDIENCE, cache_seconds=60, clock=clock
    )
    return verifier, source


def _tampered(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "admin"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


async def test_a_token_is_verified_once_while_valid(keys: TestKeys) -> None:
    verifier, source = _verifier(keys, Clock())
    token = keys.token("u1")
    first = await verifier.verify(token)
    second = await verifier.verify(token)
    assert first.user_id == second.user_id == "u1"
    assert source.lookups == 1


async def test_a_remembered_token_is_verified_again_after_its_expiry(keys: TestKeys) -> None:
    clock = Clock()
    verifier, source = _verifier(keys, clock)
    token = keys.token("u1", ttl=10)
    await verifier.verify(token)
    clock.now += 11
    await verifier.verify(token)  # within joserfc's leeway: valid, but checked in full
    assert source.lookups == 2


async def test_a_remembered_token_is_verified_again_after_cache_seconds(keys: TestKeys) -> None:
    clock = Clock()
    verifier, source = _verifier(keys, clock)
    token = keys.token("u1", ttl=900)
    await verifier.verify(token)
    clock.now += 61
    await verifier.verify(token)
    assert source.lookups == 2


async def test_a_forged_token_is_rejected_every_time(keys: TestKeys) -> None:
    verifier, _ = _verifier(keys, Clock())
    token = keys.token("u1")
    await verifier.verify(token)
    for _ in range(2):
        with pytest.raises(Unauthenticated):
            await verifier.verify(_tampered(token))


async def test_an_expired_token_is_rejected_every_time(keys: TestKeys) -> None:
    verifier, source = _verifier(keys, Clock())
    token = keys.token("u1", ttl=-120)
    for _ in range(2):
        with pytest.raises(Unauthenticated):
            await verifier.verify(token)
    assert source.lookups == 2
