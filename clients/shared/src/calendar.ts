/** The calendar week view's arithmetic, in the device's zone (no DOM, no React). */
import { graphql } from "./gql";

export const CreateActivityDocument = graphql(`
  mutation CreateActivity($input: CreateActivityInput!) {
    createActivity(input: $input) {
      id
      title
      startsAt
      endsAt
      location
      recurrence
    }
  }
`);

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

const HOUR_MS = 60 * 60 * 1000;

/** How a new activity repeats, as the RRULE `createActivity` takes (`null`: once). */
export const REPEATS = [
  { label: "Does not repeat", rule: null },
  { label: "Every day", rule: "FREQ=DAILY" },
  { label: "Every week", rule: "FREQ=WEEKLY" },
] as const;

/** `at` as a `datetime-local` value ("2025-03-04T09:30"), in the device's zone. */
export function localInputValue(at: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const day = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
  return `${day}T${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** The instant a `datetime-local` value names in the device's zone; null when it names none. */
export function fromLocalInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(year, month - 1, day, hour, minute);
}

/** The next whole hour after `now`, and an hour on: a new activity's default span. */
export function defaultSpan(now: Date): { start: string; end: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours() + 1);
  return { start: localInputValue(start), end: localInputValue(new Date(start.getTime() + HOUR_MS)) };
}

/** The end that keeps an activity's length when its start moves (an hour if it had none). */
export function movedEnd(start: string, end: string, newStart: string): string {
  const from = fromLocalInput(start);
  const to = fromLocalInput(end);
  const moved = fromLocalInput(newStart);
  if (moved === null) return end;
  const length = from !== null && to !== null && to >= from ? to.getTime() - from.getTime() : HOUR_MS;
  return localInputValue(new Date(moved.getTime() + length));
}

/** How many weeks after the week of `today` the week holding `at` is (negative: before). */
export function weekOffset(today: Date, at: Date): number {
  const weeks = (weekStart(at).getTime() - weekStart(today).getTime()) / (7 * 24 * HOUR_MS);
  // A daylight-saving change between the two shifts the difference by an hour.
  return Math.round(weeks);
}
