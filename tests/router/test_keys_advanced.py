from __future__ import annotations

import httpx

from router.supergraph import load_supergraph
from tests.router.kit import FIXTURES, Recorder, post


async def test_compound_nested_key_and_null_keys_are_skipped(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(catalog_client, "{ people { name reputation } }")
    assert result == {
        "data": {
            "people": [
                {"name": "Frank Herbert", "reputation": 42},
                {"name": "Jane Austen", "reputation": None},
            ]
        }
    }
    assert recorder.summary() == [("legacy", True), ("people", False)]
    # Jane's handle (part of the key) is null: she is not sent at all
    assert recorder.to("legacy")[0].representations == [
        {"__typename": "Person", "org": {"code": "ACE"}, "handle": "frank"}
    ]


async def test_key_hop_through_a_third_subgraph_and_resolvable_false(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(catalog_client, "{ featured { title author { name reputation } } }")
    assert result == {
        "data": {
            "featured": {"title": "Dune", "author": {"name": "Frank Herbert", "reputation": 42}}
        }
    }
    # media knows Person only by id (resolvable: false): people supplies name and the
    # compound key legacy needs; media never gets an _entities call for Person
    assert [(c.subgraph, c.is_entities) for c in recorder.calls] == [
        ("media", False),
        ("people", True),
        ("legacy", True),
    ]


def test_resolvable_false_keys_are_not_entity_targets() -> None:
    supergraph = load_supergraph((FIXTURES / "catalog.graphql").read_text())
    person = supergraph.types["Person"]
    assert person.keys_in("media") == ()
    assert [k.fields for k in person.keys_in("media", resolvable_only=False)] == ["id"]
    assert [k.fields for k in person.keys_in("people")] == ["id", "org { code } handle"]


async def test_override_sends_field_to_the_overriding_subgraph(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(catalog_client, "{ media { ... on Book { id price } } }")
    assert result == {
        "data": {"media": [{"id": "b1", "price": 20}, {"id": "b2", "price": 12}, {}, {}]}
    }
    assert recorder.summary() == [("legacy", True), ("media", False)]
    assert "price" not in recorder.to("media")[0].query


async def test_shareable_root_field_picks_the_subgraph_covering_the_selection(
    catalog_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    assert await post(catalog_client, "{ featured { price } }") == {
        "data": {"featured": {"price": 20}}
    }
    assert recorder.summary() == [("legacy", False)]
    recorder.clear()
    assert await post(catalog_client, "{ featured { title pages } }") == {
        "data": {"featured": {"title": "Dune", "pages": 412}}
    }
    assert recorder.summary() == [("media", False)]
    recorder.clear()
    both = await post(catalog_client, "{ featured { title price } }")
    assert both == {"data": {"featured": {"title": "Dune", "price": 20}}}
    assert len(recorder.calls) == 2
