"""Dates made comparable: the parts of a date two claims can agree or disagree on."""

from __future__ import annotations

import re

from summitledger.nlp.words import MONTHS, WEEKDAYS

#: the fewest letters of a month's name that name it ('Sept', 'Dec'; 'ma' could be May or March)
MONTH_PREFIX = 3
#: a number this many digits long is a year ('2023'); one from 1 to 31 a day
YEAR_DIGITS = 4


def date_keys(text: str) -> list[str]:
    """Comparable parts of a date: 'weekday=friday', 'day=9-13', 'year=2023'. Two dates
    contradict only in a part both give ('Wednesday' and '13 September' do not)."""
    words = re.findall(r"[a-z]+|\d+", text.lower())
    keys = [f"weekday={w}" for w in words if w in WEEKDAYS]
    month = next((MONTHS.index(m) + 1 for w in words for m in MONTHS
                  if len(w) >= MONTH_PREFIX and m.startswith(w)), None)
    days = [int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31]
    years = [w for w in words if w.isdigit() and len(w) == YEAR_DIGITS]
    if month and days:
        keys.append(f"day={month}-{days[0]}")
    elif month:
        keys.append(f"month={month}")
    keys += [f"year={y}" for y in years]
    return keys
