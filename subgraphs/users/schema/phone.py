"""The member's mobile number: texted a code, then proved with it."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.federation.schema_directives import Authenticated

from subgraphs.users.schema.context import Info, signed_in
from subgraphs.users.schema.types import User, own


@strawberry.input(description="A mobile number to put on the account.")
class StartPhoneVerificationInput:
    phone_number: str = strawberry.field(
        description="International (+14155550123) or national with `region`; at most 32 characters."
    )
    region: str | None = strawberry.field(
        default=None,
        description='ISO 3166 country code ("US") for a number written without +country.',
    )


@strawberry.type(description="A code was texted to the number.")
class PhoneVerificationStarted:
    phone_number: str = strawberry.field(description="The number in E.164, as it was texted.")
    expires_at: dt.datetime = strawberry.field(description="When the code stops working.")


@strawberry.input(description="The code texted to the number being verified.")
class VerifyPhoneInput:
    code: str = strawberry.field(description="The 6-digit code.")


@strawberry.type
class PhoneMutations:
    @strawberry.mutation(
        directives=[Authenticated()],
        description="Text a one-time code to a mobile number for the signed-in member. "
        "BAD_USER_INPUT for a number that is not a valid mobile number (nothing is stored); "
        "RATE_LIMITED past the codes allowed per number and per member in an hour.",
    )
    async def start_phone_verification(
        self, info: Info, input: StartPhoneVerificationInput
    ) -> PhoneVerificationStarted:
        viewer = await signed_in(info)
        pending = await info.context.services.phones.start(
            viewer.user_id, input.phone_number, input.region
        )
        return PhoneVerificationStarted(phone_number=pending.phone, expires_at=pending.expires_at)

    @strawberry.mutation(
        directives=[Authenticated()],
        description="Prove the number with its code: it becomes the member's `phoneNumber`. "
        "A few wrong codes end the verification (RATE_LIMITED): ask for a new code.",
    )
    async def verify_phone(self, info: Info, input: VerifyPhoneInput) -> User:
        viewer = await signed_in(info)
        return own(await info.context.services.phones.verify(viewer.user_id, input.code))

    @strawberry.mutation(
        directives=[Authenticated()],
        description="Remove the member's phone number (no more SMS notifications).",
    )
    async def remove_phone(self, info: Info) -> User:
        viewer = await signed_in(info)
        return own(await info.context.services.phones.remove(viewer.user_id))
