"""The offline coach: recognises a few intents by rule and answers from what it remembers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Literal

from common.events.catalog import LifeArea
from subgraphs.chat.coach.dates import parse_due
from subgraphs.chat.coach.provider import CoachReply, CoachRequest, GoalProposal, single_chunk

Intent = Literal["goal", "check_in", "progress", "motivation", "help"]

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
    'check in a habit ("check in meditation"), review your progress ("how am I doing?") '
    'or give you a boost when you need one ("I need some motivation").'
)


@dataclass(frozen=True, slots=True)
class Understood:
    intent: Intent
    goal: GoalProposal | None = None
    habit: str | None = None


def understand(text: str, today: date) -> Understood:
    cleaned = " ".join(text.strip().split()).rstrip(".!")
    if match := _CHECK_IN.match(cleaned):
        habit = (match["habit"] or match["habit2"] or "").strip().lower()
        if habit:
            return Understood("check_in", habit=habit)
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
            return CoachReply(single_chunk(_goal_reply(understood.goal)), goal=understood.goal)
        if understood.intent == "check_in" and understood.habit is not None:
            return _check_in(understood.habit, request)
        if understood.intent == "progress":
            return CoachReply(single_chunk(_progress_reply(request)))
        if understood.intent == "motivation":
            return CoachReply(single_chunk(_motivation_reply(request)))
        return CoachReply(single_chunk(HELP))


def _goal_reply(goal: GoalProposal) -> str:
    due = f", due {goal.due_date:%B %-d, %Y}" if goal.due_date else ""
    # A proposal, not a promise: nothing exists until the user confirms.
    return (
        f'Great goal! Shall I create the goal "{goal.title}" ({goal.area}{due}) on your '
        "goals board? Confirm below and I'll set it up."
    )


def _check_in(habit: str, request: CoachRequest) -> CoachReply:
    today = request.today.isoformat()
    days = {c.day for c in request.recent_check_ins if c.habit == habit}
    if today in days:
        text = f"You already checked in {habit} today. Nice consistency, see you tomorrow!"
        return CoachReply(single_chunk(text))
    count = len(days) + 1
    times = "time" if count == 1 else "times"
    text = f"Nice work! Shall I check in {habit} for today? It would be {count} {times} this week."
    return CoachReply(single_chunk(text), check_in=habit)


def _progress_reply(request: CoachRequest) -> str:
    if not request.goals and not request.recent_check_ins:
        return (
            "We haven't set any goals together yet. Tell me something like "
            '"I want to run a 5k by March" and I\'ll put it on your board.'
        )
    lines = ["Here's what I see:"]
    for goal in request.goals:
        due = f", due {goal.due_date}" if goal.due_date else ""
        state = "on your board" if goal.goal_id else "being set up"
        lines.append(f"- {goal.title} ({goal.area}{due}), {state}")
    habits = Counter(c.habit for c in request.recent_check_ins)
    for habit, count in habits.most_common():
        lines.append(f"- {habit}: checked in {count} of the last 7 days")
    lines.append("Keep going, one step at a time!")
    return "\n".join(lines)


def _motivation_reply(request: CoachRequest) -> str:
    line = MOTIVATION_LINES[sum(map(ord, request.message_id)) % len(MOTIVATION_LINES)]
    if request.goals:
        return f'{line} Your goal "{request.goals[0].title}" is worth it.'
    return line
