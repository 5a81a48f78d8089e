"""Password policy and argon2id parameters."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from common.errors import BadUserInput
from subgraphs.users.domain.passwords import Passwords, check_policy, common_passwords


def test_the_common_list_is_shipped_and_compact() -> None:
    listed = common_passwords()
    assert 2_000 < len(listed) < 20_000
    assert {"password", "1234567890", "qwertyuiop"} <= listed


@pytest.mark.parametrize("password", ["short", "1234567890", "QwertyUiop", "Password123"])
def test_short_or_common_passwords_are_refused(password: str) -> None:
    with pytest.raises(BadUserInput) as raised:
        check_policy(password, field="newPassword")
    assert raised.value.field == "newPassword"


def test_a_long_uncommon_password_passes() -> None:
    check_policy("violet-harbour-lantern-42")


async def test_hashes_made_with_old_parameters_need_a_rehash() -> None:
    old = Passwords(PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1))
    current = Passwords()
    stored = await old.hash("violet-harbour-lantern-42")
    assert await current.verify(stored, "violet-harbour-lantern-42")
    assert not await current.verify(stored, "violet-harbour-lantern-43")
    assert current.needs_rehash(stored)
    assert not current.needs_rehash(await current.hash("violet-harbour-lantern-42"))
    assert stored.startswith("$argon2id$")
