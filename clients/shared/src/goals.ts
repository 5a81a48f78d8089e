/** The goals board as a tree: the viewer's goals come as one flat list, newest first. */
import type { GoalFieldsFragment } from "./gql/graphql";

export interface GoalNode {
  goal: GoalFieldsFragment;
  /** Its sub-goals, oldest first: the order a plan (or a template) lists its steps. */
  children: GoalNode[];
}

/**
 * Top-level goals newest first, each with its sub-goals below it. A sub-goal whose
 * parent is not in the list (hidden, or past the page) stands as a root rather than vanish.
 */
export function goalTree(goals: readonly GoalFieldsFragment[]): GoalNode[] {
  const nodes = new Map(goals.map((goal) => [goal.id, { goal, children: [] as GoalNode[] }]));
  const roots: GoalNode[] = [];
  for (const goal of [...goals].reverse()) {
    const node = nodes.get(goal.id) as GoalNode;
    const parent = goal.parent ? nodes.get(goal.parent.id) : undefined;
    if (parent === undefined) roots.unshift(node);
    else parent.children.push(node);
  }
  return roots;
}

/** How many of a goal's sub-goals, at every level below it, are completed. */
export function subGoalCounts(node: GoalNode): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const child of node.children) {
    const below = subGoalCounts(child);
    total += 1 + below.total;
    done += (child.goal.status === "COMPLETED" ? 1 : 0) + below.done;
  }
  return { done, total };
}
