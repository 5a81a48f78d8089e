import { useApolloClient, useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";

import {
  CreatePostDocument,
  type GoalFieldsFragment,
  attachWhenKnown,
  describeError,
  uploadFile,
} from "@lifegraph/shared";

import { MAX_PHOTOS, PHOTO_TYPES, sha256Hex } from "../files";
import { type FeedKind, FeedSection } from "./FeedSection";

const CATEGORIES = [
  "GENERAL",
  "HEALTH",
  "FINANCE",
  "FAMILY",
  "CAREER",
  "LEARNING",
  "CREATIVITY",
] as const;
type Category = (typeof CATEGORIES)[number];

/** Write a post (about a goal or not), and read the following or the trending feed. */
export function CommunityScreen({ viewerId, goals }: { viewerId: string; goals: GoalFieldsFragment[] }) {
  const [kind, setKind] = useState<FeedKind>("following");
  return (
    <>
      <NewPostForm goals={goals} />
      <div className="feed-switch card" role="group" aria-label="Feed">
        {(["following", "trending"] as const).map((k) => (
          <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
            {k === "following" ? "Following" : "Trending"}
          </button>
        ))}
      </div>
      <FeedSection key={kind} kind={kind} viewerId={viewerId} />
    </>
  );
}

function NewPostForm({ goals }: { goals: GoalFieldsFragment[] }) {
  const [text, setText] = useState("");
  const [category, setCategory] = useState<Category>("GENERAL");
  const [goalId, setGoalId] = useState("");
  const [photos, setPhotos] = useState<File[]>([]);
  // Remounts the file input to clear it: a file input's value cannot be set.
  const [pickerKey, setPickerKey] = useState(0);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const client = useApolloClient();
  const [create, { loading, error, data }] = useMutation(CreatePostDocument, {
    refetchQueries: ["TrendingFeed", "FollowingFeed"],
  });
  const tooMany = photos.length > MAX_PHOTOS;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (tooMany) return;
    setUploadError(null);
    let mediaIds: string[] = [];
    if (photos.length > 0) {
      setUploading(true);
      try {
        const uploaded = await Promise.all(
          photos.map(async (photo) =>
            uploadFile(
              client,
              { bytes: await photo.arrayBuffer(), contentType: photo.type, purpose: "POST_MEDIA" },
              sha256Hex,
            ),
          ),
        );
        mediaIds = uploaded.map((media) => media.id);
      } catch (refused) {
        setUploadError(refused);
        return;
      } finally {
        setUploading(false);
      }
    }
    const input = { text, category, goalId: goalId || null, mediaIds };
    const created = await attachWhenKnown(() => create({ variables: { input } })).catch(() => null);
    if (created?.data) {
      setText("");
      setGoalId("");
      setPhotos([]);
      setPickerKey((key) => key + 1);
    }
  }

  return (
    <section className="card" aria-labelledby="new-post-heading">
      <h2 id="new-post-heading">Share a post</h2>
      <form className="new-goal" aria-labelledby="new-post-heading" onSubmit={submit}>
        <label>
          Post
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            required
            rows={3}
            maxLength={5000}
          />
        </label>
        <label>
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value as Category)}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c.charAt(0) + c.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          About a goal
          <select value={goalId} onChange={(e) => setGoalId(e.target.value)}>
            <option value="">No goal</option>
            {goals.map((goal) => (
              <option key={goal.id} value={goal.id}>
                {goal.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Photos (up to {MAX_PHOTOS}, optional)
          <input
            key={pickerKey}
            type="file"
            accept={PHOTO_TYPES}
            multiple
            onChange={(e) => setPhotos(Array.from(e.target.files ?? []))}
          />
        </label>
        {tooMany && (
          <p role="alert" className="error">
            Choose at most {MAX_PHOTOS} photos.
          </p>
        )}
        <button type="submit" className="primary" disabled={loading || uploading || tooMany}>
          Post
        </button>
        {uploading && (
          <p role="status" className="status">
            Uploading {photos.length === 1 ? "the photo" : `${photos.length} photos`}…
          </p>
        )}
        {uploadError !== null && (
          <p role="alert" className="error">
            {describeError(uploadError)}
          </p>
        )}
        {data && !loading && (
          <p role="status" className="ok">
            Posted.
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {describeError(error)}
          </p>
        )}
      </form>
    </section>
  );
}
