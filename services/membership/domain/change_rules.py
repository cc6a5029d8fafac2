"""Rule-book data for membership changes: suspension, transfers in working days, the grounds of
exemption and xóa tên, the youth union's sponsorship age. rules.py versions them.

Values DOMAIN.md marks [mem] are configurable here and are not presented as law.
"""

from __future__ import annotations

from datetime import date


def _working_age_schedule() -> tuple[tuple[date, int, int], ...]:
    """(from, men, women): the age in months past which a member is "tuổi cao" [mem].

    HD 27-HD/BTCTW (2009): past working age, then men over 60, women over 55 [S22]. From
    2021 the Labour Code 2019 (Điều 169; NĐ 135/2020): 60y3m / 55y4m, then +3 months a year
    for men up to 62 (2028) and +4 months a year for women up to 60 (2035)."""
    rows = [(date(1900, 1, 1), 60 * 12, 55 * 12)]
    for year in range(2021, 2036):
        steps = year - 2020
        rows.append((date(year, 1, 1), min(60 * 12 + 3 * steps, 62 * 12),
                     min(55 * 12 + 4 * steps, 60 * 12)))
    return tuple(rows)


CHANGES = {
    # đình chỉ sinh hoạt đảng: the grounds a suspension may give [mem]
    "suspension.grounds": ("prosecuted", "detained", "under_disciplinary_review"),
    # QĐ 294 §6.3.1 [S19]: start a permanent transfer within 60 working days of the change
    # of job, retirement or residence; present the letter within 30 working days; late: the
    # reason is reported
    "transfer.start_working_days": 60,
    "transfer.present_letter_working_days": 30,
    # working days (kit.workdays): Vietnam's holidays, plus days the province announces after
    # the library's release (none recorded yet); the event setting a deadline names the version
    "calendar.country": "VN",
    "calendar.days_off": (),
    "calendar.working_days": (),
    # miễn sinh hoạt for "tuổi cao": past working age on the effective date [mem, see above]
    "exemption.old_age_months": _working_age_schedule(),
    # xóa tên: "breaching standards two years in a row" needs two years of membership; "three
    # months in a year" three months on the rolls; a card handed back, an official member
    "removal.standards_breached_min_months": 24,
    "removal.absence_min_months": 3,
    "removal.card_surrendered_official_only": True,
    # youth union (Đoàn) sponsors only for applicants of Đoàn age, 16 to 30 [mem]
    "admission.youth_union_age_years": (16, 30),
}


def working_age_months(schedule: tuple[tuple[date, int, int], ...], on: date,
                       female: bool) -> int:
    """The working-age limit in force on a date, in months, for a man or a woman."""
    limit = schedule[0]
    for row in schedule:
        if row[0] <= on:
            limit = row
    return limit[2] if female else limit[1]
