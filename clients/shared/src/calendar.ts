/** The calendar week view's arithmetic, in the device's zone (no DOM, no React). */

/** Midnight starting the Monday-first week that holds `at`, `offset` weeks on. */
export function weekStart(at: Date, offset = 0): Date {
  const start = new Date(at.getFullYear(), at.getMonth(), at.getDate());
  const sinceMonday = (start.getDay() + 6) % 7;
  start.setDate(start.getDate() - sinceMonday + offset * 7);
  return start;
}

/** The week's seven local midnights (a daylight-saving day is still one day). */
export function weekDays(start: Date): Date[] {
  return Array.from(
    { length: 7 },
    (_, i) => new Date(start.getFullYear(), start.getMonth(), start.getDate() + i),
  );
}

/** The `calendar(from, to)` window for the week starting at `start`. */
export function weekWindow(start: Date): { from: string; to: string } {
  const days = weekDays(start);
  const last = days[6] ?? start;
  const end = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** Occurrences by the local day they start on (an overnight one shows on its first day). */
export function byDay<T extends { startsAt: string }>(occurrences: readonly T[], days: Date[]): T[][] {
  return days.map((day) => {
    const end = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1).getTime();
    return occurrences
      .filter((o) => {
        const at = Date.parse(o.startsAt);
        return at >= day.getTime() && at < end;
      })
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  });
}
