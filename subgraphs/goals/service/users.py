"""What the goals subgraph keeps about users from other subgraphs' events, and erasure."""

from __future__ import annotations

from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession

from common.livesync import ChangeFeed
from subgraphs.goals.repository.calendar import ActivityRepository, FeedRepository
from subgraphs.goals.repository.coach import CoachActionRepository
from subgraphs.goals.repository.focus import FocusRepository
from subgraphs.goals.repository.goals import GoalRepository, TemplateRepository
from subgraphs.goals.repository.habits import CheckInRepository, HabitRepository
from subgraphs.goals.repository.journal import JournalRepository, MoodRepository
from subgraphs.goals.repository.projections import (
    ErasedRepository,
    FollowRepository,
    ProfileRepository,
)
from subgraphs.goals.repository.reminders import ReminderRepository
from subgraphs.goals.repository.tasks import ProjectRepository, TodoTaskRepository
from subgraphs.goals.repository.trackers import TrackerRepository
from subgraphs.goals.repository.trash import TrashRepository
from subgraphs.goals.repository.vacations import VacationRepository


class UserDataService:
    def __init__(
        self,
        *,
        profiles: ProfileRepository,
        follows: FollowRepository,
        erased: ErasedRepository,
        goals: GoalRepository,
        templates: TemplateRepository,
        habits: HabitRepository,
        check_ins: CheckInRepository,
        focus: FocusRepository,
        activities: ActivityRepository,
        feeds: FeedRepository,
        reminders: ReminderRepository,
        trackers: TrackerRepository,
        projects: ProjectRepository,
        todo_tasks: TodoTaskRepository,
        coach_actions: CoachActionRepository,
        journal: JournalRepository,
        moods: MoodRepository,
        vacations: VacationRepository,
        trash: TrashRepository,
        changes: ChangeFeed,
    ) -> None:
        self._changes = changes
        self._profiles = profiles
        self._follows = follows
        self._erased = erased
        self._owned = (
            goals,
            templates,
            habits,
            check_ins,
            focus,
            activities,
            feeds,
            reminders,
            trackers,
            projects,
            todo_tasks,
            coach_actions,
            journal,
            moods,
            vacations,
            # What the user deleted is theirs too: erasure leaves nothing to restore.
            trash,
        )

    # Each runs inside the consumer's transaction (`session`), with the processed-event
    # record: applied exactly once, and an erasure never half done.

    async def record_profile(
        self,
        user_id: str,
        *,
        timezone: str,
        life_areas: dict[str, int] | None,
        as_of: datetime,
        session: AsyncClientSession,
    ) -> None:
        if await self._erased.is_erased(user_id, session=session):
            return
        await self._profiles.record(
            user_id, timezone=timezone, life_areas=life_areas, as_of=as_of, session=session
        )

    async def record_follow(
        self,
        follower_id: str,
        followee_id: str,
        *,
        active: bool,
        as_of: datetime,
        session: AsyncClientSession,
    ) -> None:
        for user_id in (follower_id, followee_id):
            if await self._erased.is_erased(user_id, session=session):
                return
        await self._follows.record(
            follower_id, followee_id, active=active, as_of=as_of, session=session
        )

    async def erase(self, user_id: str, *, session: AsyncClientSession) -> None:
        """Remove everything the user owns here; safe to repeat."""
        # The tombstone makes events arriving after the erasure leave no trace.
        await self._erased.mark(user_id, session=session)
        for repository in self._owned:
            await repository.delete_owner(user_id, session=session)
        await self._profiles.delete_owner(user_id, session=session)
        await self._follows.delete_user(user_id, session=session)
        await self._changes.erase(user_id, session=session)
