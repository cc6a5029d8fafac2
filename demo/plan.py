"""The demo's plan: every command the seeder will send, dated, in the order things happened.

Ids of new organisations and members derive from command ids (see handlers.new_id), so the whole
history can be planned before anything runs, and running it twice sends the same commands.
Commands run in date order because the domain judges each against what is already recorded:
a sponsor must be official when the application is filed, a member must be placed before the
branch merges, the district must be empty when it is dissolved.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from services.membership.api import new_id

DEMO_NAMESPACE = uuid.UUID("2b0f4e0c-7a36-4f52-9d0e-6c1e1c0b7a11")

# Same-day order: organisations exist before members, the reorganisation of 1/7/2025 runs
# staff moves, merges, renames, moves, then dissolutions.
CREATE_ORG, RECORD, MEMBER_EVENT, APPLICATION = 0, 10, 20, 30
STAFF_MOVE, MERGE, BRANCH_MERGE, RENAME, MOVE, DISSOLVE, DISSOLVE_DISTRICT = (
    40, 50, 55, 60, 70, 80, 90)


DEMO_TODAY = date(2026, 11, 20)


class Numbers:
    """Numbers handed out as commands run, so they rise with the dates: party card serials
    (37.0 and five digits) and admission decision numbers per issuing committee and year."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"cards:{seed}")
        self.serial = 10_000
        self.decisions: dict[tuple[str, int], int] = {}

    def card(self) -> str:
        self.serial += self.rng.randint(1, 4)
        return f"37.0{self.serial:05d}"

    def decision(self, issuer: str, year: int) -> str:
        n = self.decisions.get((issuer, year), 0) + self.rng.randint(1, 3)
        self.decisions[(issuer, year)] = n
        return f"{n}-QĐ/{issuer}"


@dataclass
class Step:
    on: date
    priority: int
    seq: int
    command_id: str
    command: Any  # a command, or a function of Numbers that makes one when it runs
    barrier: bool = False  # reads a read model (dissolving checks occupancy): catch up first

    def build(self, numbers: Numbers) -> Any:
        return self.command(numbers) if callable(self.command) else self.command


@dataclass(eq=False)
class Org:
    id: str
    name: str
    type: str
    parent: Org | None
    established: date
    kind: str = ""  # for branches: what their members do (people.WORK)
    place: str = ""  # the commune the branch is in ("" above commune level)
    fate: str = "stays"  # "ends" (district agencies on 1/7/2025) or "stays"
    size: tuple[int, int] = (0, 0)
    merged_into: Org | None = None
    merged_on: date | None = None
    children: list[Org] = field(default_factory=list)
    parent_before_2025: Org | None = None  # the district, for what moved under the province
    admission_delegated_on: date | None = None  # a grassroots committee's ủy quyền kết nạp

    @property
    def is_branch(self) -> bool:
        return self.type in ("grassroots_branch", "sub_branch")

    def on(self, day: date) -> Org:
        """The organisation that holds this one's members on a date (following merges)."""
        org = self
        while org.merged_into is not None and org.merged_on is not None and org.merged_on <= day:
            org = org.merged_into
        return org


class Plan:
    def __init__(self, seed: int, today: date = DEMO_TODAY) -> None:
        self.seed = seed
        self.today = today
        self.rng = random.Random(seed)
        self.steps: list[Step] = []
        self.seq = 0  # the next command's number: its id derives from it

    def add(self, on: date, priority: int, command: Any, *, barrier: bool = False) -> str:
        if on > self.today:
            raise ValueError(f"planned a command dated {on} after the demo's today {self.today}")
        seq, self.seq = self.seq, self.seq + 1
        command_id = str(uuid.uuid5(DEMO_NAMESPACE, f"{self.seed}:{seq}"))
        self.steps.append(Step(on, priority, seq, command_id, command, barrier))
        return command_id

    def add_creating(self, on: date, priority: int, command: Any | Callable, kind: str) -> str:
        """Add a command that creates an aggregate and return the new aggregate's id."""
        return new_id(self.add(on, priority, command), kind)

    def skip(self) -> None:
        """Leave out the next command (what it would create exists already), keeping the ids
        of all the others."""
        self.seq += 1

    def ordered(self) -> list[Step]:
        return sorted(self.steps, key=lambda s: (s.on, s.priority, s.seq))
