"""Relay global object ids: one opaque id that names both the type and the object.

A global id is `base64("<Type>:<id>")`, the encoding of graphql-relay's `toGlobalId`,
so client libraries that decode ids (rarely needed: they should stay opaque) agree.
Every type keeps its own `id`; the global id is `Node.nodeId`, the one `node(id:)` takes.

Example::

    token = to_global_id("Goal", "65f0c0ffee")
    assert from_global_id(token) == ("Goal", "65f0c0ffee")
"""

from __future__ import annotations

import base64

from common.errors import BadUserInput

# Far above any id we issue (a type name and an ObjectId); refused before decoding.
MAX_GLOBAL_ID_LENGTH = 256


def to_global_id(type_name: str, object_id: str) -> str:
    """The opaque global id of `object_id` of `type_name`."""
    return base64.b64encode(f"{type_name}:{object_id}".encode()).decode("ascii")


def from_global_id(global_id: str, *, field: str = "id") -> tuple[str, str]:
    """The type name and the type's own id; BAD_USER_INPUT naming `field` if malformed."""
    if len(global_id) > MAX_GLOBAL_ID_LENGTH:
        raise BadUserInput("This id is too long to be a LifeGraph id.", field=field)
    try:
        # ValueError covers all three refusals: not base64 (binascii.Error), characters
        # outside ASCII (UnicodeEncodeError), bytes that are not UTF-8 (UnicodeDecodeError).
        text = base64.b64decode(global_id, validate=True).decode("utf-8")
    except ValueError:
        raise BadUserInput("This is not a LifeGraph global id.", field=field) from None
    type_name, sep, object_id = text.partition(":")
    if not sep or not type_name or not object_id:
        raise BadUserInput("This is not a LifeGraph global id.", field=field)
    return type_name, object_id
