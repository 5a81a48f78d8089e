import { useMutation, useQuery } from "@apollo/client";

import {
  FollowingFeedDocument,
  LikePostDocument,
  type PostFieldsFragment,
  UnlikePostDocument,
  describeError,
} from "@lifegraph/shared";

const PAGE = 20;

export function FeedSection() {
  const feed = useQuery(FollowingFeedDocument, { variables: { first: PAGE } });
  const page = feed.data?.followingFeed;
  return (
    <section className="card feed" aria-labelledby="feed-heading">
      <h2 id="feed-heading">Following</h2>
      {feed.loading && !page && (
        <p role="status" className="status">
          Loading posts…
        </p>
      )}
      {feed.error && !page && (
        <p role="alert" className="error">
          {describeError(feed.error)}
        </p>
      )}
      {page && page.nodes.length === 0 && (
        <p className="empty">Posts from people you follow appear here.</p>
      )}
      {page && page.nodes.length > 0 && (
        <ul className="posts">
          {page.nodes.map((post) => (
            <PostItem key={post.id} post={post} />
          ))}
        </ul>
      )}
      {page?.pageInfo.hasNextPage && (
        <button
          type="button"
          onClick={() =>
            void feed.fetchMore({ variables: { first: PAGE, after: page.pageInfo.endCursor } })
          }
        >
          Show more
        </button>
      )}
    </section>
  );
}

function PostItem({ post }: { post: PostFieldsFragment }) {
  const [like, liking] = useMutation(LikePostDocument);
  const [unlike, unliking] = useMutation(UnlikePostDocument);
  const error = liking.error ?? unliking.error;
  const input = { postId: post.id };
  return (
    <li className="post" aria-label={`Post by ${post.author.displayName}`}>
      <p className="post-meta">
        <strong>{post.author.displayName}</strong>{" "}
        <time dateTime={post.createdAt}>{new Date(post.createdAt).toLocaleDateString()}</time>
      </p>
      <p>{post.text}</p>
      {post.goal && <p className="muted">About: {post.goal.title}</p>}
      <p className="post-actions">
        <button
          type="button"
          aria-pressed={post.viewerHasLiked}
          disabled={liking.loading || unliking.loading}
          onClick={() =>
            void (post.viewerHasLiked
              ? unlike({ variables: { input } })
              : like({ variables: { input } })
            ).catch(() => null)
          }
        >
          {post.viewerHasLiked ? "Liked" : "Like"}
        </button>
        <span className="muted">
          {post.likeCount} {post.likeCount === 1 ? "like" : "likes"} · {post.commentCount} comments
        </span>
      </p>
      {error && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
    </li>
  );
}
