"""User journeys through the router over the real subgraphs: what a React app does."""

from __future__ import annotations

import httpx

from common.settings import Settings
from common.testing.waiting import eventually
from tests.e2e.conftest import Client, NewClient, serve_lifegraph


async def test_sign_up_me_refresh_and_reuse_through_the_router(
    settings: Settings, http: httpx.AsyncClient
) -> None:
    # Without the reuse grace window, so the reuse below is one at once.
    async with serve_lifegraph(settings, refresh_token_reuse_grace_seconds=0) as url:
        await _refresh_and_reuse(Client(http, url))


async def _refresh_and_reuse(ada: Client) -> None:
    email, password = "ada@example.com", "violet-harbour-lantern-42"
    await ada.ok(
        "mutation($i: RegisterInput!) { register(input: $i) { user { id } } }",
        {"i": {"email": email, "password": password, "displayName": "Ada"}},
    )
    login = await ada.ok(
        "mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken } }",
        {"i": {"email": email, "password": password}},
    )
    ada.token = login["login"]["accessToken"]
    me = await ada.ok("{ me { displayName email stats { goalsActive } } }")
    assert me == {"me": {"displayName": "Ada", "email": email, "stats": {"goalsActive": 0}}}

    refresh = "mutation($t: String!) { refreshToken(input: {refreshToken: $t}) { refreshToken } }"
    first = login["login"]["refreshToken"]
    await ada.ok(refresh, {"t": first})
    reused = await ada.call(refresh, {"t": first})
    assert reused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_bad_input_and_bad_tokens_keep_their_codes_through_the_router(
    new_client: NewClient,
) -> None:
    anonymous = new_client()
    bad_email = await anonymous.call(
        "mutation($i: RegisterInput!) { register(input: $i) { user { id } } }",
        {"i": {"email": "nope", "password": "violet-harbour-lantern-42", "displayName": "N"}},
    )
    assert bad_email["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    anonymous.token = "e30.e30.e30"
    tampered = await anonymous.call("{ me { id } }")
    assert tampered["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_post_resolves_its_author_and_goal_across_three_subgraphs(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    goal = await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {"i": {"title": "Run a 5k", "area": "HEALTH", "visibility": "PUBLIC"}},
    )
    goal_id = goal["createGoal"]["id"]
    post = await ada.ok(
        "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
        {"i": {"text": "Week one done!", "category": "HEALTH", "goalId": goal_id}},
    )
    read = await ada.ok(
        """query($id: ID!) {
             post(id: $id) { text author { displayName } goal { title posts { nodes { text } } } }
           }""",
        {"id": post["createPost"]["id"]},
    )
    assert read == {
        "post": {
            "text": "Week one done!",
            "author": {"displayName": "Ada"},
            "goal": {"title": "Run a 5k", "posts": {"nodes": [{"text": "Week one done!"}]}},
        }
    }


async def test_a_completed_goal_reaches_analytics_and_notifications(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    goal = await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {"i": {"title": "Read 12 books", "area": "LEARNING"}},
    )
    await ada.ok(
        "mutation($i: SetGoalStatusInput!) { setGoalStatus(input: $i) { status } }",
        {"i": {"id": goal["createGoal"]["id"], "status": "COMPLETED"}},
    )
    stats = await eventually(
        lambda: ada.ok("{ me { stats { goalsCompleted } achievements { badge } } }"),
        lambda d: d["me"]["stats"]["goalsCompleted"] == 1 and d["me"]["achievements"],
    )
    assert stats["me"]["achievements"] == [{"badge": "first_goal"}]
    inbox = await eventually(
        lambda: ada.ok("{ notifications { nodes { kind title } } unreadNotificationCount }"),
        lambda d: d["unreadNotificationCount"] >= 1,
    )
    assert [n["kind"] for n in inbox["notifications"]["nodes"]] == ["ACHIEVEMENT"]


async def test_a_follow_notifies_the_followed_user(new_client: NewClient) -> None:
    ada, grace = new_client(), new_client()
    await ada.sign_up("Ada")
    grace_id = await grace.sign_up("Grace")
    await ada.ok_once_known(
        "mutation($i: UserInput!) { followUser(input: $i) { id } }", {"i": {"userId": grace_id}}
    )
    inbox = await eventually(
        lambda: grace.ok("{ notifications { nodes { kind } } }"),
        lambda d: bool(d["notifications"]["nodes"]),
    )
    assert [n["kind"] for n in inbox["notifications"]["nodes"]] == ["NEW_FOLLOWER"]
    profile = await grace.ok(
        "query($id: ID!) { user(id: $id) { followerCount } }", {"id": grace_id}
    )
    assert profile == {"user": {"followerCount": 1}}


async def test_graphiql_is_served_to_browsers(lifegraph: str, http: httpx.AsyncClient) -> None:
    page = await http.get(f"{lifegraph}/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()


async def test_the_calendar_feed_is_served_at_the_routers_address(
    lifegraph: str, http: httpx.AsyncClient, new_client: NewClient
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    await ada.ok(
        "mutation($i: CreateActivityInput!) { createActivity(input: $i) { id } }",
        {
            "i": {
                "title": "Swim",
                "startsAt": "2026-01-05T07:00:00+00:00",
                "endsAt": "2026-01-05T08:00:00+00:00",
            }
        },
    )
    path = (await ada.ok("mutation { rotateCalendarFeed { path } }"))["rotateCalendarFeed"]["path"]
    # The address a client is given works at the router's root, not only under /subgraphs.
    feed = await http.get(f"{lifegraph}{path}")
    assert feed.status_code == 200, feed.text
    assert feed.headers["content-type"].startswith("text/calendar")
    assert feed.headers["cache-control"] == "private, max-age=300"
    assert len(feed.headers.get_list("x-request-id")) == 1
    assert "BEGIN:VCALENDAR" in feed.text
    assert "SUMMARY:Swim" in feed.text
    guessed = await http.get(f"{lifegraph}/calendar/guess.ics")
    assert guessed.status_code == 404
