import { useQuery } from "@apollo/client";

import { FollowingFeedDocument, describeError } from "@lifegraph/shared";

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
            <li key={post.id} className="post">
              <p className="post-meta">
                <strong>{post.author.displayName}</strong>{" "}
                <time dateTime={post.createdAt}>{new Date(post.createdAt).toLocaleDateString()}</time>
              </p>
              <p>{post.text}</p>
              {post.goal && <p className="muted">About: {post.goal.title}</p>}
              <p className="muted">
                {post.likeCount} likes · {post.commentCount} comments
              </p>
            </li>
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
