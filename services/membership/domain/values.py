"""Value types of the membership domain."""

from __future__ import annotations

import enum
from datetime import date

from kit.ids import parse_id  # noqa: F401  (re-exported: the one reading of an id)


class OrganisationType(enum.StrEnum):
    PROVINCIAL_COMMITTEE = "provincial_committee"  # Đảng bộ tỉnh / thành phố
    DISTRICT_COMMITTEE = "district_committee"  # Đảng bộ huyện (abolished 1/7/2025; kept for history)
    COMMUNE_COMMITTEE = "commune_committee"  # Đảng bộ xã / phường / đặc khu
    GRASSROOTS_COMMITTEE = "grassroots_committee"  # Đảng bộ cơ sở
    SUB_COMMITTEE = "sub_committee"  # Đảng bộ bộ phận
    GRASSROOTS_BRANCH = "grassroots_branch"  # Chi bộ cơ sở
    SUB_BRANCH = "sub_branch"  # Chi bộ trực thuộc đảng ủy cơ sở
    PARTY_CELL = "party_cell"  # Tổ đảng
    # the 2025 structure (its placements: organisation.allowed_parents in rules.py)
    PROVINCIAL_AGENCIES_COMMITTEE = "provincial_agencies_committee"  # Đảng bộ các cơ quan Đảng tỉnh
    PROVINCIAL_GOVERNMENT_COMMITTEE = "provincial_government_committee"  # Đảng bộ UBND tỉnh
    POLICE_COMMITTEE = "police_committee"  # Đảng bộ Công an tỉnh
    MILITARY_COMMITTEE = "military_committee"  # Đảng bộ Quân sự tỉnh
    POLICE_GRASSROOTS_COMMITTEE = "police_grassroots_committee"  # Đảng bộ cơ sở trong Công an
    MILITARY_GRASSROOTS_COMMITTEE = "military_grassroots_committee"  # Đảng bộ cơ sở Quân sự
    BLOC_COMMITTEE = "bloc_committee"  # Đảng bộ Khối (QĐ 293/2010; ended 2025, history only)

    @property
    def is_branch(self) -> bool:
        """Members are kept on the rolls of a chi bộ."""
        return self in (OrganisationType.GRASSROOTS_BRANCH, OrganisationType.SUB_BRANCH)


class MemberStatus(enum.StrEnum):
    APPLICANT = "applicant"  # đã có hồ sơ đề nghị kết nạp
    PROBATIONARY = "probationary"  # đảng viên dự bị
    OFFICIAL = "official"  # đảng viên chính thức
    REMOVED_FROM_PROBATION = "removed_from_probation"  # xóa tên khỏi danh sách dự bị
    REMOVED_FROM_ROLLS = "removed_from_rolls"  # xóa tên
    EXPELLED = "expelled"  # khai trừ
    DECEASED = "deceased"  # từ trần
    TRANSFERRED_OUT = "transferred_out"  # chuyển sinh hoạt ra ngoài đảng bộ tỉnh


class Gender(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"


class GeneralEducation(enum.StrEnum):
    """Giáo dục phổ thông."""

    PRIMARY = "primary"  # tiểu học
    LOWER_SECONDARY = "lower_secondary"  # THCS
    UPPER_SECONDARY = "upper_secondary"  # THPT


class PoliticalTheory(enum.StrEnum):
    """Lý luận chính trị."""

    NONE = "none"
    ELEMENTARY = "elementary"  # sơ cấp
    INTERMEDIATE = "intermediate"  # trung cấp
    ADVANCED = "advanced"  # cao cấp
    BACHELOR = "bachelor"  # cử nhân


class SponsorKind(enum.StrEnum):
    MEMBER = "member"  # đảng viên chính thức
    YOUTH_UNION = "youth_union"  # BCH Đoàn cơ sở
    TRADE_UNION = "trade_union"  # BCH công đoàn cơ sở


class RemovalGround(enum.StrEnum):
    """Grounds for xóa tên (QĐ 24 §8.1)."""

    ABSENT_OR_UNPAID_THREE_MONTHS = "absent_or_unpaid_three_months"
    CARD_SURRENDERED = "card_surrendered"
    NO_PROGRESS_AFTER_EDUCATION = "no_progress_after_education"
    STANDARDS_BREACHED_TWO_YEARS = "standards_breached_two_years"
    POLITICAL_STANDARD_FAILED = "political_standard_failed"


class DisciplineForm(enum.StrEnum):
    REPRIMAND = "reprimand"  # khiển trách
    WARNING = "warning"  # cảnh cáo
    DISMISSAL = "dismissal"  # cách chức
    EXPULSION = "expulsion"  # khai trừ


class ExemptionGround(enum.StrEnum):
    OLD_AGE = "old_age"  # tuổi cao
    WEAK_HEALTH = "weak_health"  # sức khỏe yếu


class SuspensionGround(enum.StrEnum):
    """Why a member's party activity is suspended (đình chỉ sinh hoạt đảng) [mem]."""

    PROSECUTED = "prosecuted"  # bị khởi tố, truy tố
    DETAINED = "detained"  # bị tạm giam
    UNDER_DISCIPLINARY_REVIEW = "under_disciplinary_review"  # đang xem xét kỷ luật


class TransferPurpose(enum.StrEnum):
    WORK = "work"
    STUDY = "study"


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (the age rule counts in months)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)
