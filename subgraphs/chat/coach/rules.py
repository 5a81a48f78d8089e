"""The offline coach: recognises a few intents by rule and answers from what it remembers."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal, TypeVar

from common.events.catalog import LifeArea
from subgraphs.chat.coach.dates import parse_due
from subgraphs.chat.coach.provider import (
    CoachReply,
    CoachRequest,
    GoalProposal,
    KnownGoal,
    KnownHabit,
    KnownTask,
    single_chunk,
)
from subgraphs.chat.coach.tools import ToolRefused, parse_call, question

Intent = Literal[
    "goal",
    "check_in",
    "tracker",
    "set_progress",
    "task_done",
    "schedule",
    "progress",
    "motivation",
    "help",
]

_GOAL = re.compile(
    r"^(?:(?:so\s+|well\s+)?i\s*(?:really\s+)?(?:want|would\s+like|'d\s+like|wanna|plan|hope|aim|intend)\s+to"
    r"|my\s+(?:new\s+)?goal\s+is\s+to|set\s+(?:me\s+)?(?:a\s+)?(?:new\s+)?goal\s*(?:to|:)?"
    r"|new\s+goal\s*:|goal\s*:|i(?:'m|\s+am)\s+going\s+to|help\s+me)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_DUE = re.compile(
    r"\s+(?:(?:by|before|until)\s+(?P<by>.+?)|(?P<within>(?:in|within)\s+\S+\s+(?:day|week|month|year)s?)"
    r"|(?P<this>this\s+(?:year|month)|next\s+(?:week|month)))\s*$",
    re.IGNORECASE,
)
_CHECK_IN = re.compile(
    r"^(?:please\s+)?(?:check(?:ed)?[\s-]?in|checking\s+in|log(?:ged)?)\s+(?:on\s+|for\s+)?(?:my\s+)?"
    r"(?P<habit>[a-z][\w\s'-]{0,40}?)(?:\s+habit)?(?:\s+(?:for\s+)?today)?$"
    r"|^i\s+(?:just\s+)?(?:did|finished|completed|done)\s+(?:with\s+)?(?:my\s+)?"
    r"(?P<habit2>[a-z][\w\s'-]{0,40}?)(?:\s+habit)?(?:\s+(?:for\s+)?today)?$",
    re.IGNORECASE,
)
_YESTERDAY = re.compile(r"\s+yesterday$", re.IGNORECASE)
_TRACKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "sleep_hours",
        re.compile(r"^i\s+slept\s+(?:for\s+)?(?P<v>\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)\b", re.I),
    ),
    (
        "weight_kg",
        re.compile(
            r"^(?:i\s+weigh|my\s+weight\s+is|log\s+(?:my\s+)?weight(?:\s+of)?)\s+"
            r"(?P<v>\d+(?:\.\d+)?)\s*(?:kg|kilos?)?$",
            re.I,
        ),
    ),
    (
        "spending",
        re.compile(
            r"^i\s+spent\s+(?:(?P<sym>[$€£])\s*(?P<v>\d+(?:\.\d+)?)"
            r"|(?P<v2>\d+(?:\.\d+)?)\s*(?P<cur>[a-z]{3}))\b",
            re.I,
        ),
    ),
    (
        "learning_minutes",
        re.compile(
            r"^i\s+(?:studied|learned|learnt|practi[cs]ed)\s+(?:\w+\s+)?(?:for\s+)?"
            r"(?P<v>\d+)\s*(?:min|mins|minutes?)\b",
            re.I,
        ),
    ),
)
_TASK_DONE = re.compile(
    r"^(?:(?:tick|cross|check)\s+off|complete|finish)\s+(?:the\s+|my\s+)?(?:task\s+)?(?P<task>.+)$"
    r"|^mark\s+(?:the\s+|my\s+)?(?:task\s+)?(?P<task2>.+?)\s+(?:as\s+)?"
    r"(?:done|complete|completed|finished)$",
    re.IGNORECASE,
)
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
_SET_PROGRESS = re.compile(
    r"^(?:set|update|mark)\s+(?:my\s+)?(?:goal\s+)?(?P<goal>.+?)\s+(?:progress\s+)?(?:to|at|as)\s+"
    r"(?P<p>\d{1,3})\s*%(?:\s+done)?$"
    r"|^(?:my\s+)?(?:goal\s+)?(?P<goal2>.+?)\s+is\s+(?:now\s+)?(?P<p2>\d{1,3})\s*%\s+done$",
    re.IGNORECASE,
)
_SCHEDULE = re.compile(
    r"^(?:please\s+)?(?:schedule|block|plan|book)\s+(?:a\s+|an\s+|my\s+)?(?P<what>.+?)\s+"
    r"(?P<when>today|tomorrow|on\s+\d{4}-\d{2}-\d{2})\s+at\s+(?P<h>\d{1,2})(?::(?P<m>\d{2}))?"
    r"\s*(?P<ampm>am|pm)?(?:\s+for\s+(?P<min>\d{1,4})\s*(?:min|mins|minutes?))?$",
    re.IGNORECASE,
)
_FOCUS = re.compile(
    r"^focus(?:\s+(?:session|block|time))?(?:\s+(?:on|for)\s+(?P<topic>.+))?$", re.I
)
DEFAULT_BLOCK_MINUTES = 30
Known = TypeVar("Known", KnownGoal, KnownHabit, KnownTask)
_PROGRESS = re.compile(
    r"\b(how\s+am\s+i\s+doing|my\s+progress|progress|am\s+i\s+on\s+track|what\s+are\s+my\s+goals"
    r"|how\s+is\s+it\s+going|status)\b",
    re.IGNORECASE,
)
_MOTIVATION = re.compile(
    r"\b(motivat\w*|encourag\w*|inspir\w*|can'?t\s+do|give\s+up|giving\s+up|stuck|lazy|tired"
    r"|struggling|overwhelmed|demotivated|pep\s+talk)\b",
    re.IGNORECASE,
)

AREA_WORDS: dict[LifeArea, tuple[str, ...]] = {
    "health": (
        "run",
        "5k",
        "10k",
        "marathon",
        "gym",
        "weight",
        "sleep",
        "meditat",
        "walk",
        "yoga",
        "eat",
        "diet",
        "workout",
        "exercise",
        "fit",
        "swim",
        "cycle",
        "bike",
        "health",
        "water",
        "smok",
        "drink",
        "steps",
    ),
    "finance": (
        "save",
        "saving",
        "money",
        "$",
        "€",
        "£",
        "budget",
        "debt",
        "invest",
        "pay off",
        "loan",
        "mortgage",
        "income",
        "spending",
    ),
    "family": (
        "family",
        "kids",
        "children",
        "son",
        "daughter",
        "mom",
        "mum",
        "dad",
        "parents",
        "partner",
        "wife",
        "husband",
        "grandparent",
        "date night",
    ),
    "career": (
        "job",
        "promot",
        "career",
        "work",
        "business",
        "client",
        "resume",
        "cv",
        "salary",
        "interview",
        "startup",
        "manager",
        "certification",
    ),
    "creativity": (
        "paint",
        "draw",
        "write a",
        "novel",
        "music",
        "guitar",
        "piano",
        "photograph",
        "sing",
        "poem",
        "blog",
        "design",
        "craft",
        "film",
    ),
    "learning": ("learn", "read", "book", "course", "study", "language", "degree", "spanish"),
}

MOTIVATION_LINES = (
    "Small steps still move you forward: pick the tiniest next action and do just that today.",
    "You don't need to feel motivated to start; starting is what brings the motivation.",
    "Progress beats perfection. A 10-minute version of your plan still counts.",
    "Remember why you began. The effort you put in today is a gift to future you.",
    "Every streak starts at day one. Today can be that day.",
)

HELP = (
    'I\'m your LifeGraph coach. I can set up a goal ("I want to run a 5k by March"), '
    'check in a habit ("I did my stretch today"), log a tracker ("I slept 7 hours"), '
    'update a goal ("set Run a 5k to 40%"), tick off a task ("tick off the report"), '
    'schedule a block ("schedule a focus session '
    'tomorrow at 9 for 45 minutes"), review your progress ("how am I doing?") '
    'or give you a boost when you need one ("I need some motivation"). '
    "I always ask before I change anything."
)


@dataclass(frozen=True, slots=True)
class Understood:
    intent: Intent
    goal: GoalProposal | None = None
    habit: str | None = None
    # For the intents that act: the tool call it amounts to (`coach/tools.py` checks it).
    tool: str | None = None
    arguments: dict[str, Any] | None = None
    # The goal named by "set <goal> to N%", matched against the context later.
    target: str | None = None


def understand(text: str, today: date) -> Understood:
    cleaned = " ".join(text.strip().split()).rstrip(".!")
    if match := _CHECK_IN.match(_YESTERDAY.sub("", cleaned)):
        habit = (match["habit"] or match["habit2"] or "").strip().lower()
        if habit:
            day = today - timedelta(days=1) if _YESTERDAY.search(cleaned) else today
            return Understood(
                "check_in", habit=habit, tool="check_in_habit", arguments={"day": day.isoformat()}
            )
    if (tracked := _tracker(cleaned)) is not None:
        return tracked
    if match := _TASK_DONE.match(cleaned):
        target = (match["task"] or match["task2"]).strip(" \"'")
        return Understood("task_done", tool="complete_task", arguments={}, target=target)
    if match := _SET_PROGRESS.match(cleaned):
        target = (match["goal"] or match["goal2"]).strip(" \"'")
        progress = int(match["p"] or match["p2"])
        return Understood(
            "set_progress",
            tool="update_goal_progress",
            arguments={"progress": progress},
            target=target,
        )
    if (match := _SCHEDULE.match(cleaned)) and (scheduled := _schedule(match, today)):
        return scheduled
    if match := _GOAL.match(cleaned):
        goal = _goal(match["rest"], today)
        if goal is not None:
            return Understood("goal", goal=goal)
    if _PROGRESS.search(cleaned):
        return Understood("progress")
    if _MOTIVATION.search(cleaned):
        return Understood("motivation")
    return Understood("help")


def _goal(rest: str, today: date) -> GoalProposal | None:
    due = None
    title = rest
    if match := _DUE.search(rest):
        phrase = match["by"] or match["within"] or match["this"]
        parsed = parse_due(phrase, today)
        if parsed is not None:
            due = parsed
            title = rest[: match.start()]
    title = title.strip(" ,;:-").rstrip(".!")
    if not title:
        return None
    title = (title[0].upper() + title[1:])[:120]
    return GoalProposal(title=title, area=area_of(title), due_date=due)


def _tracker(cleaned: str) -> Understood | None:
    for metric, pattern in _TRACKERS:
        if match := pattern.match(cleaned):
            groups = match.groupdict()
            value = float(groups.get("v") or groups.get("v2") or 0)
            arguments: dict[str, Any] = {"metric": metric, "value": value}
            if metric == "spending":
                arguments["currency"] = _SYMBOLS.get(groups.get("sym") or "", groups.get("cur"))
            return Understood("tracker", tool="log_tracker", arguments=arguments)
    return None


def _schedule(match: re.Match[str], today: date) -> Understood | None:
    hour, minute = int(match["h"]), int(match["m"] or 0)
    ampm = (match["ampm"] or "").lower()
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "pm" and hour != 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    when = match["when"].lower()
    try:
        day = (
            today
            if when == "today"
            else today + timedelta(days=1)
            if when == "tomorrow"
            else date.fromisoformat(when.removeprefix("on").strip())
        )
    except ValueError:
        return None
    what = match["what"].strip()
    focus = _FOCUS.match(what)
    title = (focus["topic"] or "Focus session") if focus else what
    # Chat knows no time zone of the user: the rule-based coach schedules in UTC and says so.
    starts_at = datetime.combine(day, time(hour, minute), UTC)
    return Understood(
        "schedule",
        tool="schedule",
        arguments={
            "title": title[0].upper() + title[1:],
            "starts_at": starts_at.isoformat(),
            "duration_minutes": int(match["min"] or DEFAULT_BLOCK_MINUTES),
            "focus": focus is not None,
        },
    )


def area_of(title: str) -> LifeArea:
    lowered = title.lower()
    scores = Counter(
        {
            area: sum(1 for word in words if re.search(rf"(?<![a-z]){re.escape(word)}", lowered))
            for area, words in AREA_WORDS.items()
        }
    )
    area, score = scores.most_common(1)[0]
    # Without any hint, a goal is about growing oneself.
    return area if score else "learning"


class RuleBasedCoach:
    async def aclose(self) -> None:
        """Nothing is held open."""

    async def respond(self, request: CoachRequest) -> CoachReply:
        understood = understand(request.text, request.today)
        if understood.intent == "goal" and understood.goal is not None:
            text = f"Great goal! {question(understood.goal)}"
            return CoachReply(single_chunk(text), action=understood.goal)
        if understood.intent == "check_in" and understood.habit is not None:
            return _check_in(understood, request)
        if understood.intent == "set_progress":
            return _set_progress(understood, request)
        if understood.intent == "task_done":
            return _task_done(understood, request)
        if understood.tool is not None and understood.arguments is not None:
            return _act(understood.tool, understood.arguments, request)
        if understood.intent == "progress":
            return CoachReply(single_chunk(_progress_reply(request)))
        if understood.intent == "motivation":
            return CoachReply(single_chunk(_motivation_reply(request)))
        return CoachReply(single_chunk(HELP))


def _act(tool: str, arguments: dict[str, Any], request: CoachRequest, lead: str = "") -> CoachReply:
    """The same checks as a model's tool call: a refusal is said, never proposed."""
    try:
        action = parse_call(
            tool, json.dumps(arguments), request.context, request.today, request.now
        )
    except ToolRefused as refused:
        return CoachReply(single_chunk(f"Sorry, I can't propose that: {refused}"))
    # A proposal, not a promise: nothing happens until the user confirms.
    return CoachReply(single_chunk(f"{lead}{question(action)}"), action=action)


def _named(name: str, known: tuple[Known, ...]) -> Known | None:
    """The one goal or habit `name` means: its title, else the only title it is part of."""
    wanted = re.sub(r"^(?:the|a|an)\s+", "", name.lower())
    exact = [k for k in known if k.title.lower() == wanted]
    loose = [k for k in known if wanted in k.title.lower() or k.title.lower() in wanted]
    found = exact or loose
    return found[0] if len(found) == 1 else None


def _check_in(understood: Understood, request: CoachRequest) -> CoachReply:
    assert understood.habit is not None
    assert understood.arguments is not None
    habit = _named(understood.habit, request.context.habits)
    if habit is None and _named(understood.habit, request.context.tasks) is not None:
        # "I finished the report": not a habit, but one of the user's open tasks.
        return _task_done(Understood("task_done", target=understood.habit), request)
    if habit is None:
        text = (
            f'I don\'t see a habit called "{understood.habit}" among yours. Add it under '
            "Habits, then tell me again and I'll check it in."
        )
        return CoachReply(single_chunk(text))
    day = understood.arguments["day"]
    if day in habit.recent_days:
        text = f"{habit.title} is already checked in for {day}. Nice consistency!"
        return CoachReply(single_chunk(text))
    arguments = {"habit_id": habit.id, "day": day}
    return _act("check_in_habit", arguments, request, lead="Nice work! ")


def _set_progress(understood: Understood, request: CoachRequest) -> CoachReply:
    assert understood.target is not None
    assert understood.arguments is not None
    goal = _named(understood.target, request.context.goals)
    if goal is None:
        text = f'I don\'t see an active goal called "{understood.target}" among yours.'
        return CoachReply(single_chunk(text))
    return _act("update_goal_progress", {**understood.arguments, "goal_id": goal.id}, request)


def _task_done(understood: Understood, request: CoachRequest) -> CoachReply:
    assert understood.target is not None
    task = _named(understood.target, request.context.tasks)
    if task is None:
        text = f'I don\'t see an open task called "{understood.target}" among yours.'
        return CoachReply(single_chunk(text))
    return _act("complete_task", {"task_id": task.id}, request, lead="Well done! ")


def _progress_reply(request: CoachRequest) -> str:
    context = request.context
    if not request.goals and not context.goals and not context.habits and not context.tasks:
        return (
            "We haven't set any goals together yet. Tell me something like "
            '"I want to run a 5k by March" and I\'ll put it on your board.'
        )
    lines = ["Here's what I see:"]
    for goal in context.goals:
        lines.append(f"- {goal.title} ({goal.area}): {goal.progress}% done")
    known = {g.id for g in context.goals}
    for remembered in request.goals:
        if remembered.goal_id in known:
            continue
        due = f", due {remembered.due_date}" if remembered.due_date else ""
        state = "on your board" if remembered.goal_id else "being set up"
        lines.append(f"- {remembered.title} ({remembered.area}{due}), {state}")
    if context.tasks:
        lines.append(f"- {len(context.tasks)} open tasks, next: {context.tasks[0].title}")
    for habit in context.habits:
        lines.append(
            f"- {habit.title}: checked in {len(habit.recent_days)} of the last 7 days, "
            f"streak {habit.current_streak} (best {habit.longest_streak})"
        )
    lines.append("Keep going, one step at a time!")
    return "\n".join(lines)


def _motivation_reply(request: CoachRequest) -> str:
    line = MOTIVATION_LINES[sum(map(ord, request.message_id)) % len(MOTIVATION_LINES)]
    if request.goals:
        return f'{line} Your goal "{request.goals[0].title}" is worth it.'
    return line
