"""Goal templates: the catalog, users' own templates, instantiation, suggestions."""

from __future__ import annotations

from datetime import date

import strawberry

from common.graphql.listcaps import list_cap
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import LifeArea, Visibility
from subgraphs.goals.domain.templates import GoalBlueprint, TaskBlueprint, Template
from subgraphs.goals.schema.base import Info, require_viewer_id, services
from subgraphs.goals.schema.goals import GoalType


@strawberry.type(name="TemplateTask", description="A task a template creates.")
class TemplateTaskType:
    title: str = strawberry.field(description="What to do.")
    due_in_days: int | None = strawberry.field(description="Due this many days after the start.")


@strawberry.type(name="TemplateGoal", description="A goal (and its sub-goals) a template creates.")
class TemplateGoalType:
    title: str = strawberry.field(description="The goal's title.")
    description: str = strawberry.field(description="The goal's description.")
    due_in_days: int | None = strawberry.field(description="Due this many days after the start.")
    tasks: list[TemplateTaskType] = strawberry.field(description="Its tasks.")
    sub_goals: list[TemplateGoalType] = strawberry.field(description="Its sub-goals.")

    @staticmethod
    def of(blueprint: GoalBlueprint) -> TemplateGoalType:
        return TemplateGoalType(
            title=blueprint.title,
            description=blueprint.description,
            due_in_days=blueprint.due_in_days,
            tasks=[
                TemplateTaskType(title=t.title, due_in_days=t.due_in_days) for t in blueprint.tasks
            ],
            sub_goals=[TemplateGoalType.of(s) for s in blueprint.sub_goals],
        )


@strawberry.type(name="GoalTemplate", description="A ready-made goal plan.")
class TemplateType:
    id: strawberry.ID = strawberry.field(
        description="Template id; built-ins start with `builtin-`."
    )
    area: LifeArea = strawberry.field(description="The life area it serves.")
    built_in: bool = strawberry.field(description="Part of the catalog rather than the user's own.")
    goal: TemplateGoalType = strawberry.field(description="What instantiating it creates.")

    @staticmethod
    def of(template: Template) -> TemplateType:
        return TemplateType(
            id=strawberry.ID(template.id),
            area=template.area,
            built_in=template.owner_id is None,
            goal=TemplateGoalType.of(template.goal),
        )


@strawberry.type(name="GoalSuggestion", description="A template proposed for a weak life area.")
class SuggestionType:
    template: TemplateType = strawberry.field(description="The proposed template.")
    area_score: int | None = strawberry.field(
        description="The user's score in that area, if known."
    )
    reason: str = strawberry.field(description="Why it is proposed.")


@strawberry.input(description="A task of a template.")
class TemplateTaskInput:
    title: str = strawberry.field(description="What to do.")
    due_in_days: int | None = strawberry.field(default=None, description="Days after the start.")


@strawberry.input(description="A goal of a template, with its sub-goals.")
class TemplateGoalInput:
    title: str = strawberry.field(description="The goal's title.")
    description: str = strawberry.field(default="", description="The goal's description.")
    due_in_days: int | None = strawberry.field(default=None, description="Days after the start.")
    tasks: list[TemplateTaskInput] = strawberry.field(
        metadata=list_cap(limits.TASKS_PER_GOAL), default_factory=list, description="Tasks."
    )
    sub_goals: list[TemplateGoalInput] = strawberry.field(
        default_factory=list, description="Sub-goals."
    )


@strawberry.input(description="A new personal template.")
class CreateTemplateInput:
    area: LifeArea = strawberry.field(description="The life area it serves.")
    goal: TemplateGoalInput = strawberry.field(description="What it creates.")


@strawberry.input(description="Create goals from a template.")
class InstantiateTemplateInput:
    template_id: strawberry.ID = strawberry.field(description="The template.")
    parent_id: strawberry.ID | None = strawberry.field(default=None, description="Nest under it.")
    visibility: Visibility = strawberry.field(
        default=Visibility.PRIVATE, description="Visibility of every created goal."
    )
    start_date: date | None = strawberry.field(
        default=None, description="Due dates count from this day (default: today)."
    )


@strawberry.input(description="A goal to save as a personal template.")
class SaveGoalAsTemplateInput:
    goal_id: strawberry.ID = strawberry.field(
        description="One of the viewer's goals; its sub-goals and tasks come along."
    )


@strawberry.input(description="Identifies a template.")
class TemplateIdInput:
    id: strawberry.ID = strawberry.field(description="The template.")


def _blueprint(data: TemplateGoalInput) -> GoalBlueprint:
    return GoalBlueprint(
        title=data.title,
        description=data.description,
        due_in_days=data.due_in_days,
        tasks=tuple(TaskBlueprint(t.title, t.due_in_days) for t in data.tasks),
        sub_goals=tuple(_blueprint(s) for s in data.sub_goals),
    )


@strawberry.type
class TemplateQueries:
    @strawberry.field(description="Built-in templates and the viewer's own.")
    async def goal_templates(self, info: Info, area: LifeArea | None = None) -> list[TemplateType]:
        me = await require_viewer_id(info)
        return [TemplateType.of(t) for t in await services(info).templates.available(me, area)]

    @strawberry.field(description="Templates for the viewer's lowest-scoring life areas.")
    async def goal_suggestions(self, info: Info, limit: int = 3) -> list[SuggestionType]:
        me = await require_viewer_id(info)
        found = await services(info).templates.suggestions(me, limit)
        return [
            SuggestionType(
                template=TemplateType.of(s.template), area_score=s.area_score, reason=s.reason
            )
            for s in found
        ]


@strawberry.type
class TemplateMutations:
    @strawberry.mutation(description="Save a personal goal template.")
    async def create_goal_template(self, info: Info, input: CreateTemplateInput) -> TemplateType:
        me = await require_viewer_id(info)
        template = await services(info).templates.create(me, input.area, _blueprint(input.goal))
        return TemplateType.of(template)

    @strawberry.mutation(
        description="Save a goal, its sub-goals and tasks as a personal template; due dates "
        "become days after the goal's creation day, abandoned sub-goals are left out."
    )
    async def save_goal_as_template(
        self, info: Info, input: SaveGoalAsTemplateInput
    ) -> TemplateType:
        me = await require_viewer_id(info)
        template = await services(info).templates.save_goal(me, str(input.goal_id))
        return TemplateType.of(template)

    @strawberry.mutation(description="Delete one of the viewer's templates.")
    async def delete_goal_template(self, info: Info, input: TemplateIdInput) -> strawberry.ID:
        me = await require_viewer_id(info)
        await services(info).templates.delete(me, str(input.id))
        return input.id

    @strawberry.mutation(description="Create a goal with its tasks and sub-goals from a template.")
    async def instantiate_goal_template(
        self, info: Info, input: InstantiateTemplateInput
    ) -> GoalType:
        me = await require_viewer_id(info)
        goal = await services(info).templates.instantiate(
            me,
            str(input.template_id),
            parent_id=str(input.parent_id) if input.parent_id else None,
            visibility=input.visibility,
            start=input.start_date,
        )
        return GoalType.of(goal)
