import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";

import {
  CheckInHabitDocument,
  CreateHabitDocument,
  type HabitFieldsFragment,
  appendToViewerList,
  describeError,
} from "@lifegraph/shared";

function streakText(habit: HabitFieldsFragment): string {
  const unit = habit.streakUnit === "WEEK" ? "week" : "day";
  const count = habit.currentStreak;
  return `${count} ${unit}${count === 1 ? "" : "s"} streak`;
}

export function HabitsSection({
  viewerId,
  habits,
}: {
  viewerId: string;
  habits: HabitFieldsFragment[];
}) {
  return (
    <section className="card" aria-labelledby="habits-heading">
      <h2 id="habits-heading">Habits</h2>
      {habits.length === 0 ? (
        <p className="empty">No habits yet: start a small daily one below.</p>
      ) : (
        <ul className="habits">
          {habits.map((habit) => (
            <HabitItem key={habit.id} habit={habit} />
          ))}
        </ul>
      )}
      <NewHabitForm viewerId={viewerId} />
    </section>
  );
}

export function HabitItem({ habit }: { habit: HabitFieldsFragment }) {
  const [checkIn, { loading, error }] = useMutation(CheckInHabitDocument);
  return (
    <li className="habit" aria-label={habit.title}>
      <div>
        <h3>{habit.title}</h3>
        <p className="streak">
          {streakText(habit)}
          <span className="muted"> · best {habit.longestStreak}</span>
        </p>
      </div>
      <button
        type="button"
        disabled={habit.checkedInToday || loading}
        onClick={() => void checkIn({ variables: { input: { habitId: habit.id } } }).catch(() => null)}
      >
        {habit.checkedInToday ? "Done today" : "Check in"}
      </button>
      {error && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
    </li>
  );
}

function NewHabitForm({ viewerId }: { viewerId: string }) {
  const [title, setTitle] = useState("");
  const [createHabit, { loading, error }] = useMutation(CreateHabitDocument, {
    update(cache, { data }) {
      if (data) appendToViewerList(cache, viewerId, "habits", data.createHabit);
    },
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await createHabit({ variables: { input: { title } } }).catch(() => null);
    if (created?.data) setTitle("");
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      <label>
        New daily habit
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <button type="submit" className="primary" disabled={loading}>
        Add habit
      </button>
      {error && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
    </form>
  );
}
