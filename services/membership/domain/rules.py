"""The membership rule book: every threshold, versioned by the date it takes effect.

Values marked [mem] in DOMAIN.md are unconfirmed and kept configurable here, not presented as law.
"""

from __future__ import annotations

from datetime import date

from kit.rules import RuleBook, RuleSet

from .authority_rules import AUTHORITY, AUTHORITY_2025
from .change_rules import CHANGES
from .discipline_rules import ORGANISATION_DISCIPLINE
from .structure_rules import STRUCTURE_BEFORE_2025, STRUCTURE_FROM_2025

_BASE = {
    "admission.min_age_months": 18 * 12,  # đủ 18 tuổi
    "admission.max_age_months": 60 * 12,  # đến 60 tuổi, counted in months
    "admission.min_general_education": "lower_secondary",  # THCS, with hardship exceptions
    "admission.sponsor_count": 2,
    "admission.sponsor_min_months_known": 12,
    "probation.months": 12,  # from the admission ceremony
    "transfer.temporary_min_months": 3,
    "transfer.temporary_max_months_work": 12,  # 3 to <12 months
    "transfer.temporary_max_months_study": 24,  # domestic study 3–24 months
    "discipline.forms_official": ("reprimand", "warning", "dismissal", "expulsion"),
    "discipline.forms_probationary": ("reprimand", "warning"),
    "readmission.max_times": 1,
    "badge.years": (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90),
    "organisation.district_level_exists": True,
    **STRUCTURE_BEFORE_2025,
    **CHANGES,
    # deadlines in working days (QĐ 24 §3, kept by QĐ 294 [S11]); the work queue counts them
    "admission.decision_working_days": 60,  # from the branch's consideration to the decision
    "admission.ceremony_working_days": 30,  # from the decision to the ceremony
    "recognition.vote_working_days": 30,  # from the end of probation to the branch's vote
    "badge.presentation_days": ((2, 3), (5, 19), (9, 2), (11, 7)),  # (month, day): HD 01 mục 18
    # [mem] no deadline is sourced for deciding a xóa tên proposal; the competent committee
    # decides "as for admission" [S24], so the admission decision's count, configurable
    "removal.decision_working_days": 60,  # from the branch's proposal to the decision
    # [mem] a member rated KHT two years running (evaluations' UnsatisfactoryTwoYearsRunning):
    # the branch reviews them or proposes xóa tên; no deadline is sourced, so the admission's
    "evaluation_review.working_days": 60,  # from the second KHT decision
    **ORGANISATION_DISCIPLINE,
}

MEMBERSHIP_RULES = RuleBook(
    [
        RuleSet("QĐ45-2011", date(2011, 11, 1), "Điều lệ Đảng 2011; QĐ 45-QĐ/TW; HD 01-HD/TW",
                {**_BASE, **AUTHORITY}),
        RuleSet("QĐ24-2021", date(2021, 7, 30), "QĐ 24-QĐ/TW (30/7/2021); HD 01-HD/TW (2021)",
                {**_BASE, **AUTHORITY}),
        RuleSet(
            "QĐ294-2025",
            date(2025, 7, 1),
            "QĐ 294-QĐ/TW (26/5/2025, in force 1/7/2025): no district level",
            {**_BASE, "organisation.district_level_exists": False, **AUTHORITY_2025,
             **STRUCTURE_FROM_2025},
        ),
    ]
)


# Days off and make-up working days announced after the holidays library's release (kit.workdays):
# each version is the whole list known when it was published, with its source. A new version
# makes the read models that count working days (work_queue) rebuild: raise WorkQueue.version.
WORKING_CALENDAR = RuleBook(
    [
        RuleSet(
            "VN-calendar-2026.1",
            date(2026, 12, 1),
            "python-holidays 0.109 already carries the 2025-2026 announcements (Tết 2026, "
            "nghỉ bù 31/8/2026, Ngày Văn hóa Việt Nam 24/11); no override needed yet",
            {"calendar.country": "VN", "calendar.days_off": (), "calendar.working_days": ()},
        ),
    ]
)
