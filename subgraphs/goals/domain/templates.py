"""Goal templates: the built-in catalog and the shape users' own templates share."""

from __future__ import annotations

from dataclasses import dataclass, field

from subgraphs.goals.domain.enums import LifeArea


@dataclass(frozen=True, slots=True)
class TaskBlueprint:
    title: str
    due_in_days: int | None = None


@dataclass(frozen=True, slots=True)
class GoalBlueprint:
    title: str
    description: str = ""
    tasks: tuple[TaskBlueprint, ...] = ()
    sub_goals: tuple[GoalBlueprint, ...] = ()
    due_in_days: int | None = None

    def depth(self) -> int:
        return 1 + max((s.depth() for s in self.sub_goals), default=0)


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    area: LifeArea
    goal: GoalBlueprint
    owner_id: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)


def _t(*titles: str, every: int = 7) -> tuple[TaskBlueprint, ...]:
    return tuple(TaskBlueprint(t, due_in_days=every * (i + 1)) for i, t in enumerate(titles))


BUILT_IN: tuple[Template, ...] = (
    Template(
        "builtin-run-5k",
        LifeArea.HEALTH,
        GoalBlueprint(
            "Run a 5k",
            "From the couch to five kilometres in nine weeks.",
            _t("Buy running shoes", "Run/walk 20 minutes three times", "Run 3 km", "Run 5 km"),
            (
                GoalBlueprint("Build the base", tasks=_t("Week 1", "Week 2", "Week 3")),
                GoalBlueprint("Go the distance", tasks=_t("Week 4-6", "Week 7-9")),
            ),
            due_in_days=63,
        ),
    ),
    Template(
        "builtin-sleep-8h",
        LifeArea.HEALTH,
        GoalBlueprint(
            "Sleep eight hours a night",
            "A steady bedtime for a month.",
            _t("Pick a bedtime", "No screens after 22:00", "Track sleep for two weeks"),
            due_in_days=30,
        ),
    ),
    Template(
        "builtin-emergency-fund",
        LifeArea.FINANCE,
        GoalBlueprint(
            "Build an emergency fund",
            "Three months of expenses set aside.",
            _t(
                "Work out monthly expenses",
                "Open a savings account",
                "Automate a transfer",
                every=3,
            ),
            (
                GoalBlueprint("Save the first month", tasks=_t("Save one month of expenses")),
                GoalBlueprint("Save three months", tasks=_t("Save three months of expenses")),
            ),
            due_in_days=180,
        ),
    ),
    Template(
        "builtin-budget",
        LifeArea.FINANCE,
        GoalBlueprint(
            "Keep a monthly budget",
            tasks=_t("List fixed costs", "Set category limits", "Review at month end"),
            due_in_days=30,
        ),
    ),
    Template(
        "builtin-family-dinner",
        LifeArea.FAMILY,
        GoalBlueprint(
            "Weekly family dinner",
            "One unhurried meal together every week.",
            _t("Agree on a day", "Plan the first menu", "Cook together"),
            due_in_days=28,
        ),
    ),
    Template(
        "builtin-call-parents",
        LifeArea.FAMILY,
        GoalBlueprint("Call my parents every Sunday", tasks=_t("Set a reminder", "First call")),
    ),
    Template(
        "builtin-promotion",
        LifeArea.CAREER,
        GoalBlueprint(
            "Prepare for a promotion",
            tasks=_t("Ask for the criteria", "Find a mentor", "Lead one project", every=30),
            due_in_days=180,
        ),
    ),
    Template(
        "builtin-portfolio",
        LifeArea.CAREER,
        GoalBlueprint(
            "Update my portfolio", tasks=_t("Pick three projects", "Write them up", "Publish")
        ),
    ),
    Template(
        "builtin-read-12-books",
        LifeArea.LEARNING,
        GoalBlueprint(
            "Read 12 books",
            "One book a month for a year.",
            _t("Make a reading list", "Finish book 1", "Finish book 2", "Finish book 3", every=30),
            due_in_days=365,
        ),
    ),
    Template(
        "builtin-language",
        LifeArea.LEARNING,
        GoalBlueprint(
            "Learn the basics of a new language",
            tasks=_t("Choose a course", "Learn 500 words", "Hold a 10-minute conversation"),
            due_in_days=90,
        ),
    ),
    Template(
        "builtin-sketchbook",
        LifeArea.CREATIVITY,
        GoalBlueprint(
            "Fill a sketchbook",
            tasks=_t("Buy a sketchbook", "Sketch 10 pages", "Sketch 50 pages", every=14),
            due_in_days=60,
        ),
    ),
    Template(
        "builtin-short-story",
        LifeArea.CREATIVITY,
        GoalBlueprint(
            "Write a short story",
            tasks=_t("Outline", "First draft", "Revise", "Share it"),
            due_in_days=30,
        ),
    ),
)

BUILT_IN_BY_ID = {t.id: t for t in BUILT_IN}
