"""Wires repositories into services: what `build()` hands to resolvers and consumers."""

from __future__ import annotations

from dataclasses import dataclass

from common.events import OutboxPublisher
from common.livesync import ChangeFeed
from common.pubsub import PubSub
from common.pubsub.memory import InMemoryPubSub
from subgraphs.goals.models import GoalsChange
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
from subgraphs.goals.repository.review import ReviewRepository
from subgraphs.goals.repository.tasks import ProjectRepository, TodoTaskRepository
from subgraphs.goals.repository.trackers import TrackerRepository
from subgraphs.goals.repository.trash import TrashRepository
from subgraphs.goals.repository.vacations import VacationRepository
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import Clock, Deps, system_clock
from subgraphs.goals.service.calendar import CalendarLimits, CalendarService
from subgraphs.goals.service.coach import CoachActionService
from subgraphs.goals.service.focus import FocusService
from subgraphs.goals.service.goals import GoalService
from subgraphs.goals.service.habits import HabitService
from subgraphs.goals.service.journal import JournalService
from subgraphs.goals.service.reminders import ReminderService
from subgraphs.goals.service.tasks import ProjectService, TodoTaskService
from subgraphs.goals.service.templates import TemplateService
from subgraphs.goals.service.trackers import TrackerService
from subgraphs.goals.service.trash import TrashService
from subgraphs.goals.service.trashbin import TrashBin
from subgraphs.goals.service.users import UserDataService
from subgraphs.goals.service.vacations import VacationService


@dataclass
class GoalsServices:
    deps: Deps
    access: Access
    goals: GoalService
    templates: TemplateService
    habits: HabitService
    focus: FocusService
    calendar: CalendarService
    reminders: ReminderService
    trackers: TrackerService
    users: UserDataService
    projects: ProjectService
    todo_tasks: TodoTaskService
    coach: CoachActionService
    journal: JournalService
    vacations: VacationService
    trash: TrashService


def build_services(
    publisher: OutboxPublisher,
    *,
    pubsub: PubSub | None = None,
    clock: Clock = system_clock,
    calendar_limits: CalendarLimits | None = None,
) -> GoalsServices:
    """Without `pubsub` (tests of one process), live sync fans out in memory."""
    changes = ChangeFeed("goals", GoalsChange, pubsub or InMemoryPubSub())
    deps = Deps(publisher=publisher, changes=changes, clock=clock)
    profiles, follows, erased = ProfileRepository(), FollowRepository(), ErasedRepository()
    goal_repo, template_repo = GoalRepository(), TemplateRepository()
    habit_repo, check_in_repo = HabitRepository(), CheckInRepository()
    focus_repo, reminder_repo, tracker_repo = (
        FocusRepository(),
        ReminderRepository(),
        TrackerRepository(),
    )
    activity_repo, feed_repo = ActivityRepository(), FeedRepository()
    project_repo, todo_task_repo = ProjectRepository(), TodoTaskRepository()
    journal_repo, mood_repo = JournalRepository(), MoodRepository()
    vacation_repo, trash_repo = VacationRepository(), TrashRepository()
    trash_bin = TrashBin(deps, trash_repo)
    access = Access(follows, profiles)
    goals = GoalService(deps, goal_repo, reminder_repo, erased, access, todo_task_repo, trash_bin)
    projects = ProjectService(deps, project_repo, todo_task_repo)
    habits = HabitService(
        deps, habit_repo, check_in_repo, reminder_repo, goals, access, vacation_repo, trash_bin
    )
    reminders = ReminderService(deps, reminder_repo, activity_repo, goals, habits, access)
    calendar = CalendarService(
        deps,
        activity_repo,
        feed_repo,
        reminder_repo,
        reminders,
        goals,
        access,
        limits=calendar_limits,
    )
    trackers = TrackerService(deps, tracker_repo, access)
    todo_tasks = TodoTaskService(deps, todo_task_repo, projects, goals, access, calendar, trash_bin)
    journal = JournalService(deps, journal_repo, mood_repo, ReviewRepository(), access, trash_bin)
    coach_repo = CoachActionRepository()
    coach = CoachActionService(
        deps=deps,
        actions=coach_repo,
        erased=erased,
        check_ins=check_in_repo,
        goals=goals,
        habits=habits,
        trackers=trackers,
        todo_tasks=todo_tasks,
        calendar=calendar,
        access=access,
    )
    return GoalsServices(
        deps=deps,
        access=access,
        goals=goals,
        templates=TemplateService(deps, template_repo, goal_repo, goals, access, profiles),
        habits=habits,
        focus=FocusService(deps, focus_repo, goals, access),
        calendar=calendar,
        reminders=reminders,
        trackers=trackers,
        users=UserDataService(
            profiles=profiles,
            follows=follows,
            erased=erased,
            goals=goal_repo,
            templates=template_repo,
            habits=habit_repo,
            check_ins=check_in_repo,
            focus=focus_repo,
            activities=activity_repo,
            feeds=feed_repo,
            reminders=reminder_repo,
            trackers=tracker_repo,
            projects=project_repo,
            todo_tasks=todo_task_repo,
            coach_actions=coach_repo,
            journal=journal_repo,
            moods=mood_repo,
            vacations=vacation_repo,
            trash=trash_repo,
            changes=changes,
        ),
        projects=projects,
        todo_tasks=todo_tasks,
        coach=coach,
        journal=journal,
        vacations=VacationService(deps, vacation_repo, access),
        trash=TrashService(
            deps,
            trash_repo,
            goals=goals,
            todo_tasks=todo_tasks,
            habits=habits,
            journal=journal,
            reminders=reminders,
        ),
    )
