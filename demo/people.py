"""People of the demo province: Vietnamese names, birth dates, citizen IDs and member-file fields.

Frequencies are rough: Nguyễn, Trần, Phạm and Lê lead everywhere, Đinh and Bùi are common in
Ninh Bình, and women born before the 1970s nearly all carry the middle name Thị.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from services.membership.api import ProfileInput, add_months, add_years

FAMILY_NAMES = (
    ("Nguyễn", 30), ("Trần", 9), ("Phạm", 9), ("Lê", 7), ("Đinh", 6), ("Vũ", 5), ("Bùi", 5),
    ("Hoàng", 3), ("Đỗ", 4), ("Ngô", 2), ("Đặng", 2), ("Mai", 2), ("Trịnh", 2), ("Tạ", 1),
    ("Dương", 1), ("Lưu", 1), ("Phan", 1), ("Hà", 1), ("Tống", 1), ("Lã", 1), ("Đoàn", 1),
    ("Cao", 1), ("Quách", 1),
)
MIDDLE_MALE_OLD = (("Văn", 60), ("Đức", 8), ("Ngọc", 6), ("Xuân", 6), ("Hữu", 6), ("Đình", 6),
                   ("Quang", 4), ("Công", 4), ("Minh", 3), ("Thanh", 3), ("Kim", 1))
MIDDLE_MALE_NEW = (("Văn", 25), ("Đức", 10), ("Minh", 12), ("Quang", 8), ("Hoàng", 6),
                   ("Tuấn", 5), ("Ngọc", 5), ("Thành", 5), ("Hữu", 4), ("Trung", 4), ("Việt", 4),
                   ("Xuân", 3), ("Anh", 3), ("Huy", 3), ("Gia", 2))
MIDDLE_FEMALE_OLD = (("Thị", 90), ("Thu", 3), ("Ngọc", 2), ("Kim", 2), ("Minh", 1), ("Hồng", 2))
MIDDLE_FEMALE_NEW = (("Thị", 45), ("Thu", 8), ("Ngọc", 7), ("Thanh", 6), ("Phương", 6),
                     ("Minh", 5), ("Hồng", 5), ("Kim", 4), ("Bảo", 3), ("Khánh", 3), ("Hải", 3),
                     ("Diệu", 2), ("Mai", 3))
GIVEN_MALE_OLD = ("Hùng Dũng Thắng Lợi Chiến Bình Thịnh Vượng Hải Sơn Tuấn Cường Toàn Khải Nghĩa "
                  "Tâm Thành Phúc Lộc Thọ Quý Hòa Kiên Hiển Đạt Hưng Thanh Tiến Quyết Trọng Đông "
                  "Chính Tuyên Khang Hạnh Luận Mạnh Nhuận Thuần Tường Viên Hiệp Cảnh Đoàn").split()
GIVEN_MALE_NEW = ("Anh Nam Long Quân Huy Hiếu Đức Trung Tùng Khánh Phong Hoàng Dương Thái Vinh "
                  "Hưng Kiên Lâm Sơn Tuấn Thành Đạt Hải Tú Mạnh Hiệp Công Phúc Tiến Toàn Việt "
                  "Thắng Duy Cường Lực Nghĩa Quang Thịnh Linh Bảo").split()
GIVEN_FEMALE_OLD = ("Lan Hoa Mai Hương Nhàn Tươi Mến Xuân Tâm Hằng Thủy Nga Hạnh Dung Loan Liên "
                    "Hiền Ngần Thơm Huệ Nguyệt Thoa Vân Yến Phượng Oanh Sen Cúc Đào Bích Tuyết "
                    "Nhung Lý Thắm Gấm Hồng").split()
GIVEN_FEMALE_NEW = ("Trang Linh Huyền Thảo Ngọc Anh Hằng Hương Giang Hà Phương Thúy Nhung Yến "
                    "Quỳnh Hạnh Vân Loan Thu Hiền Mai Lan Thanh Nga Chi Diệp Duyên Nhàn Ánh Hoa "
                    "Tuyết Dung Thơ Nhi Vy").split()

NINH_BINH_PLACES = (
    "xã Khánh Nhạc, huyện Yên Khánh", "xã Khánh Hồng, huyện Yên Khánh", "xã Ninh Vân, huyện Hoa Lư",
    "xã Gia Vân, huyện Gia Viễn", "xã Gia Sinh, huyện Gia Viễn", "xã Cúc Phương, huyện Nho Quan",
    "xã Quang Thiện, huyện Kim Sơn", "xã Lai Thành, huyện Kim Sơn", "phường Nam Sơn, thành phố Tam Điệp",
    "phường Tân Thành, thành phố Ninh Bình",
)
OTHER_PROVINCES = ("huyện Nga Sơn, tỉnh Thanh Hóa", "huyện Nghĩa Hưng, tỉnh Nam Định",
                   "huyện Kim Bảng, tỉnh Hà Nam", "huyện Hải Hậu, tỉnh Nam Định")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def weighted(rng: random.Random, pairs) -> str:
    names, weights = zip(*pairs, strict=True)
    return rng.choices(names, weights)[0]


def full_name(rng: random.Random, gender: str, born: int) -> str:
    old = born < 1975
    family = weighted(rng, FAMILY_NAMES)
    if gender == "male":
        middle = weighted(rng, MIDDLE_MALE_OLD if old else MIDDLE_MALE_NEW)
        given = rng.choice(GIVEN_MALE_OLD if old else GIVEN_MALE_NEW)
    else:
        middle = weighted(rng, MIDDLE_FEMALE_OLD if old else MIDDLE_FEMALE_NEW)
        given = rng.choice(GIVEN_FEMALE_OLD if old else GIVEN_FEMALE_NEW)
    if middle == given:
        middle = "Văn" if gender == "male" else "Thị"
    if not old and rng.random() < 0.08:  # a few younger people carry two middle names
        extra = weighted(rng, MIDDLE_MALE_NEW if gender == "male" else MIDDLE_FEMALE_NEW)
        if extra not in (middle, given):
            middle = f"{middle} {extra}"
    return _nfc(f"{family} {middle} {given}")


def birth_date(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


class CitizenIds:
    """Unique 12-digit căn cước numbers: Ninh Bình (037), century and gender, birth year, serial."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self, born: date, gender: str) -> str:
        digit = (0 if born.year < 2000 else 2) + (1 if gender == "female" else 0)
        while True:
            cid = f"037{digit}{born.year % 100:02d}{self.rng.randrange(1_000_000):06d}"
            if cid not in self.used:
                self.used.add(cid)
                return cid


@dataclass(frozen=True)
class Work:
    """What a branch's members do: occupation, qualification, and where they stand on theory."""

    occupation: str
    qualifications: tuple[str, ...]
    theory: tuple[tuple[str, int], ...]
    female_share: float


NO_THEORY = (("none", 70), ("elementary", 28), ("intermediate", 2))
CADRE_THEORY = (("elementary", 20), ("intermediate", 60), ("advanced", 12), ("bachelor", 3),
                ("none", 5))
WORK = {
    "village": Work("Nông dân", ("",), NO_THEORY, 0.32),
    "commune_office": Work("Công chức", ("Cử nhân Luật", "Cử nhân Hành chính", "Cử nhân Kinh tế",
                                         "Kỹ sư Nông nghiệp", "Cử nhân Kế toán", "Trung cấp Địa chính"),
                           CADRE_THEORY, 0.35),
    "school": Work("Giáo viên", ("Cử nhân Sư phạm Toán", "Cử nhân Sư phạm Ngữ văn",
                                 "Cử nhân Sư phạm Tiểu học", "Cao đẳng Sư phạm Mầm non",
                                 "Cử nhân Sư phạm Tiếng Anh", "Cử nhân Sư phạm Vật lý"),
                   (("none", 45), ("elementary", 45), ("intermediate", 10)), 0.72),
    "clinic": Work("Viên chức y tế", ("Bác sĩ đa khoa", "Y sĩ đa khoa", "Cử nhân Điều dưỡng",
                                      "Dược sĩ trung học", "Nữ hộ sinh trung học"),
                   (("none", 45), ("elementary", 40), ("intermediate", 15)), 0.62),
    "police": Work("Công an", ("Cử nhân An ninh nhân dân", "Cử nhân Cảnh sát nhân dân",
                               "Trung cấp Cảnh sát"),
                   (("none", 15), ("elementary", 45), ("intermediate", 40)), 0.1),
    "military": Work("Quân nhân", ("Trung cấp Quân sự cơ sở", "Cử nhân Chỉ huy tham mưu"),
                     (("elementary", 50), ("intermediate", 45), ("none", 5)), 0.05),
    "agency": Work("Công chức", ("Cử nhân Luật", "Cử nhân Kinh tế", "Thạc sĩ Quản lý kinh tế",
                                 "Cử nhân Tài chính - Ngân hàng", "Kỹ sư Xây dựng",
                                 "Cử nhân Công nghệ thông tin"), CADRE_THEORY, 0.42),
    "company": Work("Công nhân", ("", "Trung cấp Cơ khí", "Kỹ sư Thủy lợi", "Cử nhân Kế toán"),
                    (("none", 75), ("elementary", 22), ("intermediate", 3)), 0.45),
    "hospital": Work("Viên chức y tế", ("Bác sĩ đa khoa", "Bác sĩ chuyên khoa I Nội",
                                        "Cử nhân Điều dưỡng", "Dược sĩ đại học",
                                        "Kỹ thuật viên xét nghiệm"),
                     (("none", 40), ("elementary", 40), ("intermediate", 20)), 0.6),
    "teachers": Work("Giảng viên", ("Thạc sĩ Triết học", "Cử nhân Chính trị học"),
                     (("advanced", 60), ("bachelor", 30), ("intermediate", 10)), 0.5),
}
VILLAGE_JOBS = (("Nông dân", 55), ("Công nhân", 13), ("Kinh doanh", 10), ("Lao động tự do", 7),
                ("Thợ xây", 4), ("Giáo viên", 3), ("Nhân viên y tế thôn", 2),
                ("Trưởng thôn", 3), ("Cán bộ Hội Cựu chiến binh", 3))
RETIRED_JOBS = (("Nông dân", 45), ("Cán bộ hưu trí", 30), ("Cựu chiến binh", 20),
                ("Giáo viên nghỉ hưu", 5))


def education(rng: random.Random, born: int, professional: bool) -> str:
    if professional or born >= 1980:
        return "upper_secondary" if professional or rng.random() < 0.93 else "lower_secondary"
    if born >= 1955:
        return rng.choices(["upper_secondary", "lower_secondary"], [60, 40])[0]
    return rng.choices(["upper_secondary", "lower_secondary", "primary"], [25, 60, 15])[0]


def hometown(rng: random.Random, commune: str) -> str:
    """Most members were born in the commune they live in; "" for people from outside Yên Mô."""
    roll = rng.random() if commune else 0.9
    if roll < 0.86:
        return _nfc(f"{commune}, huyện Yên Mô, tỉnh Ninh Bình")
    if roll < 0.97:
        return _nfc(f"{rng.choice(NINH_BINH_PLACES)}, tỉnh Ninh Bình")
    return _nfc(rng.choice(OTHER_PROVINCES))


def ethnicity(rng: random.Random) -> str:
    return rng.choices(["Kinh", "Mường", "Tày"], [985, 13, 2])[0]


def profile(rng: random.Random, ids: CitizenIds, *, born: date, gender: str, kind: str,
            home_commune: str, occupation: str | None = None) -> ProfileInput:
    """A member file as of when it is first entered."""
    work = WORK[kind]
    professional = kind not in ("village", "company")
    job = occupation or work.occupation
    if kind == "village" and occupation is None:
        job = weighted(rng, VILLAGE_JOBS)
    theory = weighted(rng, work.theory)
    if born.year >= 1998 and theory in ("advanced", "bachelor"):
        theory = "intermediate"
    return ProfileInput(
        full_name=full_name(rng, gender, born.year),
        date_of_birth=born,
        gender=gender,
        ethnicity=ethnicity(rng),
        hometown=hometown(rng, home_commune),
        citizen_id=ids.new(born, gender),
        education=education(rng, born.year, professional),
        political_theory=theory,
        occupation=_nfc(job),
        qualification=_nfc(rng.choice(work.qualifications)) if professional else "",
    )


def retirement_date(born: date, gender: str) -> date:
    """Men at 60, women at 55; from 2021 the age rises 3 (men) or 4 (women) months a year."""
    base = 60 if gender == "male" else 55
    day = add_years(born, base)
    if day.year >= 2021:
        step, cap = (3, 24) if gender == "male" else (4, 60)
        extra = min(cap, step * (day.year - 2020))
        day = add_months(day, extra)
    return day
