"""How much one goals write may hold: every text field and list input has its cap here.

Past a cap the write gets BAD_USER_INPUT naming the field and stores nothing.
"""

from __future__ import annotations

from typing import Final

TITLE_CHARS: Final = 200
DESCRIPTION_CHARS: Final = 5_000
LOCATION_CHARS: Final = 200
TRACKER_NOTE_CHARS: Final = 2_000
TRACKER_CATEGORY_CHARS: Final = 60
# Tasks on one goal, whether sent at once (createGoal) or added one by one.
TASKS_PER_GOAL: Final = 200
# A template, over all its levels.
TEMPLATE_GOALS: Final = 100
TEMPLATE_TASKS: Final = 1_000
# Template due dates count days from the start day.
TEMPLATE_DUE_DAYS: Final = 36_600
HABIT_WEEKDAYS: Final = 7
# Moved or cancelled occurrences kept on one recurring activity.
EXCEPTIONS_PER_ACTIVITY: Final = 1_000
# Standalone tasks and projects (docs/goals.md "Tasks and projects").
TASK_NOTES_CHARS: Final = 10_000
TAGS_PER_TASK: Final = 20
TAG_CHARS: Final = 40
SUBTASKS_PER_TASK: Final = 100
PROJECT_NAME_CHARS: Final = 100
# Standalone tasks linked to one goal: its progress reads them all on every change.
LINKED_TASKS_PER_GOAL: Final = 500
# A time block on the calendar (`scheduleTodoTask`), in minutes.
BLOCK_MINUTES_MIN: Final = 5
BLOCK_MINUTES_MAX: Final = 1_440
# Streak kindness: skipped days of one habit in one month; vacations kept, their length,
# and how far ahead a skip or a vacation may be planned (days).
SKIPS_PER_MONTH: Final = 8
VACATIONS_KEPT: Final = 50
VACATION_DAYS: Final = 366
PLAN_AHEAD_DAYS: Final = 366
# Journal and mood (docs/goals.md "Journal and mood").
JOURNAL_BODY_CHARS: Final = 20_000
MOOD_MIN: Final = 1
MOOD_MAX: Final = 5
TAGS_PER_MOOD: Final = 10
# Check-ins one local day may hold: the daily review lists them all.
MOOD_CHECK_INS_PER_DAY: Final = 50
# Deleted goals, tasks, habits and journal entries stay restorable this long.
TRASH_DAYS: Final = 30
# What one trash row may hold (BSON bytes): below MongoDB's 16 MB document limit.
TRASH_ROW_BYTES: Final = 15_000_000
