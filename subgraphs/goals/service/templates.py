"""Goal templates: the catalog, users' own templates, instantiation and suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from common import validation
from common.errors import BadUserInput, NotFound
from common.events import OutboxTransaction
from common.validation import LATEST_DATE, day_in_range
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import MAX_GOAL_DEPTH, GoalStatus, LifeArea, Visibility
from subgraphs.goals.domain.templates import (
    BUILT_IN,
    BUILT_IN_BY_ID,
    GoalBlueprint,
    TaskBlueprint,
    Template,
)
from subgraphs.goals.models import GoalBlueprintDoc, GoalDoc, TaskBlueprintDoc, TemplateDoc
from subgraphs.goals.repository.goals import GoalRepository, TemplateRepository
from subgraphs.goals.repository.projections import ProfileRepository
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import Deps, description, require_text
from subgraphs.goals.service.goals import GoalInput, GoalService, TaskInput, depth_of


@dataclass(frozen=True)
class Suggestion:
    template: Template
    area_score: int | None
    reason: str


def _to_doc(blueprint: GoalBlueprint) -> GoalBlueprintDoc:
    return GoalBlueprintDoc(
        title=blueprint.title,
        description=blueprint.description,
        tasks=[TaskBlueprintDoc(title=t.title, due_in_days=t.due_in_days) for t in blueprint.tasks],
        sub_goals=[_to_doc(s) for s in blueprint.sub_goals],
        due_in_days=blueprint.due_in_days,
    )


def _from_doc(doc: GoalBlueprintDoc) -> GoalBlueprint:
    return GoalBlueprint(
        title=doc.title,
        description=doc.description,
        tasks=tuple(TaskBlueprint(t.title, t.due_in_days) for t in doc.tasks),
        sub_goals=tuple(_from_doc(s) for s in doc.sub_goals),
        due_in_days=doc.due_in_days,
    )


def template_of(doc: TemplateDoc) -> Template:
    return Template(id=str(doc.id), area=doc.area, goal=_from_doc(doc.goal), owner_id=doc.owner_id)


def _validate(blueprint: GoalBlueprint) -> int:
    """Checks every goal and task against the caps; the template's latest due day.

    Iterative and counting as it goes: a huge or deeply nested template is refused
    at the first cap it passes, without recursing or walking all of it.
    """
    goals = tasks = latest = 0
    stack: list[tuple[GoalBlueprint, str, int]] = [(blueprint, "goal", 1)]
    while stack:
        node, path, depth = stack.pop()
        goals += 1
        tasks += len(node.tasks)
        if depth > MAX_GOAL_DEPTH:
            raise BadUserInput(f"Templates nest at most {MAX_GOAL_DEPTH} levels.", field="subGoals")
        if goals > limits.TEMPLATE_GOALS:
            raise BadUserInput(
                f"A template holds at most {limits.TEMPLATE_GOALS} goals.", field="subGoals"
            )
        if tasks > limits.TEMPLATE_TASKS:
            raise BadUserInput(
                f"A template holds at most {limits.TEMPLATE_TASKS} tasks.", field=f"{path}.tasks"
            )
        validation.items(node.tasks, field=f"{path}.tasks", max_items=limits.TASKS_PER_GOAL)
        require_text(node.title, field=f"{path}.title")
        description(node.description, field=f"{path}.description")
        latest = max(latest, _due(node.due_in_days, f"{path}.dueInDays"))
        for i, task in enumerate(node.tasks):
            require_text(task.title, field=f"{path}.tasks.{i}.title")
            latest = max(latest, _due(task.due_in_days, f"{path}.tasks.{i}.dueInDays"))
        stack.extend(
            (sub, f"{path}.subGoals.{i}", depth + 1) for i, sub in enumerate(node.sub_goals)
        )
    return latest


def _due(days: int | None, field: str) -> int:
    if days is None:
        return 0
    if not 0 <= days <= limits.TEMPLATE_DUE_DAYS:
        raise BadUserInput(
            f"Due days count from the start: 0 to {limits.TEMPLATE_DUE_DAYS}.", field=field
        )
    return days


class TemplateService:
    def __init__(
        self,
        deps: Deps,
        templates: TemplateRepository,
        goals_repo: GoalRepository,
        goals: GoalService,
        access: Access,
        profiles: ProfileRepository,
    ) -> None:
        self._deps = deps
        self._templates = templates
        self._goals_repo = goals_repo
        self._goals = goals
        self._access = access
        self._profiles = profiles

    async def available(self, viewer_id: str, area: LifeArea | None = None) -> list[Template]:
        own = [template_of(d) for d in await self._templates.for_owner(viewer_id, area)]
        built_in = [t for t in BUILT_IN if area is None or t.area is area]
        return [*built_in, *own]

    async def get(self, viewer_id: str, template_id: str) -> Template:
        if template_id in BUILT_IN_BY_ID:
            return BUILT_IN_BY_ID[template_id]
        doc = await self._templates.get(template_id)
        if doc is None or doc.owner_id != viewer_id:
            raise NotFound("Template not found.", field="templateId")
        return template_of(doc)

    async def create(self, owner_id: str, area: LifeArea, blueprint: GoalBlueprint) -> Template:
        _validate(blueprint)
        doc = TemplateDoc(owner_id=owner_id, area=area, goal=_to_doc(blueprint))
        await self._templates.insert(doc)
        return template_of(doc)

    async def delete(self, owner_id: str, template_id: str) -> None:
        doc = await self._templates.get(template_id)
        if doc is None or doc.owner_id != owner_id:
            raise NotFound("Template not found.", field="id")
        await self._templates.delete(doc)

    async def save_goal(self, owner_id: str, goal_id: str) -> Template:
        """A personal template from one of the viewer's goals, with its sub-goals and tasks.

        Due dates become days after the goal's creation day (in the owner's zone);
        abandoned sub-goals are left out, and nothing of the goal's state is kept.
        """
        goal, descendants = await self._goals.subtree(owner_id, goal_id)
        tz = await self._access.timezone(owner_id)
        start = goal.created_at.astimezone(tz).date()
        children: dict[str, list[GoalDoc]] = {}
        for d in descendants:
            if d.parent_id is not None and d.status is not GoalStatus.ABANDONED:
                children.setdefault(d.parent_id, []).append(d)

        def offset(day: str | None) -> int | None:
            if not day:
                return None
            # Capped so a far-off due date still saves; the template keeps the order.
            return min(max(0, (date.fromisoformat(day) - start).days), limits.TEMPLATE_DUE_DAYS)

        def blueprint(node: GoalDoc) -> GoalBlueprint:
            return GoalBlueprint(
                title=node.title,
                description=node.description,
                due_in_days=offset(node.due_date),
                tasks=tuple(TaskBlueprint(t.title, offset(t.due_date)) for t in node.tasks),
                sub_goals=tuple(blueprint(c) for c in children.get(str(node.id), [])),
            )

        return await self.create(owner_id, goal.area, blueprint(goal))

    async def instantiate(
        self,
        owner_id: str,
        template_id: str,
        *,
        parent_id: str | None = None,
        visibility: Visibility = Visibility.PRIVATE,
        start: date | None = None,
    ) -> GoalDoc:
        """Every goal of the template, and the roll-up into `parent_id`, in one transaction."""
        template = await self.get(owner_id, template_id)
        if start is not None:
            # The latest due date must still be a plannable day.
            latest = _validate(template.goal)
            day_in_range(start, field="startDate", latest=LATEST_DATE - timedelta(days=latest))
        if parent_id is not None:
            parent = await self._goals.owned(owner_id, parent_id, field="parentId")
            if depth_of(parent) + template.goal.depth() > MAX_GOAL_DEPTH:
                raise BadUserInput(
                    f"Goals nest at most {MAX_GOAL_DEPTH} levels deep.", field="parentId"
                )
        if start is None:
            tz = await self._access.timezone(owner_id)
            start = self._deps.clock().astimezone(tz).date()
        first_day = start

        async def work(tx: OutboxTransaction) -> GoalDoc:
            return await self._insert(
                tx, owner_id, template, template.goal, parent_id, visibility, first_day
            )

        return await self._deps.atomically(work)

    async def _insert(
        self,
        tx: OutboxTransaction,
        owner_id: str,
        template: Template,
        blueprint: GoalBlueprint,
        parent_id: str | None,
        visibility: Visibility,
        start: date,
    ) -> GoalDoc:
        def due(days: int | None) -> date | None:
            return start + timedelta(days=days) if days is not None else None

        goal = await self._goals.create(
            owner_id,
            GoalInput(
                title=blueprint.title,
                area=template.area,
                description=blueprint.description,
                due_date=due(blueprint.due_in_days),
                visibility=visibility,
                parent_id=parent_id,
                tasks=[TaskInput(t.title, due(t.due_in_days)) for t in blueprint.tasks],
            ),
            template_id=template.id,
            tx=tx,
        )
        for sub in blueprint.sub_goals:
            await self._insert(tx, owner_id, template, sub, str(goal.id), visibility, start)
        return goal

    async def suggestions(self, owner_id: str, limit: int = 3) -> list[Suggestion]:
        """Templates for the user's weakest life areas, skipping ones already in progress.

        Areas without a score yet rank as weakest (0): nothing is known about them.
        """
        if not 1 <= limit <= 20:
            raise BadUserInput("`limit` must be between 1 and 20.", field="limit")
        scores = await self._access.life_areas(owner_id)
        in_use = await self._goals_repo.template_ids_in_use(owner_id)
        areas = sorted(LifeArea, key=lambda a: (scores.get(a.value, 0), list(LifeArea).index(a)))
        candidates = await self.available(owner_id)
        picked: list[Suggestion] = []
        # Round-robin over the weakest areas so one area does not take every slot.
        by_area = {a: [t for t in candidates if t.area is a and t.id not in in_use] for a in areas}
        while len(picked) < limit and any(by_area.values()):
            for area in areas:
                if by_area[area] and len(picked) < limit:
                    score = scores.get(area.value)
                    reason = (
                        f"Your {area.value} score is {score}."
                        if score is not None
                        else f"You have not rated {area.value} yet."
                    )
                    picked.append(Suggestion(by_area[area].pop(0), score, reason))
            if len(picked) >= limit:
                break
        return picked
