"""Media on posts and messages through the router: attaching, who reads them, and removal."""

from __future__ import annotations

from typing import Any

from common.testing.waiting import eventually
from tests.e2e.backends import lifegraph  # noqa: F401 - a fixture, by name
from tests.e2e.conftest import Client, NewClient
from tests.e2e.test_media import COMPLETE, code_of, jpeg_with_gps, upload

PDF = b"%PDF-1.7\n%%EOF\n"
CREATE_POST = """mutation($i: CreatePostInput!) {
  createPost(input: $i) { id media { id contentType small: url(size: SMALL) } }
}"""
DELETE_POST = "mutation($id: ID!) { deletePost(input: {postId: $id}) { id } }"
POSTS_OF = "query($id: ID!) { user(id: $id) { posts(first: 20) { nodes { id } } } }"
GROUP = """mutation($i: CreateGroupConversationInput!) {
  createGroupConversation(input: $i) { id }
}"""
SEND = """mutation($i: SendMessageInput!) {
  sendMessage(input: $i) { id attachments { id url } }
}"""
HISTORY = """query($c: ID!) {
  messages(conversationId: $c, first: 20) { nodes { id attachments { id url } } }
}"""
REMOVE = """mutation($c: ID!, $u: ID!) {
  removeGroupMember(input: {conversationId: $c, userId: $u}) { id }
}"""
MEDIA = "query($id: ID!) { media(id: $id) { id url } }"
POST = "query($id: ID!) { post(id: $id) { id } }"
FOLLOWERS_ONLY = "mutation { updatePreferences(input: {privacy: FOLLOWERS}) { id } }"
FOLLOW = "mutation($u: ID!) { followUser(input: {userId: $u}) { id } }"
UNFOLLOW = "mutation($u: ID!) { unfollowUser(input: {userId: $u}) { id } }"
BLOCK = "mutation($u: ID!) { blockUser(input: {userId: $u}) { id } }"
UNBLOCK = "mutation($u: ID!) { unblockUser(input: {userId: $u}) { id } }"


async def completed(client: Client, data: bytes, purpose: str, content_type: str) -> str:
    media = await client.ok(COMPLETE, {"id": await upload(client, data, purpose, content_type)})
    media_id: str = media["completeUpload"]["id"]
    return media_id


async def photo(client: Client, side: int = 48) -> str:
    return await completed(client, jpeg_with_gps(side, side), "POST_MEDIA", "image/jpeg")


def post_input(media_ids: list[str]) -> dict[str, Any]:
    return {"i": {"text": "Morning run", "category": "HEALTH", "mediaIds": media_ids}}


async def post_ids(client: Client, user_id: str) -> list[str]:
    found = await client.ok(POSTS_OF, {"id": user_id})
    return [node["id"] for node in found["user"]["posts"]["nodes"]]


async def all_gone(client: Client, media_id: str, urls: list[str]) -> bool:
    """Media deletes the objects, then the record: once the record is gone, so are they
    (probing the files alone could race a deletion in the middle of a download)."""
    found = await client.ok(MEDIA, {"id": media_id})
    if found["media"] is not None:
        return False
    answers = [await client.http.get(url) for url in urls]
    return all(answer.status_code == 404 for answer in answers)


async def test_a_post_carries_its_authors_completed_photos(new_client: NewClient) -> None:
    ada, bob = new_client(), new_client()
    await ada.sign_up("Ada")
    await bob.sign_up("Bob")
    first, second = await photo(ada, 300), await photo(ada)

    # community learns of completed media by event: NOT_FOUND until it arrived.
    post = (await ada.ok_once_known(CREATE_POST, post_input([first, second])))["createPost"]
    assert [m["id"] for m in post["media"]] == [first, second]
    assert post["media"][0]["contentType"] == "image/jpeg"

    # Another reader gets the photos through the post, signed by media once it heard of the
    # post (an event away).
    async def bobs_view() -> dict[str, Any]:
        return await bob.call(
            "query($id: ID!) { post(id: $id) { media { id url(size: MEDIUM) } } }",
            {"id": post["id"]},
        )

    seen = await eventually(bobs_view, lambda body: "errors" not in body)
    urls = [m["url"] for m in seen["data"]["post"]["media"]]
    assert [(await bob.http.get(url)).status_code for url in urls] == [200, 200]


async def reads(client: Client, media_id: str) -> bool:
    """Whether media signs this reader a URL that serves the file."""
    found = (await client.ok(MEDIA, {"id": media_id}))["media"]
    return found is not None and (await client.http.get(found["url"])).status_code == 200


async def test_a_followers_only_posts_photos_are_read_by_its_followers_only(
    new_client: NewClient,
) -> None:
    ada, bob, eve = new_client(), new_client(), new_client()
    ada_id = await ada.sign_up("Ada")
    await bob.sign_up("Bob")
    await eve.sign_up("Eve")
    await ada.ok(FOLLOWERS_ONLY)
    await bob.ok_once_known(FOLLOW, {"u": ada_id})
    media_id = await photo(ada)
    post = (await ada.ok_once_known(CREATE_POST, post_input([media_id])))["createPost"]

    # Bob follows Ada: the photo is his to read once media heard of the post.
    assert await eventually(lambda: reads(bob, media_id), bool)
    # Eve may not see the post, so media signs her nothing for its photo either.
    assert await eve.ok(POST, {"id": post["id"]}) == {"post": None}
    assert not await eventually(lambda: reads(eve, media_id), lambda r: not r)

    # Unfollowed, Bob gets no new URL once the event arrived.
    await bob.ok(UNFOLLOW, {"u": ada_id})
    assert not await eventually(lambda: reads(bob, media_id), lambda r: not r)
    assert await reads(ada, media_id)


async def test_a_block_hides_a_public_posts_photos_until_lifted(new_client: NewClient) -> None:
    ada, bob = new_client(), new_client()
    await ada.sign_up("Ada")
    bob_id = await bob.sign_up("Bob")
    media_id = await photo(ada)
    await ada.ok_once_known(CREATE_POST, post_input([media_id]))
    assert await eventually(lambda: reads(bob, media_id), bool)

    await ada.ok_once_known(BLOCK, {"u": bob_id})
    assert not await eventually(lambda: reads(bob, media_id), lambda r: not r)
    await ada.ok(UNBLOCK, {"u": bob_id})
    assert await eventually(lambda: reads(bob, media_id), bool)


async def test_foreign_unfinished_reused_and_too_many_ids_store_nothing(
    new_client: NewClient,
) -> None:
    ada, eve = new_client(), new_client()
    ada_id = await ada.sign_up("Ada")
    eve_id = await eve.sign_up("Eve")
    used, free = await photo(ada), await photo(ada)
    posted = (await ada.ok_once_known(CREATE_POST, post_input([used])))["createPost"]
    unfinished = await upload(ada, jpeg_with_gps(16, 16), "POST_MEDIA")
    avatar = await completed(ada, jpeg_with_gps(64, 64), "AVATAR", "image/jpeg")

    # Another user's id: as unknown as one that never existed.
    for refused in (free, "0" * 24):
        body = await eve.call(CREATE_POST, post_input([refused]))
        assert code_of(body) == "NOT_FOUND", body
    # Not completed, another purpose: not attachable.
    for refused in (unfinished, avatar):
        body = await ada.call(CREATE_POST, post_input([refused]))
        assert code_of(body) == "NOT_FOUND", body
    # Reused (after a good id: the good one is not left attached to a post never made).
    body = await ada.call(CREATE_POST, post_input([free, used]))
    assert code_of(body) == "MEDIA_IN_USE"
    assert body["errors"][0]["extensions"]["index"] == 1
    body = await ada.call(CREATE_POST, post_input([free] * 5))
    assert code_of(body) == "BAD_USER_INPUT"
    body = await ada.call(CREATE_POST, post_input([free, free]))
    assert code_of(body) == "BAD_USER_INPUT"

    assert await post_ids(ada, ada_id) == [posted["id"]]
    assert await post_ids(eve, eve_id) == []
    again = (await ada.ok(CREATE_POST, post_input([free])))["createPost"]
    assert [m["id"] for m in again["media"]] == [free]


async def test_deleting_a_post_removes_its_photos(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    media_id = await photo(ada)
    post = (await ada.ok_once_known(CREATE_POST, post_input([media_id])))["createPost"]
    urls = []
    for size in ("ORIGINAL", "SMALL", "MEDIUM"):
        query = f"query($id: ID!) {{ media(id: $id) {{ url(size: {size}) }} }}"
        urls.append((await ada.ok(query, {"id": media_id}))["media"]["url"])
    assert await ada.ok(DELETE_POST, {"id": post["id"]}) == {"deletePost": {"id": post["id"]}}

    assert await eventually(lambda: all_gone(ada, media_id, urls), bool)


async def group_of(admin: Client, *members: str) -> str:
    created = await admin.ok_once_known(
        GROUP, {"i": {"title": "Climbers", "memberIds": list(members)}}
    )
    conversation_id: str = created["createGroupConversation"]["id"]
    return conversation_id


def send_input(conversation_id: str, attachment_ids: list[str]) -> dict[str, Any]:
    return {"i": {"conversationId": conversation_id, "attachmentIds": attachment_ids}}


async def test_chat_attachments_are_read_by_the_conversations_members_only(
    new_client: NewClient,
) -> None:
    ada, bob, eve = new_client(), new_client(), new_client()
    await ada.sign_up("Ada")
    bob_id = await bob.sign_up("Bob")
    await eve.sign_up("Eve")
    group = await group_of(ada, bob_id)
    pdf = await completed(ada, PDF, "CHAT_ATTACHMENT", "application/pdf")

    sent = (await ada.ok_once_known(SEND, send_input(group, [pdf])))["sendMessage"]
    assert [a["id"] for a in sent["attachments"]] == [pdf]

    # Bob reads it once media heard the message was sent (an event away); until then the
    # router answers the attachment null with media's NOT_FOUND.
    async def bobs_history() -> dict[str, Any]:
        return await bob.call(HISTORY, {"c": group})

    history = await eventually(bobs_history, lambda body: "errors" not in body)
    attachment = history["data"]["messages"]["nodes"][0]["attachments"][0]
    got = await bob.http.get(attachment["url"])
    assert (got.status_code, got.content) == (200, PDF)
    # Eve is no member: media(id:) tells her nothing.
    assert await eve.ok(MEDIA, {"id": pdf}) == {"media": None}

    # Removed from the group, Bob gets no new URL.
    await ada.ok(REMOVE, {"c": group, "u": bob_id})

    async def bobs_view() -> dict[str, Any]:
        return await bob.ok(MEDIA, {"id": pdf})

    assert await eventually(bobs_view, lambda seen: seen == {"media": None})
    assert (await ada.ok(MEDIA, {"id": pdf}))["media"]["id"] == pdf


async def test_foreign_and_reused_attachments_send_nothing(new_client: NewClient) -> None:
    ada, eve = new_client(), new_client()
    ada_id = await ada.sign_up("Ada")
    await eve.sign_up("Eve")
    group = await group_of(eve, ada_id)
    pdf = await completed(ada, PDF, "CHAT_ATTACHMENT", "application/pdf")
    await ada.ok_once_known(SEND, send_input(group, [pdf]))

    eves = await completed(eve, PDF, "CHAT_ATTACHMENT", "application/pdf")
    await eve.ok_once_known(SEND, send_input(group, [eves]))
    # Ada's file in Eve's message: as unknown as an id that never existed.
    for refused in (pdf, "0" * 24):
        body = await eve.call(SEND, send_input(group, [refused]))
        assert code_of(body) == "NOT_FOUND", body
    body = await eve.call(SEND, send_input(group, [eves]))
    assert code_of(body) == "MEDIA_IN_USE"
    history = await ada.ok(HISTORY, {"c": group})
    assert len(history["messages"]["nodes"]) == 2


async def test_deleting_a_message_removes_its_files(new_client: NewClient) -> None:
    ada, bob = new_client(), new_client()
    await ada.sign_up("Ada")
    bob_id = await bob.sign_up("Bob")
    group = await group_of(ada, bob_id)
    pdf = await completed(ada, PDF, "CHAT_ATTACHMENT", "application/pdf")
    sent = (await ada.ok_once_known(SEND, send_input(group, [pdf])))["sendMessage"]
    url = sent["attachments"][0]["url"]
    assert (await ada.http.get(url)).status_code == 200

    deleted = await ada.ok(
        "mutation($id: ID!) { deleteMessage(input: {messageId: $id}) { id attachments { id } } }",
        {"id": sent["id"]},
    )
    assert deleted["deleteMessage"]["attachments"] == []
    assert await eventually(lambda: all_gone(ada, pdf, [url]), bool)
