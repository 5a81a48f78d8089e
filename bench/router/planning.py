"""Cold query-planning time on LifeGraph's own supergraph.

Run: python -m bench.router.planning [--runs N] [--depth D]

"The largest LifeGraph query" is built from the client schema: every query root field,
each expanded to every field (fragments on every member of unions and interfaces) down to
`--depth` levels, no type repeated along one path. Each run plans it with a fresh
`QueryPlanner`, so no plan and none of the planner's per-type caches are warm; a cached
plan costs one LRU lookup and is not measured here.
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
from router.planner import QueryPlanner
from router.supergraph import load_supergraph

SUPERGRAPH = Path(__file__).resolve().parents[2] / "schema" / "supergraph.graphql"


class _QueryBuilder:
    """Writes the widest query a schema allows, required arguments as variables."""

    def __init__(self, schema: GraphQLSchema, depth: int) -> None:
        self.schema = schema
        self.depth = depth
        self.variables: list[str] = []
        self.fields = 0

    def build(self) -> str:
        query = self.schema.query_type
        assert query is not None
        body = self._selection(query, 0, ())
        defs = f"({', '.join(self.variables)})" if self.variables else ""
        return f"query Largest{defs} {body}"

    def _selection(
        self, parent: GraphQLObjectType | GraphQLInterfaceType, level: int, seen: tuple[str, ...]
    ) -> str:
        parts = [self._field(name, field, level, seen) for name, field in parent.fields.items()]
        return "{ " + " ".join(p for p in parts if p) + " }"

    def _field(self, name: str, field: GraphQLField, level: int, seen: tuple[str, ...]) -> str:
        named = get_named_type(field.type)
        inner = ""
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            if level + 1 >= self.depth or named.name in seen:
                return ""
            inner = self._composite(named, level + 1, (*seen, named.name))
            if not inner:
                return ""
        args = []
        for arg_name, arg in field.args.items():
            if isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined:
                variable = f"v{len(self.variables)}"
                self.variables.append(f"${variable}: {_type_ref(arg.type)}")
                args.append(f"{arg_name}: ${variable}")
        call = f"{name}({', '.join(args)})" if args else name
        self.fields += 1
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
    schema = build_api_schema(sdl)
    builder = _QueryBuilder(schema, depth)
    query = builder.build()
    errors = validate(schema, parse(query))
    if errors:
        raise RuntimeError(f"generated query is invalid: {errors[0].message}")
    return query, builder.fields


def cold_plan_ms(sdl: str, query: str, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds to plan `query`, each run with a fresh planner.

    CPU time is the steadier number on a shared machine: other processes stretch the
    wall clock, not the planner's own work.
    """
    supergraph = load_supergraph(sdl)
    operation = parse(query).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        planner = QueryPlanner(supergraph)
        start, start_cpu = time.perf_counter(), time.thread_time()
        planner.plan(operation, {}, {})
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--depth", type=int, default=3)
    args = parser.parse_args()
    sdl = SUPERGRAPH.read_text()
    query, fields = largest_query(sdl, args.depth)
    wall, cpu = cold_plan_ms(sdl, query, args.runs)
    print(f"largest LifeGraph query: {fields} fields, depth {args.depth}, {len(query)} chars")
    print(f"cold plan CPU  p50: {statistics.median(cpu):.2f} ms  min: {min(cpu):.2f} ms")
    print(f"cold plan wall p50: {statistics.median(wall):.2f} ms  min: {min(wall):.2f} ms")
    print(f"({args.runs} runs, a fresh planner each; the issue's target is < 20 ms)")


if __name__ == "__main__":
    main()
