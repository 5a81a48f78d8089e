"""The inbox: notifications, their deliveries, User.notifications."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from common.errors import Forbidden
from common.graphql.loaders import batch_loader
from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from subgraphs.notifications import models
from subgraphs.notifications.domain import cursors
from subgraphs.notifications.domain.rendering import render
from subgraphs.notifications.schema import enums as _enums  # noqa: F401 - registers the enums
from subgraphs.notifications.schema.context import Info


@strawberry.type(description="Delivery of a notification on one channel (email or push).")
class NotificationDelivery:
    channel: models.Channel = strawberry.field(description="The channel.")
    status: models.Status = strawberry.field(description="Where delivery stands.")
    attempts: int = strawberry.field(description="Attempts made so far.")
    next_attempt_at: dt.datetime | None = strawberry.field(
        description="When the next attempt is due; null once SENT or FAILED."
    )
    last_error: str | None = strawberry.field(description="Why the last attempt failed.")
    sent_at: dt.datetime | None = strawberry.field(description="When it was delivered.")


def _delivery(row: models.Delivery) -> NotificationDelivery:
    return NotificationDelivery(
        channel=row.channel,
        status=row.status,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at if row.status is models.Status.PENDING else None,
        last_error=row.last_error,
        sent_at=row.sent_at,
    )


@strawberry.federation.type(keys=["id"], description="Something that happened for a user.")
class Notification:
    id: strawberry.ID = strawberry.field(description="The notification's id.")
    kind: models.Kind = strawberry.field(description="What it is about.")
    target_id: str = strawberry.field(
        description="The post, reminder, conversation, badge or user it points at."
    )
    actor_ids: list[strawberry.ID] = strawberry.field(
        description="Users who caused it (distinct), e.g. everyone who liked the post."
    )
    count: int = strawberry.field(description="How many events were grouped into it.")
    title: str = strawberry.field(description="Short text, e.g. '5 people liked your post'.")
    body: str = strawberry.field(description="Longer text.")
    read: bool = strawberry.field(description="Whether the user has read it.")
    created_at: dt.datetime = strawberry.field(description="When the first event arrived.")
    updated_at: dt.datetime = strawberry.field(description="When the latest event arrived.")
    cursor: str = strawberry.field(
        description="Its latest change's place in your inbox: pass as `notificationAdded(after:)`"
        " to resume from here."
    )

    @strawberry.field(description="Email and push deliveries with their status.")
    async def deliveries(self, info: Info) -> list[NotificationDelivery]:
        service = info.context.services.notifications
        loader = info.context.loader(
            "notifications.deliveries", lambda: batch_loader(service.deliveries)
        )
        return [_delivery(row) for row in await loader.load(str(self.id)) or []]

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Notification | None:
        viewer = await info.context.require_viewer()
        service = info.context.services.notifications
        loader = info.context.loader(
            "notifications.byId", lambda: batch_loader(service.notifications_by_id)
        )
        row = await loader.load(str(id))
        if row is None:
            return None
        if row.user_id != viewer.user_id:
            raise Forbidden("Notifications are visible to their recipient only.")
        return to_notification(row)


def to_notification(row: models.Notification) -> Notification:
    words = render(row)
    return Notification(
        id=strawberry.ID(str(row.id)),
        kind=row.kind,
        target_id=row.target_id,
        actor_ids=[strawberry.ID(a) for a in row.actor_ids],
        count=row.event_count,
        title=words.title,
        body=words.body,
        read=row.read,
        created_at=row.created_at,
        updated_at=row.updated_at,
        cursor=cursors.encode(row.seq),
    )


async def inbox_page(
    info: Info, user_id: str, first: int, after: str | None, unread_only: bool
) -> Connection[Notification]:
    page = await info.context.services.notifications.inbox(
        user_id, PageRequest(first=first, after=after), unread_only=unread_only
    )
    return connection_from_page(page, to_notification)


FirstArg = Annotated[int, strawberry.argument(description="Page size, 1 to 100.")]
AfterArg = Annotated[str | None, strawberry.argument(description="Cursor to continue after.")]
UnreadArg = Annotated[bool, strawberry.argument(description="Only unread notifications.")]


@strawberry.federation.type(keys=["id"], description="A LifeGraph user, with their notifications.")
class User:
    id: strawberry.ID = strawberry.field(description="The user's id.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> User:
        return cls(id=id)

    @strawberry.field(description="The user's inbox, newest first. Owner only.")
    async def notifications(
        self,
        info: Info,
        first: FirstArg = 20,
        after: AfterArg = None,
        unread_only: UnreadArg = False,
    ) -> Connection[Notification]:
        viewer = await info.context.require_viewer()
        if viewer.user_id != self.id:
            raise Forbidden("Notifications are visible to their recipient only.")
        return await inbox_page(info, self.id, first, after, unread_only)


@strawberry.type(description="Result of marking notifications read.")
class MarkNotificationsReadPayload:
    updated_count: int = strawberry.field(description="Notifications that changed to read.")
    unread_count: int = strawberry.field(description="Unread notifications left.")
