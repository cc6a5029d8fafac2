"""Resolution types (loại nghị quyết): which majority a resolution needs is rule-book data
(`resolution.qualified_types`); the type only names what the resolution decides."""

from __future__ import annotations

import enum


class ResolutionType(enum.StrEnum):
    ORDINARY = "ordinary"  # nghị quyết thông thường: more than half of the members counted
    ADMISSION = "admission"  # đề nghị kết nạp đảng viên: links to the applicant
    OFFICIAL_RECOGNITION = "official_recognition"  # đề nghị công nhận đảng viên chính thức
    PERSONNEL = "personnel"  # nhân sự (giới thiệu, bầu, đề nghị cán bộ)


# a resolution of these types decides about one member, named in the resolution
NEEDS_SUBJECT = frozenset({ResolutionType.ADMISSION, ResolutionType.OFFICIAL_RECOGNITION})
