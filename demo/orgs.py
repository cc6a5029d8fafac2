"""The demo's organisation tree, and its reorganisation on 1 July 2025."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from services.membership import api as c

from . import yenmo as y
from .plan import (
    BRANCH_MERGE,
    CREATE_ORG,
    DISSOLVE,
    DISSOLVE_DISTRICT,
    MERGE,
    MOVE,
    RENAME,
    Org,
    Plan,
)


@dataclass
class Province:
    root: Org
    district: Org
    communes: dict[str, Org]  # by place ("xã Yên Thành"), pre-2025 communes
    branches: list[Org] = field(default_factory=list)
    school: Org | None = None  # the provincial political school (temporary transfers to study)
    office: dict[str, Org] = field(default_factory=dict)  # each commune's office branch
    police_units: list[Org] = field(default_factory=list)  # the district police's branches
    new_place: dict[str, str] = field(default_factory=dict)  # old commune → its 2025 commune
    # (branch id, applicant id, applied, considered, decided or None): the branch's admission
    # votes the meetings seed holds (applicants.py)
    admissions: list[tuple[str, str, date, date, date | None]] = field(default_factory=list)

    def branches_of(self, place: str) -> list[Org]:
        return [b for b in self.branches if b.place == place]


def _pick(items: tuple, scale: float, floor: int = 1) -> tuple:
    return items[:max(floor, round(len(items) * scale))]


def _between(plan: Plan, start: date, end: date) -> date:
    return start + timedelta(days=plan.rng.randrange(max(1, (end - start).days)))


def _create(plan: Plan, name: str, type_: str, parent: Org | None, on: date, **kw) -> Org:
    org_id = plan.add_creating(
        on, CREATE_ORG, c.CreateOrganisation(name, type_, parent.id if parent else None, on),
        "organisation")
    org = Org(org_id, name, type_, parent, on, **kw)
    if parent is not None:
        parent.children.append(org)
    return org


def plan_organisations(plan: Plan, scale: float, root_id: str | None = None) -> Province:
    """`root_id`: the province's root organisation, when it exists already (a distributed
    province creates its own when it starts): the demo is planned under it."""
    if root_id is None:
        root = _create(plan, *y.PROVINCE[:1], "provincial_committee", None, y.PROVINCE[1])
    else:
        plan.skip()
        root = Org(root_id, y.PROVINCE[0], "provincial_committee", None, y.PROVINCE[1])
    district = _create(plan, y.DISTRICT[0], "district_committee", root, y.DISTRICT[1])
    province = Province(root, district, {})
    kind, name, established, size = y.PROVINCIAL_SCHOOL
    province.school = _create(plan, name, "grassroots_branch", root, established, kind=kind,
                              size=size)
    province.branches.append(province.school)

    for commune in y.COMMUNES:
        committee = _create(plan, y.committee_name(commune.place), "commune_committee", district,
                            commune.established, place=commune.place)
        province.communes[commune.place] = committee
        for kind, pattern, established, size in _pick(y.COMMUNE_INSTITUTIONS, scale):
            on = max(established, commune.established) + timedelta(days=plan.rng.randrange(90))
            name = pattern.format(place=commune.place, name=y.short_name(commune.place))
            branch = _create(plan, name, "sub_branch", committee, on, kind=kind,
                             place=commune.place, size=size)
            province.branches.append(branch)
            if kind == "commune_office":
                province.office[commune.place] = branch
        for name in _pick(commune.villages, scale):
            if commune.established.year < 1960:
                on = _between(plan, max(date(1948, 1, 1), commune.established), date(1962, 12, 31))
            else:
                on = commune.established + timedelta(days=plan.rng.randrange(400))
            province.branches.append(_create(plan, name, "sub_branch", committee, on,
                                             kind="village", place=commune.place,
                                             size=(12, 43)))

    for kind, name, established, size, units in y.DISTRICT_COMMITTEES:
        committee = _create(plan, name, "grassroots_committee", district, established)
        for unit in _pick(units, scale):
            on = established + timedelta(days=plan.rng.randrange(3650))
            branch = _create(plan, unit, "sub_branch", committee, on, kind=kind, size=size)
            province.branches.append(branch)
            if kind == "police":
                province.police_units.append(branch)
    for fate, agencies in (("ends", y.DISTRICT_AGENCIES_ENDING),
                           ("stays", y.DISTRICT_BRANCHES_MOVING)):
        for kind, name, established, size in _pick(agencies, scale):
            province.branches.append(_create(plan, name, "grassroots_branch", district,
                                             established, kind=kind, fate=fate, size=size))
    _plan_village_merges(plan, province)
    _mark_2025_merges(province)
    return province


def _by_name(province: Province, place: str, name: str) -> Org | None:
    return next((b for b in province.branches_of(place) if b.name == name), None)


def _merge(plan: Plan, org: Org, into: Org, on: date, priority: int) -> None:
    plan.add(on, priority, c.MergeOrganisation(org.id, into.id, on))
    org.merged_into, org.merged_on = into, on


def _rename(plan: Plan, org: Org, name: str, on: date) -> None:
    if name != org.name:
        plan.add(on, RENAME, c.RenameOrganisation(org.id, name, on))
        org.name = name


def _plan_village_merges(plan: Plan, province: Province) -> None:
    on = y.VILLAGE_MERGES_ON
    for place, absorbed, survivor, new_name in y.VILLAGE_MERGES:
        gone, kept = _by_name(province, place, absorbed), _by_name(province, place, survivor)
        if gone is None or kept is None:
            continue  # a small-scale demo does not have both villages
        _merge(plan, gone, kept, on, BRANCH_MERGE)
        _rename(plan, kept, new_name, on)


def _mark_2025_merges(province: Province) -> None:
    """Record who merges into whom, so member plans know where everyone is on each date."""
    on = y.REORGANISED_ON
    for survivor, absorbed, new_place in y.MERGES_2025:
        province.new_place[survivor] = new_place
        for place in absorbed:
            province.new_place[place] = new_place
            province.communes[place].merged_into = province.communes[survivor]
            province.communes[place].merged_on = on
            for kind in ("commune_office", "police", "military"):
                gone = _institution(province, place, kind)
                kept = _institution(province, survivor, kind)
                if gone is not None and kept is not None:
                    gone.merged_into, gone.merged_on = kept, on


def _institution(province: Province, place: str, kind: str) -> Org | None:
    return next((b for b in province.branches_of(place) if b.kind == kind), None)


def plan_reorganisation(plan: Plan, province: Province) -> None:
    """1/7/2025: communes merge and report to the province, the district ends (QĐ 294).

    Members of the district's own agencies were moved by their member plans (STAFF_MOVE) before
    this runs; here the organisations change.
    """
    on = y.REORGANISED_ON
    for survivor, absorbed, new_place in y.MERGES_2025:
        kept = province.communes[survivor]
        for place in absorbed:
            _merge(plan, province.communes[place], kept, on, MERGE)
            for kind in ("commune_office", "police", "military"):
                gone = _institution(province, place, kind)
                if gone is not None and gone.merged_into is not None:
                    _merge(plan, gone, gone.merged_into, on, BRANCH_MERGE)
        _rename(plan, kept, y.committee_name(new_place), on)
        for kind, word in (("commune_office", "Cơ quan"), ("police", "Công an"),
                           ("military", "Quân sự")):
            branch = _institution(province, survivor, kind)
            if branch is not None:
                _rename(plan, branch, f"Chi bộ {word} {new_place}", on)
        plan.add(on, MOVE, c.MoveOrganisation(kept.id, province.root.id, on))
        kept.parent = province.root
    for org in list(province.district.children):
        if org.type == "commune_committee":
            continue
        if org.fate == "ends":
            plan.add(on, DISSOLVE, c.DissolveOrganisation(
                org.id, on, "Kết thúc hoạt động cấp huyện (QĐ 294-QĐ/TW); đảng viên chuyển "
                            "sinh hoạt về đảng bộ xã"), barrier=True)
        else:
            plan.add(on, MOVE, c.MoveOrganisation(org.id, province.root.id, on))
            org.parent = province.root
    plan.add(on, DISSOLVE_DISTRICT, c.DissolveOrganisation(
        province.district.id, on, "Kết thúc hoạt động của Đảng bộ huyện Yên Mô từ 01/7/2025"),
        barrier=True)
