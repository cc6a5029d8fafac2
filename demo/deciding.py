"""Who takes each decision the demo seeds: the body the membership rules give it to (their table
of deciding bodies, read against the demo's tree as it stood on the decision's date), a number
in that body's own series (123-QĐ/ĐU, 15-GGT/HU, 04-NQ/CB) and a signer.

The demo seeds as the system, which may name any body; it names the one the rules name, as a
province's organisation board would when entering its decisions.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from services.membership import api as c

from . import people as p
from . import yenmo as y
from .member_life import Life
from .plan import Org

# the suffix a body's documents carry, by the type of its organisation
SUFFIX = {"provincial_committee": "TU", "district_committee": "HU", "commune_committee": "ĐU",
          "grassroots_committee": "ĐU", "grassroots_branch": "CB", "sub_branch": "CB"}
TERM_YEARS = 5  # a committee's signer changes with its term


def org_of(life: Life, day: date) -> Org:
    """The branch that kept the member on a date."""
    placed = [org for on, org in life.placements if on <= day] or [life.placements[0][1]]
    return placed[-1].on(day)


def _parent(org: Org, day: date) -> Org | None:
    parent = (org.parent_before_2025 if org.parent_before_2025 is not None
              and day < y.REORGANISED_ON else org.parent)
    return parent.on(day) if parent is not None else None


def path(org: Org, day: date) -> list[c.OrgNode]:
    """The organisation and its ancestors as they stood on a date, nearest first."""
    out: list[c.OrgNode] = []
    current: Org | None = org.on(day)
    while current is not None:
        out.append(c.OrgNode(current.id, current.name, c.OrganisationType(current.type),
                             current.admission_delegated_on))
        current = _parent(current, day)
    return out


class Deciders:
    """Numbers and signers per body, drawn from a random source of their own: the demo's plan
    draws the same people and dates whatever the decisions say."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(f"decisions:{seed}")
        self.counters: dict[tuple[str, str, int], int] = {}
        self.signers: dict[tuple[str, int], str] = {}

    def decision(self, kind: str, org: Org, on: date, document: str = "QĐ", *,
                 to: Org | None = None, prefer: str | None = None,
                 tree_day: date | None = None) -> c.DecisionInput:
        """The decision of `kind` on a member of `org` or on `org` itself (a transfer: to `to`),
        by the body the rules name on `on`; `tree_day`: the tree to read when it is not yet `on`'s (the staff
        moves of 1/7/2025 run before that day's reorganisation)."""
        tree_day = tree_day or on
        here = path(org, tree_day)
        decision = c.DecisionKind(kind)
        if to is not None:
            decision = c.transfer_kind(here, path(to, tree_day), c.MEMBERSHIP_RULES, on)
        allowed = c.who_may_decide(decision, here, c.MEMBERSHIP_RULES, on).bodies
        if not allowed:
            raise AssertionError(f"no body may take {kind} for {org.name} on {on}")
        body = next((b for b in allowed if b.organ.value == prefer), allowed[0])
        node = next(n for n in here if n.id == body.organisation_id)
        return c.DecisionInput(self.number(node, document, on.year), self.signer(node.id, on),
                               c.DecidingBodyInput(body.organisation_id, body.organ.value))

    def number(self, node: c.OrgNode, document: str, year: int) -> str:
        key = (node.id, document, year)
        self.counters[key] = self.counters.get(key, 0) + self.rng.randint(1, 3)
        return f"{self.counters[key]}-{document}/{SUFFIX[node.type.value]}"

    def signer(self, organisation_id: str, on: date) -> str:
        """The secretary (or deputy) who signs for the body in its term."""
        term = on.year // TERM_YEARS
        if (organisation_id, term) not in self.signers:
            rng = random.Random(f"{self.seed}:{organisation_id}:{term}")
            gender = "male" if rng.random() < 0.8 else "female"
            self.signers[(organisation_id, term)] = p.full_name(
                rng, gender, on.year - rng.randint(42, 58))
        return self.signers[(organisation_id, term)]

    def votes(self, org: Org) -> tuple[int, int]:
        """A branch's vote on a proposal: at least two thirds of its official members."""
        low, high = org.size if org.size != (0, 0) else (8, 30)
        members = self.rng.randint(max(3, low // 2), max(3, high))
        return self.rng.randint(math.ceil(members * 2 / 3), members), members

    def resolution(self, org: Org, on: date) -> str:
        node = path(org, on)[0]
        return self.number(node, "NQ", on.year)


def day_before(day: date) -> date:
    return day - timedelta(days=1)
