"""Events between subgraphs: publish through the outbox, consume with idempotent handlers.

A service publishes what it caused with its write; the relay hands it to the bus
(RabbitMQ, or the in-process bus of the embedded host); consumers in other
subgraphs apply it once, however often it is delivered.

```python
from common.events import Event, OutboxTransaction, transactional


async def create(self, goal: GoalDoc) -> GoalDoc:
    async def work(tx: OutboxTransaction) -> GoalDoc:
        await self.goals.insert(goal, session=tx.session)
        await tx.publish(Event.of("goals.goal.created", user_id=goal.owner_id, data=changed))
        return goal

    return await self.publisher.run_in_transaction(work)


async def on_goal(event: Event, session: AsyncClientSession) -> None:
    await projections.apply(event.payload(), session=session)


runtime.consume("analytics.projections", ["goals.goal.*"], transactional(on_goal))
```
"""

from common.events.bus import (
    AfterCommit,
    AnyHandler,
    DeadLetter,
    EventBus,
    EventHandler,
    EventPublisher,
    RetryLater,
    SessionHandler,
    Transactional,
    after_commit,
    topic_matches,
    transactional,
)
from common.events.catalog import InvalidEvent
from common.events.consumer import RetryPolicy
from common.events.envelope import Event
from common.events.outbox import OutboxPublisher, OutboxTransaction
from common.events.relay import OutboxRelay, RelaySettings

__all__ = [
    "AfterCommit",
    "AnyHandler",
    "DeadLetter",
    "Event",
    "EventBus",
    "EventHandler",
    "EventPublisher",
    "InvalidEvent",
    "OutboxPublisher",
    "OutboxRelay",
    "OutboxTransaction",
    "RelaySettings",
    "RetryLater",
    "RetryPolicy",
    "SessionHandler",
    "Transactional",
    "after_commit",
    "topic_matches",
    "transactional",
]
