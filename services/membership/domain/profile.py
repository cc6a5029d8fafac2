"""A member's profile as the member file (phiếu đảng viên, mẫu 2-HSĐV) carries it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from kit.errors import InvalidInput
from kit.text import clean_name, clean_text

from .values import Gender, GeneralEducation, PoliticalTheory

# Province codes of the citizen ID (Thông tư 07/2016/TT-BCA, 63 pre-2025 provinces).
CITIZEN_ID_PROVINCES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 "
    "035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 "
    "070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)
# 4th digit: century of birth and gender (even = male, odd = female)
_CENTURY_BY_DIGIT = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 8: 1800, 9: 1800}


def normalise_citizen_id(value: object) -> str:
    """NFC, every space removed (numbers are often written in groups), exactly 12 ASCII digits."""
    cid = "".join(unicodedata.normalize("NFC", str(value)).split())
    if len(cid) != 12 or not (cid.isascii() and cid.isdigit()):
        raise InvalidInput("citizen_id", "must be exactly 12 digits")
    return cid


def validate_citizen_id(value: str, born_on: date, gender: Gender) -> str:
    """A 12-digit căn cước number, consistent with the holder's birth year and gender."""
    cid = normalise_citizen_id(value)
    if cid[:3] not in CITIZEN_ID_PROVINCES:
        raise InvalidInput("citizen_id", f"{cid[:3]} is not a province code")
    digit = int(cid[3])
    if digit not in _CENTURY_BY_DIGIT:
        raise InvalidInput("citizen_id", "the 4th digit is not a century/gender code")
    year = _CENTURY_BY_DIGIT[digit] + int(cid[4:6])
    if year != born_on.year:
        raise InvalidInput("citizen_id", f"encodes birth year {year}, not {born_on.year}")
    if (digit % 2 == 1) != (gender is Gender.FEMALE):
        raise InvalidInput("citizen_id", "encodes a gender that differs from the profile")
    return cid


@dataclass(frozen=True)
class MemberProfile:
    """Identity and background of a member, as on the member file (phiếu đảng viên)."""

    full_name: str
    date_of_birth: date
    gender: Gender
    ethnicity: str  # dân tộc
    hometown: str  # quê quán
    citizen_id: str  # số định danh cá nhân / CCCD
    education: GeneralEducation  # giáo dục phổ thông
    political_theory: PoliticalTheory  # lý luận chính trị
    occupation: str  # nghề nghiệp
    qualification: str = ""  # chuyên môn, nghiệp vụ (e.g. "Cử nhân Luật")

    @classmethod
    def create(
        cls,
        *,
        full_name: str,
        date_of_birth: date,
        gender: str | Gender,
        ethnicity: str,
        hometown: str,
        citizen_id: str,
        education: str | GeneralEducation,
        political_theory: str | PoliticalTheory,
        occupation: str,
        qualification: str = "",
        today: date,
    ) -> MemberProfile:
        """Validate and normalise (NFC) every field; raise InvalidInput naming the first bad one."""
        name = clean_name(full_name, "full_name", max_length=100)
        if not isinstance(date_of_birth, date):
            raise InvalidInput("date_of_birth", "must be a date")
        if date_of_birth > today:
            raise InvalidInput("date_of_birth", "is in the future")
        if date_of_birth.year < 1900:
            raise InvalidInput("date_of_birth", "is before 1900")
        g = parse_enum(Gender, gender, "gender")
        return cls(
            full_name=name,
            date_of_birth=date_of_birth,
            gender=g,
            ethnicity=clean_text(ethnicity, "ethnicity", max_length=50),
            hometown=clean_text(hometown, "hometown", max_length=200),
            citizen_id=validate_citizen_id(citizen_id, date_of_birth, g),
            education=parse_enum(GeneralEducation, education, "education"),
            political_theory=parse_enum(PoliticalTheory, political_theory, "political_theory"),
            occupation=clean_text(occupation, "occupation", max_length=100),
            qualification=clean_text(qualification, "qualification", max_length=100, required=False),
        )

    def with_changes(self, today: date, **changes: object) -> MemberProfile:
        merged = {**self.__dict__, **{k: v for k, v in changes.items() if v is not None}}
        return MemberProfile.create(today=today, **merged)  # type: ignore[arg-type]


def parse_enum(enum_cls, value, field: str):
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(e.value for e in enum_cls)
        raise InvalidInput(field, f"{value!r} is not one of: {allowed}") from None


__all__ = ["MemberProfile", "validate_citizen_id", "parse_enum", "replace"]
