"""Global object identification through the router: `node(id:)` reaches the owning subgraph."""

from __future__ import annotations

from common.graphql.globalid import to_global_id
from tests.e2e.conftest import NewClient

GOAL = """mutation { createGoal(input: {title: "Run a marathon", area: HEALTH}) { id nodeId } }"""
NODE = """query($id: ID!) { node(id: $id) {
  __typename id nodeId
  ... on Goal { title ownerId }
  ... on User { displayName }
} }"""


async def test_node_refetches_objects_of_two_subgraphs_by_their_global_id(
    new_client: NewClient,
) -> None:
    ada = new_client()
    ada_id = await ada.sign_up("Ada")
    goal = (await ada.ok(GOAL))["createGoal"]
    assert goal["nodeId"] == to_global_id("Goal", goal["id"])

    found = await ada.ok(NODE, {"id": goal["nodeId"]})
    assert found == {
        "node": {
            "__typename": "Goal",
            "id": goal["id"],
            "nodeId": goal["nodeId"],
            "title": "Run a marathon",
            "ownerId": ada_id,
        }
    }
    me = await ada.ok(NODE, {"id": to_global_id("User", ada_id)})
    assert me["node"] == {
        "__typename": "User",
        "id": ada_id,
        "nodeId": to_global_id("User", ada_id),
        "displayName": "Ada",
    }
    both = await ada.ok(
        "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
        {"ids": [goal["nodeId"], to_global_id("User", ada_id)]},
    )
    assert both == {
        "nodes": [{"__typename": "Goal", "id": goal["id"]}, {"__typename": "User", "id": ada_id}]
    }


async def test_node_answers_null_for_a_goal_the_viewer_may_not_read(
    new_client: NewClient,
) -> None:
    ada, bob = new_client(), new_client()
    await ada.sign_up("Ada")
    await bob.sign_up("Bob")
    goal = (await ada.ok(GOAL))["createGoal"]

    direct = await bob.call("query($id: ID!) { goal(id: $id) { title } }", {"id": goal["id"]})
    through_node = await bob.call(
        "query($id: ID!) { node(id: $id) { ... on Goal { title } } }", {"id": goal["nodeId"]}
    )
    assert through_node["data"] == {"node": None}
    assert direct["data"] is None or direct["data"] == {"goal": None}
    codes = [e["extensions"]["code"] for e in through_node.get("errors", [])]
    assert codes == [e["extensions"]["code"] for e in direct["errors"]], (through_node, direct)


async def test_a_malformed_global_id_is_bad_user_input(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    body = await ada.call(NODE, {"id": "not-a-global-id"})
    assert body["data"] == {"node": None}
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["field"] == "id"


async def test_nodes_reaches_habits_posts_and_comments_under_their_owners_rules(
    new_client: NewClient,
) -> None:
    ada, bob = new_client(), new_client()
    await ada.sign_up("Ada")
    await bob.sign_up("Bob")
    habit = await ada.ok('mutation { createHabit(input: {title: "Stretch"}) { id nodeId } }')
    post = await ada.ok(
        'mutation { createPost(input: {text: "Day one", category: HEALTH}) { id nodeId } }'
    )
    comment = await ada.ok_once_known(
        "mutation($i: AddCommentInput!) { addComment(input: $i) { id nodeId } }",
        {"i": {"postId": post["createPost"]["id"], "text": "Keep going"}},
    )
    ids = [
        habit["createHabit"]["nodeId"],
        post["createPost"]["nodeId"],
        comment["addComment"]["nodeId"],
    ]
    query = """query($ids: [ID!]!) { nodes(ids: $ids) {
      __typename
      ... on Habit { title }
      ... on Post { text }
      ... on Comment { text }
    } }"""

    mine = await ada.ok(query, {"ids": ids})
    assert mine["nodes"] == [
        {"__typename": "Habit", "title": "Stretch"},
        {"__typename": "Post", "text": "Day one"},
        {"__typename": "Comment", "text": "Keep going"},
    ]
    # A habit is its owner's alone; the public post and its comment are anyone's.
    theirs = await bob.call(query, {"ids": ids})
    assert theirs["data"]["nodes"] == [None, *mine["nodes"][1:]]
    assert [(e["path"], e["extensions"]["code"]) for e in theirs["errors"]] == [
        (["nodes", 0], "NOT_FOUND")
    ]
