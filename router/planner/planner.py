"""Builds query plans: which subgraph fetches what, in which order, merged where."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graphql import FragmentDefinitionNode, OperationDefinitionNode

from common.graphql.measures import Measures, fragment_measures, summarise
from router.planner.checks import run_plan_checks
from router.planner.emit import Emitter, parallel, sequence
from router.planner.errors import PlanningError
from router.planner.fetch_groups import FetchGroup, closure, descendants
from router.planner.field_conflicts import ConflictAliaser
from router.planner.nodes import FetchNode, OperationKind, QueryPlan
from router.planner.operation import (
    Normalizer,
    SField,
    SFragment,
    SSelection,
    Withhold,
    from_field_set,
)
from router.planner.parent_paths import Frame, find_route
from router.planner.query_graph import QueryGraph
from router.planner.requires_args import required_arguments
from router.planner.satisfiable import Satisfiability
from router.planner.selection import SubSelection
from router.planner.subgraph_types import graph_type_name, possible_at
from router.supergraph.model import EntityKey, FieldInfo, Supergraph, TypeKind

_COMPOSITE = (TypeKind.OBJECT, TypeKind.INTERFACE, TypeKind.UNION)
_LOCAL_ROOT_FIELDS = frozenset({"__typename", "__schema", "__type"})
_MAX_HOPS = 24
# Planning expands every fragment spread, so its work grows with the operation's height
# (fields once expanded), not its length. The height limit (500 by default) keeps far
# below this; this holds when that limit is off, so a fragment explosion is refused in
# one walk of the document instead of expanded.
MAX_PLANNED_FIELDS = 50_000
# The cost of a key whose fields no path of key transitions gathers: ranked last.
_UNREACHABLE = 1_000

FieldsByKey = dict[str, list[SField]]


class _Build:
    def __init__(self, kind: OperationKind, root_type: str) -> None:
        self.kind = kind
        self.root_type = root_type
        self.groups: list[FetchGroup] = []
        self.roots: list[FetchGroup] = []
        self.hops: list[tuple[str, str, int]] = []
        # The composite fields being planned, outermost first (see parent_paths).
        self.frames: list[Frame] = []

    def new_group(
        self, service: str, path: tuple[str, ...], parent: FetchGroup | None
    ) -> FetchGroup:
        group = FetchGroup(len(self.groups), service, path, parent)
        self.groups.append(group)
        if parent is None:
            self.roots.append(group)
        else:
            parent.children.append(group)
        return group


def _merged(fields: list[SField]) -> list[SSelection]:
    if len(fields) == 1:
        return fields[0].selections
    merged: list[SSelection] = []
    for field in fields:
        merged.extend(field.selections)
    return merged


class QueryPlanner:
    def __init__(self, supergraph: Supergraph) -> None:
        self.sg = supergraph
        self.order = {name: index for index, name in enumerate(supergraph.subgraphs)}
        self._interfaces: dict[str, set[str]] = {}
        for abstract, members in supergraph.possible_types.items():
            if supergraph.types[abstract].kind is TypeKind.INTERFACE:
                for member in members:
                    self._interfaces.setdefault(member, set()).add(abstract)
        self._sources: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._key_names: dict[tuple[str, str], frozenset[str]] = {}
        self._field_sets: dict[int, list[SSelection]] = {}
        self.field_names = frozenset(
            name for info in supergraph.types.values() for name in info.fields
        )
        self.satisfiability = Satisfiability(supergraph)
        self.required_arguments = required_arguments(supergraph)
        self.conflicts = ConflictAliaser(supergraph)
        self._query_graph: QueryGraph | None = None

    @property
    def query_graph(self) -> QueryGraph:
        """Built on first use: most plans never need a key their subgraph cannot serve."""
        if self._query_graph is None:
            self._query_graph = QueryGraph(self.sg)
        return self._query_graph

    # -- entry point -------------------------------------------------------------------

    def plan(
        self,
        operation: OperationDefinitionNode,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        measures: Measures | None = None,
        withhold: Withhold | None = None,
    ) -> QueryPlan:
        """The plan for `operation`; `measures` are its limits' measures when already known,
        and `withhold` takes out what the viewer may not see before anything is planned.

        Raises `PlanningError` when it cannot be planned, or selects more than
        `MAX_PLANNED_FIELDS` fields once its fragments are expanded.
        """
        if measures is None:
            measures = summarise(operation.selection_set, fragment_measures(fragments))
        if measures.height > MAX_PLANNED_FIELDS:
            raise PlanningError(
                f"the operation selects {measures.height} fields once its fragments are"
                f" expanded; at most {MAX_PLANNED_FIELDS} are planned"
            )
        try:
            plan = self._plan(operation, fragments, variables, withhold)
        except PlanningError:
            raise
        except Exception as exc:  # a planner bug must still reach the client as a refusal
            raise PlanningError("the operation could not be planned") from exc
        run_plan_checks(self.sg, plan)
        return plan

    def _plan(
        self,
        operation: OperationDefinitionNode,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        withhold: Withhold | None,
    ) -> QueryPlan:
        kind: OperationKind = operation.operation.value
        root_type = self._root_type(kind)
        normalizer = Normalizer(
            fragments, variables, self.field_names, self.required_arguments.must_alias
        )
        selections = normalizer.selections(operation.selection_set)
        withheld = withhold(root_type, selections) if withhold is not None else None
        self.satisfiability.check(root_type, selections)
        self.conflicts.apply(root_type, selections)
        build = _Build(kind, root_type)
        self._plan_root(build, kind, root_type, selections)
        var_types = {d.variable.name.value: d.type for d in operation.variable_definitions or ()}
        name = operation.name.value if operation.name else None
        emitter = Emitter(kind, name, var_types)
        subscription_root: FetchNode | None = None
        if kind == "subscription" and build.roots:
            root = build.roots[0]
            subscription_root = emitter.fetch(root)  # type: ignore[assignment]
            node = emitter.schedule([g for g in build.groups if g is not root])
        elif kind == "mutation":
            node = sequence([emitter.schedule(descendants(r)) for r in build.roots])
        else:
            node = parallel([emitter.schedule(descendants(r)) for r in build.roots])
        refusals: tuple[dict[str, Any], ...] = ()
        if withheld is not None:
            withheld.restore()
            refusals = tuple(withheld.errors)
        return QueryPlan(
            kind=kind,
            root_type=root_type,
            node=node,
            selections=selections,
            subscription_root=subscription_root,
            refusals=refusals,
        )

    def root_type(self, kind: OperationKind) -> str:
        """The supergraph's root type for `kind` ("query", "mutation", "subscription")."""
        return self._root_type(kind)

    def _root_type(self, kind: OperationKind) -> str:
        name = {
            "query": self.sg.query_type,
            "mutation": self.sg.mutation_type,
            "subscription": self.sg.subscription_type,
        }[kind]
        if name is None:
            raise PlanningError(f"the supergraph has no {kind} type")
        return name

    # -- schema helpers ----------------------------------------------------------------

    def applies(self, condition: str | None, type_name: str) -> bool:
        return (
            condition is None
            or condition == type_name
            or type_name in self.sg.possible_types.get(condition, ())
        )

    def collect(self, type_name: str, selections: list[SSelection]) -> FieldsByKey:
        found: FieldsByKey = {}
        self._collect_into(type_name, selections, found)
        return found

    def _collect_into(self, type_name: str, selections: list[SSelection], out: FieldsByKey) -> None:
        for selection in selections:
            if isinstance(selection, SField):
                out.setdefault(selection.key, []).append(selection)
            elif self.applies(selection.type_condition, type_name):
                self._collect_into(type_name, selection.selections, out)

    def field_info(self, type_name: str, field_name: str) -> FieldInfo:
        info = self.sg.types[type_name].fields.get(field_name)
        if info is None:
            raise PlanningError(f"{type_name}.{field_name} is not in the supergraph")
        return info

    def field_set(self, node: Any) -> list[SSelection]:
        cached = self._field_sets.get(id(node))
        if cached is None:
            cached = self._field_sets[id(node)] = from_field_set(node)
        return cached

    def key_names(self, type_name: str, graph: str) -> frozenset[str]:
        cache_key = (type_name, graph)
        names = self._key_names.get(cache_key)
        if names is None:
            names = frozenset(
                s.name
                for key in self.sg.types[type_name].keys_in(graph, resolvable_only=False)
                for s in self.field_set(key.selection)
                if isinstance(s, SField)
            )
            self._key_names[cache_key] = names
        return names

    def is_local(self, graph: str, type_name: str, info: FieldInfo) -> bool:
        if graph in info.resolvers:
            source = info.sources.get(graph)
            return source is None or source.requires is None
        return info.name in self.key_names(type_name, graph)

    def provides(self, info: FieldInfo, graph: str) -> list[SSelection] | None:
        source = info.sources.get(graph)
        if source is None or source.provides is None:
            return None
        return self.field_set(source.provides)

    def sources(self, type_name: str, field_name: str) -> list[tuple[str, str]]:
        """(subgraph, entity type to fetch through) pairs able to resolve a field."""
        cache_key = (type_name, field_name)
        found = self._sources.get(cache_key)
        if found is not None:
            return found
        info = self.field_info(type_name, field_name)
        found = [(g, type_name) for g in self.ordered(info.resolvers)]
        seen = {g for g, _ in found}
        for iface in sorted(self._interfaces.get(type_name, ())):
            iface_info = self.sg.types[iface]
            iface_field = iface_info.fields.get(field_name)
            if iface_field is None:
                continue
            for graph in self.ordered(iface_info.interface_object_graphs):
                if graph in iface_field.resolvers and graph not in seen:
                    seen.add(graph)
                    found.append((graph, iface))
        self._sources[cache_key] = found
        return found

    def ordered(self, graphs: Iterable[str]) -> list[str]:
        return sorted(graphs, key=lambda g: self.order.get(g, 0))

    def fetchable(
        self, graph: str, type_name: str, selections: list[SSelection], provided: FieldsByKey
    ) -> bool:
        info_type = self.sg.types[type_name]
        for selection in selections:
            if isinstance(selection, SFragment):
                continue
            if selection.name in provided:
                continue
            info = info_type.fields.get(selection.name)
            if info is None or not self.is_local(graph, type_name, info):
                return False
            target = self.sg.types.get(info.type_name)
            if (
                selection.selections
                and target is not None
                and target.kind is TypeKind.OBJECT
                and not self.fetchable(graph, info.type_name, selection.selections, {})
            ):
                return False
        return True

    def coverage(
        self, graph: str, type_name: str, selections: list[SSelection], depth: int = 0
    ) -> tuple[int, int]:
        info_type = self.sg.types.get(type_name)
        if info_type is None or not selections or depth > 5:
            return (0, 0)
        covered = total = 0
        for selection in selections:
            if isinstance(selection, SFragment):
                c, t = self.coverage(
                    graph, selection.type_condition or type_name, selection.selections, depth
                )
            elif selection.name.startswith("__"):
                continue
            else:
                info = info_type.fields.get(selection.name)
                c, t = 0, 1
                if info is not None and (
                    graph in info.resolvers or selection.name in self.key_names(type_name, graph)
                ):
                    c = 1
                    sub_c, sub_t = self.coverage(
                        graph, info.type_name, selection.selections, depth + 1
                    )
                    c, t = c + sub_c, t + sub_t
                elif info is not None:
                    t += self.coverage(graph, info.type_name, selection.selections, depth + 1)[1]
            covered, total = covered + c, total + t
        return covered, total

    def _choose(
        self, candidates: list[str], type_name: str, sub: list[SSelection], preferred: set[str]
    ) -> str:
        def score(graph: str) -> tuple[bool, bool, int, int]:
            covered, total = self.coverage(graph, type_name, sub)
            return (covered == total, graph in preferred, covered, -self.order.get(graph, 0))

        return max(candidates, key=score)

    # -- root level --------------------------------------------------------------------

    def _plan_root(
        self, build: _Build, kind: OperationKind, root_type: str, selections: list[SSelection]
    ) -> None:
        for fields in self.collect(root_type, selections).values():
            field = fields[0]
            if field.name in _LOCAL_ROOT_FIELDS:
                continue
            info = self.field_info(root_type, field.name)
            sub = _merged(fields)
            candidates = self.ordered(info.resolvers)
            if not candidates:
                raise PlanningError(f"no subgraph resolves {root_type}.{field.name}")
            group: FetchGroup | None = None
            if kind == "mutation":
                last = build.roots[-1] if build.roots else None
                if last is not None and last.service in candidates:
                    group = last
                else:
                    service = self._choose(candidates, info.type_name, sub, set())
            else:
                existing = {r.service for r in build.roots}
                service = self._choose(candidates, info.type_name, sub, existing)
                group = next((r for r in build.roots if r.service == service), None)
            if group is None:
                group = build.new_group(service, (), None)
            self._add_local(
                build,
                group,
                root_type,
                field,
                sub,
                (),
                group.selection,
                self.provides(info, group.service),
            )

    # -- nested levels -----------------------------------------------------------------

    def _add_local(
        self,
        build: _Build,
        group: FetchGroup,
        type_name: str,
        field: SField,
        sub: list[SSelection],
        path: tuple[str, ...],
        target: SubSelection,
        provided: list[SSelection] | None,
    ) -> set[FetchGroup]:
        """Add a field `group` serves itself; returns every group its subtree needs."""
        info = self.field_info(type_name, field.name)
        return_type = self.sg.types.get(info.type_name)
        composite = return_type is not None and return_type.kind in _COMPOSITE
        is_new = field.fetch_key not in target.fields
        node = target.add(field, composite=composite)
        if not composite or node.selection is None:
            return {group}
        child_path = (*path, field.fetch_key, *("@",) * info.list_depth)
        build.frames.append(Frame(group, type_name, field, path, target))
        try:
            below = self._plan_selection(
                build,
                group,
                info.type_name,
                sub,
                child_path,
                node.selection,
                provided,
                within=graph_type_name(info, group.service),
            )
        finally:
            build.frames.pop()
        if is_new and below and not node.selection and group not in below:
            # Everything beneath came through an ancestor from other subgraphs: this
            # subgraph would only be asked for an empty object.
            del target.fields[field.fetch_key]
            return below
        return {group} | below

    def _plan_selection(
        self,
        build: _Build,
        group: FetchGroup,
        type_name: str,
        selections: list[SSelection],
        path: tuple[str, ...],
        target: SubSelection,
        provided: list[SSelection] | None,
        within: str | None = None,
    ) -> set[FetchGroup]:
        """Plan a composite value's selections; `within` is the subgraph's own type for
        the position when it is narrower than the supergraph's."""
        info = self.sg.types[type_name]
        if info.kind is TypeKind.OBJECT:
            return self._plan_object(build, group, type_name, selections, path, target, provided)
        if group.service in info.interface_object_graphs:
            return self._plan_interface_object(
                build, group, type_name, selections, path, target, provided
            )
        target.add_typename()
        used: set[FetchGroup] = {group}
        for object_type in possible_at(self.sg, type_name, group.service, within):
            fields = self.collect(object_type, selections)
            if all(fs[0].name == "__typename" for fs in fields.values()):
                continue
            provided_fields = self.collect(object_type, provided) if provided else {}
            used |= self._plan_fields(
                build,
                group,
                object_type,
                fields,
                path,
                target.fragment(object_type),
                provided_fields,
            )
        return used

    def _plan_object(
        self,
        build: _Build,
        group: FetchGroup,
        type_name: str,
        selections: list[SSelection],
        path: tuple[str, ...],
        target: SubSelection,
        provided: list[SSelection] | None,
    ) -> set[FetchGroup]:
        fields = self.collect(type_name, selections)
        provided_fields = self.collect(type_name, provided) if provided else {}
        return self._plan_fields(build, group, type_name, fields, path, target, provided_fields)

    def _plan_fields(
        self,
        build: _Build,
        group: FetchGroup,
        type_name: str,
        fields: FieldsByKey,
        path: tuple[str, ...],
        target: SubSelection,
        provided: FieldsByKey,
    ) -> set[FetchGroup]:
        used: set[FetchGroup] = set()
        for same_key in fields.values():
            field = same_key[0]
            if field.name == "__typename":
                continue
            used |= self._plan_field(
                build, group, type_name, field, _merged(same_key), path, target, provided
            )
        return used

    def _plan_field(
        self,
        build: _Build,
        group: FetchGroup,
        type_name: str,
        field: SField,
        sub: list[SSelection],
        path: tuple[str, ...],
        target: SubSelection,
        provided: FieldsByKey,
    ) -> set[FetchGroup]:
        """Plan one field; returns the groups that fetch it or anything beneath it."""
        info = self.field_info(type_name, field.name)
        given = provided.get(field.name)
        if given is not None:
            inner = _merged(given) + (self.provides(info, group.service) or [])
            return self._add_local(build, group, type_name, field, sub, path, target, inner or None)
        if self.is_local(group.service, type_name, info):
            provides = self.provides(info, group.service)
            return self._add_local(build, group, type_name, field, sub, path, target, provides)
        return self._plan_remote(build, group, type_name, field, sub, path, target, provided)

    def _plan_remote(
        self,
        build: _Build,
        group: FetchGroup,
        type_name: str,
        field: SField,
        sub: list[SSelection],
        path: tuple[str, ...],
        target: SubSelection,
        provided: FieldsByKey,
    ) -> set[FetchGroup]:
        hop = (type_name, field.name, group.id)
        if hop in build.hops or len(build.hops) > _MAX_HOPS:
            raise PlanningError(
                f"cannot reach {type_name}.{field.name} from subgraph {group.service!r}"
            )
        build.hops.append(hop)
        try:
            picked = self._pick_remote(group, type_name, field, sub, path, provided)
            if picked is None:
                return self._plan_through_parent(build, group, type_name, field, sub, path)
            graph, entity_type, key = picked
            key_selections = self.field_set(key.selection)
            deps = {group}
            deps |= self._plan_object_fields(
                build, group, type_name, key_selections, path, target, provided
            )
            info = self.field_info(entity_type, field.name)
            source = info.sources.get(graph)
            requires = self.field_set(source.requires) if source and source.requires else []
            if requires:
                deps |= self._plan_object_fields(
                    build, group, type_name, requires, path, target, provided
                )
            target.add_typename()
            child = self._child_group(build, group, graph, path, deps)
            self._require(child, entity_type, key_selections, requires)
            return {child} | self._add_local(
                build,
                child,
                entity_type,
                field,
                sub,
                path,
                child.selection.fragment(entity_type),
                self.provides(info, graph),
            )
        finally:
            build.hops.pop()

    def _plan_through_parent(
        self,
        build: _Build,
        group: FetchGroup,
        type_name: str,
        field: SField,
        sub: list[SSelection],
        path: tuple[str, ...],
    ) -> set[FetchGroup]:
        """The field's type has no key where the field lives: fetch its nearest ancestor
        that subgraph can fetch (an entity by key, or the root) and select the path down."""
        info = self.field_info(type_name, field.name)
        # A @requires needs representations of the field's own type, which has no key here.
        graphs = [
            g
            for g, entity in self.sources(type_name, field.name)
            if entity == type_name and not (g in info.sources and info.sources[g].requires)
        ]
        route = find_route(
            self.sg,
            build.frames,
            group,
            graphs,
            build.root_type,
            lambda g, t, f: self.is_local(g, t, self.field_info(t, f)),
        )
        if route is None or (route.is_root and build.kind != "query"):
            raise PlanningError(
                f"no subgraph can resolve {type_name}.{field.name} for an object "
                f"fetched from {group.service!r}: no resolvable @key on it or an ancestor"
            )
        anchor = route.anchor
        if route.is_root:
            found = next((r for r in build.roots if r.service == route.graph), None)
            child = found or build.new_group(route.graph, (), None)
            selection = child.selection
            deps: set[FetchGroup] = set()
        else:
            keys = self.sg.types[anchor.parent_type].keys_in(route.graph)
            key = next(
                (
                    k
                    for k in keys
                    if self.fetchable(
                        group.service, anchor.parent_type, self.field_set(k.selection), {}
                    )
                ),
                keys[0],
            )
            key_selections = self.field_set(key.selection)
            if self._has_key_already(group, anchor.parent_type, anchor.path, key_selections):
                # The ancestor is the entity this group fetches: its parent already holds
                # the key, so the two entity calls can run side by side.
                assert group.parent is not None
                parent, deps = group.parent, set(group.deps)
            else:
                parent = group
                deps = {group} | self._plan_object_fields(
                    build,
                    group,
                    anchor.parent_type,
                    key_selections,
                    anchor.path,
                    anchor.target,
                    {},
                )
                anchor.target.add_typename()
            child = self._child_group(build, parent, route.graph, anchor.path, deps)
            self._require(child, anchor.parent_type, key_selections, [])
            selection = child.selection.fragment(anchor.parent_type)
        for index, (parent_type, step) in enumerate(route.chain):
            node = selection.add(step, composite=True)
            assert node.selection is not None
            selection = node.selection
            below = route.chain[index + 1][0] if index + 1 < len(route.chain) else type_name
            if self.sg.is_abstract(self.field_info(parent_type, step.name).type_name):
                selection.add_typename()
                selection = selection.fragment(below)
        return {child} | self._add_local(
            build, child, type_name, field, sub, path, selection, self.provides(info, route.graph)
        )

    @staticmethod
    def _has_key_already(
        group: FetchGroup, type_name: str, path: tuple[str, ...], key: list[SSelection]
    ) -> bool:
        """True when `group` is an entity fetch at `path` whose representations of
        `type_name` already carry every (flat) field of `key`."""
        if group.parent is None or group.path != path or group.more_paths:
            return False
        have = group.key_fields.get(type_name)
        return have is not None and all(
            isinstance(s, SField) and not s.selections and s.name in have for s in key
        )

    def _plan_object_fields(
        self,
        build: _Build,
        group: FetchGroup,
        type_name: str,
        selections: list[SSelection],
        path: tuple[str, ...],
        target: SubSelection,
        provided: FieldsByKey,
    ) -> set[FetchGroup]:
        fields = self.collect(type_name, selections)
        return self._plan_fields(build, group, type_name, fields, path, target, provided)

    def _pick_remote(
        self,
        group: FetchGroup,
        type_name: str,
        field: SField,
        sub: list[SSelection],
        path: tuple[str, ...],
        provided: FieldsByKey,
    ) -> tuple[str, str, EntityKey] | None:
        """The subgraph, entity type and key to fetch a field through; None when no
        subgraph serving it has a resolvable key on the type."""
        candidates: list[tuple[tuple[bool, int, bool, int, int], str, str, EntityKey]] = []
        existing = {c.service for c in group.children if c.path == path}
        return_type = self.field_info(type_name, field.name).type_name
        for graph, entity_type in self.sources(type_name, field.name):
            keys = self.sg.types[entity_type].keys_in(graph)
            if not keys:
                continue
            direct = [
                k
                for k in keys
                if self.fetchable(group.service, type_name, self.field_set(k.selection), provided)
            ]
            # No key the current subgraph serves: the one whose fields cost the fewest
            # fetches to gather, by the query graph (a key met through another jump).
            cost, key = (0, direct[0]) if direct else self._cheapest_key(group, type_name, keys)
            covered = self.coverage(graph, return_type, sub)[0]
            score = (bool(direct), -cost, graph in existing, covered, -self.order.get(graph, 0))
            candidates.append((score, graph, entity_type, key))
        if not candidates:
            return None
        _, graph, entity_type, key = max(candidates, key=lambda c: c[0])
        return graph, entity_type, key

    def _cheapest_key(
        self, group: FetchGroup, type_name: str, keys: tuple[EntityKey, ...]
    ) -> tuple[int, EntityKey]:
        """(fetches to gather its fields, key) for the cheapest of `keys` from the group."""
        costs = [
            self.query_graph.condition_cost((group.service,), type_name, key.selection)
            for key in keys
        ]
        priced = [(c if c is not None else _UNREACHABLE, i) for i, c in enumerate(costs)]
        cost, index = min(priced)
        return cost, keys[index]

    def _child_group(
        self,
        build: _Build,
        parent: FetchGroup,
        service: str,
        path: tuple[str, ...],
        deps: set[FetchGroup],
    ) -> FetchGroup:
        blocked = closure(deps)
        for child in parent.children:
            if child.service == service and child.path == path and child not in blocked:
                child.deps |= deps
                return child
        child = build.new_group(service, path, parent)
        child.deps = set(deps)
        return child

    def _require(
        self,
        group: FetchGroup,
        entity_type: str,
        key: list[SSelection],
        requires: list[SSelection],
    ) -> None:
        representation = group.requires.get(entity_type)
        if representation is None:
            representation = group.requires[entity_type] = SubSelection()
            representation.add_typename()
        representation.merge_field_set(key)
        representation.merge_field_set(requires)
        names = group.key_fields.setdefault(entity_type, set())
        names.update(s.name for s in key if isinstance(s, SField))

    def _plan_interface_object(
        self,
        build: _Build,
        group: FetchGroup,
        type_name: str,
        selections: list[SSelection],
        path: tuple[str, ...],
        target: SubSelection,
        provided: list[SSelection] | None,
    ) -> set[FetchGroup]:
        """The subgraph only knows the interface as an object: concrete types live elsewhere."""
        target.add_typename()
        info = self.sg.types[type_name]
        fields = self.collect(type_name, selections)
        provided_fields = self.collect(type_name, provided) if provided else {}
        local: FieldsByKey = {}
        remote = self._has_foreign_fragments(type_name, selections)
        for key, same_key in fields.items():
            field = same_key[0]
            field_info = info.fields.get(field.name)
            if field.name != "__typename" and (
                field.name in provided_fields
                or (field_info is not None and self.is_local(group.service, type_name, field_info))
            ):
                local[key] = same_key
            else:
                remote = True
        used = self._plan_fields(build, group, type_name, local, path, target, provided_fields)
        used.add(group)
        if not remote:
            return used
        owner, owner_key = self._interface_owner(group.service, type_name, provided_fields)
        key_selections = self.field_set(owner_key.selection)
        deps = {group} | self._plan_object_fields(
            build, group, type_name, key_selections, path, target, provided_fields
        )
        child = self._child_group(build, group, owner, path, deps)
        self._require(child, type_name, key_selections, [])
        rest = [s for s in selections if not (isinstance(s, SField) and s.key in local)]
        used.add(child)
        used |= self._plan_selection(
            build, child, type_name, rest, path, child.selection.fragment(type_name), None
        )
        return used

    def _has_foreign_fragments(self, type_name: str, selections: list[SSelection]) -> bool:
        for selection in selections:
            if isinstance(selection, SFragment):
                if selection.type_condition not in (None, type_name):
                    return True
                if self._has_foreign_fragments(type_name, selection.selections):
                    return True
        return False

    def _interface_owner(
        self, service: str, type_name: str, provided: FieldsByKey
    ) -> tuple[str, EntityKey]:
        info = self.sg.types[type_name]
        fallback: tuple[str, EntityKey] | None = None
        for graph in self.ordered(info.graphs - info.interface_object_graphs):
            for key in info.keys_in(graph):
                selections = self.field_set(key.selection)
                if self.fetchable(service, type_name, selections, provided):
                    return graph, key
                fallback = fallback or (graph, key)
        if fallback is None:
            raise PlanningError(
                f"no subgraph defines interface {type_name} with a resolvable @key "
                f"to find the concrete types behind subgraph {service!r}"
            )
        return fallback
