"""What a discipline was for, and the forms of discipline of a party organisation."""

from __future__ import annotations

import enum


class MisconductCategory(enum.StrEnum):
    """The kind of violation a discipline punishes (nội dung vi phạm) [mem: after QĐ 69-QĐ/TW
    (2022) and QĐ 296-QĐ/TW (2025), simplified; configurable, not law]. A corruption
    discipline (kỷ luật về tham nhũng, tiêu cực) disqualifies the superior collective in the
    year-end evaluation."""

    POLITICAL = "political"  # chính trị tư tưởng
    ORGANISATION_PRINCIPLES = "organisation_principles"  # nguyên tắc tổ chức, sinh hoạt đảng
    CORRUPTION = "corruption"  # tham nhũng, lãng phí, tiêu cực
    ETHICS_LIFESTYLE = "ethics_lifestyle"  # đạo đức, lối sống
    DUTIES = "duties"  # thực hiện chức trách, nhiệm vụ được giao
    LAW = "law"  # vi phạm pháp luật khác
    OTHER = "other"


class OrganisationDisciplineForm(enum.StrEnum):
    """Kỷ luật tổ chức đảng (Điều lệ Điều 35): the forms a party organisation may be given."""

    REPRIMAND = "reprimand"  # khiển trách
    WARNING = "warning"  # cảnh cáo
    DISSOLUTION = "dissolution"  # giải tán
