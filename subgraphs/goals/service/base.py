"""What every goals service shares: a clock, units of work with their events, patch sentinels."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Final, TypeVar

from pymongo.asynchronous.client_session import AsyncClientSession

from common import validation
from common.events import Event, OutboxPublisher, OutboxTransaction
from common.livesync import ChangeFeed
from subgraphs.goals.domain import limits

Clock = Callable[[], datetime]
T = TypeVar("T")
Work = Callable[[OutboxTransaction], Awaitable[T]]


def system_clock() -> datetime:
    return datetime.now(UTC)


class _Unset:
    """Marks a patch field the client did not send (distinct from an explicit null)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset()


class Entity(StrEnum):
    """What live sync follows (`changed`): each has its own subscription."""

    GOAL = "goal"
    TASK = "task"
    HABIT = "habit"
    ACTIVITY = "activity"


_ENTITY_OF_EVENT: Final = {
    "goals.goal.created": Entity.GOAL,
    "goals.goal.updated": Entity.GOAL,
    "goals.goal.completed": Entity.GOAL,
    "goals.goal.reopened": Entity.GOAL,
    "goals.goal.deleted": Entity.GOAL,
    "goals.goal.restored": Entity.GOAL,
    "goals.todo_task.changed": Entity.TASK,
    "goals.task.moved": Entity.TASK,
    "goals.habit.changed": Entity.HABIT,
    "goals.habit.checked_in": Entity.HABIT,
    "goals.habit.check_in_undone": Entity.HABIT,
    "goals.habit.rules_changed": Entity.HABIT,
    "goals.activity.scheduled": Entity.ACTIVITY,
}
# Each entity's id field in its events' payloads.
_ID_FIELD: Final = {
    Entity.GOAL: "goal_id",
    Entity.TASK: "task_id",
    Entity.HABIT: "habit_id",
    Entity.ACTIVITY: "activity_id",
}


@dataclass(frozen=True, slots=True)
class LiveChange:
    owner_id: str
    entity: Entity
    object_id: str
    deleted: bool


def live_change(event: Event) -> LiveChange | None:
    """The object an event of ours is about, and whether it is gone; None for the rest
    (a goal's task ticked off is told as the goal's update too)."""
    entity = _ENTITY_OF_EVENT.get(event.type)
    if entity is None:
        return None
    return LiveChange(
        owner_id=str(event.data["owner_id"]),
        entity=entity,
        object_id=str(event.data[_ID_FIELD[entity]]),
        deleted=event.type == "goals.goal.deleted" or bool(event.data.get("deleted", False)),
    )


@dataclass
class Deps:
    publisher: OutboxPublisher
    changes: ChangeFeed
    clock: Clock = system_clock

    async def publish(self, tx: OutboxTransaction, *events: Event) -> None:
        """Publish `events` in `tx`; each about a goal, task, habit or activity also marks
        that object for live sync, so devices follow the facts other subgraphs are told."""
        for event in events:
            await tx.publish(event)
            change = live_change(event)
            if change is not None:
                await self.changed(
                    tx, change.owner_id, change.entity, change.object_id, deleted=change.deleted
                )

    async def publish_all(self, tx: OutboxTransaction, events: Iterable[Event]) -> None:
        await self.publish(tx, *events)

    async def changed(
        self,
        tx: OutboxTransaction,
        owner_id: str,
        entity: Entity,
        object_id: str,
        *,
        deleted: bool = False,
    ) -> None:
        """Mark, in `tx`, that an owner's object changed: their devices follow it live.

        Once per object and transaction (a new habit publishes two events): a device
        reads the object once its transaction committed, so one mark shows it all.
        """
        if tx.first_time(("live", owner_id, entity, object_id, deleted)):
            await self.changes.mark(tx, owner_id, entity, object_id, deleted=deleted)

    async def atomically(self, work: Work[T], tx: OutboxTransaction | None = None) -> T:
        """Run `work` in `tx`, or in a transaction of its own (re-run on write conflicts).

        Everything a write changes and the events it publishes commit together:
        a process dying half-way leaves nothing half-written and nothing unsent.
        `work` must do its reads through `tx.session` too, so a re-run starts afresh.
        """
        if tx is not None:
            return await work(tx)
        return await self.publisher.run_in_transaction(work)

    def joining(self, session: AsyncClientSession) -> OutboxTransaction:
        """A unit of work inside a transaction someone else opened (a consumer's)."""
        return OutboxTransaction(self.publisher, session)


def require_text(value: str, *, field: str, max_length: int = limits.TITLE_CHARS) -> str:
    return validation.text(value, field=field, max_chars=max_length, required=True)


def description(value: str, *, field: str = "description") -> str:
    return validation.text(value, field=field, max_chars=limits.DESCRIPTION_CHARS)
