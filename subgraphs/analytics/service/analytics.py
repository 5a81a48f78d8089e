"""Analytics domain logic: consume events, answer stats, balance, reports, insights, export."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any, Protocol

from beanie import init_beanie
from pymongo.asynchronous.client_session import AsyncClientSession

from common.db import Database
from common.errors import BadUserInput, Conflict
from common.events import Event, RetryLater, after_commit
from common.events.catalog import AchievementUnlocked, Payload
from common.export.keys import part_ready_type
from common.livesync import ChangeFeed
from common.streaks import Kindness, Schedule, ScheduleKind, compute_streaks
from common.validation import day_in_range, zone_or_utc
from common.vocabulary import LIFE_AREAS
from subgraphs.analytics.domain.badges import WITHDRAWING, triggered_by
from subgraphs.analytics.domain.balance import activity_score, area_score
from subgraphs.analytics.domain.calendar import (
    local_day,
    local_midnight,
    week_bounds,
    week_start,
)
from subgraphs.analytics.domain.mood import (
    MAX_WINDOW_DAYS,
    MIN_SAMPLE_DAYS,
    compare,
    daily_moods,
)
from subgraphs.analytics.models import MODELS, Achievement, Fact, FactKind, GoalView, HabitView
from subgraphs.analytics.repository.base import Session, as_stored, in_transaction
from subgraphs.analytics.service.badges import unlocked_at
from subgraphs.analytics.service.projector import concerned_users, new_repos, parse, project
from subgraphs.analytics.service.results import (
    AreaBalance,
    ChartPoint,
    GoalInsights,
    HabitMood,
    MoodCorrelations,
    UserStats,
    WeeklyReport,
)

log = logging.getLogger(__name__)

BALANCE_WINDOW = timedelta(days=30)
# Live sync's one entity here: a user's statistics, named by the user's id.
STATS = "stats"
# A rebuild renews its lock at least every quarter of this; a lock not renewed
# for this long belongs to a rebuild that died and the next one may take it over.
REBUILD_LEASE = timedelta(seconds=60)
Clock = Callable[[], datetime]


class Outbox(Protocol):
    """Where achievements are announced: `runtime.publisher`, inside the consumer's transaction."""

    async def publish(self, event: Event, *, session: AsyncClientSession | None = None) -> None: ...

    @property
    def woken(self) -> asyncio.Event: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


class AnalyticsService:
    def __init__(
        self, publisher: Outbox | None, *, clock: Clock = utc_now, changes: ChangeFeed | None = None
    ) -> None:
        self._publisher = publisher
        self._clock = clock
        # Who follows their statistics live (`statsChanged`); None for a rebuild alone.
        self._changes = changes
        self.repos = new_repos()

    # -- consuming ---------------------------------------------------------

    async def handle(self, event: Event, session: AsyncClientSession | None) -> None:
        """The transactional consumer: log, project, award and announce, all in `session`.

        The kit inserted the processed id in the same transaction, so a
        redelivery aborts before any of this and nothing is applied twice.
        """
        # Read inside the transaction: see docs/analytics.md (Rebuild) for why
        # this read is enough to keep consumers and a rebuild apart.
        if event.type == part_ready_type("goals"):
            # `goals.#` also routes goals' data-export bookkeeping here: not activity.
            return
        if await self.repos.rebuild_locks.held(session=session):
            raise RetryLater("analytics projections are being rebuilt")
        payload = parse(event)
        concerned = concerned_users(payload)
        await self.repos.events.record(event, concerned, session=session)
        await self.apply(event, payload, session=session, publish=True)
        if self._changes is not None and session is not None:
            await self._follow_live(event, concerned, session)

    async def _follow_live(
        self, event: Event, concerned: list[str], session: AsyncClientSession
    ) -> None:
        """Tell the concerned users' devices their statistics may have moved, in the
        event's transaction (an erased user's feed goes with them)."""
        assert self._changes is not None
        for user_id in concerned:
            if event.type == "users.user.deleted":
                await self._changes.erase(user_id, session=session)
            else:
                await self._changes.mark(session, user_id, STATS, user_id)

    async def apply(
        self, event: Event, payload: Payload | None, *, session: Session, publish: bool
    ) -> None:
        await project(event, payload, self.repos, session=session)
        subject = _badge_subject(payload)
        badges = triggered_by(event.type)
        if subject is None or not badges:
            return
        await self.repos.badge_checks.bump(subject, session=session)
        achievements = self.repos.achievements
        for badge in badges:
            if event.type in WITHDRAWING:
                # A fact went: the badge may now be earned later, or not at all.
                at = await unlocked_at(badge, self.repos.facts, subject, session)
                await achievements.settle(subject, badge.id, at, session=session)
                continue
            current = await achievements.unlocked_at(subject, badge.id, session=session)
            if current is not None and as_stored(event.time) >= current:
                continue  # an event no earlier than the unlock cannot move it
            at = await unlocked_at(badge, self.repos.facts, subject, session)
            if at is None:
                continue
            created = await achievements.award(subject, badge.id, badge.title, at, session=session)
            if created and publish and self._publisher is not None:
                await self._announce(subject, badge.id, badge.title, session)

    async def _announce(self, user_id: str, badge: str, title: str, session: Session) -> None:
        assert self._publisher is not None
        unlocked = AchievementUnlocked(user_id=user_id, badge=badge, title=title)
        event = Event.of("analytics.achievement.unlocked", user_id=user_id, data=unlocked)
        # The outbox row commits with the badge: announced exactly when awarded.
        await self._publisher.publish(event, session=session)
        woken = self._publisher.woken

        async def wake_relay() -> None:
            woken.set()

        await after_commit(wake_relay)

    async def rebuild(self) -> int:
        """Drop every projection and replay the event log in order; returns events replayed.

        Holds the rebuild lock throughout: consumers defer their events until it
        is released (docs/analytics.md). Raises Conflict while another rebuild runs.
        """
        locks = self.repos.rebuild_locks
        holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        if not await locks.acquire(holder, now=datetime.now(UTC), stale_after=REBUILD_LEASE):
            current = await locks.current()
            since = current.started_at.isoformat() if current else "just now"
            raise Conflict(f"Another analytics rebuild is running (since {since}).")
        await self.repos.projections.clear()
        replayed = 0
        renewed = time.monotonic()
        async for row in self.repos.events.replay():
            event = Event(
                id=row.event_id,
                type=row.type,
                source=row.source,
                time=row.time,
                version=row.version,
                data=row.data,
            )
            await in_transaction(partial(self._replay_one, event))
            replayed += 1
            if time.monotonic() - renewed > REBUILD_LEASE.total_seconds() / 4:
                if not await locks.renew(holder, now=datetime.now(UTC)):
                    raise Conflict("Another rebuild took over the lock; this one stopped.")
                renewed = time.monotonic()
        # Released only on success: after a failure the projections are half
        # built, consumers keep waiting, and the next rebuild takes the lock over.
        await locks.release(holder)
        return replayed

    async def _replay_one(self, event: Event, session: AsyncClientSession) -> None:
        await self.apply(event, parse(event), session=session, publish=False)

    # -- reading -----------------------------------------------------------

    async def timezone(self, user_id: str) -> str:
        profile = await self.repos.profiles.find(user_id)
        return profile.timezone if profile else "UTC"

    async def stats(self, user_id: str) -> UserStats:
        current, longest = await self.streaks(user_id)
        return UserStats(
            goals_completed=await self.goals_with_status(user_id, "completed"),
            goals_active=await self.goals_with_status(user_id, "active"),
            current_streak=current,
            longest_streak=longest,
            focus_minutes_this_week=await self.focus_minutes_this_week(user_id),
            posts=await self.repos.facts.count(user_id, "post"),
            likes_received=await self.repos.facts.count(user_id, "like"),
        )

    # One read per statistic, so a screen asking for one count pays for one count.

    async def goals_with_status(self, user_id: str, status: str) -> int:
        return await self.repos.goals.count_with_status(user_id, status)

    async def fact_count(self, user_id: str, kind: FactKind) -> int:
        return await self.repos.facts.count(user_id, kind)

    async def streaks(self, user_id: str) -> tuple[int, int]:
        """(best running streak, longest streak ever) over the user's habits.

        The habits' own rule (common/streaks.py), on the standing check-in facts, each
        habit's schedule and kindness and the user's vacations, today in their zone: the
        numbers goals shows on each habit.
        """
        tz = zone_or_utc(await self.timezone(user_id))
        today = local_day(self._clock(), tz)
        habits = await self.repos.habits.for_owner(user_id)
        checked: dict[str, list[date]] = defaultdict(list)
        for key, _ in await self.repos.facts.keys_and_times(user_id, "checkin"):
            _, habit_id, day = key.split(":", 2)
            checked[habit_id].append(date.fromisoformat(day))
        vacations = tuple(
            (
                date.fromisoformat(str(s["start"])),
                date.fromisoformat(s["end"]) if s["end"] else None,
            )
            for s in await self.repos.vacations.spans(user_id)
        )
        found = [
            compute_streaks(checked[h.habit_id], _schedule(h), today, _kindness(h, vacations))
            for h in habits
        ]
        return (
            max((s.current for s in found), default=0),
            max((s.longest for s in found), default=0),
        )

    async def focus_minutes_this_week(self, user_id: str) -> float:
        tz = zone_or_utc(await self.timezone(user_id))
        start, end = week_bounds(week_start(self._clock(), tz), tz)
        return await self.repos.facts.total(user_id, "focus", start=start, end=end)

    async def life_balance(self, user_id: str) -> list[AreaBalance]:
        """Per area: half the user's own rating, half their activity over the last 30 days.

        activity = min(100, 25 x goals completed + 0.25 x mean progress of active goals
                   + 4 x tracker entries + focus minutes on the area's goals / 10).
        Without a rating the score is the activity alone. See docs/analytics.md.
        """
        now = self._clock()
        since = now - BALANCE_WINDOW
        profile = await self.repos.profiles.find(user_id)
        ratings = profile.ratings if profile else {}
        goals = await self.repos.goals.for_owner(user_id)
        area_of = {g.goal_id: g.area for g in goals}
        facts = await self.repos.facts.for_user(user_id, start=since)
        balances = []
        for area in LIFE_AREAS:
            in_area = [g for g in goals if g.area == area]
            completed = sum(
                1
                for g in in_area
                if g.status == "completed" and g.completed_at and g.completed_at >= since
            )
            active = [g.progress for g in in_area if g.status == "active"]
            mean_progress = sum(active) / len(active) if active else 0.0
            trackers = sum(1 for f in facts if f.kind == "tracker" and f.area == area)
            focus = sum(
                f.value
                for f in facts
                if f.kind == "focus" and f.goal_id and area_of.get(f.goal_id) == area
            )
            activity = activity_score(
                completed=completed,
                mean_progress=mean_progress,
                tracker_entries=trackers,
                focus_minutes=focus,
            )
            rating = ratings.get(area)
            score = area_score(rating, activity)
            balances.append(AreaBalance(area, rating, activity, score))
        return balances

    async def weekly_report(self, user_id: str, week_of: date | None = None) -> WeeklyReport:
        if week_of is not None:
            # Far-off weeks would leave what `datetime` holds once shifted by a zone.
            day_in_range(week_of, field="weekOf")
        tz_name = await self.timezone(user_id)
        tz = zone_or_utc(tz_name)
        monday = week_start(self._clock() if week_of is None else local_midnight(week_of, tz), tz)
        start, end = week_bounds(monday, tz)
        counts: dict[str, int] = defaultdict(int)
        focus = 0.0
        for fact in await self.repos.facts.for_user(user_id, start=start, end=end):
            counts[fact.kind] += 1
            if fact.kind == "focus":
                focus += fact.value
        return WeeklyReport(
            week_start=monday,
            starts_at=start,
            ends_at=end,
            timezone=tz_name,
            goals_completed=await self.repos.goals.count_completed_between(user_id, start, end),
            tasks_completed=counts["task"],
            habit_check_ins=counts["checkin"],
            focus_minutes=focus,
            tracker_entries=counts["tracker"],
            posts=counts["post"],
            likes_received=counts["like"],
            comments_written=counts["comment"],
            messages_sent=counts["message"],
        )

    async def mood_correlations(self, user_id: str, days: int) -> MoodCorrelations:
        """Mean mood on days with each habit checked in (and with focus) versus without.

        Over the last `days` local days; a habit is compared from its first check-in on
        (before it, not checking in says nothing). See `domain/mood.py` for the sample rule.
        """
        if not 1 <= days <= MAX_WINDOW_DAYS:
            raise BadUserInput(f"`days` is 1 to {MAX_WINDOW_DAYS}.", field="days")
        tz = zone_or_utc(await self.timezone(user_id))
        since = local_day(self._clock(), tz) - timedelta(days=days - 1)
        moods = daily_moods(await self.repos.facts.moods_since(user_id, since.isoformat()))
        checked: dict[str, set[str]] = defaultdict(set)
        for key, _ in await self.repos.facts.keys_and_times(user_id, "checkin"):
            _, habit_id, day = key.split(":", 2)
            checked[habit_id].add(day)
        focus_facts = await self.repos.facts.keys_and_times(
            user_id, "focus", start=local_midnight(since, tz)
        )
        focus_days = {local_day(at, tz).isoformat() for _, at in focus_facts}
        habits = [
            HabitMood(habit_id, compare(moods, days_in, since=min(days_in)))
            for habit_id, days_in in sorted(checked.items())
        ]
        return MoodCorrelations(
            days=days,
            since=since,
            min_sample=MIN_SAMPLE_DAYS,
            mood_days=len(moods),
            habits=habits,
            focus=compare(moods, focus_days),
        )

    async def goals(self, goal_ids: list[str]) -> dict[str, GoalView]:
        return await self.repos.goals.by_goal_ids(goal_ids)

    async def goal_insights(self, goal: GoalView) -> GoalInsights:
        tz = zone_or_utc(await self.timezone(goal.owner_id))
        facts = await self.repos.facts.for_goals([goal.goal_id])
        return GoalInsights(
            goal_id=goal.goal_id,
            owner_id=goal.owner_id,
            progress=[ChartPoint(f.at, f.value) for f in facts if f.kind == "progress"],
            focus_minutes_per_day=_per_local_day(facts, "focus", tz, use_value=True),
            tasks_completed_per_day=_per_local_day(facts, "task", tz, use_value=False),
            total_focus_minutes=sum(f.value for f in facts if f.kind == "focus"),
        )

    async def achievements(self, user_ids: list[str]) -> dict[str, list[Achievement]]:
        return await self.repos.achievements.for_users(user_ids)

    async def export(self, user_id: str) -> dict[str, Any]:
        """Everything analytics holds about one user, as plain JSON."""
        profile = await self.repos.profiles.find(user_id)
        goals = await self.repos.goals.for_owner(user_id)
        achievements = (await self.achievements([user_id])).get(user_id, [])
        events = await self.repos.events.for_user(user_id)
        exported: dict[str, Any] = _jsonable(
            {
                "userId": user_id,
                "generatedAt": self._clock(),
                "profile": profile.model_dump(exclude={"id"}) if profile else None,
                "stats": asdict(await self.stats(user_id)),
                "lifeBalance": [asdict(b) for b in await self.life_balance(user_id)],
                "weeklyReport": asdict(await self.weekly_report(user_id)),
                "achievements": [a.model_dump(exclude={"id"}) for a in achievements],
                "goals": [g.model_dump(exclude={"id"}) for g in goals],
                "facts": [
                    f.model_dump(exclude={"id"}) for f in await self.repos.facts.for_user(user_id)
                ],
                "events": [e.model_dump(exclude={"id"}) for e in events],
            }
        )
        return exported


def _schedule(habit: HabitView) -> Schedule:
    kind = ScheduleKind(habit.schedule)
    return Schedule(kind, frozenset(habit.weekdays), habit.times_per_week)


def _kindness(habit: HabitView, vacations: tuple[tuple[date, date | None], ...]) -> Kindness:
    return Kindness(
        skipped=frozenset(date.fromisoformat(d) for d in habit.skipped_days),
        frozen=frozenset(date.fromisoformat(d) for d in habit.frozen_days),
        vacations=vacations,
    )


def _badge_subject(payload: Payload | None) -> str | None:
    for field in ("commenter_id", "owner_id"):
        value = getattr(payload, field, None)
        if isinstance(value, str):
            return value
    return None


def _per_local_day(facts: list[Fact], kind: str, tz: Any, *, use_value: bool) -> list[ChartPoint]:
    days: dict[date, float] = defaultdict(float)
    for fact in facts:
        if fact.kind == kind:
            days[local_day(fact.at, tz)] += fact.value if use_value else 1
    return [ChartPoint(local_midnight(day, tz), days[day]) for day in sorted(days)]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


async def rebuild_projections(database: Database) -> int:
    """Rebuild every projection from the event log in `database`; returns events replayed."""
    await init_beanie(database=database, document_models=MODELS)
    return await AnalyticsService(publisher=None).rebuild()
