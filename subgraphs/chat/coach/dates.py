"""Due dates as people say them: "by March", "by June 15", "in 6 weeks", "end of the year"."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_DAY = re.compile(
    rf"^(?P<month>{_MONTH})\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>\d{{4}}))?$"
)
_DAY_MONTH = re.compile(
    rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>\d{{4}}))?$"
)
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
_RELATIVE = re.compile(
    r"^(?:in|within)\s+(?P<n>\d{1,3}|a|an|one|two|three|six)\s+(?P<unit>day|week|month|year)s?$"
)
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "six": 6}


def parse_due(phrase: str, today: date) -> date | None:
    text = phrase.strip().lower().rstrip(".!?")
    text = re.sub(r"^the\s+", "", text)
    if text in ("end of the year", "end of year", "the end of the year", "year end", "this year"):
        return date(today.year, 12, 31)
    if text in ("tomorrow",):
        return today + timedelta(days=1)
    if text in ("next week", "end of the week", "end of this week"):
        return today + timedelta(days=7)
    if text in ("next month", "end of next month"):
        return _end_of_month(today + relativedelta(months=1))
    if text in ("end of the month", "end of this month", "this month"):
        return _end_of_month(today)
    if match := _ISO.match(text):
        return _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    if match := _RELATIVE.match(text):
        n = int(match["n"]) if match["n"].isdigit() else _WORDS[match["n"]]
        unit = match["unit"]
        delta = {
            "day": relativedelta(days=n),
            "week": relativedelta(weeks=n),
            "month": relativedelta(months=n),
            "year": relativedelta(years=n),
        }[unit]
        return today + delta
    match = _MONTH_DAY.match(text) or _DAY_MONTH.match(text)
    if match:
        return _month_date(MONTHS[match["month"]], match["day"], match["year"], today)
    return None


def _month_date(month: int, day: str | None, year: str | None, today: date) -> date | None:
    if year is not None:
        target_year = int(year)
    else:
        # "by March" means the next March that has not ended yet.
        target_year = today.year if month >= today.month else today.year + 1
    if day is None:
        return _end_of_month(date(target_year, month, 1))
    candidate = _safe_date(target_year, month, int(day))
    if candidate is not None and year is None and candidate < today:
        candidate = _safe_date(target_year + 1, month, int(day))
    return candidate


def _end_of_month(any_day: date) -> date:
    return date(any_day.year, any_day.month, calendar.monthrange(any_day.year, any_day.month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
