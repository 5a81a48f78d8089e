"""User.stats, User.lifeBalance, User.achievements and User.weeklyReport."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from common.graphql.loaders import batch_loader
from subgraphs.analytics.domain.mood import Comparison
from subgraphs.analytics.schema.achievements import Achievement, to_achievement
from subgraphs.analytics.schema.context import Info, require_owner


@strawberry.type(description="Counts that summarise a user's activity.")
class UserStats:
    # Each count is read only when asked for: the home screen wants one of seven.
    user_id: strawberry.Private[str]

    @strawberry.field(description="Goals currently completed.")
    async def goals_completed(self, info: Info) -> int:
        return await info.context.services.analytics.goals_with_status(self.user_id, "completed")

    @strawberry.field(description="Goals currently active.")
    async def goals_active(self, info: Info) -> int:
        return await info.context.services.analytics.goals_with_status(self.user_id, "active")

    @strawberry.field(
        description="Best running habit streak in days (alive if checked in today or yesterday)."
    )
    async def current_streak(self, info: Info) -> int:
        return (await info.context.services.analytics.streaks(self.user_id))[0]

    @strawberry.field(description="Longest habit streak ever, in days.")
    async def longest_streak(self, info: Info) -> int:
        return (await info.context.services.analytics.streaks(self.user_id))[1]

    @strawberry.field(description="Focus minutes since Monday 00:00 in the user's timezone.")
    async def focus_minutes_this_week(self, info: Info) -> float:
        return await info.context.services.analytics.focus_minutes_this_week(self.user_id)

    @strawberry.field(description="Posts written.")
    async def posts(self, info: Info) -> int:
        return await info.context.services.analytics.fact_count(self.user_id, "post")

    @strawberry.field(description="Likes received from other users.")
    async def likes_received(self, info: Info) -> int:
        return await info.context.services.analytics.fact_count(self.user_id, "like")


@strawberry.type(description="How one life area is going: the user's rating and their activity.")
class LifeAreaBalance:
    area: str = strawberry.field(
        description="health, finance, family, career, learning or creativity."
    )
    rating: int | None = strawberry.field(
        description="The user's own rating 0-100, null if never rated."
    )
    activity: int = strawberry.field(description="Activity score 0-100 over the last 30 days.")
    score: int = strawberry.field(description="Combined score 0-100 (see docs/analytics.md).")


@strawberry.type(description="Scores for every life area and their mean.")
class LifeBalance:
    areas: list[LifeAreaBalance] = strawberry.field(description="One entry per life area.")
    overall: int = strawberry.field(description="Mean of the area scores.")


@strawberry.type(description="One week (Monday to Monday in the user's timezone) in numbers.")
class WeeklyReport:
    week_start: dt.date = strawberry.field(description="The local Monday the week starts on.")
    starts_at: dt.datetime = strawberry.field(description="Start of the week as an instant.")
    ends_at: dt.datetime = strawberry.field(description="End of the week (exclusive).")
    timezone: str = strawberry.field(description="IANA timezone the week was cut in.")
    goals_completed: int = strawberry.field(description="Goals completed in the week.")
    tasks_completed: int = strawberry.field(description="Tasks completed in the week.")
    habit_check_ins: int = strawberry.field(description="Habit check-ins in the week.")
    focus_minutes: float = strawberry.field(description="Focus minutes in the week.")
    tracker_entries: int = strawberry.field(description="Tracker entries logged in the week.")
    posts: int = strawberry.field(description="Posts written in the week.")
    likes_received: int = strawberry.field(description="Likes received in the week.")
    comments_written: int = strawberry.field(description="Comments on others' posts.")
    messages_sent: int = strawberry.field(description="Chat messages sent in the week.")


@strawberry.type(
    description=(
        "Mean daily mood on days with something versus days without it. A side with fewer "
        "days than `minimumSample` shows no mean (null), and then no difference either."
    )
)
class MoodComparison:
    with_average: float | None = strawberry.field(
        description="Mean mood (1-5) on the days with it; null under the minimum sample."
    )
    with_days: int = strawberry.field(description="How many mood days had it (sample size).")
    without_average: float | None = strawberry.field(
        description="Mean mood on the other days; null under the minimum sample."
    )
    without_days: int = strawberry.field(description="How many mood days lacked it.")
    difference: float | None = strawberry.field(
        description="`withAverage - withoutAverage`, when both are shown."
    )

    @staticmethod
    def of(found: Comparison) -> MoodComparison:
        return MoodComparison(
            with_average=found.with_mean,
            with_days=found.with_days,
            without_average=found.without_mean,
            without_days=found.without_days,
            difference=found.difference,
        )


@strawberry.type(description="Mood on days a habit was checked in versus days it was not.")
class HabitMoodCorrelation:
    habit_id: strawberry.ID = strawberry.field(
        description="The habit (`habit(id:)`); compared from its first check-in on."
    )
    mood: MoodComparison = strawberry.field(description="The comparison, with sample sizes.")


@strawberry.type(description="How mood goes with habits and focus over recent local days.")
class MoodCorrelations:
    days: int = strawberry.field(description="The window, in local days up to today.")
    since: dt.date = strawberry.field(description="The window's first local day.")
    minimum_sample: int = strawberry.field(
        description="Days a side needs before its mean is shown."
    )
    mood_days: int = strawberry.field(description="Days in the window with a mood check-in.")
    habits: list[HabitMoodCorrelation] = strawberry.field(
        description="One per habit ever checked in."
    )
    focus: MoodComparison = strawberry.field(
        description="Days with a finished focus session versus days without."
    )


@strawberry.federation.type(keys=["id"], description="A LifeGraph user, with their analytics.")
class User:
    id: strawberry.ID = strawberry.field(description="The user's id.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> User:
        # Nothing to load: analytics fields are computed per field, on demand.
        return cls(id=id)

    @strawberry.field(description="Activity counts. Owner only.")
    async def stats(self, info: Info) -> UserStats:
        await require_owner(info, self.id)
        return UserStats(user_id=self.id)

    @strawberry.field(description="Balance across life areas. Owner only.")
    async def life_balance(self, info: Info) -> LifeBalance:
        await require_owner(info, self.id)
        areas = await info.context.services.analytics.life_balance(self.id)
        return LifeBalance(
            areas=[LifeAreaBalance(**vars(a)) for a in areas],
            overall=round(sum(a.score for a in areas) / len(areas)),
        )

    @strawberry.field(
        description="How mood goes with habits and focus (e.g. on days you ran). Owner only."
    )
    async def mood_correlations(
        self,
        info: Info,
        days: Annotated[
            int, strawberry.argument(description="Local days to look back over: 1 to 366.")
        ] = 90,
    ) -> MoodCorrelations:
        await require_owner(info, self.id)
        found = await info.context.services.analytics.mood_correlations(self.id, days)
        return MoodCorrelations(
            days=found.days,
            since=found.since,
            minimum_sample=found.min_sample,
            mood_days=found.mood_days,
            habits=[
                HabitMoodCorrelation(
                    habit_id=strawberry.ID(h.habit_id), mood=MoodComparison.of(h.comparison)
                )
                for h in found.habits
            ],
            focus=MoodComparison.of(found.focus),
        )

    @strawberry.field(description="Badges the user earned. Public, like a profile.")
    async def achievements(self, info: Info) -> list[Achievement]:
        service = info.context.services.analytics
        loader = info.context.loader(
            "analytics.achievements", lambda: batch_loader(service.achievements)
        )
        return [to_achievement(row) for row in await loader.load(self.id) or []]

    @strawberry.field(description="The user's week in numbers. Owner only.")
    async def weekly_report(
        self,
        info: Info,
        week_of: Annotated[
            dt.date | None,
            strawberry.argument(
                description="Any local date in the week; the current week when null."
            ),
        ] = None,
    ) -> WeeklyReport:
        await require_owner(info, self.id)
        report = await info.context.services.analytics.weekly_report(self.id, week_of)
        return WeeklyReport(**vars(report))
