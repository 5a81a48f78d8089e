import { useQuery } from "@apollo/client/react";

import { FollowingFeedDocument, TrendingFeedDocument, describeError } from "@lifegraph/shared";

import { PostItem } from "./PostItem";

const PAGE = 20;

export type FeedKind = "following" | "trending";

const TEXT = {
  following: { title: "Following", empty: "Posts from people you follow appear here." },
  trending: { title: "Trending", empty: "No public posts yet: be the first." },
} as const;

/** A page of the following or the trending feed, with "Show more". */
export function FeedSection({ viewerId, kind = "following" }: { viewerId?: string; kind?: FeedKind }) {
  const variables = { first: PAGE };
  const following = useQuery(FollowingFeedDocument, { variables, skip: kind !== "following" });
  const trending = useQuery(TrendingFeedDocument, { variables, skip: kind !== "trending" });
  const feed = kind === "following" ? following : trending;
  const page = kind === "following" ? following.data?.followingFeed : trending.data?.trendingFeed;
  const more = (after: string | null | undefined) =>
    kind === "following"
      ? following.fetchMore({ variables: { ...variables, after } })
      : trending.fetchMore({ variables: { ...variables, after } });
  const heading = `feed-heading-${kind}`;
  return (
    <section className="card feed" aria-labelledby={heading}>
      <h2 id={heading}>{TEXT[kind].title}</h2>
      {feed.loading && !page && (
        <p role="status" className="status">
          Loading posts…
        </p>
      )}
      {feed.error && !page && (
        <p role="alert" className="error">
          {describeError(feed.error)}{" "}
          <button type="button" onClick={() => void feed.refetch()}>
            Try again
          </button>
        </p>
      )}
      {page && page.nodes.length === 0 && <p className="empty">{TEXT[kind].empty}</p>}
      {page && page.nodes.length > 0 && (
        <ul className="posts">
          {page.nodes.map((post) => (
            <PostItem key={post.id} post={post} viewerId={viewerId} />
          ))}
        </ul>
      )}
      {page?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void more(page.pageInfo.endCursor)}>
          Show more
        </button>
      )}
    </section>
  );
}
