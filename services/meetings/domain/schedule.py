"""When superior cadres are assigned to attend branch meetings: a province's own configuration.

No national frequency was found (DOMAIN.md §4), so this is configuration, not a rule of the Party:
Thái Bình's standing committee fixed the 3rd of every even month for cadres it manages to attend
meetings in the communes [seed 000].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CadreSchedule:
    name: str
    days_of_month: tuple[int, ...]
    months: tuple[int, ...]
    source: str

    def __post_init__(self) -> None:
        if not all(1 <= d <= 28 for d in self.days_of_month):
            raise ValueError("assignment days must exist in every month (1–28)")
        if not all(1 <= m <= 12 for m in self.months):
            raise ValueError("months are 1–12")

    def assigned_days(self, from_: date, to: date) -> list[date]:
        """The assignment days within [from_, to], in order."""
        out = []
        for year in range(from_.year, to.year + 1):
            for month in sorted(self.months):
                for day in sorted(self.days_of_month):
                    d = date(year, month, day)
                    if from_ <= d <= to:
                        out.append(d)
        return out


THAI_BINH_EVEN_MONTHS = CadreSchedule(
    name="day-3-of-even-months",
    days_of_month=(3,),
    months=(2, 4, 6, 8, 10, 12),
    source="BTV Tỉnh ủy Thái Bình: cán bộ dự sinh hoạt chi bộ ở xã vào ngày 3 các tháng chẵn",
)
