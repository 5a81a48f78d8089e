"""What every community repository shares: reads and writes that can join a transaction."""

from __future__ import annotations

from typing import Any, TypeVar

from beanie import Document
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection

from common.repository import Repository

D = TypeVar("D", bound=Document)

# Every method takes `session=`: a service's unit of work passes its
# transaction's session to each call, so the writes commit together or not at all.
Session = AsyncClientSession | None


class CommunityRepository(Repository[D]):
    def collection(self) -> AsyncCollection[dict[str, Any]]:
        return self.model.get_pymongo_collection()

    def parse(self, row: dict[str, Any] | None) -> D | None:
        if row is None:
            return None
        doc: D = self.model.model_validate(row)
        return doc
