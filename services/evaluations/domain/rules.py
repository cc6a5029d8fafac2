"""The evaluations rule book: every threshold of the quality evaluation (đánh giá, xếp loại chất
lượng), versioned by the date its text took effect (DOMAIN.md §5).

QĐ 132-QĐ/TW (8/3/2018) was replaced by QĐ 124-QĐ/TW (4/10/2023), itself replaced by
QĐ 366-QĐ/TW (30/8/2025, with HD 43-HD/BTCTW of 31/10/2025). A period is checked against the
version in force on its reference date and its events name that version. Values marked
UNCONFIRMED are DOMAIN.md's [mem] items: configurable here, never presented as law.

Shares are whole percentages (Decimal) so a boundary like "≥ 30 %" is compared exactly.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kit.rules import RuleBook, RuleSet

_LEVELS = {
    # the 100-point scale (thang điểm 100): 30 general criteria + 70 results, one decimal place
    "score.general_max": Decimal("30"),
    "score.result_max": Decimal("70"),
    "score.decimal_places": 1,
    # HTXS: ≥ 90 points, every task on time, ≥ 30 % of them exceeded
    "level.excellent.min_points": Decimal("90"),
    "level.excellent.min_exceeded_percent": Decimal("30"),
    "level.excellent.all_on_time": True,
    # HTT: 70 to < 90, every task on time
    "level.good.min_points": Decimal("70"),
    "level.good.all_on_time": True,
    # HT: 50 to < 70, every task done, ≤ 20 % late
    "level.completed.min_points": Decimal("50"),
    "level.completed.all_done": True,
    "level.completed.max_late_percent": Decimal("20"),
    # KHT: below 50, or any disqualifier (QĐ 124 cases [S31], kept by QĐ 366)
}

_DISQUALIFIERS = {
    # an individual disciplined during the year (bị thi hành kỷ luật trong năm): any form
    "disqualify.member_discipline_forms": ("reprimand", "warning", "dismissal", "expulsion"),
    # the collective itself disciplined during the year
    "disqualify.organisation_disciplined": True,
    # more than 20 % of its sub-units (tổ chức đảng trực thuộc) disciplined in the year
    "disqualify.sub_units_disciplined_above_percent": Decimal("20"),
    # a sub-unit disciplined for corruption or misconduct (tham nhũng, tiêu cực)
    "disqualify.corruption_in_sub_unit": True,
    # fewer than 50 % of the collective's targets met
    "disqualify.targets_met_below_percent": Decimal("50"),
    # HTXS of a collective: no one in it disciplined during the year (caps it at HTT)
    "excellent.collective_none_disciplined": True,
}

_QUOTA = {
    # HTXS ≤ 20 % of those rated HTT [S32, S33], counted per grassroots organisation for
    # members (HD 21-HD/BTCTW 2019 [S32]); `floor(share × base)` may be rated HTXS
    "quota.excellent.percent": Decimal("20"),
    # UNCONFIRMED: the base. "good_or_better": HTXS are chosen among those rated HTT, so the
    # base counts both (the usual reading); "good": only those left at HTT
    "quota.excellent.base": "good_or_better",
    # UNCONFIRMED: rounding of share × base ("down": 20 % of 9 allows 1, of 4 allows none)
    "quota.excellent.rounding": "down",
    # which subjects the quota counts; members per grassroots organisation; organisations
    # (UNCONFIRMED) per their directly superior organisation
    "quota.excellent.subject_kinds": ("member", "organisation"),
    # UNCONFIRMED per-group wording: also count each self-assessment form (2A/2B/2C) apart
    "quota.excellent.per_form": False,
    # UNCONFIRMED: the head (Mẫu 2A) is not rated above the collective they head
    "head.not_above_collective": True,
}

_ROLL = {
    # who is on a period's roll (read by the membership view as of the reference date):
    # UNCONFIRMED, each configurable
    "roll.exempt_evaluated": False,  # miễn công tác và sinh hoạt đảng: not classified
    "roll.temporarily_away_evaluated": False,  # evaluated where they keep their stay
    "roll.newly_admitted_months": 6,  # admitted less than this many months before: left out
    # civil servants are evaluated by 15/12 of the year [S35], party members after
    "calendar.civil_servants_by": (12, 15),  # (month, day) of the period's year
}

_RECOGNITION = {
    # "trong sạch, vững mạnh" tiêu biểu only for an organisation rated HTXS in the year [S32];
    # "5 năm liền" after this many HTXS years running, ending with the year recognised
    "tsvm.requires_level": "htxs",
    "tsvm.years_running": 5,
}

_COMMON = {**_LEVELS, **_DISQUALIFIERS, **_QUOTA, **_ROLL, **_RECOGNITION}

EVALUATION_RULES = RuleBook(
    [
        RuleSet(
            "QĐ132-2018",
            date(2018, 3, 8),
            "QĐ 132-QĐ/TW (8/3/2018) on kiểm điểm, đánh giá, xếp loại chất lượng; levels on "
            "criteria, no point scale (UNCONFIRMED: the sources found name the scale as QĐ "
            "366's); the other thresholds, carried over from QĐ 124, are UNCONFIRMED",
            {**_COMMON, "score.applies": False},
        ),
        RuleSet(
            "QĐ124-2023",
            date(2023, 10, 4),
            "QĐ 124-QĐ/TW (4/10/2023) replacing QĐ 132; no point scale (UNCONFIRMED); KHT "
            "cases [S31]; HTXS ≤ 20 % of HTT per grassroots organisation (HD 21-HD/BTCTW "
            "2019) [S32]",
            {**_COMMON, "score.applies": False},
        ),
        RuleSet(
            "QĐ366-2025",
            date(2025, 8, 30),
            "QĐ 366-QĐ/TW (30/8/2025) replacing QĐ 124; HD 43-HD/BTCTW (31/10/2025); 100-point "
            "scale, 30 general + 70 results [S17, S18]",
            {**_COMMON, "score.applies": True},
        ),
    ]
)
