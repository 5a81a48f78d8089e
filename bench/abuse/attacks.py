"""The attacks `python -m bench.abuse` runs: add a case to `ATTACKS` to get a row per target."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from common.testing.hostile import aliases, deep, fragment_explosion

ROUTER, SUBGRAPH, GOALS = "router", "subgraph", "goals"


@dataclass(frozen=True, slots=True)
class Attack:
    name: str
    body: bytes
    content_type: str = "application/json"
    targets: tuple[str, ...] = (ROUTER, SUBGRAPH, GOALS)


def graphql(query: str, variables: dict[str, Any] | None = None) -> bytes:
    return json.dumps({"query": query, "variables": variables or {}}).encode()


def _nested_json(depth: int) -> bytes:
    return b'{"query":"{ me { id } }","variables":{"v":' + b"[" * depth + b"]" * depth + b"}}"


def _oversized(size: int) -> bytes:
    return json.dumps({"query": "{ me { id } }", "variables": {"pad": "x" * size}}).encode()


_BUSY_RULE = (
    "FREQ=DAILY;BYHOUR="
    + ",".join(map(str, range(24)))
    + ";BYMINUTE="
    + ",".join(map(str, range(60)))
)
_CALENDAR = """query($from: DateTime!, $to: DateTime!) {
  _entities(representations: [{__typename: "User", id: "bench"}]) {
    ... on User { calendar(from: $from, to: $to) { startsAt } } } }"""
_CREATE_GOAL = "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }"


def _goal(**fields: Any) -> bytes:
    return graphql(_CREATE_GOAL, {"i": {"title": "G", "area": "HEALTH", **fields}})


# The bench subgraph is a bare Strawberry app without the app factory's transport, so
# the body-level attacks go to the router and to goals (kit-built, like every subgraph).
# The attacks on stored input go to goals as a signed-in member.
ATTACKS: list[Attack] = [
    Attack("fragment explosion (30 fragments)", graphql(fragment_explosion(30))),
    Attack("1,000 aliases", graphql(aliases(1000))),
    Attack("depth 165", graphql(deep(165))),
    Attack("JSON body nested 5,000 deep", _nested_json(5000), targets=(ROUTER, GOALS)),
    Attack("2 MB body", _oversized(2 << 20), targets=(ROUTER, GOALS)),
    Attack(
        "lone surrogate in a variable",
        b'{"query":"{ me { id } }","variables":{"v":"\\ud800"}}',
        targets=(ROUTER, GOALS),
    ),
    Attack(
        "invalid UTF-8 body",
        b'{"query":"{ me { id } }\xff\xfe"}',
        targets=(ROUTER, GOALS),
    ),
    Attack(
        "calendar window at year 9999",
        graphql(_CALENDAR, {"from": "9999-12-30T00:00:00Z", "to": "9999-12-31T23:59:59Z"}),
        targets=(GOALS,),
    ),
    Attack(
        "calendar window of 100 years",
        graphql(_CALENDAR, {"from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"}),
        targets=(GOALS,),
    ),
    Attack(
        "RRULE with 1,440 occurrences a day",
        graphql(
            "mutation($i: CreateActivityInput!) { createActivity(input: $i) { id } }",
            {
                "i": {
                    "title": "Every minute",
                    "startsAt": "2025-03-01T09:00:00Z",
                    "endsAt": "2025-03-01T09:01:00Z",
                    "recurrence": _BUSY_RULE,
                }
            },
        ),
        targets=(GOALS,),
    ),
    Attack("goal with 201 tasks (its cap)", _goal(tasks=[{"title": "t"}] * 201), targets=(GOALS,)),
    Attack("goal with 5,000 tasks", _goal(tasks=[{"title": "t"}] * 5_000), targets=(GOALS,)),
    Attack(
        "goal with 100,000 tasks (1.5 MB)",
        _goal(tasks=[{"title": "t"}] * 100_000),
        targets=(GOALS,),
    ),
    Attack("10,000-character description", _goal(description="x" * 10_000), targets=(GOALS,)),
    Attack(
        "template started 9999-12-30",
        graphql(
            """mutation { instantiateGoalTemplate(
                input: {templateId: "builtin-run-5k", startDate: "9999-12-30"}) { id } }"""
        ),
        targets=(GOALS,),
    ),
    Attack(
        "10,000-character time zone",
        graphql(
            "mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }",
            {"i": {"title": "Read", "timezone": "x" * 10_000}},
        ),
        targets=(GOALS,),
    ),
]
