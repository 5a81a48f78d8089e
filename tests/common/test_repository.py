"""The repository base against the real database."""

from __future__ import annotations

import base64
import json

import pytest
from beanie import Document

from common import cursors
from common.db import init_database
from common.errors import BadUserInput
from common.infra import Infrastructure
from common.repository import PageRequest, Repository


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


class Score(Document):
    points: float
    label: str | None = None

    class Settings:
        name = "scores"


class Scores(Repository[Score]):
    model = Score


def _raw(value: object) -> str:
    """A cursor as one was before signing: base64 of [{"v": value}, id]."""
    payload = json.dumps([{"v": value}, "6b013eb43bae1c3b5b88c9e2"]).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


async def test_get_and_get_many_build_whole_documents_and_skip_what_is_not_there(
    infra: Infrastructure,
) -> None:
    await init_database(infra.mongo, infra.settings, "probe", [Note])
    notes = Notes()
    first = await notes.insert(Note(text="one", status="published"))
    second = await notes.insert(Note(text="two"))
    ids = [str(first.id), str(second.id)]

    found = await notes.get(ids[0])
    assert isinstance(found, Note)
    assert (found.id, found.text, found.status) == (first.id, "one", "published")
    assert await notes.get("not-an-id") is None
    assert await notes.get("6b0000000000000000000000") is None

    many = await notes.get_many([*ids, "not-an-id", "6b0000000000000000000000"])
    assert sorted(many) == sorted(ids)
    assert all(isinstance(note, Note) for note in many.values())
    assert {k: (v.text, v.status) for k, v in many.items()} == {
        ids[0]: ("one", "published"),
        ids[1]: ("two", "draft"),
    }
    # A document read this way is a beanie document like any other: it can be saved.
    many[ids[1]].status = "published"
    await many[ids[1]].save()
    assert (await notes.get(ids[1])).status == "published"  # type: ignore[union-attr]
    assert await notes.get_many(["not-an-id"]) == {}


async def test_cursors_page_through_and_cannot_be_forged(infra: Infrastructure) -> None:
    await init_database(infra.mongo, infra.settings, "probe", [Score])
    scores = Scores()
    for n in range(5):
        await scores.insert(Score(points=n / 2))
    seen: list[float] = []
    after: str | None = None
    while True:
        page = await scores.page({}, PageRequest(first=2, after=after), sort_field="points")
        # Relay's hasPreviousPage: only a page asked for past a cursor has items before it.
        assert page.has_previous_page is (after is not None)
        seen += [s.points for s in page.items]
        if not page.has_next_page:
            break
        after = page.cursors[-1]
    assert seen == [2.0, 1.5, 1.0, 0.5, 0.0]

    issued = (await scores.page({}, PageRequest(first=1), sort_field="points")).cursors[0]
    body, mac = issued.split(".")
    forged = [
        _raw({"$exists": True}),  # the old injection: an operator as the sort value
        _raw(1.0),  # even a well-typed value, unsigned
        f"{body}.{mac[:-2]}AA",  # tampered MAC
        f"{_raw(9.0)}.{mac}",  # another payload under a real MAC
        "x" * 5000,
    ]
    # Signed with our key but of the wrong type: the type check holds on its own.
    for value in ({"$exists": True}, [1], "1.0", True, 10**30):
        payload = json.dumps([{"v": value}, "6b013eb43bae1c3b5b88c9e2"]).encode()
        forged.append(cursors.sign(payload, context="points"))
    forged.append(cursors.sign(b'[{"v": NaN}, "6b013eb43bae1c3b5b88c9e2"]', context="points"))
    for cursor in forged:
        with pytest.raises(BadUserInput) as refused:
            await scores.page({}, PageRequest(first=2, after=cursor), sort_field="points")
        assert refused.value.field == "after"
    # A cursor of one listing does not work in a listing sorted by something else.
    with pytest.raises(BadUserInput):
        await scores.page({}, PageRequest(first=2, after=issued), sort_field="label")
