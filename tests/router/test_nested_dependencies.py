"""Class 2: a fetch whose @requires needs nested fields another fetch supplies runs after it.

Fixture: tests/router/fixtures/shapes.py. rank's `Employee.level` requires
`manager { name }` (the name comes from crm, by Person's key); crm's `Employee.title`
requires `level` (rank): crm -> rank -> crm, level by level. rank's `mailCode` requires
`company { address { zip } }`, which only org serves, through the Company entity.
rank answers `level: -1` when it is sent a manager without a name.
"""

from __future__ import annotations

import httpx

from tests.router.fixtures.shapes import plan
from tests.router.kit import Recorder, post

_ENTITIES = "query($representations:[_Any!]!){_entities(representations:$representations)"
_HR_WITH_MANAGER = 'query{employee(id: "e1"){id manager{id __typename} __typename}}'


async def test_requires_waits_for_the_fetch_supplying_its_nested_field(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shapes_client, '{ employee(id: "e1") { level } }')
    assert result == {"data": {"employee": {"level": 2}}}
    assert [(c.subgraph, c.query, c.representations) for c in recorder.calls] == [
        ("hr", _HR_WITH_MANAGER, []),
        ("crm", _ENTITIES + "{...on Person{name}}}", [{"__typename": "Person", "id": "p2"}]),
        (
            "rank",
            _ENTITIES + "{...on Employee{level}}}",
            [{"__typename": "Employee", "id": "e1", "manager": {"name": "Grace"}}],
        ),
    ]
    assert plan('{ employee(id: "e1") { level } }')["node"] == {
        "sequence": [
            {"fetch": "hr", "operation": _HR_WITH_MANAGER},
            {
                "flatten": "employee.manager",
                "fetch": "crm",
                "operation": _ENTITIES + "{...on Person{name}}}",
            },
            {
                "flatten": "employee",
                "fetch": "rank",
                "operation": _ENTITIES + "{...on Employee{level}}}",
            },
        ]
    }


async def test_requires_on_requires_across_subgraphs_resolves_level_by_level(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shapes_client, '{ employee(id: "e1") { name title } }')
    assert result == {"data": {"employee": {"name": "Ada", "title": "L2 engineer"}}}
    assert [(c.subgraph, c.query, c.representations) for c in recorder.calls] == [
        ("hr", 'query{employee(id: "e1"){name id manager{id __typename} __typename}}', []),
        ("crm", _ENTITIES + "{...on Person{name}}}", [{"__typename": "Person", "id": "p2"}]),
        (
            "rank",
            _ENTITIES + "{...on Employee{level}}}",
            [{"__typename": "Employee", "id": "e1", "manager": {"name": "Grace"}}],
        ),
        (
            "crm",
            _ENTITIES + "{...on Employee{title}}}",
            [{"__typename": "Employee", "id": "e1", "level": 2}],
        ),
    ]


async def test_requires_through_a_keyless_path_waits_for_the_ancestor_fetch(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shapes_client, '{ employee(id: "e1") { mailCode } }')
    assert result == {"data": {"employee": {"mailCode": "MC-69001"}}}
    assert [(c.subgraph, c.query, c.representations) for c in recorder.calls] == [
        ("hr", 'query{employee(id: "e1"){id company{id __typename} __typename}}', []),
        (
            "org",
            _ENTITIES + "{...on Company{address{zip}}}}",
            [{"__typename": "Company", "id": "c1"}],
        ),
        (
            "rank",
            _ENTITIES + "{...on Employee{mailCode}}}",
            [{"__typename": "Employee", "id": "e1", "company": {"address": {"zip": "69001"}}}],
        ),
    ]


def test_independent_suppliers_run_in_parallel_before_the_requiring_fetch() -> None:
    assert plan('{ employee(id: "e1") { mailCode level } }')["node"] == {
        "sequence": [
            {
                "fetch": "hr",
                "operation": 'query{employee(id: "e1"){id company{id __typename} __typename'
                " manager{id __typename}}}",
            },
            {
                "parallel": [
                    {
                        "flatten": "employee.company",
                        "fetch": "org",
                        "operation": _ENTITIES + "{...on Company{address{zip}}}}",
                    },
                    {
                        "flatten": "employee.manager",
                        "fetch": "crm",
                        "operation": _ENTITIES + "{...on Person{name}}}",
                    },
                ]
            },
            {
                "flatten": "employee",
                "fetch": "rank",
                "operation": _ENTITIES + "{...on Employee{mailCode level}}}",
            },
        ]
    }


async def test_a_null_nested_supplier_still_reaches_the_requiring_fetch(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    # e2 has no manager: crm has nothing to fetch, rank still gets `manager: null`
    result = await post(shapes_client, '{ employee(id: "e2") { level } }')
    assert result == {"data": {"employee": {"level": None}}}
    assert [(c.subgraph, c.representations) for c in recorder.calls] == [
        ("hr", []),
        ("rank", [{"__typename": "Employee", "id": "e2", "manager": None}]),
    ]


async def test_key_with_a_nested_field_from_another_fetch_waits_for_it(
    shapes_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    # desk finds a Person by `team { label }`; hr only has the team's id, crm its label
    result = await post(shapes_client, '{ employee(id: "e1") { manager { deskNo } } }')
    assert result == {"data": {"employee": {"manager": {"deskNo": 12}}}}
    assert [(c.subgraph, c.query, c.representations) for c in recorder.calls] == [
        ("hr", 'query{employee(id: "e1"){manager{team{id __typename} __typename}}}', []),
        ("crm", _ENTITIES + "{...on Team{label}}}", [{"__typename": "Team", "id": "t1"}]),
        (
            "desk",
            _ENTITIES + "{...on Person{deskNo}}}",
            [{"__typename": "Person", "team": {"label": "Core"}}],
        ),
    ]
