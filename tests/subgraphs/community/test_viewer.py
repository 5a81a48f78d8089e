"""The viewer's follows and blocks: both sets from one database command, capped."""

from __future__ import annotations

from subgraphs.community.service.container import CommunityServices


async def test_viewer_has_follows_and_blocks_both_ways(services: CommunityServices) -> None:
    repos = services.repos
    for followee in ("b", "c", "d"):
        await repos.follows.add("a", followee)
    await repos.follows.add("b", "a")  # who follows `a` is not whom `a` follows
    await repos.blocks.add("a", "e")
    await repos.blocks.add("f", "a")
    await repos.blocks.add("g", "h")  # neither is `a`

    viewer = await services.viewer("a")

    assert viewer.user_id == "a"
    assert viewer.following == {"b", "c", "d"}
    assert viewer.hidden == {"e", "f"}


async def test_viewer_without_follows_or_blocks(services: CommunityServices) -> None:
    await services.repos.follows.add("b", "a")

    viewer = await services.viewer("a", moderator=True)

    assert viewer.moderator
    assert viewer.following == frozenset()
    assert viewer.hidden == frozenset()


async def test_circle_caps_each_set(services: CommunityServices) -> None:
    repos = services.repos
    for n in range(5):
        await repos.follows.add("a", f"followee-{n}")
    for n in range(4):
        await repos.blocks.add("a", f"blocked-{n}")

    following, hidden = await repos.follows.circle("a", max_following=3, max_blocks=2)

    assert len(following) == 3
    assert set(following) <= {f"followee-{n}" for n in range(5)}
    assert len(hidden) == 2
    assert hidden <= {f"blocked-{n}" for n in range(4)}
