"""`Facts.cap`: every fact under a key prefix is capped, and nothing outside it."""

from __future__ import annotations

from datetime import UTC, datetime

from common.db import init_database
from common.infra import Infrastructure
from subgraphs.analytics.models import MODELS, Fact
from subgraphs.analytics.repository.facts import Facts

AT = datetime(2026, 1, 5, tzinfo=UTC)


async def test_cap_reaches_exactly_the_keys_under_the_prefix(infra: Infrastructure) -> None:
    await init_database(infra.mongo, infra.settings, "analytics", MODELS)
    facts = Facts()
    keys = {
        "checkin:h1:2026-01-01": 9.0,  # under the prefix: capped
        "checkin:h1:2026-01-02": 2.0,  # under it, already below the cap
        "checkin:h10:2026-01-01": 9.0,  # another habit whose id starts the same
        "checkin:h1;": 9.0,  # the first string past the prefix's range
        "checkin:h0:2026-01-01": 9.0,  # before it
    }
    for key, value in keys.items():
        await facts.put(key, kind="checkin", user_id="u", at=AT, value=value, session=None)
    # Under the prefix but of another kind: not capped.
    undone = "checkin:h1:2026-01-03"
    await facts.put(undone, kind="checkin_undone", user_id="u", at=AT, value=8.0, session=None)

    await facts.cap("checkin:h1:", "checkin", 3.0, session=None)

    stored = {f.key: f.value for f in await Fact.find({"user_id": "u"}).to_list()}
    assert stored == keys | {"checkin:h1:2026-01-01": 3.0, undone: 8.0}
