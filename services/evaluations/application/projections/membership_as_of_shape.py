"""The shape of membership_as_of's statements (written out per dialect in
adapters/read_model_sql/membership_as_of_*.py) and the fold of one member's roll over time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kit.projections.intervals import (
    Interval,
    Successors,
    coalesce,
    follow,
    set_step,
    steps_to_intervals,
)

ENDED = ""  # a temporary stay's end, where None means "no change"
CONTINUES = "+"  # an extension: the stay goes on past the end it had planned that day


@dataclass(frozen=True)
class MembershipAsOfSql:
    """The statements of the view, once per SQL dialect (adapters/read_model_sql/
    membership_as_of_*.py). `{keys}`: a placeholder per id, filled in at run time."""

    ddl: str
    placeholder: str
    insert_org_fact: str  # (organisation_id, seq, on_date, kind, parent_id, into_id)
    org_facts: str  # () -> organisation_id, seq, on_date, kind, parent_id, into_id
    forget_paths: str  # ()
    insert_path: str  # (organisation_id, n, valid_from, valid_to, path)
    save_organisation: str  # (organisation_id, name, type): insert, or update name and type
    rename_organisation: str  # (name, organisation_id)
    insert_member_fact: str  # (member_id, seq, part, on_date, organisation_id, status, exempt,
    #                           temporary_organisation_id)
    member_facts_of: str  # {keys} -> the columns insert_member_fact writes
    placed_in: str  # {keys} -> member_id: whose facts name an organisation among keys
    forget_rolls: str  # {keys}
    insert_roll: str  # (member_id, n, valid_from, valid_to, organisation_id, status, exempt,
    #                    temporary_organisation_id)
    member: str  # (member_id) -> full_name, admissions
    save_member: str  # (member_id, full_name, admissions): insert, or update both
    insert_discipline: str  # (subject_id, seq, subject_kind, decided_on, form, misconduct)
    # -- the questions (application/membership_roll.py); named parameters, dates ISO --
    organisations: str  # () -> organisation_id, name, type
    organisation: str  # :org -> organisation_id, name, type
    paths_on: str  # :scope ('%/<id>/%'), :day -> organisation_id, path
    paths_between: str  # :scope, :a, :b -> organisation_id, valid_from, valid_to, path
    latest_path: str  # :org -> path (the last one recorded)
    # :scope, :day -> member_id, organisation_id, status, exempt, temporary_organisation_id,
    # full_name, admissions, home_path, stay_path: on the rolls that day of a branch within the
    # scope, or staying temporarily in one (a path outside the scope, or none, is NULL-safe)
    rolls_on: str
    disciplines_of: str  # :subject, :a, :b -> decided_on, form, misconduct, in [a, b]
    disciplines_between: str  # :kind, :a, :b -> subject_id, decided_on, form, misconduct
    # :scope, :a, :b -> subject_id: members disciplined in [a, b] while on the rolls of a
    # branch within the scope (on the decision's date)
    members_disciplined_within: str


def roll_intervals(facts: Iterable[tuple], merges: Successors) -> list[Interval]:
    """(valid_from, valid_to, (branch, status, exempt, temporarily_in)) of one member, from
    facts (seq, part, on_date, organisation_id, status, exempt, temporary), each branch
    followed to its survivor from the day of its merge."""
    steps: list[tuple[str, tuple]] = []
    org = status = temporary = stay = None
    exempt = 0
    for _, _, on, f_org, f_status, f_exempt, f_temp in sorted(
            facts, key=lambda f: (f[2], f[0], f[1])):
        org, status = f_org or org, f_status or status
        exempt = exempt if f_exempt is None else f_exempt
        if f_temp == CONTINUES:  # the planned end of that day (an earlier fact) is undone
            temporary = temporary or stay
        elif f_temp is not None:
            temporary = f_temp or None
            stay = temporary or stay
        if org is not None and status is not None:
            set_step(steps, on, (org, status, exempt, temporary))
    out: list[Interval] = []
    for start, end, (raw, st, ex, temp) in coalesce(steps_to_intervals(steps)):
        for s, e, branch in follow(raw, start, end, merges):
            if temp is None:
                out.append((s, e, (branch, st, ex, None)))
            else:
                out += [(s2, e2, (branch, st, ex, t)) for s2, e2, t in follow(temp, s, e, merges)]
    return coalesce(out)
