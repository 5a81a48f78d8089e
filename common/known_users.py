"""Other users a request names must be accounts the subgraph knows, or nothing is stored.

Every subgraph keeps its own projection of users from the users subgraph's
`users.user.registered/updated/deleted` events, and checks named ids against it:
a made-up id (`"zzz"`, `"$gt"`) or a deleted account is `NOT_FOUND`. The caller
is never checked this way: their verified token proves the account, even
before its registration event arrived.

The price of that rule: a user registered a moment ago, whose event has not
reached this subgraph yet, cannot be named by others for that moment (they get
`NOT_FOUND` and can retry). Believing any well-formed id instead is what let
made-up ids create conversations and follows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from common.errors import NotFound


def require_known(named: Iterable[str], known: Collection[str], *, field: str) -> None:
    """Raise `NOT_FOUND` (naming `field`) unless every id in `named` is in `known`.

    Example::

        found = await profiles.existing(member_ids)  # live accounts this subgraph knows
        require_known(member_ids, found, field="memberIds")
    """
    missing = [user_id for user_id in named if user_id not in known]
    if missing:
        noun = "user" if len(missing) == 1 else "users"
        raise NotFound(f"No such {noun}.", field=field)
