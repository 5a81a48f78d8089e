"""What every goals repository shares: session-aware reads and raw atomic updates.

Every method takes `session=`: a service's unit of work (its writes, the reads
they depend on and the outbox rows of its events) runs in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from beanie import Document
from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection

D = TypeVar("D", bound=Document)
Session = AsyncClientSession | None


def collection(model: type[Document]) -> AsyncCollection[dict[str, Any]]:
    coll: AsyncCollection[dict[str, Any]] = model.get_pymongo_collection()
    return coll


async def find_one_and_set(
    model: type[D],
    query: Mapping[str, Any],
    update: Mapping[str, Any],
    *,
    sort: Sequence[tuple[str, int]] | None = None,
    session: Session = None,
) -> D | None:
    """Atomically update the first match and return it as it is after the update."""
    raw = await collection(model).find_one_and_update(
        dict(query),
        dict(update),
        sort=list(sort) if sort else None,
        return_document=ReturnDocument.AFTER,
        session=session,
    )
    return None if raw is None else model.model_validate(raw)
