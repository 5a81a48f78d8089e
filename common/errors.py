"""The one error hierarchy. Each error carries a stable code clients can switch on."""

from __future__ import annotations

from typing import Any, ClassVar


class LifeGraphError(Exception):
    code: ClassVar[str] = "INTERNAL"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = {k: v for k, v in extensions.items() if v is not None}


class BadUserInput(LifeGraphError):
    code = "BAD_USER_INPUT"

    def __init__(self, message: str, *, field: str | None = None, **extensions: Any) -> None:
        super().__init__(message, field=field, **extensions)
        self.field = field


class Unauthenticated(LifeGraphError):
    code = "UNAUTHENTICATED"

    def __init__(self, message: str = "Authentication required.", **extensions: Any) -> None:
        super().__init__(message, **extensions)


class Forbidden(LifeGraphError):
    code = "FORBIDDEN"

    def __init__(self, message: str = "You are not allowed to do that.", **extensions: Any) -> None:
        super().__init__(message, **extensions)


class NotFound(LifeGraphError):
    code = "NOT_FOUND"


class QueryPlanningFailed(LifeGraphError):
    """The router found no way to serve a valid operation from its subgraphs."""

    code = "QUERY_PLANNING_FAILED"


class Conflict(LifeGraphError):
    code = "CONFLICT"


class Unavailable(LifeGraphError):
    """A backing service went away (say, Redis under a live subscription): try again."""

    code = "UNAVAILABLE"


class RateLimited(LifeGraphError):
    code = "RATE_LIMITED"

    def __init__(self, message: str, *, retry_after: int, **extensions: Any) -> None:
        super().__init__(message, retryAfter=retry_after, **extensions)
        self.retry_after = retry_after


class PayloadTooLarge(LifeGraphError):
    code = "PAYLOAD_TOO_LARGE"
