"""Transfers between provinces reconciled: each province's side of every transfer (its
`transfersBetweenProvinces`, ids made local again) matched by transfer id into pairs, each pair
given a status. Pure: the provinces' answers and the day in, pairs and counts out.

The status of a pair:
- MATCHED: both sides closed alike (completed and arrived, or returned and refused);
- IN_TRANSIT: both open and neither past presentBy, or one side's answer still travelling to
  the other (one side closed, the other open, within GRACE_DAYS of the closing; a letter the
  destination has not opened yet, within GRACE_DAYS of its issue);
- OVERDUE: both open, either past presentBy (as that province counts days);
- ORPHANED: one side only though the other province answered for its whole tree (a letter the
  destination never received, a receipt the sender does not know), or the two sides disagree
  (closed differently, or one closed and the other still open past the grace);
- UNKNOWN: one side only and the other province did not answer, is not in this federation, or
  answered for a part of its tree only (its token acts for a lower organisation).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .ids import global_id, split_id

# the link delivers in seconds; three days cover a province down over a weekend
GRACE_DAYS = 3

MATCHED, IN_TRANSIT, OVERDUE, ORPHANED, UNKNOWN = (
    "MATCHED", "IN_TRANSIT", "OVERDUE", "ORPHANED", "UNKNOWN")
STATUSES = (MATCHED, IN_TRANSIT, OVERDUE, ORPHANED, UNKNOWN)
COUNT_FIELDS = {MATCHED: "matched", IN_TRANSIT: "inTransit", OVERDUE: "overdue",
                ORPHANED: "orphaned", UNKNOWN: "unknown"}
OPEN = frozenset({"in_transit", "awaiting"})
AGREE = frozenset({("completed", "arrived"), ("returned", "refused")})


@dataclass(frozen=True)
class ProvinceSide:
    """What one province said: its sides (ids local), and whether it answered for its root."""

    code: str
    transfers: tuple[Mapping[str, Any], ...]
    whole_province: bool


@dataclass
class Pair:
    transfer_id: str
    out: Mapping[str, Any] | None = None  # the sending province's side
    in_: Mapping[str, Any] | None = None  # the receiving province's side
    status: str = UNKNOWN
    problem: str | None = None


def reconcile(answered: Iterable[ProvinceSide], missing: Mapping[str, str],
              federated: Iterable[str], today: date) -> list[Pair]:
    """`missing`: province -> why it did not answer (no token, down, refused…); `federated`:
    every province this federation serves. Pairs oldest letter first."""
    served = set(federated)
    sides = {p.code: p for p in answered}
    pairs: dict[str, Pair] = {}
    for province in sides.values():
        for t in province.transfers:
            pair = pairs.setdefault(t["transferId"], Pair(t["transferId"]))
            if t["direction"] == "out":
                pair.out = t
            else:
                pair.in_ = t
    for pair in pairs.values():
        pair.status, pair.problem = _status(pair, sides, missing, served, today)
    return sorted(pairs.values(), key=lambda p: (_either(p, "issuedOn"),
                                                 _either(p, "fromProvince"), p.transfer_id))


def _either(pair: Pair, key: str) -> Any:
    side = pair.out or pair.in_
    assert side is not None
    return side[key]


def _status(pair: Pair, sides: Mapping[str, ProvinceSide], missing: Mapping[str, str],
            served: set[str], today: date) -> tuple[str, str | None]:
    out, in_ = pair.out, pair.in_
    if out is not None and in_ is not None:
        return _both(out, in_, today)
    side = out or in_
    assert side is not None
    other = side["toProvince"] if out is not None else side["fromProvince"]
    if other not in served:
        return UNKNOWN, f"{other} is not a province of this federation"
    if other in missing:
        return UNKNOWN, f"{other} did not answer: {missing[other]}"
    if not sides[other].whole_province:
        return UNKNOWN, (f"{other} answered for a part of its tree only (the token sent there "
                         "acts for a lower organisation)")
    if out is not None:
        if out["state"] == "in_transit" and today <= out["issuedOn"] + timedelta(GRACE_DAYS):
            return (OVERDUE if out["overdue"] else IN_TRANSIT), None
        return ORPHANED, (f"{other} has no record of this letter (sent {out['issuedOn']}, "
                          f"{out['state']} at {out['fromProvince']})")
    return ORPHANED, (f"{other} has no record of sending this letter ({side['state']} at "
                      f"{side['toProvince']})")


def _both(out: Mapping[str, Any], in_: Mapping[str, Any],
          today: date) -> tuple[str, str | None]:
    sent, received = out["state"], in_["state"]
    if (sent, received) in AGREE:
        return MATCHED, None
    if sent in OPEN and received in OPEN:
        return (OVERDUE if out["overdue"] or in_["overdue"] else IN_TRANSIT), None
    disagree = (f"{out['fromProvince']} records {sent}, {in_['toProvince']} records "
                f"{received}")
    if sent in OPEN or received in OPEN:  # one side's answer may still be on its way
        closed = in_ if sent in OPEN else out
        if today <= closed["closedOn"] + timedelta(GRACE_DAYS):
            return IN_TRANSIT, None
        return ORPHANED, f"{disagree} since {closed['closedOn']}"
    return ORPHANED, disagree


def counts(pairs: Iterable[Pair]) -> dict[str, int]:
    out = dict.fromkeys(COUNT_FIELDS.values(), 0)
    total = 0
    for pair in pairs:
        out[COUNT_FIELDS[pair.status]] += 1
        total += 1
    return {**out, "total": total}


def is_overdue(pair: Pair) -> bool:
    return any(side is not None and side["overdue"] for side in (pair.out, pair.in_))


# -- from the provinces' answers, to the federation's answer -----------------------------------

SIDE_FIELDS = ("transferId direction memberId fromProvince toProvince organisationId "
               "otherOrganisationId letterNumber issuedOn presentBy state closedOn overdue")
IDS = ("transferId", "memberId", "organisationId", "otherOrganisationId")
DATES = ("issuedOn", "presentBy", "closedOn")


def side(answered: Mapping[str, Any]) -> dict[str, Any]:
    """A province's side as it answered through the federation: ids without the answering
    province's prefix (the other organisation is the other province's), dates as dates."""
    out = dict(answered)
    for key in IDS:
        out[key] = split_id(out[key])[1]
    for key in DATES:
        out[key] = date.fromisoformat(out[key]) if out[key] else None
    return out


def answer(pairs: list[Pair], provinces: list[str], order: list[str], open_only: bool,
           overdue_only: bool) -> dict[str, Any]:
    """TransferReconciliation: the pairs the filters keep; the counts over every pair."""
    listed = [p for p in pairs if (not open_only or p.status != MATCHED)
              and (not overdue_only or is_overdue(p))]
    groups: dict[tuple[str, str], list[Pair]] = {}
    for pair in pairs:
        groups.setdefault((_either(pair, "fromProvince"), _either(pair, "toProvince")),
                          []).append(pair)
    rank = {code: i for i, code in enumerate(order)}
    ordered = sorted(groups, key=lambda k: (rank.get(k[0], len(rank)), k[0],
                                             rank.get(k[1], len(rank)), k[1]))
    return {"provincesAnswered": provinces, "transfers": [_pair(p) for p in listed],
            "totals": counts(pairs),
            "byProvincePair": [{"fromProvince": f, "toProvince": t, "counts": counts(groups[f, t])}
                               for f, t in ordered]}


def _pair(pair: Pair) -> dict[str, Any]:
    out, in_ = pair.out, pair.in_
    first = out or in_
    assert first is not None
    sender, receiver = first["fromProvince"], first["toProvince"]
    from_org = out["organisationId"] if out else first["otherOrganisationId"]
    to_org = in_["organisationId"] if in_ else first["otherOrganisationId"]
    return {
        "transferId": global_id(sender, pair.transfer_id),
        "fromProvince": sender, "toProvince": receiver,
        "memberId": global_id(sender, first["memberId"]),
        "fromOrganisationId": global_id(sender, from_org),
        "toOrganisationId": global_id(receiver, to_org),
        "letterNumber": first["letterNumber"], "issuedOn": first["issuedOn"].isoformat(),
        "presentBy": first["presentBy"].isoformat(),
        "sendingState": out["state"] if out else None,
        "sendingClosedOn": _iso(out and out["closedOn"]),
        "receivingState": in_["state"] if in_ else None,
        "receivingClosedOn": _iso(in_ and in_["closedOn"]),
        "overdue": is_overdue(pair), "status": pair.status, "problem": pair.problem}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
