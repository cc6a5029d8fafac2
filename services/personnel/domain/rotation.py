"""Rotation (luân chuyển, QĐ 65-QĐ/TW 2022): the command, its event, and the checks, pure. The
handler hands in the facts: the posts the cadre holds, the rank of the highest, whether the
cadre is local to the destination, and the head terms they served there."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kit.dates import PartyDate
from kit.errors import InvalidState
from kit.rules import RuleSet

from .commands import CadreId, DecisionInput, PostId
from .events import DecisionRecord
from .values import add_years


@dataclass(frozen=True)
class RotateCadre:
    """Luân chuyển: a planned cadre into an existing post of the same rank (a higher one only by
    exception, `higher_by_exception`), from `starts_on`; the posts they hold end that day."""

    cadre_id: CadreId
    to_post_id: PostId
    starts_on: PartyDate
    higher_by_exception: bool = False
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class CadreRotated:
    """The cadre was rotated into the post: a term from `starts_on` to `ends_on`, for at least
    `stays_until` (the rule's minimum time per rotation); the posts in `left_post_ids` ended."""

    cadre_id: str
    to_post_id: str
    left_post_ids: tuple[str, ...]
    starts_on: date
    ends_on: date
    stays_until: date
    head: bool
    higher_by_exception: bool
    decision: DecisionRecord
    rule_version: str


@dataclass(frozen=True)
class RotationFacts:
    planned: bool  # in a plan whose cycle covers the start
    current_rank: int  # of the highest post held on the start; 0 for none
    to_rank: int
    to_head: bool
    to_level: str
    local: bool | None  # kept by a party organisation in the destination's subtree; None: unknown
    head_terms_in_place: int  # consecutive head terms served in the destination organisation
    last_rotation_on: date | None


def check_rotation(facts: RotationFacts, starts_on: date, higher_by_exception: bool,
                   rules: RuleSet) -> None:
    """QĐ 65: only planned cadres; into an equivalent post (higher by exception, flagged); key
    leaders not local; a head at most N consecutive terms in one place; M years per rotation."""
    rules.require(facts.planned, "rotation.requires_plan",
                  "only a cadre in a plan whose cycle covers the rotation is rotated")
    if facts.current_rank == 0:
        raise InvalidState("the cadre holds no post to rotate from: appoint them instead")
    if facts.to_rank != facts.current_rank:
        higher = facts.to_rank > facts.current_rank
        rules.require(higher and higher_by_exception, "rotation.equivalent_post",
                      f"a rotation is into a post of the same rank ({facts.current_rank}), not "
                      f"{facts.to_rank}" + ("; a higher one only as a stated exception"
                                            if higher else ""))
    if facts.to_head and facts.to_level in rules["rotation.key_leaders_not_local"]:
        rules.require(facts.local is not True, "rotation.key_leaders_not_local",
                      "a key leader of this level is not rotated into their own locality")
    most = rules["appointment.max_consecutive_terms_as_head"]
    if facts.to_head:
        rules.require(facts.head_terms_in_place < most,
                      "rotation.max_consecutive_head_terms_in_place",
                      f"already head {facts.head_terms_in_place} consecutive terms in this "
                      f"place; at most {most}")
    years = rules["rotation.min_years"]
    if facts.last_rotation_on is not None:
        rules.require(add_years(facts.last_rotation_on, years) <= starts_on,
                      "rotation.min_years",
                      f"rotated on {facts.last_rotation_on.isoformat()}: at least {years} "
                      "years per rotation")
