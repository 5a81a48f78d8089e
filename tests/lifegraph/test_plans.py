"""How the router plans LifeGraph's own operations: the fan-out paths stay within one subgraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from router.config import RouterConfig
from router.service import Router
from router.subscriptions.shared import fetched_services

SUPERGRAPH = Path(__file__).resolve().parents[2] / "schema" / "supergraph.graphql"


@pytest.fixture(scope="module")
def router() -> Router:
    return Router(RouterConfig(supergraph_sdl=SUPERGRAPH.read_text()))


def services_per_event(router: Router, subscription: str) -> frozenset[str]:
    prepared = router.prepare(subscription, None)
    plan = router.plan_for(prepared, {"c": "conversation-1"})
    assert plan.subscription_root is not None
    assert plan.subscription_root.service == "chat"
    return fetched_services(plan)


def test_a_message_reaches_its_subscribers_with_the_sender_card_and_no_further_fetch(
    router: Router,
) -> None:
    # One message to a thousand subscribers must not cost a thousand calls to users.
    query = """subscription($c: ID!) {
      messageAdded(conversationId: $c) { text sender { id displayName avatarUrl } }
    }"""
    assert services_per_event(router, query) == frozenset()


def test_typing_indicators_carry_the_typers_card(router: Router) -> None:
    query = """subscription($c: ID!) {
      typing(conversationId: $c) { isTyping user { id displayName avatarUrl } }
    }"""
    assert services_per_event(router, query) == frozenset()


def test_sender_fields_chat_does_not_keep_still_come_from_users(router: Router) -> None:
    query = """subscription($c: ID!) {
      messageUpdated(conversationId: $c) { text sender { displayName bio } }
    }"""
    assert services_per_event(router, query) == {"users"}
