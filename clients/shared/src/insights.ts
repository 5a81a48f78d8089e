/** Shapes the Insights charts want, from query results (no DOM, no React). */

/** The last `days` local days up to `today` (`YYYY-MM-DD`), each with whether it was checked in. */
export function heatmapDays(
  today: string,
  checkIns: readonly string[],
  days = 60,
): { day: string; done: boolean }[] {
  const done = new Set(checkIns);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  return Array.from({ length: days }, (_, i) => {
    // UTC arithmetic on a calendar day: no zone or daylight saving to trip on.
    const at = new Date(Date.UTC(y, m - 1, d - (days - 1 - i)));
    const day = at.toISOString().slice(0, 10);
    return { day, done: done.has(day) };
  });
}

/** Goal progress points merged onto one time axis: one row per change, a column per goal. */
export function progressSeries(
  goals: readonly { id: string; insights?: { progress: { at: string; value: number }[] } | null }[],
): { at: number; [goalId: string]: number }[] {
  const rows = new Map<number, { at: number; [goalId: string]: number }>();
  for (const goal of goals) {
    for (const point of goal.insights?.progress ?? []) {
      const at = Date.parse(point.at);
      const row = rows.get(at) ?? { at };
      row[goal.id] = point.value;
      rows.set(at, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.at - b.at);
}
