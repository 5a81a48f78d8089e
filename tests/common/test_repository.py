"""The repository base against the real database."""

from __future__ import annotations

from beanie import Document

from common.db import init_database
from common.infra import Infrastructure
from common.repository import Repository


class Note(Document):
    text: str
    status: str = "draft"

    class Settings:
        name = "notes"


class Notes(Repository[Note]):
    model = Note


async def test_set_fields_returns_the_document_after_or_before_and_honours_where(
    infra: Infrastructure,
) -> None:
    await init_database(infra.mongo, infra.settings, "probe", [Note])
    notes = Notes()
    note = await notes.insert(Note(text="hello"))
    note_id = str(note.id)

    after = await notes.set_fields(note_id, {"status": "published"})
    assert after is not None
    assert after.status == "published"
    before = await notes.set_fields(note_id, {"status": "hidden"}, before=True)
    assert before is not None
    assert before.status == "published"
    assert (await notes.get(note_id)).status == "hidden"  # type: ignore[union-attr]

    assert await notes.set_fields(note_id, {"text": "x"}, where={"status": "draft"}) is None
    assert (await notes.get(note_id)).text == "hello"  # type: ignore[union-attr]
    assert await notes.set_fields("not-an-id", {"text": "x"}) is None
    assert await notes.set_fields("6b0000000000000000000000", {"text": "x"}) is None
