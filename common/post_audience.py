"""Who may see a post: one rule for community (the post) and media (the post's photos).

Community applies it to its own posts; media to the projection it keeps of them from
community's events (docs/media.md), so a photo is readable exactly where its post is.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PostView", "sees_post"]


@dataclass(frozen=True, slots=True)
class PostView:
    """What the rule needs to know of a post, its author and the viewer's ties to them.

    `status` and `privacy` are community's stored values (`"published"`, `"followers"`).

    ```python
    sees_post(PostView(author_id="ada", status="published", privacy="followers",
                       follows_author=True), viewer_id="bob")
    ```
    """

    author_id: str
    status: str
    privacy: str
    follows_author: bool = False
    # The viewer blocked the author or was blocked by them.
    blocked: bool = False


def sees_post(post: PostView, *, viewer_id: str | None, moderator: bool = False) -> bool:
    """Moderators see everything; authors all but what moderators removed; others a
    published post by an author who hid nothing from them, by the author's privacy."""
    if moderator:
        return True
    if post.author_id == viewer_id:
        return post.status != "removed"
    if post.status != "published" or post.blocked:
        return False
    if post.privacy == "public":
        return True
    return post.privacy == "followers" and post.follows_author
