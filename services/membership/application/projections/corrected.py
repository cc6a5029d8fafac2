"""What a MemberFileCorrected changes in the read models that keep the corrected value
(domain/corrections.py): each projection calls the function for its own rows."""

from __future__ import annotations

from typing import Any

from kit.text import fold, vietnamese_name_key

from ...domain import events as e


def member_columns(ev: e.MemberFileCorrected, row: dict[str, Any]) -> dict[str, Any]:
    """The `members` columns the correction changes, given the member's row."""
    match ev.field:
        case "full_name":
            return {"full_name": ev.new_value, "name_key": vietnamese_name_key(ev.new_value),
                    "search_name": fold(ev.new_value)}
        case "date_of_birth" | "citizen_id" | "official_from":
            return {ev.field: ev.new_value}
        case "admitted_on":
            cols = {}
            if row["admitted_on"] == ev.old_value:
                cols["admitted_on"] = ev.new_value
            if row["first_admitted_on"] == ev.old_value:
                cols["first_admitted_on"] = ev.new_value
            return cols
    return {}


def badge_basis(ev: e.MemberFileCorrected, row: dict[str, Any] | None) -> dict[str, Any]:
    """The `badge_basis` columns a corrected admission date changes: the first admission, or
    the end of the gap a re-admission closed."""
    if ev.field != "admitted_on" or row is None:
        return {}
    if row["first_admitted_on"] == ev.old_value:
        return {"first_admitted_on": ev.new_value}
    gaps = row["gaps"].split(",") if row["gaps"] else []
    if gaps and gaps[-1].endswith(f"/{ev.old_value}"):
        gaps[-1] = f"{gaps[-1].split('/')[0]}/{ev.new_value}"
        return {"gaps": ",".join(gaps)}
    return {}
