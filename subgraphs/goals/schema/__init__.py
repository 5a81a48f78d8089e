"""The goals subgraph's federation schema."""

from __future__ import annotations

import strawberry

from common.graphql.schema import build_schema
from subgraphs.goals.schema.calendar import CalendarMutations, CalendarQueries
from subgraphs.goals.schema.focus import FocusMutations, FocusQueries
from subgraphs.goals.schema.goals import GoalMutations, GoalQueries, GoalType
from subgraphs.goals.schema.habits import HabitMutations, HabitQueries
from subgraphs.goals.schema.journal import JournalMutations, JournalQueries
from subgraphs.goals.schema.live import LiveSubscriptions
from subgraphs.goals.schema.reminders import ReminderMutations, ReminderQueries
from subgraphs.goals.schema.tasks import TaskMutations, TaskQueries
from subgraphs.goals.schema.templates import TemplateMutations, TemplateQueries
from subgraphs.goals.schema.trackers import TrackerMutations, TrackerQueries
from subgraphs.goals.schema.trash import TrashMutations, TrashQueries
from subgraphs.goals.schema.user import User


@strawberry.type(
    description=(
        "Goals, habits, focus, calendar, reminders, trackers, tasks, the journal and the trash."
    )
)
class Query(
    GoalQueries,
    TemplateQueries,
    HabitQueries,
    FocusQueries,
    CalendarQueries,
    ReminderQueries,
    TrackerQueries,
    TaskQueries,
    JournalQueries,
    TrashQueries,
):
    pass


@strawberry.type(description="Changes to the viewer's goals and planning data.")
class Mutation(
    GoalMutations,
    TemplateMutations,
    HabitMutations,
    FocusMutations,
    CalendarMutations,
    ReminderMutations,
    TrackerMutations,
    TaskMutations,
    JournalMutations,
    TrashMutations,
):
    pass


@strawberry.type(description="Live sync of the viewer's goals, tasks, habits and calendar.")
class Subscription(LiveSubscriptions):
    pass


schema = build_schema(
    "goals",
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    types=[GoalType, User],
)
