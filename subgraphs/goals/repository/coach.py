"""Coach requests goals has answered, so a request is carried out once."""

from __future__ import annotations

from common.repository import Repository
from subgraphs.goals.models import CoachActionDoc
from subgraphs.goals.repository._raw import Session, collection


class CoachActionRepository(Repository[CoachActionDoc]):
    model = CoachActionDoc

    async def answered(self, request_id: str, *, session: Session = None) -> bool:
        return (
            await collection(CoachActionDoc).find_one(
                {"request_id": request_id}, {"_id": 1}, session=session
            )
            is not None
        )

    async def record(self, doc: CoachActionDoc, *, session: Session = None) -> None:
        # An upsert, not an insert: a duplicate key would abort the consumer's transaction.
        await collection(CoachActionDoc).update_one(
            {"request_id": doc.request_id},
            {"$setOnInsert": doc.model_dump(exclude={"id"})},
            upsert=True,
            session=session,
        )

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)
