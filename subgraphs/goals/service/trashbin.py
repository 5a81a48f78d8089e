"""Putting deleted documents in the trash, and taking them out again, inside a unit of work.

Every deleting service holds a `TrashBin`; what each item brings back (events, roll-ups)
stays with its own service. The listing, restore and purge use cases are `service/trash.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from beanie import Document
from pymongo.errors import DuplicateKeyError

from common.errors import BadUserInput, Conflict
from common.events import OutboxTransaction
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import ReminderStatus, TrashKind
from subgraphs.goals.models import ReminderDoc, TrashDoc, TrashedDocument
from subgraphs.goals.repository._raw import Session
from subgraphs.goals.repository.trash import RawDoc, TrashRepository, by_collection, collection_name
from subgraphs.goals.service.base import Deps

TRASH_TIME = timedelta(days=limits.TRASH_DAYS)


class TrashBin:
    def __init__(self, deps: Deps, rows: TrashRepository) -> None:
        self._deps = deps
        self._rows = rows

    async def capture(
        self, model: type[Document], query: Mapping[str, Any], *, session: Session
    ) -> list[TrashedDocument]:
        """Copies of what `query` matches, taken before the deletion removes them."""
        return await self._rows.snapshot(model, query, session=session)

    async def put(
        self,
        tx: OutboxTransaction,
        *,
        owner_id: str,
        kind: TrashKind,
        item_id: str,
        title: str,
        documents: Iterable[TrashedDocument],
        goal_ids: Iterable[str] = (),
        unlinked_tasks: Mapping[str, str] | None = None,
    ) -> None:
        documents = list(documents)
        if sum(len(d.bson) for d in documents) > limits.TRASH_ROW_BYTES:
            # Refused whole rather than half kept: the user can delete its parts first.
            raise BadUserInput("Too large for the trash: delete its parts first.", field="id")
        now = self._deps.clock()
        row = TrashDoc(
            owner_id=owner_id,
            kind=kind,
            item_id=item_id,
            title=title,
            deleted_at=now,
            purge_at=now + TRASH_TIME,
            documents=documents,
            goal_ids=list(goal_ids),
            unlinked_tasks=dict(unlinked_tasks or {}),
        )
        await self._rows.insert(row, session=tx.session)

    def contents(self, row: TrashDoc) -> dict[str, list[RawDoc]]:
        """The row's documents by collection, decoded; callers adjust them before `write_back`."""
        return by_collection(row)

    async def write_back(
        self, tx: OutboxTransaction, row: TrashDoc, contents: Mapping[str, list[RawDoc]]
    ) -> None:
        """Re-insert `contents` and drop the row, in `tx`.

        A reminder whose time passed while it lay in the trash stays out: firing it now,
        late, would tell the user about something they had put away.
        """
        reminders = collection_name(ReminderDoc)
        fresh = {
            name: [r for r in rows if name != reminders or not _stale(r, self._deps.clock())]
            for name, rows in contents.items()
        }
        try:
            await self._rows.write_back(fresh, session=tx.session)
        except DuplicateKeyError as error:
            # Ids never repeat; a unique day (a journal entry) is checked by its service first.
            raise Conflict("Something restored would replace what exists now.") from error
        await self._rows.delete(row, session=tx.session)

    async def holding_goal(self, owner_id: str, goal_id: str, *, session: Session) -> bool:
        found = await self._rows.holding_goal(
            owner_id, goal_id, self._deps.clock(), session=session
        )
        return found is not None


def _stale(reminder: RawDoc, now: datetime) -> bool:
    fire_at = reminder.get("fire_at")
    return (
        reminder.get("status") == ReminderStatus.PENDING.value
        and isinstance(fire_at, datetime)
        and fire_at <= now
    )
