from __future__ import annotations

from subgraphs.goals.models import VacationDoc
from subgraphs.goals.repository._raw import Session, collection


class VacationRepository:
    async def for_owner(self, owner_id: str, *, session: Session = None) -> VacationDoc:
        raw = await collection(VacationDoc).find_one({"owner_id": owner_id}, session=session)
        return VacationDoc(owner_id=owner_id) if raw is None else VacationDoc.model_validate(raw)

    async def replace(self, vacation: VacationDoc, *, session: Session = None) -> None:
        row = vacation.model_dump(exclude={"id", "revision_id"})
        await collection(VacationDoc).replace_one(
            {"owner_id": vacation.owner_id}, row, upsert=True, session=session
        )

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        result = await collection(VacationDoc).delete_many({"owner_id": owner_id}, session=session)
        return result.deleted_count
