"""transferReconciliation: two linked province deployments (tests/transfers' pair) behind the
federation, each side of every transfer between them matched by transfer id: accepted and
refused transfers MATCHED, an open one IN_TRANSIT then OVERDUE past its presentBy, a letter the
other side never received ORPHANED, a stopped province's pairs UNKNOWN beside an error naming
it; central tokens refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from federation import reconciliation as rec
from federation.reconciliation import GRACE_DAYS
from gateway.auth import issue_central_token
from gateway.keys import KeySet
from kit.clock import FixedClock
from partyorg.federated import ServedProvince, embedded_federation, http_federation
from partyorg.links import link_platforms
from partyorg.tests.provinces_pair import TODAY, build_pair
from services.membership.domain.province_transfer_commands import (
    AcceptIncomingTransfer,
    RefuseIncomingTransfer,
    SendMemberToProvince,
)

from .conftest import ask
from .serving import Served

ISSUED = date(2026, 11, 16)
PAIR_FIELDS = """transferId fromProvince toProvince memberId fromOrganisationId toOrganisationId
  letterNumber issuedOn presentBy sendingState sendingClosedOn receivingState receivingClosedOn
  overdue status problem"""
COUNTS = "matched inTransit overdue orphaned unknown total"
QUERY = f"""query($open: Boolean! = false, $overdue: Boolean! = false) {{
  transferReconciliation(openOnly: $open, overdueOnly: $overdue) {{
    provincesAnswered transfers {{ {PAIR_FIELDS} }} totals {{ {COUNTS} }}
    byProvincePair {{ fromProvince toProvince counts {{ {COUNTS} }} }} }} }}"""


class Deployments:
    """The pair behind a federation: their gateways, keys and the federation's clock."""

    def __init__(self, pair, central: KeySet | None = None) -> None:
        self.pair = pair
        self.nb = ServedProvince("NB", "Ninh Bình", pair.nb.platform, KeySet.generate(),
                                 central=central)
        self.hue = ServedProvince("HUE", "Huế", pair.hue.platform, KeySet.generate(),
                                  central=central)
        self.clock = FixedClock()
        self.clock.set_today(TODAY)
        self.federation = embedded_federation([self.nb, self.hue], timeout=5.0,
                                              clock=self.clock, central=central)

    def tokens(self, hue_org: str | None = None) -> str:
        return ",".join((self.nb.token(self.pair.nb.root),
                         self.hue.token(hue_org or self.pair.hue.root)))

    def set_today(self, day: date) -> None:
        for clock in (self.pair.nb.clock, self.pair.hue.clock, self.clock):
            clock.set_today(day)

    def reconcile(self, token: str | None = None, **variables) -> dict:
        return ask(self.federation, QUERY, token or self.tokens(), variables)


def close(pair) -> None:
    for links in pair.links:
        links.close()
    pair.nb.platform.close()
    pair.hue.platform.close()


def send(pair, skip: int, letter: str, issued: date = ISSUED) -> str:
    member = pair.nb.a_member(skip)
    return pair.nb.run(SendMemberToProvince(member.id, "HUE", pair.hue.a_branch(), issued,
                                            letter))["transfer_id"]


CENTRAL = KeySet.generate()


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """NB sends three members to HUE: one received, one refused, one left waiting."""
    pair = build_pair(tmp_path_factory.mktemp("reconciled"), seed_scale=0.05)
    ids = {"accepted": send(pair, 0, "1-GT/TU"), "refused": send(pair, 1, "2-GT/TU"),
           "open": send(pair, 2, "3-GT/TU")}
    pair.settle()
    pair.hue.run(AcceptIncomingTransfer(ids["accepted"], date(2026, 11, 19)))
    pair.hue.run(RefuseIncomingTransfer(ids["refused"], date(2026, 11, 18), "Sai địa chỉ"))
    pair.settle()
    yield Deployments(pair, CENTRAL), ids
    close(pair)


def by_id(answer: dict) -> dict[str, dict]:
    return {t["transferId"].split(":")[1]: t
            for t in answer["data"]["transferReconciliation"]["transfers"]}


def test_received_and_refused_transfers_match_and_the_open_one_is_in_transit(linked):
    world, ids = linked
    answer = world.reconcile()
    assert "errors" not in answer, answer.get("errors")
    result = answer["data"]["transferReconciliation"]
    assert result["provincesAnswered"] == ["NB", "HUE"]
    pairs = by_id(answer)
    assert set(pairs) == set(ids.values())
    accepted, refused, waiting = (pairs[ids[k]] for k in ("accepted", "refused", "open"))
    assert (accepted["sendingState"], accepted["receivingState"], accepted["status"]) == (
        "completed", "arrived", "MATCHED")
    assert accepted["receivingClosedOn"] == "2026-11-19"
    assert (refused["sendingState"], refused["receivingState"], refused["status"]) == (
        "returned", "refused", "MATCHED")
    assert (waiting["sendingState"], waiting["receivingState"], waiting["status"]) == (
        "in_transit", "awaiting", "IN_TRANSIT")
    assert waiting["problem"] is None and not waiting["overdue"]
    # ids as the sending province names them; the organisations each as its province does
    assert accepted["transferId"] == f"NB:{ids['accepted']}"
    assert accepted["memberId"].startswith("NB:")
    assert accepted["toOrganisationId"] == f"HUE:{world.pair.hue.a_branch()}"
    assert accepted["fromOrganisationId"].startswith("NB:")
    assert (accepted["letterNumber"], accepted["issuedOn"]) == ("1-GT/TU", "2026-11-16")
    assert result["totals"] == {"matched": 2, "inTransit": 1, "overdue": 0, "orphaned": 0,
                                "unknown": 0, "total": 3}
    assert result["byProvincePair"] == [{"fromProvince": "NB", "toProvince": "HUE",
                                         "counts": result["totals"]}]
    open_only = world.reconcile(open=True)["data"]["transferReconciliation"]
    assert [t["transferId"] for t in open_only["transfers"]] == [f"NB:{ids['open']}"]
    assert open_only["totals"] == result["totals"]  # the filters choose the list only


def test_a_transfer_left_open_past_its_present_by_is_overdue(linked):
    world, ids = linked
    present_by = date.fromisoformat(by_id(world.reconcile())[ids["open"]]["presentBy"])
    try:
        world.set_today(present_by)
        assert by_id(world.reconcile())[ids["open"]]["status"] == "IN_TRANSIT"
        world.set_today(present_by + timedelta(days=1))
        answer = world.reconcile(overdue=True)
        (late,) = answer["data"]["transferReconciliation"]["transfers"]
        assert (late["transferId"], late["status"], late["overdue"]) == (
            f"NB:{ids['open']}", "OVERDUE", True)
        assert answer["data"]["transferReconciliation"]["totals"]["overdue"] == 1
        assert answer["data"]["transferReconciliation"]["totals"]["matched"] == 2
    finally:
        world.set_today(TODAY)


def test_a_stopped_province_leaves_the_others_side_and_an_error_naming_it(linked):
    world, ids = linked
    nb, hue = Served(world.nb.app).start(), Served(world.hue.app).start()
    federation = http_federation([("NB", "Ninh Bình", nb.url), ("HUE", "Huế", hue.url)],
                                 clock=world.clock)
    token = world.tokens()
    try:
        both = ask(federation, QUERY, token)
        assert "errors" not in both  # HUE's keys fetched while it is up
        hue.stop()
        answer = ask(federation, QUERY, token)
        result = answer["data"]["transferReconciliation"]
        assert result["provincesAnswered"] == ["NB"]
        pairs = by_id(answer)
        assert set(pairs) == set(ids.values())  # NB's side of each
        for pair in pairs.values():
            assert pair["receivingState"] is None and pair["status"] == "UNKNOWN"
            assert pair["problem"].startswith("HUE did not answer: province HUE")
        assert pairs[ids["accepted"]]["sendingState"] == "completed"
        assert result["totals"] == {"matched": 0, "inTransit": 0, "overdue": 0,
                                    "orphaned": 0, "unknown": 3, "total": 3}
        assert [(e["path"], e["extensions"]) for e in answer["errors"]] == [
            (["transferReconciliation"], {"code": "PROVINCE_UNAVAILABLE", "province": "HUE"})]
    finally:
        nb.stop()
        hue.stop()


def test_without_a_provinces_token_its_side_is_unknown(linked):
    world, ids = linked
    answer = world.reconcile(world.nb.token(world.pair.nb.root))
    assert {p["status"] for p in by_id(answer).values()} == {"UNKNOWN"}
    assert [(e["path"], e["extensions"]) for e in answer["errors"]] == [
        (["transferReconciliation"], {"code": "UNAUTHENTICATED", "province": "HUE"})]


def test_a_side_asked_below_the_root_leaves_the_other_unknown_not_orphaned(linked):
    world, ids = linked
    elsewhere = next(m.organisation_id for m in world.pair.hue.platform.membership.queries
                     .members(world.pair.hue.root, first=200).items
                     if m.organisation_id != world.pair.hue.a_branch())
    answer = world.reconcile(world.tokens(hue_org=elsewhere))
    assert "errors" not in answer
    pairs = by_id(answer)
    assert {p["status"] for p in pairs.values()} == {"UNKNOWN"}
    assert "part of its tree" in pairs[ids["open"]]["problem"]


def test_a_central_token_is_refused_each_provinces_transfers(linked):
    world, _ = linked
    answer = world.reconcile(issue_central_token(CENTRAL, user="ban-to-chuc-trung-uong"))
    assert answer["data"]["transferReconciliation"]["transfers"] == []
    assert answer["data"]["transferReconciliation"]["provincesAnswered"] == []
    assert {(e["extensions"]["code"], e["extensions"]["province"])
            for e in answer["errors"]} == {("FORBIDDEN", "NB"), ("FORBIDDEN", "HUE")}


def test_a_letter_the_destination_never_received_is_orphaned_until_the_link_delivers_it(
        tmp_path):
    pair = build_pair(tmp_path, seed_scale=0.05, linked=False)  # the link between them down
    try:
        world = Deployments(pair)
        transfer = send(pair, 0, "7-GT/TU", TODAY)  # signed and recorded today
        pair.settle()
        (within,) = by_id(world.reconcile()).values()
        assert (within["sendingState"], within["receivingState"], within["status"]) == (
            "in_transit", None, "IN_TRANSIT")  # the link may still bring it
        world.set_today(TODAY + timedelta(days=GRACE_DAYS))
        assert by_id(world.reconcile())[transfer]["status"] == "IN_TRANSIT"  # the last day
        world.set_today(TODAY + timedelta(days=GRACE_DAYS + 1))
        answer = world.reconcile()
        assert "errors" not in answer
        (lost,) = by_id(answer).values()
        assert (lost["transferId"], lost["status"]) == (f"NB:{transfer}", "ORPHANED")
        assert lost["problem"] == ("HUE has no record of this letter (sent 2026-11-20, "
                                   "in_transit at NB)")
        assert answer["data"]["transferReconciliation"]["totals"]["orphaned"] == 1
        pair.links = link_platforms(pair.nb.platform, pair.hue.platform)  # the link is back
        pair.settle()
        (found,) = by_id(world.reconcile()).values()
        assert (found["receivingState"], found["status"], found["problem"]) == (
            "awaiting", "IN_TRANSIT", None)
    finally:
        close(pair)


# -- the rules alone, for the sides no saga run here produces (a store restored from an older
# backup, a link that passed an answer over) -------------------------------------------------

def a_side(direction: str, state: str, *, closed: date | None = None,
           overdue: bool = False) -> dict:
    return {"transferId": "t1", "direction": direction, "memberId": "m1",
            "fromProvince": "NB", "toProvince": "HUE",
            "organisationId": "o-nb" if direction == "out" else "o-hue",
            "otherOrganisationId": "o-hue" if direction == "out" else "o-nb",
            "letterNumber": "1-GT/TU", "issuedOn": ISSUED, "presentBy": date(2026, 12, 15),
            "state": state, "closedOn": closed, "overdue": overdue}


def judged(out: dict | None, in_: dict | None, today: date = TODAY,
           missing: dict | None = None) -> tuple[str, str | None]:
    sides = [rec.ProvinceSide("NB", (out,) if out else (), True)]
    if not missing:
        sides.append(rec.ProvinceSide("HUE", (in_,) if in_ else (), True))
    (pair,) = rec.reconcile(sides, missing or {}, ["NB", "HUE"], today)
    return pair.status, pair.problem


ARRIVED = date(2026, 11, 19)


@pytest.mark.parametrize(("out", "in_", "today", "status"), [
    (a_side("out", "completed", closed=ARRIVED), a_side("in", "arrived", closed=ARRIVED),
     TODAY, "MATCHED"),
    (a_side("out", "returned", closed=ARRIVED), a_side("in", "refused", closed=ARRIVED),
     TODAY, "MATCHED"),
    (a_side("out", "in_transit"), a_side("in", "awaiting", overdue=True), TODAY, "OVERDUE"),
    # the arrival recorded there, its news not yet here: in transit for the grace, then not
    (a_side("out", "in_transit"), a_side("in", "arrived", closed=ARRIVED),
     ARRIVED + timedelta(days=rec.GRACE_DAYS), "IN_TRANSIT"),
    (a_side("out", "in_transit"), a_side("in", "arrived", closed=ARRIVED),
     ARRIVED + timedelta(days=rec.GRACE_DAYS + 1), "ORPHANED"),
    (a_side("out", "completed", closed=ARRIVED), a_side("in", "awaiting"),
     ARRIVED + timedelta(days=rec.GRACE_DAYS + 1), "ORPHANED"),
    (a_side("out", "completed", closed=ARRIVED), a_side("in", "refused", closed=ARRIVED),
     TODAY, "ORPHANED"),
    (None, a_side("in", "awaiting"), TODAY, "ORPHANED"),
])
def test_the_rules_for_each_pair_of_states(out, in_, today, status):
    assert judged(out, in_, today)[0] == status


def test_disagreeing_sides_and_an_unknown_sender_say_why():
    late = ARRIVED + timedelta(days=rec.GRACE_DAYS + 1)
    assert judged(a_side("out", "completed", closed=ARRIVED), a_side("in", "awaiting"),
                  late)[1] == "NB records completed, HUE records awaiting since 2026-11-19"
    assert judged(None, a_side("in", "arrived", closed=ARRIVED))[1] == (
        "NB has no record of sending this letter (arrived at HUE)")
    assert judged(a_side("out", "in_transit"), None, missing={"HUE": "down"}) == (
        "UNKNOWN", "HUE did not answer: down")


def test_a_letter_to_a_province_outside_the_federation_is_unknown():
    out = {**a_side("out", "in_transit"), "toProvince": "HCM"}
    assert judged(out, None) == ("UNKNOWN", "HCM is not a province of this federation")
