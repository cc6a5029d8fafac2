"""Erasing a cadre's personal data (crypto-shredding, kit/shredding.py): the command, its event,
and the decision on the file. The file's `person` is sealed with the cadre's own key; the
handler destroys that key, so the name, birth date and gender read as ERASED everywhere, a
rebuild included, while the rest of the file's history stays replayable."""

from __future__ import annotations

from dataclasses import dataclass, field

from kit.errors import InvalidInput, InvalidState
from kit.rules import RuleSet

from .commands import CadreId, DecisionInput
from .events import DecisionRecord


@dataclass(frozen=True)
class EraseCadrePersonalData:
    """Xoá dữ liệu cá nhân: destroy the key of a cadre who is not a party member (a member's
    identity is the member file's), decided by the managing committee's organisation board."""

    cadre_id: CadreId
    reason: str
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class CadrePersonalDataErased:
    """The cadre's key was destroyed: their name, birth date and gender are gone for good; read
    models blank them."""

    cadre_id: str
    managing_organisation_id: str
    reason: str
    decision: DecisionRecord
    rule_version: str


def require_erasable(member_id: str | None, recorded: bool, rules: RuleSet,
                     organ: str | None) -> None:
    """Only a file holding its own identity can be erased, once; `organ` None: the system.
    `recorded`: the erasure's event is in the file (a key already gone without it, as after an
    append that failed, is erased again so the read models learn of it)."""
    if member_id is not None:
        raise InvalidInput("cadre_id", "a party member's identity is the member file's: "
                                       "personnel holds none of it to erase")
    if recorded:
        raise InvalidState("this cadre's personal data is already erased")
    if organ is not None:
        organs = rules["erasure.organs"]
        rules.require(organ in organs, "erasure.organs",
                      f"the {organ} does not decide an erasure; {', '.join(organs)} does")
