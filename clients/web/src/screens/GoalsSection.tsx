import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";

import {
  AddTaskDocument,
  CreateGoalDocument,
  CreatePostDocument,
  GoalTemplatesDocument,
  type GoalFieldsFragment,
  type GoalNode,
  type GoalTemplatesQuery,
  HomeDocument,
  InstantiateGoalTemplateDocument,
  type LifeArea,
  SetGoalStatusDocument,
  UpdateTaskDocument,
  appendToViewerList,
  describeError,
  goalTree,
  subGoalCounts,
} from "@lifegraph/shared";

const AREAS: LifeArea[] = ["HEALTH", "FINANCE", "FAMILY", "CAREER", "LEARNING", "CREATIVITY"];
// The goals subgraph nests goals five levels deep at most.
const MAX_DEPTH = 5;

function areaName(area: LifeArea): string {
  return area.charAt(0) + area.slice(1).toLowerCase();
}

function splitTasks(text: string): { title: string }[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ title: line }));
}

export function GoalsSection({ viewerId, goals }: { viewerId: string; goals: GoalFieldsFragment[] }) {
  const tree = goalTree(goals);
  return (
    <section className="card" aria-labelledby="goals-heading">
      <h2 id="goals-heading">Goals</h2>
      {tree.length === 0 ? (
        <p className="empty">No goals yet: write down the first one below.</p>
      ) : (
        <ul className="goals">
          {tree.map((node) => (
            <GoalItem key={node.goal.id} node={node} viewerId={viewerId} level={0} />
          ))}
        </ul>
      )}
      <NewGoalForm viewerId={viewerId} />
      <TemplateForm />
    </section>
  );
}

function GoalItem({ node, viewerId, level }: { node: GoalNode; viewerId: string; level: number }) {
  const { goal, children } = node;
  const subGoalsId = useId();
  const [showSubGoals, setShowSubGoals] = useState(true);
  const [addingSubGoal, setAddingSubGoal] = useState(false);
  const [addingTask, setAddingTask] = useState(false);
  const [updateTask, taskState] = useMutation(UpdateTaskDocument);
  const [setStatus, statusState] = useMutation(SetGoalStatusDocument);
  const [share, shareState] = useMutation(CreatePostDocument);
  const failure = taskState.error ?? statusState.error ?? shareState.error;
  const done = goal.status === "COMPLETED";
  const Heading = level === 0 ? "h3" : "h4";
  const counts = subGoalCounts(node);
  return (
    <li className={level === 0 ? "goal" : "goal sub-goal"} aria-label={goal.title}>
      <div className="goal-head">
        <Heading>{goal.title}</Heading>
        <span className="badge">{areaName(goal.area)}</span>
      </div>
      <div className="progress-row">
        <progress max={100} value={goal.progress} aria-label={`${goal.title} progress`} />
        <span className="percent">{goal.progress}%</span>
      </div>
      {goal.tasks.length > 0 && (
        <ul className="tasks" aria-label={`${goal.title} tasks`}>
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
                      // The box follows the click at once; progress (this goal's and its
                      // ancestors') comes with the answer.
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
                {task.dueDate && <span className="muted"> · due {dueText(task.dueDate)}</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="goal-actions">
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
        {level === 0 && (
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
        )}
        {!done && (
          <button
            type="button"
            aria-expanded={addingTask}
            onClick={() => setAddingTask(!addingTask)}
          >
            Add a task
          </button>
        )}
        {goal.depth < MAX_DEPTH && !done && (
          <button
            type="button"
            aria-expanded={addingSubGoal}
            onClick={() => setAddingSubGoal(!addingSubGoal)}
          >
            Add a sub-goal
          </button>
        )}
      </div>
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
      {addingTask && <TaskForm goal={goal} onDone={() => setAddingTask(false)} />}
      {addingSubGoal && (
        <SubGoalForm viewerId={viewerId} parent={goal} onDone={() => setAddingSubGoal(false)} />
      )}
      {children.length > 0 && (
        <div className="sub-goals">
          <button
            type="button"
            aria-expanded={showSubGoals}
            aria-controls={subGoalsId}
            onClick={() => setShowSubGoals(!showSubGoals)}
          >
            {counts.done} of {counts.total} sub-goals done
          </button>
          <ul
            className="goals"
            id={subGoalsId}
            hidden={!showSubGoals}
            aria-label={`Sub-goals of ${goal.title}`}
          >
            {children.map((child) => (
              <GoalItem key={child.goal.id} node={child} viewerId={viewerId} level={level + 1} />
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

/** The end of an inline form under a goal: why it was refused, submit and cancel. */
function InlineFormEnd({
  error,
  loading,
  submit,
  onCancel,
}: {
  error: unknown;
  loading: boolean;
  submit: string;
  onCancel: () => void;
}) {
  return (
    <>
      {error != null && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
      <div className="goal-actions">
        <button type="submit" className="primary" disabled={loading}>
          {loading ? "Adding…" : submit}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

// A due day is a calendar day (no zone): shown as written, never shifted by a time zone.
const dueFormat = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

function dueText(day: string): string {
  return dueFormat.format(new Date(`${day}T00:00:00Z`));
}

/** A task added to an existing goal, with an optional due day (it then shows on Today). */
function TaskForm({ goal, onDone }: { goal: GoalFieldsFragment; onDone: () => void }) {
  const [title, setTitle] = useState("");
  const [dueDate, setDueDate] = useState("");
  // The answer is the goal with its new task and progress: the cache updates it in place.
  const [addTask, { loading, error }] = useMutation(AddTaskDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { goalId: goal.id, title, dueDate: dueDate || null };
    const added = await addTask({ variables: { input } }).catch(() => null);
    if (added?.data) onDone();
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label={`New task of ${goal.title}`}>
      <label>
        Task
        <input value={title} onChange={(e) => setTitle(e.target.value)} required autoFocus />
      </label>
      <label>
        Due (optional)
        <input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
      </label>
      <InlineFormEnd error={error} loading={loading} submit="Add task" onCancel={onDone} />
    </form>
  );
}

function SubGoalForm({
  viewerId,
  parent,
  onDone,
}: {
  viewerId: string;
  parent: GoalFieldsFragment;
  onDone: () => void;
}) {
  const [title, setTitle] = useState("");
  const [tasks, setTasks] = useState("");
  const [createGoal, { loading, error }] = useMutation(CreateGoalDocument, {
    update(cache, { data }) {
      if (data) appendToViewerList(cache, viewerId, "goals", data.createGoal);
    },
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { title, area: parent.area, parentId: parent.id, tasks: splitTasks(tasks) };
    const created = await createGoal({ variables: { input } }).catch(() => null);
    if (created?.data) onDone();
  }

  return (
    <form
      className="inline-form sub-goal-form"
      onSubmit={submit}
      aria-label={`New sub-goal of ${parent.title}`}
    >
      <label>
        Sub-goal title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required autoFocus />
      </label>
      <label>
        Its tasks (one per line)
        <textarea value={tasks} onChange={(e) => setTasks(e.target.value)} rows={2} />
      </label>
      <InlineFormEnd error={error} loading={loading} submit="Add sub-goal" onCancel={onDone} />
    </form>
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
    const input = { title, area, tasks: splitTasks(tasks) };
    const created = await createGoal({ variables: { input } }).catch(() => null);
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

function TemplateForm() {
  const templates = useQuery(GoalTemplatesDocument);
  const [chosen, setChosen] = useState("");
  // A template makes a goal and its sub-goals at once; the answer is the top one only,
  // so the board is read again, whole.
  const [instantiate, { loading, error }] = useMutation(InstantiateGoalTemplateDocument, {
    refetchQueries: [HomeDocument],
    awaitRefetchQueries: true,
  });
  const list = templates.data?.goalTemplates ?? [];
  const templateId = chosen || list[0]?.id || "";
  const template = list.find((t) => t.id === templateId);

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
                  {areaName(t.area)}: {t.goal.title}
                </option>
              ))}
            </select>
          </label>
          {template && <TemplatePreview template={template} />}
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

type Template = GoalTemplatesQuery["goalTemplates"][number];

/** What starting the chosen template makes: the goal, its tasks and its sub-goals. */
function TemplatePreview({ template }: { template: Template }) {
  const { goal } = template;
  const tasks = (n: number) => `${n} ${n === 1 ? "task" : "tasks"}`;
  return (
    <div className="template-preview" aria-label="What this template sets up" role="group">
      {goal.description && <p className="muted">{goal.description}</p>}
      <p>
        {goal.title}: {tasks(goal.tasks.length)}
        {goal.subGoals.length > 0 && `, ${goal.subGoals.length} sub-goals`}
      </p>
      {goal.subGoals.length > 0 && (
        <ul>
          {goal.subGoals.map((sub) => (
            <li key={sub.title}>
              {sub.title} ({tasks(sub.tasks.length)})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
