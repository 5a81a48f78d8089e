"""Everything exportable (docs/media.md, "Data export"): requestDataExport through the
router, every subgraph's part, one zip with the user's files, a signed link, a notification."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import httpx

from common.export import PARTS
from common.testing.waiting import eventually
from tests.e2e.conftest import Client, NewClient
from tests.e2e.test_media import COMPLETE, jpeg_with_gps, upload

REQUEST = """mutation($i: RequestDataExportInput!) {
  requestDataExport(input: $i) { export { id status partsReceived downloadUrl } }
}"""
EXPORT = """query($id: ID!) {
  dataExport(id: $id) { id status partsReceived byteSize expiresAt downloadUrl }
}"""
# Fields naming whose a row is, across the subgraphs' collections.
OWNER_FIELDS = ("owner_id", "user_id", "author_id", "sender_id", "follower_id", "reporter_id")
INBOX = "{ notifications(first: 20) { nodes { id kind title } } }"


def code_of(body: dict[str, Any]) -> str:
    code: str = body["errors"][0]["extensions"]["code"]
    return code


async def _created(client: Client, mutation: str, name: str, value: dict[str, Any]) -> str:
    data = await client.ok_once_known(mutation, {"i": value})
    created: str = data[name]["id"]
    return created


async def _life_of(ada: Client, grace_id: str) -> dict[str, dict[str, str]]:
    """One record of Ada's in every subgraph; by subgraph, collection -> id."""
    goal = await _created(
        ada,
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        "createGoal",
        {"title": "Run a 5k", "area": "HEALTH"},
    )
    habit = await _created(
        ada,
        "mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }",
        "createHabit",
        {"title": "Stretch"},
    )
    entry = await _created(
        ada,
        "mutation($i: WriteJournalEntryInput!) { writeJournalEntry(input: $i) { id } }",
        "writeJournalEntry",
        {"body": "A good day."},
    )
    post = await _created(
        ada,
        "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
        "createPost",
        {"text": "Week one done!", "category": "HEALTH"},
    )
    comment = await _created(
        ada,
        "mutation($i: AddCommentInput!) { addComment(input: $i) { id } }",
        "addComment",
        {"postId": post, "text": "Thanks, all!"},
    )
    conversation = await _created(
        ada,
        "mutation($i: StartDirectConversationInput!) { startDirectConversation(input: $i) { id } }",
        "startDirectConversation",
        {"userId": grace_id},
    )
    message = await _created(
        ada,
        "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }",
        "sendMessage",
        {"conversationId": conversation, "text": "Lunch?"},
    )
    media = (await ada.ok(COMPLETE, {"id": await upload(ada, jpeg_with_gps())}))["completeUpload"]
    # users learns of the avatar by event: NOT_FOUND until then.
    await ada.ok_once_known(
        "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }",
        {"i": {"avatarMediaId": media["id"]}},
    )
    return {
        "goals": {"goals": goal, "habits": habit, "journal_entries": entry},
        "community": {"posts": post, "comments": comment},
        "chat": {"conversations": conversation, "messages": message},
        "media": {"media": media["id"]},
    }


async def _others_life(grace: Client, ada_post: str, conversation: str) -> list[str]:
    """Grace's records, some beside Ada's (a comment on her post, a reply to her): ids."""
    goal = await _created(
        grace,
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        "createGoal",
        {"title": "Grace's own goal", "area": "CAREER"},
    )
    comment = await _created(
        grace,
        "mutation($i: AddCommentInput!) { addComment(input: $i) { id } }",
        "addComment",
        {"postId": ada_post, "text": "Well done!"},
    )
    reply = await _created(
        grace,
        "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }",
        "sendMessage",
        {"conversationId": conversation, "text": "Sure!"},
    )
    return [goal, comment, reply]


def _ids(part: dict[str, Any], collection: str) -> set[str]:
    return {str(row["_id"]) for row in part["collections"].get(collection, [])}


async def _ready(client: Client, export_id: str) -> dict[str, Any]:
    body = await eventually(
        lambda: client.ok(EXPORT, {"id": export_id}),
        lambda d: d["dataExport"]["status"] != "PENDING",
        within=90,
    )
    export: dict[str, Any] = body["dataExport"]
    assert export["status"] == "READY", export
    return export


async def test_the_archive_holds_every_record_the_user_owns_in_every_subgraph(
    new_client: NewClient, http: httpx.AsyncClient
) -> None:
    ada, grace = new_client(), new_client()
    ada_id = await ada.sign_up("Ada")
    grace_id = await grace.sign_up("Grace")
    owned = await _life_of(ada, grace_id)
    others = await _others_life(grace, owned["community"]["posts"], owned["chat"]["conversations"])
    # Grace's comment notifies Ada; analytics has seen Ada's goal: both are hers to export.
    inbox = await eventually(lambda: ada.ok(INBOX), lambda d: bool(d["notifications"]["nodes"]))
    commented = inbox["notifications"]["nodes"][0]
    assert commented["kind"] == "POST_COMMENTED"
    await eventually(
        lambda: ada.ok("{ me { stats { goalsActive } } }"),
        lambda d: d["me"]["stats"]["goalsActive"] == 1,
    )

    requested = (await ada.ok(REQUEST, {"i": {}}))["requestDataExport"]["export"]
    assert requested["status"] == "PENDING"
    assert requested["downloadUrl"] is None
    export = await _ready(ada, requested["id"])
    assert sorted(export["partsReceived"]) == sorted(PARTS)
    announced = await eventually(
        lambda: ada.ok(INBOX),
        lambda d: any(n["kind"] == "DATA_EXPORT" for n in d["notifications"]["nodes"]),
    )
    assert "Your export is ready" in [n["title"] for n in announced["notifications"]["nodes"]]

    download = await http.get(export["downloadUrl"])
    assert download.status_code == 200, download.text
    assert len(download.content) == export["byteSize"]
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    parts = {name: json.loads(archive.read(f"{name}.json")) for name in PARTS}
    goal_of_grace, comment_of_grace, reply_of_grace = others
    for name, part in parts.items():
        assert part["subgraph"] == name
        assert part["userId"] == ada_id
        assert part["truncated"] == []
        # Grace's own records are not there; she is named only where Ada's data refers
        # to her (a conversation's members and last message, who commented on Ada's post).
        assert goal_of_grace not in json.dumps(part), name
        owners = {
            row[field]
            for rows in part["collections"].values()
            for row in rows
            for field in OWNER_FIELDS
            if field in row
        }
        assert owners <= {ada_id}, (name, owners)
    for name, collections in owned.items():
        for collection, record_id in collections.items():
            assert record_id in _ids(parts[name], collection), (name, collection)

    users = parts["users"]["collections"]["users"]
    assert [row["_id"] for row in users] == [ada_id]
    assert "password_hash" not in users[0]
    assert "totp" not in users[0]
    assert users[0]["avatar_media_id"] == owned["media"]["media"]
    assert commented["id"] in _ids(parts["notifications"], "notifications")
    assert owned["goals"]["goals"] in json.dumps(parts["analytics"]["collections"])
    # Chat: the conversation names Grace as a member, but only Ada's message is there.
    messages = parts["chat"]["collections"]["messages"]
    assert {row["sender_id"] for row in messages} == {ada_id}
    assert reply_of_grace not in _ids(parts["chat"], "messages")
    assert comment_of_grace not in _ids(parts["community"], "comments")
    photo = archive.read(f"media/{owned['media']['media']}.jpg")
    assert photo.startswith(b"\xff\xd8")  # the verified, cleaned JPEG itself

    # The finished job frees the slot: another export may start.
    again = await ada.ok(REQUEST, {"i": {"includeMedia": False}})
    assert again["requestDataExport"]["export"]["id"] != requested["id"]


async def test_only_the_owner_reads_an_export_and_its_link_cannot_be_altered(
    new_client: NewClient, http: httpx.AsyncClient
) -> None:
    ada, grace, anonymous = new_client(), new_client(), new_client()
    await ada.sign_up("Ada")
    await grace.sign_up("Grace")
    requested = await ada.ok(REQUEST, {"i": {"includeMedia": False}})
    export_id = requested["requestDataExport"]["export"]["id"]

    assert code_of(await grace.call(EXPORT, {"id": export_id})) == "NOT_FOUND"
    assert (await grace.ok("{ dataExports { id } }")) == {"dataExports": []}
    assert code_of(await anonymous.call(EXPORT, {"id": export_id})) == "UNAUTHORIZED_FIELD_OR_TYPE"
    assert code_of(await anonymous.call(REQUEST, {"i": {}})) == "UNAUTHORIZED_FIELD_OR_TYPE"
    assert code_of(await ada.call(EXPORT, {"id": "not-an-id"})) == "NOT_FOUND"
    wrong_type = await ada.call(REQUEST, {"i": {"includeMedia": "yes"}})
    assert code_of(wrong_type) == "BAD_USER_INPUT"

    export = await _ready(ada, export_id)
    listed = await ada.ok("{ dataExports { id status } }")
    assert listed == {"dataExports": [{"id": export_id, "status": "READY"}]}
    url = export["downloadUrl"]
    assert (await http.get(url)).status_code == 200
    forged = url.replace("sig=", "sig=0")
    assert (await http.get(forged)).status_code == 403
    elsewhere = url.replace(export_id, "0" * 24)
    assert (await http.get(elsewhere)).status_code == 403
