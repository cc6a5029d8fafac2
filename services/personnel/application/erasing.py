"""The erasure handler: record the decision on the file, then destroy the cadre's key."""

from __future__ import annotations

from kit.errors import Forbidden
from kit.ids import parse_id
from kit.shredding import shred
from kit.text import clean_text

from ..domain.erasure import EraseCadrePersonalData
from ..domain.events import DecisionRecord
from .deps import CommandScope


def erase_cadre_personal_data(cmd: EraseCadrePersonalData, scope: CommandScope,
                              command_id: str) -> dict:
    cadre = scope.cadre(parse_id(cmd.cadre_id, "cadre_id"))
    reason = clean_text(cmd.reason, "reason", max_length=500)
    rules = scope.rules.in_force(cmd.decision.decided_on)
    organ = scope.context.acting_organ or ""
    if scope.acting_for is not None and not organ:
        raise Forbidden("a token that acts for no organ takes no decisions")
    checked = organ if scope.acting_for is not None else None  # the system: any organ
    decision = DecisionRecord(cadre.managing_organisation_id,
                              organ or rules["erasure.organs"][0], cmd.decision.number.strip(),
                              cmd.decision.decided_on, cmd.decision.signer)
    cadre.erase_personal_data(reason, decision, rules, checked)
    # the key goes first: should the append fail, the retry finds the data already erased
    shred(scope.repo.store, cadre.id, by=scope.context.actor.user_id, reason=reason)
    scope.changed.append(cadre)
    return {"cadre_id": cadre.id}
