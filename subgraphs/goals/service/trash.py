"""The trash's use cases: list, restore, delete for good, empty, purge what expired.

A row past `purge_at` is gone for every reader at once (each read filters on the clock);
the purge loop only reclaims its space.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Final

from common.errors import Conflict, NotFound
from common.events import OutboxTransaction, after_commit
from common.repository import Page, PageRequest
from subgraphs.goals.domain.enums import TrashKind
from subgraphs.goals.models import TrashDoc
from subgraphs.goals.repository.trash import TrashRepository
from subgraphs.goals.service.base import Deps
from subgraphs.goals.service.goals import GoalService
from subgraphs.goals.service.habits import HabitService
from subgraphs.goals.service.journal import JournalService
from subgraphs.goals.service.reminders import ReminderService
from subgraphs.goals.service.tasks import TodoTaskService

log = logging.getLogger(__name__)
PURGE_EVERY_SECONDS: Final = 3600.0


class TrashService:
    def __init__(
        self,
        deps: Deps,
        rows: TrashRepository,
        *,
        goals: GoalService,
        todo_tasks: TodoTaskService,
        habits: HabitService,
        journal: JournalService,
        reminders: ReminderService,
    ) -> None:
        self._deps = deps
        self._rows = rows
        self._goals = goals
        self._todo_tasks = todo_tasks
        self._habits = habits
        self._journal = journal
        self._reminders = reminders

    async def page(self, owner_id: str, request: PageRequest) -> Page[TrashDoc]:
        return await self._rows.live_page(owner_id, self._deps.clock(), request)

    async def _row(self, tx: OutboxTransaction, owner_id: str, item_id: str) -> TrashDoc:
        now = self._deps.clock()
        row = await self._rows.live_item(owner_id, item_id, now, session=tx.session)
        if row is not None:
            return row
        holder = await self._rows.holding_goal(owner_id, item_id, now, session=tx.session)
        if holder is not None:
            # A sub-goal went with its parent's sub-tree: only the whole comes back.
            raise Conflict(
                f"It is in the trash with the goal {holder.title!r}: restore or delete that.",
                field="id",
            )
        # Someone else's item answers as a missing (or expired) one: ids do not leak.
        raise NotFound("Nothing with that id is in your trash.", field="id")

    async def restore(self, owner_id: str, item_id: str) -> TrashDoc:
        """The item and what its deletion removed, back in one transaction with its events."""

        async def work(tx: OutboxTransaction) -> TrashDoc:
            row = await self._row(tx, owner_id, item_id)
            match row.kind:
                case TrashKind.GOAL:
                    await self._goals.restore_trashed(tx, row)
                case TrashKind.TODO_TASK | TrashKind.PROJECT:
                    await self._todo_tasks.restore_trashed(tx, row)
                case TrashKind.HABIT:
                    await self._habits.restore_trashed(tx, row)
                case TrashKind.JOURNAL_ENTRY:
                    await self._journal.restore_trashed(tx, row)
            # Restored reminders may fall due before the dispatcher's next planned pass.
            await after_commit(self._wake_reminders)
            return row

        return await self._deps.atomically(work)

    async def _wake_reminders(self) -> None:
        self._reminders.wake.set()

    async def delete_forever(self, owner_id: str, item_id: str) -> str:
        async def work(tx: OutboxTransaction) -> str:
            await self._rows.delete(await self._row(tx, owner_id, item_id), session=tx.session)
            return item_id

        return await self._deps.atomically(work)

    async def empty(self, owner_id: str) -> int:
        return await self._rows.delete_owner(owner_id)

    async def purge_expired(self) -> int:
        return await self._rows.delete_expired(self._deps.clock())

    async def run(self) -> None:
        """The background loop (supervised by the runtime): reclaim expired rows."""
        while True:
            purged = await self.purge_expired()
            if purged:
                log.info("trash purged %d expired rows", purged)
            await asyncio.sleep(PURGE_EVERY_SECONDS)
