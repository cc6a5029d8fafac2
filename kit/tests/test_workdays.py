"""Working days, counted as a Vietnamese office counts them."""

from datetime import date

import pytest

from kit.workdays import WorkingDayCalendar

VN = WorkingDayCalendar.of("VN")


def test_weekends_and_public_holidays_are_not_working_days():
    assert not VN.is_working_day(date(2026, 12, 5))  # Saturday
    assert not VN.is_working_day(date(2026, 9, 2))  # Quốc khánh
    assert not VN.is_working_day(date(2026, 2, 17))  # Tết Nguyên Đán (a lunar date)
    assert VN.holiday_name(date(2026, 9, 2)) == "Quốc khánh"
    assert VN.is_working_day(date(2026, 12, 3))


def test_a_saturday_worked_in_exchange_for_a_bridge_day_is_a_working_day():
    # 2026: Monday 31/8 off before Quốc khánh, made up on Saturday 22/8
    assert VN.is_working_day(date(2026, 8, 22))
    assert not VN.is_working_day(date(2026, 8, 31))


def test_a_deadline_skips_tet():
    # the Friday before Tết 2026 (13/2): the next working day is Monday 23/2
    assert VN.add(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert VN.count(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert VN.add(date(2026, 2, 13), 0) == date(2026, 2, 13)


def test_add_and_count_agree_over_a_year():
    start = date(2025, 1, 1)
    for n in (1, 5, 30, 60, 90, 250):
        assert VN.count(start, VN.add(start, n)) == n


def test_overrides_announced_later_win_and_are_named_in_the_version():
    cal = WorkingDayCalendar.of("VN", overrides_version="membership-2026.1",
                                days_off=[date(2026, 12, 3)], working_days=[date(2026, 12, 5)])
    assert not cal.is_working_day(date(2026, 12, 3))
    assert cal.is_working_day(date(2026, 12, 5))
    assert cal.version.startswith("holidays-") and cal.version.endswith("+membership-2026.1")
    with pytest.raises(ValueError):
        cal.add(date(2026, 1, 1), -1)
