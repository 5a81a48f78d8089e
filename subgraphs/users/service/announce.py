"""Announcing every account again, so the other subgraphs' copies of profiles catch up.

Chat, community, notifications and analytics keep what they show of a member
from users' events. After an upgrade that adds such a copy, or a restore from an
older backup, `lifegraph users announce-profiles` re-publishes each account's
`users.user.updated`. Consumers apply an event only if it is newer than what
they hold, so running it again changes nothing but time.
"""

from __future__ import annotations

from beanie import PydanticObjectId

from common.events import OutboxPublisher
from subgraphs.users import events
from subgraphs.users.repository.users import UserRepository


async def announce_profiles(publisher: OutboxPublisher, *, batch: int = 500) -> int:
    """Publish `users.user.updated` for every account through the outbox; how many.

    The running users subgraph's relay delivers them (later, if it is stopped).
    Needs beanie initialised on the users database.
    """
    users = UserRepository()
    announced = 0
    after: PydanticObjectId | None = None
    while True:
        page = await users.batch_after(after, batch)
        for user in page:
            await publisher.publish(events.updated(user))
        announced += len(page)
        if len(page) < batch:
            return announced
        after = page[-1].id
