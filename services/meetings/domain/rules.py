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
    "meetings.regular_per_month": 1,  # Điều lệ 24.2
    "meetings.thematic_per_quarter": 1,  # at least one chuyên đề per quarter
    # xóa tên ground 1 (Điều lệ Điều 8.3; QĐ 294, as QĐ 24 §8.1 before it; DOMAIN.md §3): bỏ
    # sinh hoạt đảng hoặc không đóng đảng phí 3 tháng trong năm không có lý do chính đáng.
    # Calendar months of one calendar year, each month counted once however many meetings
    "removal.unexcused_absence_months_per_year": 3,
    "removal.unpaid_dues_months_per_year": 3,
    # dues are collected, and a month's are judged paid or not, at the monthly meeting
    "dues.collected_at": ("regular", "combined"),
    # exempt members still pay dues (DOMAIN.md §3): UNCONFIRMED
    "dues.exempt_members_pay": True,
    # resolutions needing ≥ 2/3 of the branch's official members (Điều lệ Điều 4 and 5:
    # kết nạp, công nhận chính thức; personnel votes, DOMAIN.md §4 [S11]); any other type is
    # ordinary and needs more than `resolution.majority`
    "resolution.qualified_types": ("admission", "official_recognition", "personnel"),
    # approvals * share[1] >= official members * share[0]
    "resolution.qualified_majority": (2, 3),
    # who is not among "the branch's official members" for a 2/3 vote: UNCONFIRMED. Those not
    # on its rolls or not active on them; an absence with reason still counts (the strict
    # reading of "2/3 of the official members"; add "absent_excused" to apply QĐ 24 §9.3's)
    "resolution.qualified_excluded": ("temporarily_transferred_out", "suspended",
                                      "absent_exempt", "temporary_member", "probationary"),
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
