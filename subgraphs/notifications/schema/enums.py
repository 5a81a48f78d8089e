"""The domain enums as GraphQL enums: imported by every schema module that uses them."""

from __future__ import annotations

import strawberry

from subgraphs.notifications import models

# strawberry.enum registers the domain enums in place; annotations use the domain names.
strawberry.enum(models.Kind, name="NotificationKind", description="What a notification is about.")
strawberry.enum(
    models.Channel, name="NotificationChannel", description="Where a notification is delivered."
)
strawberry.enum(
    models.Status, name="NotificationDeliveryStatus", description="State of one delivery."
)
strawberry.enum(
    models.Platform, name="DevicePlatform", description="Which push service reaches a device."
)
