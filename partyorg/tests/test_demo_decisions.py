"""The demo seeds every decision through the body the rules give it to, with a number in that
body's series and a signer; admissions and xóa tên follow the branch's proposal."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date

REORGANISED = date(2025, 7, 1)
DECISIONS = {"MemberAdmitted", "MemberRecognisedAsOfficial", "MemberRemovedFromProbationaryList",
             "MemberTransferred", "MemberExempted", "MemberRemovedFromRolls", "MemberDisciplined",
             "AdmissionAuthorityDelegated"}
NUMBER = re.compile(r"\d+-(QĐ|NQ|GGT)/(TU|HU|ĐU|CB)")


def _events(demo) -> list:
    return list(demo.membership.store.read_all(0, 1_000_000))


def test_every_seeded_decision_names_its_body_number_date_and_signer(demo):
    decided = [e for e in _events(demo) if e.type.split(".")[1] in DECISIONS]
    # the small demo holds some of each kind; the full plan uses every command
    assert {"MemberAdmitted", "MemberRecognisedAsOfficial", "MemberTransferred",
            "AdmissionAuthorityDelegated"} <= {e.type.split(".")[1] for e in decided}
    for event in decided:
        d = event.data["decision"]
        assert event.schema_version == (1 if "Delegated" in event.type else 2)
        assert None not in d.values(), event.data
        assert NUMBER.fullmatch(d["number"]), d["number"]
        assert unicodedata.is_normalized("NFC", d["signer"]) and len(d["signer"].split()) >= 3


def test_admissions_are_decided_above_the_branch_by_the_body_of_their_date(demo):
    district, root = demo.marker["district_id"], demo.marker["root_id"]
    events = _events(demo)
    admitted = [e for e in events if e.type == "membership.MemberAdmitted"]
    assert admitted
    organs = Counter()
    for event in admitted:
        d = event.data["decision"]
        on = date.fromisoformat(event.data["decided_on"])
        body = demo.queries.organisation(d["organisation_id"])
        organs[d["organ"]] += 1
        if d["organ"] == "committee":  # a grassroots committee with delegated authority
            assert body.type == "grassroots_committee"
        elif on < REORGANISED:
            assert (d["organisation_id"], d["organ"]) == (district, "standing_committee")
            assert d["number"].endswith("/HU")
        else:
            assert d["organ"] == "standing_committee"
            assert body.type == "commune_committee" or body.id == root
    # each admission follows the branch's resolution, voted by at least two thirds
    proposed = [e for e in events if e.type == "membership.AdmissionProposed"]
    assert {e.stream_id for e in admitted} <= {e.stream_id for e in proposed}
    assert all(3 * e.data["votes_for"] >= 2 * e.data["official_members"] for e in proposed)


def test_exemptions_are_the_branchs_resolutions_and_xoa_ten_follows_a_proposal(demo):
    events = _events(demo)
    for event in (e for e in events if e.type == "membership.MemberExempted"):
        assert event.data["decision"]["organ"] == "assembly"
        assert "-NQ/CB" in event.data["decision"]["number"]
    removed = {e.stream_id for e in events if e.type == "membership.MemberRemovedFromRolls"}
    proposed = {e.stream_id for e in events if e.type == "membership.RemovalFromRollsProposed"}
    assert removed <= proposed
