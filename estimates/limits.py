"""What a plausible record looks like: the earliest date and the largest figure per quantity.

One declared table, read by validation (rules.py) and shown in its errors. A record outside
these limits is refused unless it says why in `unusual_because`: a mistyped year (`0025-01-13`)
or a figure with three zeros too many (`1e30`) would otherwise stretch every chart.
"""

from __future__ import annotations

from datetime import date

# North Korea's troops went to Russia from late 2024; the talks and arms deals before it go back
# to 2024 at the earliest in what this tracker records.
EARLIEST_DATE = date(2024, 1, 1)

# The largest figure a record may give for each quantity. North Korea's army is about 1.2 million;
# the largest published figures are forecasts of 100,000 sent and counts of about 6,000 lost
# (December 2026). A share is a fraction between 0 and 1, checked by the model.
CEILINGS: dict[str, int] = {
    "deployed": 200_000,
    "reinforcements": 200_000,
    "killed": 50_000,
    "wounded": 100_000,
    "killed_or_wounded": 100_000,
    "casualties": 100_000,
    "captured": 50_000,
    "missing": 50_000,
}
REASON_FIELD = "unusual_because"
