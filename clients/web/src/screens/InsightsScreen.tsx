import { useQuery } from "@apollo/client/react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { InsightsDocument, describeError, heatmapDays, progressSeries } from "@lifegraph/shared";

// Distinct on white and for the common colour-vision deficiencies (Okabe-Ito).
const LINE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];
const shortDate = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });

/** Life balance, goal progress over time, habit heat-maps and achievements. Lazy-loaded:
 * the chart library stays out of the first page load. */
export default function InsightsScreen() {
  const insights = useQuery(InsightsDocument);
  const me = insights.data?.me;
  if (!me) {
    return insights.error ? (
      <p role="alert" className="error">
        {describeError(insights.error)}{" "}
        <button type="button" onClick={() => void insights.refetch()}>
          Try again
        </button>
      </p>
    ) : (
      <p role="status" className="status">
        Loading your insights…
      </p>
    );
  }
  const areas = me.lifeBalance.areas.map((a) => ({
    area: a.area.charAt(0).toUpperCase() + a.area.slice(1).toLowerCase(),
    score: a.score,
  }));
  const goals = me.goals.nodes.filter((g) => (g.insights?.progress.length ?? 0) > 0);
  const series = progressSeries(goals);

  return (
    <>
      <section className="card" aria-labelledby="balance-heading">
        <h2 id="balance-heading">Life balance</h2>
        <p className="muted">Overall {me.lifeBalance.overall} / 100</p>
        <figure
          className="chart"
          aria-label={`Life balance: ${areas.map((a) => `${a.area} ${a.score}`).join(", ")}`}
        >
          <ResponsiveContainer width="100%" height={280}>
            <RadarChart data={areas} outerRadius="60%">
              <PolarGrid />
              <PolarAngleAxis dataKey="area" />
              <PolarRadiusAxis domain={[0, 100]} tickCount={5} />
              <Radar
                dataKey="score"
                name="Score"
                stroke="#1f5fbf"
                fill="#1f5fbf"
                fillOpacity={0.35}
                isAnimationActive={false}
              />
            </RadarChart>
          </ResponsiveContainer>
        </figure>
      </section>
      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress over time</h2>
        {series.length === 0 ? (
          <p className="empty">Goal progress appears here as you complete tasks.</p>
        ) : (
          <figure
            className="chart"
            aria-label={`Progress: ${goals
              .map((g) => `${g.title} ${g.insights?.progress.at(-1)?.value ?? 0}%`)
              .join(", ")}`}
          >
            <ResponsiveContainer width="100%" height={260}>
              <LineChart data={series}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis
                  dataKey="at"
                  type="number"
                  scale="time"
                  domain={["dataMin", "dataMax"]}
                  tickFormatter={(at: number) => shortDate.format(at)}
                />
                <YAxis domain={[0, 100]} unit="%" />
                <Tooltip labelFormatter={(at) => new Date(Number(at)).toLocaleString()} />
                <Legend />
                {goals.map((goal, i) => (
                  <Line
                    key={goal.id}
                    dataKey={goal.id}
                    name={goal.title}
                    stroke={LINE_COLOURS[i % LINE_COLOURS.length]}
                    connectNulls
                    type="stepAfter"
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </figure>
        )}
      </section>
      <section className="card" aria-labelledby="heatmap-heading">
        <h2 id="heatmap-heading">Habits, last 60 days</h2>
        {me.habits.nodes.length === 0 && <p className="empty">No habits yet.</p>}
        <ul className="heatmaps">
          {me.habits.nodes.map((habit) => {
            const days = heatmapDays(habit.today, habit.recentCheckIns);
            const count = days.filter((d) => d.done).length;
            return (
              <li key={habit.id} aria-label={`${habit.title}: ${count} of 60 days`}>
                <h3>{habit.title}</h3>
                <div className="heatmap" aria-hidden="true">
                  {days.map(({ day, done }) => (
                    <span key={day} className={done ? "cell done" : "cell"} title={day} />
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      <section className="card" aria-labelledby="achievements-heading">
        <h2 id="achievements-heading">Achievements</h2>
        <p className="muted">
          {me.stats.goalsCompleted} goals completed · {me.stats.goalsActive} active · best streak{" "}
          {me.stats.longestStreak} {me.stats.longestStreak === 1 ? "day" : "days"} · {Math.round(me.stats.focusMinutesThisWeek)} focus minutes
          this week
        </p>
        {me.achievements.length === 0 ? (
          <p className="empty">Complete a goal or keep a streak to earn your first badge.</p>
        ) : (
          <ul className="achievements" aria-labelledby="achievements-heading">
            {me.achievements.map((a) => (
              <li key={a.badge} aria-label={a.title}>
                <strong>{a.title}</strong> <span className="muted">{a.description}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
