"""The personnel rule book: every threshold a versioned datum, with its effective date and source.

A decision is checked against the version in force on its date, and its event names that version.
Values marked [mem] were not found in a source (DOMAIN.md §6): they are configurable here and are
not law. Shares are (numerator, denominator) pairs; ages and terms are whole years.
"""

from __future__ import annotations

from datetime import date

from kit.rules import RuleBook, RuleSet

_COMMON = {
    # planning cycles (nhiệm kỳ quy hoạch) and the day each term starts and ends [mem]
    "planning.cycles": {
        "2025-2030": (date(2025, 1, 1), date(2030, 12, 31)),
        "2030-2035": (date(2030, 1, 1), date(2035, 12, 31)),
    },
    "planning.max_posts_per_cadre": 3,  # mỗi người quy hoạch không quá 3 chức danh
    # first entry: able to serve at least one full term (QĐ 50 [S36]), counted from the cycle's
    # start (or the decision, when later) to the retirement age
    "planning.full_term_years": 5,
    # structure targets of a plan (QĐ 50 [S36]): young cadres (under the age of the post's level,
    # on the cycle's start) at least 15 %, women at least 25 %
    "planning.young_share_min": (15, 100),
    "planning.women_share_min": (25, 100),
    "planning.young_age_under": {"province": 40, "commune": 35},  # commune: [mem]
    # removal is proposed from these facts of membership's events (khiển trách or above)
    "planning.removal_discipline_forms": ("reprimand", "warning", "dismissal", "expulsion"),
    # who decides planning and appointments: organs of the committee managing the post [mem]
    "decision.organs": ("standing_committee", "committee"),
    # retirement age (Bộ luật Lao động 2019 Điều 169, the end point of its roadmap; the roadmap
    # itself is not modelled) [mem]
    "retirement.age_years": {"male": 62, "female": 60},
    # appointment (bổ nhiệm): a 5-year term, at most 2 consecutive terms as head [S37]
    "appointment.term_years": 5,
    "appointment.max_consecutive_terms_as_head": 2,
    # ≥ 2 years to retirement when the term ends: reappoint; fewer: extend to retirement [S38]
    "appointment.extend_below_years_left": 2,
    # a first appointment needs at least this many years before retirement [mem]
    "appointment.first_min_years_left": 5,
    # notice of a term's expiry, in working days before it ends [S39]
    "appointment.expiry_notice_working_days": 90,
    "calendar.country": "VN",  # whose public holidays the working days skip (kit.workdays)
    # no promotion (bổ nhiệm chức vụ cao hơn) for this many months after the discipline [mem]
    "appointment.promotion_ban_months": {"reprimand": 24, "warning": 36, "dismissal": 60},
    # personnel-more: who decides erasing a cadre's personal data: the managing committee's
    # organisation board (ban tổ chức), which keeps the files [mem]
    "erasure.organs": ("organisation_board",),
    # personnel-more: political-theory training, QĐ 350-QĐ/TW (2025) [S42]. Trung cấp for a
    # commune (grassroots) committee member and up; cao cấp for province posts [mem]. The rule
    # book has no version of its own for QĐ 350 (its date is [mem]): these apply with QĐ 50/377.
    "training.required_theory": {"commune": "intermediate", "province": "advanced"},
    "training.intermediate.min_education": "college",  # a college degree (cao đẳng) or above
    # 2 consecutive years HTT or better, the later no more than this many years before the
    # year asked about (evaluations' GoodStandingTwoYearsRunning) [mem]
    "training.intermediate.good_standing_within_years": 1,
    "training.part_time_min_age": {"female": 28, "male": 30},  # part-time study (tại chức)
    # personnel-more: rotation, QĐ 65-QĐ/TW (2022) [S41]; its own date is [mem], so these apply
    # with QĐ 50/377. Key leaders (the heads of bodies) of these levels are not rotated into
    # their own locality [mem: which posts]; the minimum time per rotation [mem]
    "rotation.key_leaders_not_local": ("province", "commune"),
    "rotation.min_years": 3,
    # plan-approval: a plan is approved by these organs of the committee directly above [mem],
    # and reviewed (rà soát, bổ sung) once a year
    "planning.approval_organs": ("standing_committee", "committee"),
    "planning.review_every_years": 1,
}

PERSONNEL_RULES = RuleBook(
    [
        RuleSet(
            "QD50-2021",
            date(2021, 12, 27),
            "QĐ 50-QĐ/TW (27/12/2021) on cadre planning: at most 4 cadres per post [mem]; "
            "targets and removal grounds [S36]",
            {**_COMMON, "planning.max_cadres_per_post": 4},
        ),
        RuleSet(
            "QD377-2025",
            date(2025, 10, 8),
            "QĐ 377-QĐ/TW (8/10/2025) replaces QĐ 50: at most 3 cadres per post and 3 posts per "
            "cadre, never while an appointment is in progress, only for higher posts [S21]",
            {**_COMMON, "planning.max_cadres_per_post": 3},
        ),
    ]
)
