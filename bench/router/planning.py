"""Cold query-planning time on LifeGraph's own supergraph.

Run: python -m bench.router.planning [--runs N] [--depth D]

Two queries, both built from the client schema:
- "the largest LifeGraph query": every query root field, each expanded to every field
  (fragments on every member of unions and interfaces) down to `--depth` levels, no type
  repeated along one path (target: under 20 ms cold);
- "200 fields across 6 subgraphs": `notifications` and `me` (a `User`, which every
  subgraph extends) expanded the same way five levels deep, stopped at 200 fields
  (target: under 100 ms cold).

Each run plans a query with a fresh `QueryPlanner`, so no plan and none of the planner's
per-type caches are warm; a cached plan costs one LRU lookup and is not measured here.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    OperationDefinitionNode,
    Undefined,
    get_named_type,
    parse,
    validate,
)

from router.api_schema import build_api_schema
from router.planner import QueryPlan, QueryPlanner
from router.supergraph import load_supergraph

SUPERGRAPH = Path(__file__).resolve().parents[2] / "schema" / "supergraph.graphql"


class _QueryBuilder:
    """Writes the widest query a schema allows, required arguments as variables."""

    def __init__(
        self,
        schema: GraphQLSchema,
        depth: int,
        *,
        max_fields: int | None = None,
        roots: tuple[str, ...] | None = None,
    ) -> None:
        self.schema = schema
        self.depth = depth
        self.max_fields = max_fields
        self.roots = roots
        self.variables: list[str] = []
        self.fields = 0

    def build(self, name: str = "Largest") -> str:
        query = self.schema.query_type
        assert query is not None
        body = self._selection(query, 0, ())
        defs = f"({', '.join(self.variables)})" if self.variables else ""
        return f"query {name}{defs} {body}"

    def _full(self) -> bool:
        return self.max_fields is not None and self.fields >= self.max_fields

    def _selection(
        self, parent: GraphQLObjectType | GraphQLInterfaceType, level: int, seen: tuple[str, ...]
    ) -> str:
        fields = parent.fields.items()
        if level == 0 and self.roots is not None:
            fields = [(root, parent.fields[root]) for root in self.roots]
        parts = [self._field(name, field, level, seen) for name, field in fields]
        return "{ " + " ".join(p for p in parts if p) + " }"

    def _field(self, name: str, field: GraphQLField, level: int, seen: tuple[str, ...]) -> str:
        if self._full():
            return ""
        named = get_named_type(field.type)
        inner = ""
        composite = isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType)
        if composite and (level + 1 >= self.depth or named.name in seen):
            return ""
        # counted before its sub-selection, so the budget holds at every depth
        self.fields += 1
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            inner = self._composite(named, level + 1, (*seen, named.name))
            if not inner:
                self.fields -= 1
                return ""
        args = []
        for arg_name, arg in field.args.items():
            if isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined:
                variable = f"v{len(self.variables)}"
                self.variables.append(f"${variable}: {_type_ref(arg.type)}")
                args.append(f"{arg_name}: ${variable}")
        call = f"{name}({', '.join(args)})" if args else name
        return f"{call} {inner}" if inner else call

    def _composite(
        self,
        named: GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType,
        level: int,
        seen: tuple[str, ...],
    ) -> str:
        if isinstance(named, GraphQLObjectType):
            inner = self._selection(named, level, seen)
            return "" if inner == "{  }" else inner
        members = self.schema.get_possible_types(named)
        fragments = []
        for member in members:
            inner = self._selection(member, level, (*seen, member.name))
            if inner != "{  }":
                fragments.append(f"... on {member.name} {inner}")
        return "{ __typename " + " ".join(fragments) + " }" if fragments else ""


def _type_ref(type_: object) -> str:
    if isinstance(type_, GraphQLNonNull):
        return _type_ref(type_.of_type) + "!"
    of_type = getattr(type_, "of_type", None)
    if of_type is not None:
        return f"[{_type_ref(of_type)}]"
    return str(getattr(type_, "name", type_))


def largest_query(sdl: str, depth: int) -> tuple[str, int]:
    """The widest valid query on `sdl`'s client schema, and how many fields it selects."""
    return _valid_query(_QueryBuilder(build_api_schema(sdl), depth), "Largest")


def wide_query(sdl: str, fields: int) -> tuple[str, int]:
    """`notifications` then `me`, every field five levels deep, stopped at `fields` fields."""
    roots = ("notifications", "me")
    builder = _QueryBuilder(build_api_schema(sdl), 5, max_fields=fields, roots=roots)
    return _valid_query(builder, "Wide")


def _valid_query(builder: _QueryBuilder, name: str) -> tuple[str, int]:
    schema = builder.schema
    query = builder.build(name)
    errors = validate(schema, parse(query))
    if errors:
        raise RuntimeError(f"generated query is invalid: {errors[0].message}")
    return query, builder.fields


def cold_plan_ms(sdl: str, query: str, runs: int) -> tuple[list[float], list[float], QueryPlan]:
    """Wall and CPU milliseconds to plan `query`, each run with a fresh planner; the plan.

    CPU time is the steadier number on a shared machine: other processes stretch the
    wall clock, not the planner's own work.
    """
    supergraph = load_supergraph(sdl)
    operation = parse(query).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    wall: list[float] = []
    cpu: list[float] = []
    plan = QueryPlanner(supergraph).plan(operation, {}, {})
    for _ in range(runs):
        planner = QueryPlanner(supergraph)
        start, start_cpu = time.perf_counter(), time.thread_time()
        planner.plan(operation, {}, {})
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu, plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--depth", type=int, default=3)
    args = parser.parse_args()
    sdl = SUPERGRAPH.read_text()
    cases = [
        ("largest LifeGraph query", largest_query(sdl, args.depth), 20),
        ("200 fields across 6 subgraphs", wide_query(sdl, 200), 100),
    ]
    print(
        f"{'query':<30} {'fields':>6} {'subgraphs':>9} {'fetches':>7}"
        f" {'CPU p50 ms':>10} {'CPU min':>8} {'wall p50':>8} {'target':>7}"
    )
    for name, (query, fields), target in cases:
        wall, cpu, plan = cold_plan_ms(sdl, query, args.runs)
        fetches = plan.fetches()
        subgraphs = len({fetch.service for fetch in fetches})
        print(
            f"{name:<30} {fields:>6} {subgraphs:>9} {len(fetches):>7}"
            f" {statistics.median(cpu):>10.2f} {min(cpu):>8.2f}"
            f" {statistics.median(wall):>8.2f} {'< ' + str(target):>7}"
        )
    print(f"({args.runs} cold plans each, a fresh planner every time; ms)")


if __name__ == "__main__":
    main()
