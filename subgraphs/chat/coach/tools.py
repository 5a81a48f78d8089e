"""The coach's tools, shared by both coaches: what each may propose, its JSON schema, the
server-side check of every argument, and the question put to the user.

A model's tool call is untrusted input: `parse_call` accepts only a known tool with
a JSON object of the right types, dates in range and ids of the user's own goals and
habits (from the coach's context); anything else is a `ToolRefused`, whose message
the coach says instead of proposing. Nothing is stored for a refused call.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final, get_args

from common.vocabulary import LIFE_AREAS, TRACKER_RANGES, LifeArea, TrackerMetricName
from subgraphs.chat.coach.provider import (
    Action,
    CheckInProposal,
    CoachContext,
    GoalProposal,
    ProgressProposal,
    ScheduleProposal,
    TaskDoneProposal,
    TrackerProposal,
)

TITLE_CHARS: Final = 120
# A check-in may be back-dated by at most this many days (the coach's context reaches as far).
CHECK_IN_DAYS_BACK: Final = 6
# A goal is due, and a block is scheduled, at most this far ahead.
AHEAD: Final = timedelta(days=366 * 5)
SCHEDULE_AHEAD: Final = timedelta(days=366)
MIN_BLOCK_MINUTES, MAX_BLOCK_MINUTES = 5, 24 * 60
# A model's arguments are a small object; anything longer is not read.
MAX_ARGUMENT_CHARS: Final = 4000
METRICS: Final[tuple[TrackerMetricName, ...]] = get_args(TrackerMetricName)


class ToolRefused(ValueError):
    """A tool call that cannot become a proposal; the message is what the coach says."""


def _function(name: str, description: str, properties: dict[str, Any], required: list[str]) -> Any:
    return {
        "type": "function",
        "function": {
            "name": name,
            "description": description,
            "parameters": {
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": False,
            },
        },
    }


_ID = {"type": "string", "description": "An id from the context message."}
_DAY = {"type": "string", "format": "date", "description": "ISO date, YYYY-MM-DD."}

# The chat-completions `tools` list. Every call is only a proposal: the user confirms it.
TOOLS: Final[list[Any]] = [
    _function(
        "create_goal",
        "Propose creating a goal for the user.",
        {
            "title": {"type": "string", "minLength": 1, "maxLength": TITLE_CHARS},
            "area": {"type": "string", "enum": list(LIFE_AREAS)},
            "due_date": _DAY,
        },
        ["title", "area"],
    ),
    _function(
        "check_in_habit",
        "Propose checking in one of the user's habits for a day (today unless given).",
        {"habit_id": _ID, "day": _DAY},
        ["habit_id"],
    ),
    _function(
        "log_tracker",
        "Propose logging a tracker entry (spending needs a three-letter currency).",
        {
            "metric": {"type": "string", "enum": list(METRICS)},
            "value": {"type": "number"},
            "currency": {"type": "string", "pattern": "^[A-Za-z]{3}$"},
        },
        ["metric", "value"],
    ),
    _function(
        "update_goal_progress",
        "Propose setting one of the user's goals to a progress percentage.",
        {"goal_id": _ID, "progress": {"type": "integer", "minimum": 0, "maximum": 100}},
        ["goal_id", "progress"],
    ),
    _function(
        "complete_task",
        "Propose ticking off one of the user's open tasks.",
        {"task_id": _ID},
        ["task_id"],
    ),
    _function(
        "schedule",
        "Propose putting a calendar block, or a focus session (focus: true), in the calendar.",
        {
            "title": {"type": "string", "minLength": 1, "maxLength": TITLE_CHARS},
            "starts_at": {
                "type": "string",
                "format": "date-time",
                "description": "ISO 8601 with a UTC offset.",
            },
            "duration_minutes": {
                "type": "integer",
                "minimum": MIN_BLOCK_MINUTES,
                "maximum": MAX_BLOCK_MINUTES,
            },
            "focus": {"type": "boolean"},
            "goal_id": _ID,
        },
        ["title", "starts_at", "duration_minutes"],
    ),
]


def parse_call(
    name: str, arguments: str, context: CoachContext, today: date, now: datetime | None = None
) -> Action:
    """The proposal a tool call asks for, every argument checked; else `ToolRefused`."""
    if len(arguments) > MAX_ARGUMENT_CHARS:
        raise ToolRefused("I got confused there (my request was too long).")
    try:
        args = json.loads(arguments or "{}")
    except ValueError as exc:
        raise ToolRefused("I got confused there (my request was garbled).") from exc
    if not isinstance(args, dict):
        raise ToolRefused("I got confused there (my request was garbled).")
    allowed = _ALLOWED.get(name)
    if allowed is None:
        raise ToolRefused("I tried to do something I can't do.")
    unknown = set(args) - allowed
    if unknown:
        raise ToolRefused(f"I got confused there (I don't know `{sorted(unknown)[0]}`).")
    now = now or datetime.now(UTC)
    match name:
        case "create_goal":
            return _goal(args, today)
        case "check_in_habit":
            return _check_in(args, context, today)
        case "log_tracker":
            return _tracker(args)
        case "update_goal_progress":
            return _progress(args, context)
        case "complete_task":
            return _task_done(args, context)
        case _:
            return _schedule(args, context, now)


_ALLOWED: Final = {
    "create_goal": {"title", "area", "due_date"},
    "check_in_habit": {"habit_id", "day"},
    "log_tracker": {"metric", "value", "currency"},
    "update_goal_progress": {"goal_id", "progress"},
    "complete_task": {"task_id"},
    "schedule": {"title", "starts_at", "duration_minutes", "focus", "goal_id"},
}


def _goal(args: dict[str, Any], today: date) -> GoalProposal:
    title = _title(args.get("title"))
    area = args.get("area")
    if area not in LIFE_AREAS:
        raise ToolRefused("I couldn't tell which life area that goal belongs to.")
    due = _day(args.get("due_date"), "due date") if args.get("due_date") is not None else None
    if due is not None and not today <= due <= today + AHEAD:
        raise ToolRefused("That due date is in the past or too far away.")
    known: LifeArea = area
    return GoalProposal(title=title, area=known, due_date=due)


def _check_in(args: dict[str, Any], context: CoachContext, today: date) -> CheckInProposal:
    habit = context.habit(_string(args.get("habit_id"), "habit"))
    if habit is None:
        raise ToolRefused("I can only check in one of your own habits, and I don't see that one.")
    day = _day(args["day"], "day") if args.get("day") is not None else today
    if not today - timedelta(days=CHECK_IN_DAYS_BACK) <= day <= today:
        raise ToolRefused("I can check in a habit for today or the past week only.")
    return CheckInProposal(habit_id=habit.id, habit=habit.title, day=day)


def _tracker(args: dict[str, Any]) -> TrackerProposal:
    metric = args.get("metric")
    if metric not in METRICS:
        raise ToolRefused("I don't know that tracker.")
    value = args.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ToolRefused("That tracker value isn't a number.")
    known: TrackerMetricName = metric
    low, high = TRACKER_RANGES[known]
    if not low <= value <= high:
        raise ToolRefused(f"A {_metric_words(known)} value must be between {low:g} and {high:g}.")
    currency = args.get("currency")
    if known == "spending":
        if not isinstance(currency, str) or len(currency) != 3 or not currency.isalpha():
            raise ToolRefused("Spending needs a three-letter currency code such as EUR.")
        currency = currency.upper()
    elif currency is not None:
        raise ToolRefused("Only spending has a currency.")
    return TrackerProposal(metric=known, value=float(value), currency=currency)


def _progress(args: dict[str, Any], context: CoachContext) -> ProgressProposal:
    goal = context.goal(_string(args.get("goal_id"), "goal"))
    if goal is None:
        raise ToolRefused(
            "I can only update one of your own active goals, and I don't see that one."
        )
    progress = args.get("progress")
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        raise ToolRefused("Progress is a whole percentage from 0 to 100.")
    return ProgressProposal(goal_id=goal.id, goal=goal.title, progress=progress)


def _task_done(args: dict[str, Any], context: CoachContext) -> TaskDoneProposal:
    task = context.task(_string(args.get("task_id"), "task"))
    if task is None:
        raise ToolRefused(
            "I can only tick off one of your own open tasks, and I don't see that one."
        )
    return TaskDoneProposal(task_id=task.id, task=task.title)


def _schedule(args: dict[str, Any], context: CoachContext, now: datetime) -> ScheduleProposal:
    title = _title(args.get("title"))
    raw = _string(args.get("starts_at"), "start time")
    try:
        starts_at = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise ToolRefused("I couldn't read that start time.") from exc
    if starts_at.tzinfo is None:
        raise ToolRefused("A start time needs its UTC offset.")
    starts_at = starts_at.astimezone(UTC)
    if not now - timedelta(hours=1) <= starts_at <= now + SCHEDULE_AHEAD:
        raise ToolRefused("I can schedule from now up to a year ahead.")
    minutes = args.get("duration_minutes")
    if (
        isinstance(minutes, bool)
        or not isinstance(minutes, int)
        or not MIN_BLOCK_MINUTES <= minutes <= MAX_BLOCK_MINUTES
    ):
        raise ToolRefused(
            f"A block lasts {MIN_BLOCK_MINUTES} to {MAX_BLOCK_MINUTES} whole minutes."
        )
    focus = args.get("focus", False)
    if not isinstance(focus, bool):
        raise ToolRefused("I got confused there (focus is yes or no).")
    goal_id = args.get("goal_id")
    if goal_id is not None and context.goal(_string(goal_id, "goal")) is None:
        raise ToolRefused("I can only link one of your own active goals, and I don't see that one.")
    return ScheduleProposal(
        title=title, starts_at=starts_at, duration_minutes=minutes, focus=focus, goal_id=goal_id
    )


def _string(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ToolRefused(f"I got confused there (no {what} given).")
    return value.strip()


def _title(value: object) -> str:
    title = _string(value, "title")
    if len(title) > TITLE_CHARS:
        raise ToolRefused(f"Titles are at most {TITLE_CHARS} characters.")
    return title


def _day(value: object, what: str) -> date:
    try:
        return date.fromisoformat(_string(value, what))
    except ValueError as exc:
        raise ToolRefused(f"I couldn't read that {what}.") from exc


def _metric_words(metric: str) -> str:
    return metric.replace("_", " ")


def question(action: Action) -> str:
    """How the coach offers `action`: a question, never a claim that it happened."""
    match action:
        case GoalProposal():
            due = f", due {action.due_date:%B %-d, %Y}" if action.due_date else ""
            return (
                f'Shall I create the goal "{action.title}" ({action.area}{due}) on your '
                "goals board? Confirm below and I'll set it up."
            )
        case CheckInProposal():
            return f"Shall I check in {action.habit} for {action.day.isoformat()}? Confirm below."
        case TrackerProposal():
            unit = f" {action.currency}" if action.currency else ""
            return (
                f"Shall I log {action.value:g}{unit} of {_metric_words(action.metric)}? "
                "Confirm below."
            )
        case ProgressProposal():
            return f'Shall I set "{action.goal}" to {action.progress}% done? Confirm below.'
        case TaskDoneProposal():
            return f'Shall I tick off "{action.task}"? Confirm below.'
        case ScheduleProposal():
            what = f'a focus session "{action.title}"' if action.focus else f'"{action.title}"'
            return (
                f"Shall I put {what} in your calendar on {action.starts_at:%Y-%m-%d at %H:%M} UTC "
                f"for {action.duration_minutes} minutes? Confirm below."
            )
