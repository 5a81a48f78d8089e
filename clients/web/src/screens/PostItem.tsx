import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useState } from "react";

import {
  AddCommentDocument,
  FollowUserDocument,
  LikePostDocument,
  PostCommentsDocument,
  type PostFieldsFragment,
  SavePostDocument,
  StartDirectConversationDocument,
  UnfollowUserDocument,
  UnlikePostDocument,
  UnsavePostDocument,
  addComment,
  addConversation,
  describeError,
} from "@lifegraph/shared";

import { navigate } from "../route";

/** One post with what a reader does to it: like, save, follow or message its author, comment. */
export function PostItem({ post, viewerId }: { post: PostFieldsFragment; viewerId?: string }) {
  const [like, liking] = useMutation(LikePostDocument);
  const [unlike, unliking] = useMutation(UnlikePostDocument);
  const [save, saving] = useMutation(SavePostDocument);
  const [unsave, unsaving] = useMutation(UnsavePostDocument, {
    // `unsavePost` answers only the id: the post's flag is ours to clear.
    update(cache) {
      cache.modify({
        id: cache.identify({ __typename: "Post", id: post.id }),
        fields: { viewerHasSaved: () => false },
      });
    },
  });
  const [follow, following] = useMutation(FollowUserDocument);
  const [unfollow, unfollowing] = useMutation(UnfollowUserDocument);
  // Starts the direct conversation with the author, or reopens the one there is.
  const [startChat, starting] = useMutation(StartDirectConversationDocument, {
    update(cache, { data }) {
      if (data && viewerId) addConversation(cache, viewerId, data.startDirectConversation);
    },
  });
  const [showComments, setShowComments] = useState(false);
  const error =
    liking.error ??
    unliking.error ??
    saving.error ??
    unsaving.error ??
    following.error ??
    unfollowing.error ??
    starting.error;
  const input = { postId: post.id };
  const author = post.author;
  const own = viewerId !== undefined && author.id === viewerId;
  // A photo removed since (its upload deleted) is null: nothing to show for it.
  const photos = post.media.filter((photo) => photo !== null);

  async function message() {
    const started = await startChat({ variables: { input: { userId: author.id } } }).catch(() => null);
    if (started?.data) navigate("chat", { conversation: started.data.startDirectConversation.id });
  }

  return (
    <li className="post" aria-label={`Post by ${author.displayName}`}>
      <p className="post-meta">
        <strong>{author.displayName}</strong>{" "}
        <time dateTime={post.createdAt}>{new Date(post.createdAt).toLocaleDateString()}</time>
        {viewerId !== undefined && !own && (
          <>
            {" "}
            <button
              type="button"
              className="small"
              aria-pressed={author.viewerFollows}
              aria-label={`${author.viewerFollows ? "Following" : "Follow"} ${author.displayName}`}
              disabled={following.loading || unfollowing.loading}
              onClick={() => {
                const variables = { input: { userId: author.id } };
                void (author.viewerFollows ? unfollow({ variables }) : follow({ variables })).catch(
                  () => null,
                );
              }}
            >
              {author.viewerFollows ? "Following" : "Follow"}
            </button>{" "}
            <button
              type="button"
              className="small"
              aria-label={`Message ${author.displayName}`}
              disabled={starting.loading}
              onClick={() => void message()}
            >
              Message
            </button>
          </>
        )}
      </p>
      <p>{post.text}</p>
      {photos.length > 0 && (
        <ul className="post-photos" aria-label="Photos">
          {photos.map((photo, index) => (
            <li key={photo.id}>
              <img
                src={photo.url}
                alt={`Photo ${index + 1} of ${photos.length} by ${author.displayName}`}
                loading="lazy"
              />
            </li>
          ))}
        </ul>
      )}
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
        <button
          type="button"
          aria-pressed={post.viewerHasSaved}
          disabled={saving.loading || unsaving.loading}
          onClick={() =>
            void (post.viewerHasSaved
              ? unsave({ variables: { input } })
              : save({ variables: { input } })
            ).catch(() => null)
          }
        >
          {post.viewerHasSaved ? "Saved" : "Save"}
        </button>
        <button
          type="button"
          aria-expanded={showComments}
          onClick={() => setShowComments(!showComments)}
        >
          Comments
        </button>
        <span className="muted">
          {post.likeCount} {post.likeCount === 1 ? "like" : "likes"} · {post.commentCount}{" "}
          {post.commentCount === 1 ? "comment" : "comments"}
        </span>
      </p>
      {showComments && <Comments postId={post.id} />}
      {error && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
    </li>
  );
}

function Comments({ postId }: { postId: string }) {
  const comments = useQuery(PostCommentsDocument, { variables: { postId } });
  const [text, setText] = useState("");
  const [add, adding] = useMutation(AddCommentDocument, {
    update(cache, { data }) {
      if (data) addComment(cache, postId, data.addComment);
    },
  });
  const nodes = comments.data?.post?.comments.nodes ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const added = await add({ variables: { input: { postId, text } } }).catch(() => null);
    if (added?.data) setText("");
  }

  return (
    <div className="comments">
      {comments.loading && !comments.data && (
        <p role="status" className="status">
          Loading comments…
        </p>
      )}
      {comments.error && !comments.data && (
        <p role="alert" className="error">
          {describeError(comments.error)}
        </p>
      )}
      {nodes.length > 0 && (
        <ul aria-label="Comments">
          {nodes.map((comment) => (
            <li key={comment.id}>
              <strong>{comment.author.displayName}</strong> {comment.text}
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={submit}>
        <label>
          Add a comment
          <input value={text} onChange={(e) => setText(e.target.value)} required maxLength={2000} />
        </label>
        <button type="submit" disabled={adding.loading}>
          Comment
        </button>
        {adding.error && (
          <p role="alert" className="error">
            {describeError(adding.error)}
          </p>
        )}
      </form>
    </div>
  );
}
