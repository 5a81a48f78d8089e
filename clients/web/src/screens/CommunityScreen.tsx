import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";

import { CreatePostDocument, type GoalFieldsFragment, describeError } from "@lifegraph/shared";

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
  const [create, { loading, error, data }] = useMutation(CreatePostDocument, {
    refetchQueries: ["TrendingFeed", "FollowingFeed"],
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { text, category, goalId: goalId || null };
    const created = await create({ variables: { input } }).catch(() => null);
    if (created?.data) {
      setText("");
      setGoalId("");
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
        <button type="submit" className="primary" disabled={loading}>
          Post
        </button>
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
