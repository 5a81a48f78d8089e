"""Why an upload is refused, each with a stable code (docs/errors.md)."""

from __future__ import annotations

from common.errors import BadUserInput, NotFound


class UploadTypeNotAllowed(BadUserInput):
    """The bytes are not one of the purpose's types (or not what they claim to be)."""

    code = "UPLOAD_TYPE_NOT_ALLOWED"


class UploadTooLarge(BadUserInput):
    """Declared or actual size past the purpose's cap."""

    code = "UPLOAD_TOO_LARGE"


class UploadChecksumMismatch(BadUserInput):
    """The stored bytes differ from the declared size or SHA-256."""

    code = "UPLOAD_CHECKSUM_MISMATCH"


class UploadExpired(BadUserInput):
    """The upload URL expired before the object arrived; start a new upload."""

    code = "UPLOAD_EXPIRED"


class UploadNotFound(NotFound):
    """No such upload of the caller's: unknown, another user's, or already removed."""

    code = "UPLOAD_NOT_FOUND"
