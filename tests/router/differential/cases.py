"""The conformance queries of tests/router/test_*.py, as one table for the differential oracle.

The queries are read out of the test modules' source rather than copied, so every
query a conformance test sends through a fixture router (`await post(shop_client, ...)`)
is also a differential case, and a new test adds a case without touching this file.
A call is taken when its query and variables are literals: a string, a name bound to a
string in the test or its module, or a `pytest.mark.parametrize` argument (one case per
parameter set). Anything computed at run time is left out; `skipped()` says what.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROUTER_TESTS = Path(__file__).parent.parent

# The session fixtures of tests/router/conftest.py and the supergraph each one serves.
CLIENTS = {
    "shop_client": "shop.graphql",
    "catalog_client": "catalog.graphql",
    "conformance_client": "conformance.graphql",
    "shapes_client": "shapes.graphql",
}


@dataclass(frozen=True, slots=True)
class Case:
    """One query sent to one fixture supergraph, named after the test that sends it."""

    id: str
    supergraph: str
    query: str
    variables: dict[str, Any] | None = None
    operation_name: str | None = None

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"query": self.query}
        if self.variables is not None:
            body["variables"] = self.variables
        if self.operation_name is not None:
            body["operationName"] = self.operation_name
        return body


@dataclass(frozen=True, slots=True)
class _Scope:
    """Names bound to literals where a `post` call is: module, then test, then parameters."""

    names: dict[str, ast.expr] = field(default_factory=dict)

    def with_(self, more: dict[str, ast.expr]) -> _Scope:
        return _Scope({**self.names, **more})

    def literal(self, node: ast.expr) -> Any:
        """The value of `node` with bound names substituted; ValueError if not a literal."""
        # NodeTransformer edits in place: work on a copy, the tree serves every row.
        substituted = _Substitute(self.names).visit(copy.deepcopy(node))
        return ast.literal_eval(ast.fix_missing_locations(substituted))


class _Substitute(ast.NodeTransformer):
    def __init__(self, names: dict[str, ast.expr]) -> None:
        self.names = names

    def visit_Name(self, node: ast.Name) -> ast.AST:
        bound = self.names.get(node.id)
        return node if bound is None else self.visit(copy.deepcopy(bound))


def _assignments(statements: list[ast.stmt], before: int | None = None) -> dict[str, ast.expr]:
    """Single-name assignments, in source order up to line `before` (the last one wins)."""
    found: dict[str, ast.expr] = {}
    for statement in statements:
        if before is not None and statement.lineno >= before:
            break
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                found[target.id] = statement.value
        elif (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and statement.value is not None
        ):
            found[statement.target.id] = statement.value
    return found


def _parameter_sets(test: ast.AsyncFunctionDef | ast.FunctionDef) -> list[dict[str, ast.expr]]:
    """One binding per `pytest.mark.parametrize` row (a single empty one without it)."""
    sets: list[dict[str, ast.expr]] = [{}]
    for decorator in test.decorator_list:
        if not (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "parametrize"
            and len(decorator.args) >= 2
        ):
            continue
        names_node, rows_node = decorator.args[0], decorator.args[1]
        names = ast.literal_eval(names_node)
        names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
        if not isinstance(rows_node, ast.List | ast.Tuple):
            raise ValueError("the parametrize rows are not a literal list")
        rows: list[dict[str, ast.expr]] = []
        for row in rows_node.elts:
            values = row.elts if len(names) > 1 and isinstance(row, ast.Tuple) else [row]
            rows.append(dict(zip(names, values, strict=True)))
        sets = [{**before, **row} for before in sets for row in rows]
    return sets


def _loop_sets(test: ast.AST, call: ast.Call) -> list[dict[str, ast.expr]]:
    """One binding per item of each `for name in (literal, ...)` loop around `call`."""
    sets: list[dict[str, ast.expr]] = [{}]
    for loop in ast.walk(test):
        if (
            isinstance(loop, ast.For)
            and isinstance(loop.target, ast.Name)
            and isinstance(loop.iter, ast.List | ast.Tuple)
            and any(node is call for node in ast.walk(loop))
        ):
            name = loop.target.id
            sets = [{**before, name: item} for before in sets for item in loop.iter.elts]
    return sets


def _posts(test: ast.AsyncFunctionDef | ast.FunctionDef) -> Iterator[ast.Call]:
    for node in ast.walk(test):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "post"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in CLIENTS
        ):
            yield node


def _case(case_id: str, call: ast.Call, scope: _Scope) -> Case:
    client = call.args[0]
    assert isinstance(client, ast.Name)
    query = scope.literal(call.args[1])
    if not isinstance(query, str):
        raise ValueError("the query is not a string")
    options = {k.arg: scope.literal(k.value) for k in call.keywords}
    if k := set(options) - {"variables", "operationName"}:
        raise ValueError(f"unsupported request fields {sorted(map(str, k))}")
    return Case(
        case_id, CLIENTS[client.id], query, options.get("variables"), options.get("operationName")
    )


def module_cases(path: Path) -> Iterator[Case | tuple[str, str]]:
    """The cases of one test module, and (case id, why) for each call it cannot read."""
    module = ast.parse(path.read_text(), str(path))
    module_scope = _Scope(_assignments(module.body))
    for test in module.body:
        if not (
            isinstance(test, ast.AsyncFunctionDef | ast.FunctionDef)
            and test.name.startswith("test_")
        ):
            continue
        calls = sorted(_posts(test), key=lambda c: (c.lineno, c.col_offset))
        if not calls:
            continue
        try:
            parameter_sets = _parameter_sets(test)
        except (ValueError, TypeError, SyntaxError, RecursionError) as why:
            yield (f"{path.stem}::{test.name}", str(why))
            continue
        statements = sorted(
            (n for n in ast.walk(test) if isinstance(n, ast.stmt) and n is not test),
            key=lambda n: n.lineno,
        )
        for number, call in enumerate(calls, start=1):
            test_scope = module_scope.with_(_assignments(statements, before=call.lineno))
            rows = [
                {**parameters, **loop}
                for parameters in parameter_sets
                for loop in _loop_sets(test, call)
            ]
            for row, parameters in enumerate(rows, start=1):
                case_id = f"{path.stem}::{test.name}"
                if len(calls) > 1:
                    case_id += f"#{number}"
                if len(rows) > 1:
                    case_id += f"[{row}]"
                try:
                    yield _case(case_id, call, test_scope.with_(parameters))
                except (ValueError, TypeError, SyntaxError, RecursionError) as why:
                    yield (case_id, str(why))


def _collect() -> tuple[list[Case], list[tuple[str, str]]]:
    cases: list[Case] = []
    skipped: list[tuple[str, str]] = []
    for path in sorted(ROUTER_TESTS.glob("test_*.py")):
        for found in module_cases(path):
            if isinstance(found, Case):
                cases.append(found)
            else:
                skipped.append(found)
    return cases, skipped


CASES, SKIPPED = _collect()
