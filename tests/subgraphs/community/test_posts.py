"""Posts over HTTP: writing, validation, ownership, federation entities."""

from __future__ import annotations

import pytest

from tests.subgraphs.community.conftest import CREATE_POST, Api

EDIT = """
mutation($input: EditPostInput!) { editPost(input: $input) { id text category editedAt } }"""
DELETE = "mutation($input: PostInput!) { deletePost(input: $input) { id } }"
LIKE = "mutation($input: PostInput!) { likePost(input: $input) { id likeCount viewerHasLiked } }"
GET = "query($id: ID!) { post(id: $id) { id text likeCount } }"


def _input(text: str = "Hello", **extra: object) -> dict[str, object]:
    return {"input": {"text": text, "category": "GENERAL", **extra}}


async def test_author_writes_a_post_and_anyone_can_read_it(api: Api) -> None:
    post = await api.post(
        user="ana",
        text="  Finished my first marathon!  ",
        category="HEALTH",
        media_urls=["https://cdn.example.com/finish.jpg"],
    )
    assert post["text"] == "Finished my first marathon!"
    assert post["category"] == "HEALTH"
    assert post["status"] == "PUBLISHED"
    assert post["author"] == {"id": "ana"}
    assert post["mediaUrls"] == ["https://cdn.example.com/finish.jpg"]
    data = await api.data(GET, {"id": post["id"]})
    assert data["post"]["text"] == "Finished my first marathon!"


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        (_input("   "), "text"),
        (_input("x" * 5001), "text"),
        (_input(mediaUrls=["ftp://example.com/a.png"]), "mediaUrls"),
        (_input(mediaUrls=["javascript:alert(1)"]), "mediaUrls"),
        (_input(mediaUrls=[f"https://e.com/{i}.png" for i in range(5)]), "mediaUrls"),
        (_input(goalId=""), "goalId"),
        (_input(goalId="g" * 1_000_000), "goalId"),
        (_input(mediaUrls=["https://e.com/a.png"] * 1_000), "mediaUrls"),
    ],
)
async def test_bad_posts_are_refused_and_nothing_is_written(
    api: Api, variables: dict[str, object], field: str
) -> None:
    error = await api.error(CREATE_POST, variables, user="ana")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    data = await api.data(
        '{ _entities(representations: [{__typename: "User", id: "ana"}]) '
        "{ ... on User { posts { edges { node { id } } } } } }",
        user="ana",
    )
    assert data["_entities"][0]["posts"]["edges"] == []


async def test_a_post_of_exactly_the_limit_is_accepted(api: Api) -> None:
    post = await api.post(user="ana", text="y" * 5000)
    assert len(post["text"]) == 5000


async def test_writing_needs_a_token(api: Api) -> None:
    error = await api.error(CREATE_POST, _input())
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


async def test_only_the_author_edits_and_deletes(api: Api) -> None:
    post = await api.post(user="ana", text="Draft one")
    edit = {"input": {"postId": post["id"], "text": "Draft two", "category": "CAREER"}}
    assert (await api.error(EDIT, edit, user="bob"))["extensions"]["code"] == "FORBIDDEN"
    assert (await api.error(DELETE, {"input": {"postId": post["id"]}}, user="bob"))["extensions"][
        "code"
    ] == "FORBIDDEN"

    edited = (await api.data(EDIT, edit, user="ana"))["editPost"]
    assert edited["text"] == "Draft two"
    assert edited["category"] == "CAREER"
    assert edited["editedAt"] is not None
    bad = {"input": {"postId": post["id"], "text": ""}}
    assert (await api.error(EDIT, bad, user="ana"))["extensions"]["field"] == "text"

    await api.data(DELETE, {"input": {"postId": post["id"]}}, user="ana")
    assert (await api.data(GET, {"id": post["id"]}))["post"] is None


async def test_liking_ones_own_deleted_post_is_not_found(api: Api) -> None:
    post = await api.post(user="ana")
    await api.data(DELETE, {"input": {"postId": post["id"]}}, user="ana")
    error = await api.error(LIKE, {"input": {"postId": post["id"]}}, user="ana")
    assert error["extensions"]["code"] == "NOT_FOUND"
    error = await api.error(LIKE, {"input": {"postId": "not-an-id"}}, user="ana")
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_post_entities_resolve_in_one_batch_and_hide_what_the_caller_cannot_see(
    api: Api,
) -> None:
    first = await api.post(user="ana", text="one")
    second = await api.post(user="bob", text="two")
    reps = ", ".join(
        f'{{__typename: "Post", id: "{i}"}}' for i in (first["id"], "missing", second["id"])
    )
    fields = "... on Post { id text author { id } }"
    data = await api.data(f"{{ _entities(representations: [{reps}]) {{ {fields} }} }}")
    assert data["_entities"] == [
        {"id": first["id"], "text": "one", "author": {"id": "ana"}},
        None,
        {"id": second["id"], "text": "two", "author": {"id": "bob"}},
    ]


async def test_the_sdl_declares_the_federation_keys(api: Api) -> None:
    sdl = (await api.data("{ _service { sdl } }"))["_service"]["sdl"]
    assert 'type Post @key(fields: "id")' in sdl
    assert 'type User @key(fields: "id")' in sdl
    assert 'type Goal @key(fields: "id")' in sdl
