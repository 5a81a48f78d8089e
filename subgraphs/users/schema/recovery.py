"""Password reset and email verification by mailed token."""

from __future__ import annotations

import strawberry

from subgraphs.users.schema.context import Info
from subgraphs.users.schema.inputs import (
    RequestPasswordResetInput,
    ResetPasswordInput,
    VerifyEmailInput,
)


@strawberry.type
class RecoveryMutations:
    @strawberry.mutation(
        description="Mail a reset link. Answers true whether or not the account exists."
    )
    async def request_password_reset(self, info: Info, input: RequestPasswordResetInput) -> bool:
        await info.context.services.recovery.request_password_reset(input.email)
        return True

    @strawberry.mutation(description="Set a new password with a reset token; ends all sessions.")
    async def reset_password(self, info: Info, input: ResetPasswordInput) -> bool:
        await info.context.services.recovery.reset_password(input.token, input.new_password)
        return True

    @strawberry.mutation(description="Mail a link confirming the address; false if not needed.")
    async def request_email_verification(self, info: Info) -> bool:
        viewer = await info.context.require_viewer()
        return await info.context.services.recovery.request_email_verification(viewer.user_id)

    @strawberry.mutation(description="Confirm an email address with the mailed token.")
    async def verify_email(self, info: Info, input: VerifyEmailInput) -> bool:
        await info.context.services.recovery.verify_email(input.token)
        return True
