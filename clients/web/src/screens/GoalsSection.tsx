import { useMutation, useQuery } from "@apollo/client";
import { type FormEvent, useId, useState } from "react";

import {
  CreateGoalDocument,
  CreatePostDocument,
  GoalTemplatesDocument,
  InstantiateGoalTemplateDocument,
  type GoalFieldsFragment,
  type LifeArea,
  SetGoalStatusDocument,
  UpdateTaskDocument,
  appendToViewerList,
  describeError,
} from "@lifegraph/shared";

const AREAS: LifeArea[] = ["HEALTH", "FINANCE", "FAMILY", "CAREER", "LEARNING", "CREATIVITY"];

function areaName(area: LifeArea): string {
  return area.charAt(0) + area.slice(1).toLowerCase();
}

export function GoalsSection({ viewerId, goals }: { viewerId: string; goals: GoalFieldsFragment[] }) {
  return (
    <section className="card" aria-labelledby="goals-heading">
      <h2 id="goals-heading">Goals</h2>
      {goals.length === 0 ? (
        <p className="empty">No goals yet: write down the first one below.</p>
      ) : (
        <ul className="goals">
          {goals.map((goal) => (
            <GoalItem key={goal.id} goal={goal} />
          ))}
        </ul>
      )}
      <NewGoalForm viewerId={viewerId} />
      <TemplateForm viewerId={viewerId} />
    </section>
  );
}

function GoalItem({ goal }: { goal: GoalFieldsFragment }) {
  const [updateTask, taskState] = useMutation(UpdateTaskDocument);
  const [setStatus, statusState] = useMutation(SetGoalStatusDocument);
  const [share, shareState] = useMutation(CreatePostDocument);
  const failure = taskState.error ?? statusState.error ?? shareState.error;
  const done = goal.status === "COMPLETED";
  return (
    <li className="goal" aria-label={goal.title}>
      <div className="goal-head">
        <h3>{goal.title}</h3>
        <span className="badge">{areaName(goal.area)}</span>
      </div>
      <div className="progress-row">
        <progress max={100} value={goal.progress} aria-label={`${goal.title} progress`} />
        <span className="percent">{goal.progress}%</span>
      </div>
      {goal.tasks.length > 0 && (
        <ul className="tasks">
          {goal.tasks.map((task) => (
            <li key={task.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={task.done}
                  onChange={(e) => {
                    const done = e.target.checked;
                    void updateTask({
                      variables: { input: { goalId: goal.id, taskId: task.id, done } },
                      // The box follows the click at once; progress comes with the answer.
                      optimisticResponse: {
                        updateTask: {
                          ...goal,
                          tasks: goal.tasks.map((t) => (t.id === task.id ? { ...t, done } : t)),
                        },
                      },
                    }).catch(() => null);
                  }}
                />
                <span className={task.done ? "done" : ""}>{task.title}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {done ? (
        <p className="complete">Completed</p>
      ) : (
        <button
          type="button"
          disabled={statusState.loading}
          onClick={() =>
            void setStatus({ variables: { input: { id: goal.id, status: "COMPLETED" } } }).catch(
              () => null,
            )
          }
        >
          Mark goal complete
        </button>
      )}
      <button
        type="button"
        disabled={shareState.loading}
        onClick={() =>
          void share({
            variables: {
              input: {
                text: `Working on "${goal.title}": ${goal.progress}% done.`,
                category: goal.area,
                goalId: goal.id,
              },
            },
          }).catch(() => null)
        }
      >
        Share with followers
      </button>
      {shareState.data && (
        <p role="status" className="muted">
          Shared with your followers.
        </p>
      )}
      {failure && (
        <p role="alert" className="error">
          {describeError(failure)}
        </p>
      )}
    </li>
  );
}

function NewGoalForm({ viewerId }: { viewerId: string }) {
  const id = useId();
  const [title, setTitle] = useState("");
  const [area, setArea] = useState<LifeArea>("HEALTH");
  const [tasks, setTasks] = useState("");
  const [createGoal, { loading, error }] = useMutation(CreateGoalDocument, {
    update(cache, { data }) {
      if (data) appendToViewerList(cache, viewerId, "goals", data.createGoal);
    },
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const taskList = tasks
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => ({ title: line }));
    const created = await createGoal({ variables: { input: { title, area, tasks: taskList } } }).catch(
      () => null,
    );
    if (created?.data) {
      setTitle("");
      setTasks("");
    }
  }

  return (
    <form className="new-goal" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>New goal</h3>
      <label>
        Goal title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        Life area
        <select value={area} onChange={(e) => setArea(e.target.value as LifeArea)}>
          {AREAS.map((a) => (
            <option key={a} value={a}>
              {areaName(a)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tasks (one per line)
        <textarea value={tasks} onChange={(e) => setTasks(e.target.value)} rows={3} />
      </label>
      {error && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
      <button type="submit" className="primary" disabled={loading}>
        {loading ? "Adding…" : "Add goal"}
      </button>
    </form>
  );
}

function TemplateForm({ viewerId }: { viewerId: string }) {
  const templates = useQuery(GoalTemplatesDocument);
  const [chosen, setChosen] = useState("");
  const [instantiate, { loading, error }] = useMutation(InstantiateGoalTemplateDocument, {
    update(cache, { data }) {
      if (data) appendToViewerList(cache, viewerId, "goals", data.instantiateGoalTemplate);
    },
  });
  const list = templates.data?.goalTemplates ?? [];
  const templateId = chosen || list[0]?.id || "";

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (templateId) {
      await instantiate({ variables: { input: { templateId } } }).catch(() => null);
    }
  }

  return (
    <form className="new-goal" onSubmit={submit} aria-label="Goal from a template">
      <h3>From a template</h3>
      {templates.loading && !templates.data && <p role="status">Loading templates…</p>}
      {templates.error && (
        <p role="alert" className="error">
          {describeError(templates.error)}
        </p>
      )}
      {list.length > 0 && (
        <>
          <label>
            Template
            <select value={templateId} onChange={(e) => setChosen(e.target.value)}>
              {list.map((t) => (
                <option key={t.id} value={t.id}>
                  {areaName(t.area)}: {t.goal.title} ({t.goal.tasks.length} tasks)
                </option>
              ))}
            </select>
          </label>
          {error && (
            <p role="alert" className="error">
              {describeError(error)}
            </p>
          )}
          <button type="submit" disabled={loading}>
            Start this goal
          </button>
        </>
      )}
    </form>
  );
}
