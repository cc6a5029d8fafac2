"""The organisation tree's rules as data: which type may sit under which, when a type may be set
up, and the formation thresholds (Điều lệ Điều 21). rules.py versions them in the rule book.

Placements and periods marked [mem] in DOMAIN.md are kept configurable here, not stated as law.
"""

from __future__ import annotations

from datetime import date

from .values import OrganisationType as T

_PROVINCE_LINE = (T.PROVINCIAL_AGENCIES_COMMITTEE, T.PROVINCIAL_GOVERNMENT_COMMITTEE)
_FORCES = (T.POLICE_COMMITTEE, T.MILITARY_COMMITTEE)
_GRASSROOTS_FORCES = (T.POLICE_GRASSROOTS_COMMITTEE, T.MILITARY_GRASSROOTS_COMMITTEE)


def _parents(pairs: dict[T, tuple[T, ...]]) -> dict[str, tuple[str, ...]]:
    return {child.value: tuple(p.value for p in parents) for child, parents in pairs.items()}


# before 1/7/2025: provinces, districts (huyện ủy), đảng bộ khối, communes as TCCSĐ
PARENTS_BEFORE_2025 = _parents({
    T.PROVINCIAL_COMMITTEE: (),
    T.DISTRICT_COMMITTEE: (T.PROVINCIAL_COMMITTEE,),
    T.BLOC_COMMITTEE: (T.PROVINCIAL_COMMITTEE, T.DISTRICT_COMMITTEE),
    T.COMMUNE_COMMITTEE: (T.PROVINCIAL_COMMITTEE, T.DISTRICT_COMMITTEE),
    **{t: (T.PROVINCIAL_COMMITTEE,) for t in (*_PROVINCE_LINE, *_FORCES)},
    T.GRASSROOTS_COMMITTEE: (T.PROVINCIAL_COMMITTEE, T.DISTRICT_COMMITTEE, T.COMMUNE_COMMITTEE,
                             T.BLOC_COMMITTEE, *_PROVINCE_LINE),
    T.POLICE_GRASSROOTS_COMMITTEE: (T.POLICE_COMMITTEE, T.DISTRICT_COMMITTEE),
    T.MILITARY_GRASSROOTS_COMMITTEE: (T.MILITARY_COMMITTEE, T.DISTRICT_COMMITTEE),
    T.GRASSROOTS_BRANCH: (T.PROVINCIAL_COMMITTEE, T.DISTRICT_COMMITTEE, T.COMMUNE_COMMITTEE,
                          T.BLOC_COMMITTEE, *_PROVINCE_LINE, *_FORCES),
    T.SUB_COMMITTEE: (T.GRASSROOTS_COMMITTEE, T.COMMUNE_COMMITTEE, *_GRASSROOTS_FORCES),
    T.SUB_BRANCH: (T.GRASSROOTS_COMMITTEE, T.COMMUNE_COMMITTEE, T.SUB_COMMITTEE,
                   *_GRASSROOTS_FORCES),
    T.PARTY_CELL: (T.GRASSROOTS_BRANCH, T.SUB_BRANCH),
})

# from 1/7/2025 (QĐ 294): no district level, no đảng bộ khối; the two provincial line
# committees, police and military directly under the tỉnh ủy [S4; final shape mem]
PARENTS_FROM_2025 = {
    child: tuple(p for p in parents
                 if p not in (T.DISTRICT_COMMITTEE.value, T.BLOC_COMMITTEE.value))
    for child, parents in PARENTS_BEFORE_2025.items() if child != T.BLOC_COMMITTEE.value
}
PARENTS_FROM_2025[T.POLICE_GRASSROOTS_COMMITTEE.value] = (T.POLICE_COMMITTEE.value,)
PARENTS_FROM_2025[T.MILITARY_GRASSROOTS_COMMITTEE.value] = (T.MILITARY_COMMITTEE.value,)

# (first day, day it ended) a type may be established in; None: open [mem]
TYPE_PERIODS = {
    T.BLOC_COMMITTEE.value: (None, date(2025, 7, 1)),  # đảng ủy khối: ended with QĐ 294
    # set up under the 12/2024 plan (NQ 18 follow-up) from early 2025 [mem]
    T.PROVINCIAL_AGENCIES_COMMITTEE.value: (date(2025, 1, 1), None),
    T.PROVINCIAL_GOVERNMENT_COMMITTEE.value: (date(2025, 1, 1), None),
}

STRUCTURE_BEFORE_2025 = {
    "organisation.allowed_parents": PARENTS_BEFORE_2025,
    "organisation.type_periods": TYPE_PERIODS,
    # Điều lệ Điều 21 [S5]: a TCCSĐ and a chi bộ trực thuộc need ≥ 3 official members; under
    # 30 members a chi bộ cơ sở, from 30 a đảng bộ cơ sở
    "organisation.min_official_members": 3,
    "organisation.committee_min_members": 30,
    # which types are TCCSĐ of each kind: before 2025 the commune's đảng bộ was one
    "organisation.grassroots_committee_types": (
        T.GRASSROOTS_COMMITTEE.value, T.COMMUNE_COMMITTEE.value,
        T.POLICE_GRASSROOTS_COMMITTEE.value, T.MILITARY_GRASSROOTS_COMMITTEE.value),
    "organisation.grassroots_branch_types": (T.GRASSROOTS_BRANCH.value,),
    "organisation.sub_branch_types": (T.SUB_BRANCH.value,),
}

# from 1/7/2025 the commune's đảng bộ is the cấp trên cơ sở (pilot, QĐ 294) [S1]
STRUCTURE_FROM_2025 = {
    **STRUCTURE_BEFORE_2025,
    "organisation.allowed_parents": PARENTS_FROM_2025,
    "organisation.grassroots_committee_types": (
        T.GRASSROOTS_COMMITTEE.value, T.POLICE_GRASSROOTS_COMMITTEE.value,
        T.MILITARY_GRASSROOTS_COMMITTEE.value),
}
