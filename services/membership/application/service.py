"""The membership application service: idempotent, timed, scoped command execution."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kit.clock import Clock
from kit.commanding import CommandResult, CommandRunner, payload_hash
from kit.envelope import CommandContext
from kit.repository import Repository
from kit.rules import RuleBook
from kit.store import AppendResult

from ..domain import commands as c
from ..domain import province_transfer_commands as pc
from ..domain.change_commands import ReceiveMemberFromProvince
from .deps import CommandScope, Occupancy
from .handlers import HANDLERS, new_id

log = logging.getLogger(__name__)
__all__ = ["CommandResult", "payload_hash", "ids_of"]
SERVICE = "membership"


def ids_of(command: object, command_id: str) -> dict[str, str]:
    """The ids a command names or creates, recomputed when a retry returns the first result."""
    match command:
        case c.CreateOrganisation():
            return {"organisation_id": new_id(command_id, "organisation")}
        case c.MergeOrganisation():
            return {"organisation_id": command.into_organisation_id}
        case c.SubmitApplication():
            return {"member_id": command.member_id or new_id(command_id, "member")}
        case c.RecordExistingMember() | ReceiveMemberFromProvince():
            return {"member_id": new_id(command_id, "member")}
        case pc.OpenIncomingTransfer() | pc.AcceptIncomingTransfer() | \
                pc.RefuseIncomingTransfer():
            return {"transfer_id": command.transfer_id}
        case pc.SendMemberToProvince():
            return {"member_id": command.member_id,
                    "transfer_id": new_id(command_id, "transfer")}
    for key in ("member_id", "organisation_id"):
        if getattr(command, key, None):
            return {key: getattr(command, key)}
    return {}


class MembershipService:
    def __init__(
        self,
        repo: Repository,
        rules: RuleBook,
        clock: Clock,
        occupancy: Occupancy,
        on_appended: Callable[[AppendResult], None] = lambda result: None,
        peers: Any = None,
    ) -> None:
        self.repo = repo
        self.rules = rules
        self.clock = clock
        self.occupancy = occupancy
        self.on_appended = on_appended
        self.peers = peers  # kit.peers.Peers, or None: a deployment that transfers to nobody
        self._runner = CommandRunner(SERVICE, repo, HANDLERS, ids_of,
                                     lambda: self.clock.today())

    def execute(self, command: Any, context: CommandContext,
                acting_for: str | None = None) -> CommandResult:
        """Run one command. Raises a DomainError (typed, appending nothing) when refused; a
        command id seen before with the same payload returns the first result (duplicate)."""
        return self._runner.run(
            command, context,
            lambda: CommandScope(self.repo, self.rules, self.clock.today(), self.occupancy,
                                 acting_for, acting_organ=context.acting_organ,
                                 peers=self.peers),
            self.on_appended)
