"""The meetings rule book: every threshold, versioned by the date it takes effect.

A meeting is checked against the version in force on its (local) scheduled date, and its events
name that version. Values marked UNCONFIRMED were not found in a source (DOMAIN.md [mem]): they
are configurable here and must not be presented as law.
"""

from __future__ import annotations

from datetime import date

from kit.rules import RuleBook, RuleSet

_COMMON = {
    # Nghị quyết chỉ có giá trị khi có quá nửa ... tán thành (Điều lệ Điều 10; QĐ 24 §9.3):
    # approvals * denominator_share[1] > denominator * denominator_share[0], strictly
    "resolution.majority": (1, 2),
    # probationary members have no vote (Điều lệ Điều 5); they are summoned but not counted
    "resolution.voters_official_only": True,
    # xóa tên: bỏ sinh hoạt 3 tháng trong năm không lý do (QĐ 24 §8.1)
    "attendance.unexcused_absences_per_year": 3,
    "meetings.regular_per_month": 1,  # Điều lệ 24.2
    "meetings.thematic_per_quarter": 1,  # at least one chuyên đề per quarter
}

MEETINGS_RULES = RuleBook(
    [
        RuleSet(
            "HD12-2018",
            date(2018, 7, 6),
            "HD 12-HD/BTCTW (6/7/2018) on sinh hoạt chi bộ. The minimum durations and the "
            "materials lead time of this version are UNCONFIRMED placeholders",
            {
                **_COMMON,
                "duration.min_minutes.regular": 60,  # UNCONFIRMED
                "duration.min_minutes.thematic": 60,  # UNCONFIRMED
                "duration.min_minutes.combined": 90,  # UNCONFIRMED
                "materials.lead_days": 1,  # UNCONFIRMED
            },
        ),
        RuleSet(
            "HD42-2025",
            date(2025, 10, 28),
            "CT 50-CT/TW (23/7/2025); HD 42-HD/BTCTW (28/10/2025): at least 90 minutes, 120 "
            "when combined with a chuyên đề; materials on the Sổ tay đảng viên điện tử at least "
            "1 day ahead",
            {
                **_COMMON,
                "duration.min_minutes.regular": 90,
                "duration.min_minutes.thematic": 90,
                "duration.min_minutes.combined": 120,
                "materials.lead_days": 1,
            },
        ),
    ]
)
