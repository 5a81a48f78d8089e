"""A group message notifies each offline member by their own settings, read once for all."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from common.events.catalog import MessageSent
from common.infra import Infrastructure
from subgraphs.notifications.models import Channel, Delivery, Kind, Notification, PushEndpoint
from subgraphs.notifications.repository.push import PushEndpoints
from subgraphs.notifications.repository.users import PreferencesRepo
from subgraphs.notifications.service.notifications import PreferenceChange
from tests.subgraphs.conftest import MakeEvent

from .conftest import MailServer
from .test_notifications_service import Clock, database, deliver, make_service

__all__ = ["database"]  # the fixture, shared with the service tests

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

NOW = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)


def _stages(plan: dict[str, Any]) -> list[dict[str, Any]]:
    below = [plan.get("inputStage"), *plan.get("inputStages", [])]
    return [plan, *(stage for child in below if child for stage in _stages(child))]


async def test_each_member_of_a_group_gets_their_own_channels(
    database: Any, infra: Infrastructure, smtp: MailServer, make_event: MakeEvent
) -> None:
    service = make_service(infra, smtp, Clock(NOW))
    email = PreferenceChange(Kind.MESSAGE, Channel.EMAIL, True)
    await service.update_preferences("u1", [email], quiet_hours=None, clear_quiet_hours=False)
    silent = PreferenceChange(Kind.MESSAGE, Channel.IN_APP, False)
    await service.update_preferences("u2", [silent], quiet_hours=None, clear_quiet_hours=False)
    await PushEndpoints().register(
        PushEndpoint(user_id="u3", endpoint="https://push.example/u3", p256dh="k", auth="a",
                     created_at=NOW)
    )  # fmt: skip
    payload = MessageSent(
        conversation_id="c1",
        message_id="m1",
        sender_id="u0",
        recipient_ids=["u1", "u2", "u3"],
        preview="hello, group",
    )

    await deliver(service, make_event("chat.message.sent", payload=payload, time=NOW))

    in_app = {n.user_id for n in await Notification.find({"in_app": True}).to_list()}
    assert in_app == {"u1", "u3"}
    channels = {(d.user_id, d.channel) for d in await Delivery.find({}).to_list()}
    assert channels == {("u1", Channel.EMAIL), ("u3", Channel.PUSH)}


async def test_recipients_settings_are_read_through_their_indexes(database: Any) -> None:
    ids = ["u1", "u2"]
    preferences = PreferencesRepo.many_query(ids)
    push, projection = PushEndpoints.users_query(ids)

    for collection, query, fields, index in [
        (PreferencesRepo.model, preferences, None, "user_id_1"),
        (PushEndpoint, push, projection, "user_id_1_endpoint_1"),
    ]:
        explained = await collection.get_pymongo_collection().find(query, fields).explain()
        stages = _stages(explained["queryPlanner"]["winningPlan"])
        scans = [s.get("indexName") for s in stages if s.get("stage") == "IXSCAN"]
        assert scans == [index], explained
