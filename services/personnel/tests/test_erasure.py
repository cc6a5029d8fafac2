"""Crypto-shredding in personnel, on the real embedded path: a cadre's `person` is stored sealed
with their own key; erasing their personal data destroys it, and the name, birth date and gender
read as erased everywhere (the aggregate, the read models live and rebuilt, GraphQL) while the
rest of the file and the log stay readable; the raw store never held them in the clear."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kit.errors import Forbidden, InvalidInput, InvalidState, NotFound, RuleViolated
from kit.personal import is_erased
from kit.shredding import SEALED, SealedStore, shred, unsealed
from services.personnel import api as c
from services.personnel.domain.cadre import CadreFile

from .conftest import decided
from .test_graphql_path import RESULT

HOA, HOA_BORN = "Trần Thị Hoà", date(1979, 11, 23)


def erase(cadre: str, reason: str = "Người không còn là cán bộ, đề nghị xoá") -> object:
    return c.EraseCadrePersonalData(cadre, reason, decision=decided(date(2026, 3, 2)))


def stored_bytes(tmp_path: Path) -> bytes:
    files = [tmp_path / f"personnel-events.db{end}" for end in ("", "-wal")]
    return b"".join(f.read_bytes() for f in files if f.exists())


def plain_in(raw: bytes, text: str) -> bool:
    return text.encode() in raw or text.encode("unicode_escape") in raw


def test_a_cadre_person_is_stored_sealed_and_reads_back_opened(world, tmp_path):
    hoa = world.cadre(HOA, HOA_BORN, "female")
    store = world.personnel.service.repo.store
    assert isinstance(store, SealedStore)
    (opened,) = unsealed(store).read_stream(CadreFile.stream_id_for(hoa))
    assert opened.type == "personnel.CadreFileOpened" and opened.schema_version == 2
    assert opened.data["person"].startswith(SEALED)
    assert opened.data["education"] == "master"  # the rest stays plain
    world.personnel.settle()
    assert world.queries.cadre(hoa).full_name == HOA
    for plain in (HOA, HOA_BORN.isoformat()):
        assert not plain_in(stored_bytes(tmp_path), plain)


def test_erasing_a_cadre_erases_their_personal_data_everywhere_rebuild_included(world,
                                                                                tmp_path):
    hoa = world.cadre(HOA, HOA_BORN, "female")
    an = world.cadre("Lê Văn An", date(1985, 1, 1), "male")
    post = world.post("Phó Giám đốc Sở Nội vụ", 50)
    world.plan(post, hoa)
    world.plan(post, an)
    world.run(erase(hoa))

    store = world.personnel.service.repo.store
    opened = store.read_stream(CadreFile.stream_id_for(hoa))[0]  # the key is gone
    assert opened.type == "personnel.CadreFileOpened" and is_erased(opened.data["person"])
    assert store.read_stream(CadreFile.stream_id_for(an))[0].data["person"]["full_name"] == \
        "Lê Văn An"
    audit = store.sealer.keyring.shredding(hoa)
    assert (audit.shredded_by, audit.reason) == ("u-ban-to-chuc",
                                                 "Người không còn là cán bộ, đề nghị xoá")
    cadre = world.personnel.service.repo.load(CadreFile, hoa)
    assert is_erased(cadre.person) and cadre.managing_organisation_id == world.province
    assert post in cadre.plans["2030-2035"]  # the rest of the file replays as before
    world.personnel.settle()

    def erased_everywhere() -> None:
        ref = world.queries.cadre(hoa)
        assert (ref.erased, ref.full_name, ref.gender) == (True, "", "")
        assert world.queries.cadre(an).full_name == "Lê Văn An" and not world.queries.cadre(
            an).erased
        [plan] = world.queries.plan_fullness(world.province, "2030-2035")
        assert sorted(p.id for p in plan.cadres) == sorted([hoa, an])
        assert world.queries.work_queue(world.province) == []  # no age: nothing proposed

    erased_everywhere()
    world.personnel.runner.rebuild()
    erased_everywhere()
    assert world.personnel.runner.dead_letters() == []
    raw = stored_bytes(tmp_path)
    assert not plain_in(raw, HOA) and not plain_in(raw, HOA_BORN.isoformat())
    assert plain_in(raw, "Phó Giám đốc Sở Nội vụ")  # what is not personal stays in the clear


def test_an_erased_cadre_takes_no_decision_needing_their_age_and_is_erased_once(world):
    hoa = world.cadre(HOA, HOA_BORN, "female")
    world.run(erase(hoa))
    with pytest.raises(InvalidState, match="erased"):
        world.run(c.AddCadreToPlan(world.post("Giám đốc Sở Nội vụ", 60), hoa, "2030-2035",
                                   decision=decided()))
    with pytest.raises(InvalidState, match="already erased"):
        world.run(erase(hoa))


def test_a_key_destroyed_without_its_event_is_erased_again_so_the_read_models_learn(world):
    """As after an append that failed once the key was gone: the retry records the event."""
    hoa = world.cadre(HOA, HOA_BORN, "female")
    world.personnel.settle()
    shred(world.personnel.service.repo.store, hoa, by="u-ban-to-chuc", reason="lần trước")
    assert world.queries.cadre(hoa).full_name == HOA  # the live row still holds it
    world.run(erase(hoa))
    world.personnel.settle()
    assert world.queries.cadre(hoa).erased


def test_a_party_members_file_holds_no_identity_to_erase(world):
    cadre = world.member_cadre(world.member("Nguyễn Văn Hùng", date(1982, 5, 4)))
    with pytest.raises(InvalidInput) as refused:
        world.run(erase(cadre))
    assert refused.value.field == "cadre_id"


def test_only_the_managing_committees_organisation_board_erases(world):
    hoa = world.cadre(HOA, HOA_BORN, "female")
    service = world.personnel.service

    def as_(org: str, organ: str | None) -> None:
        service.execute(erase(hoa), replace(world.context(), acting_organ=organ or ""),
                        acting_for=org)

    with pytest.raises(RuleViolated) as refused:
        as_(world.province, "standing_committee")
    assert (refused.value.rule, refused.value.rule_version) == ("erasure.organs", "QD377-2025")
    with pytest.raises(Forbidden):
        as_(world.province, None)
    with pytest.raises(NotFound):  # another committee's token: nothing said about the file
        as_(world.commune, "organisation_board")
    assert not world.queries.cadre(hoa).erased
    as_(world.province, "organisation_board")
    world.personnel.settle()
    assert world.queries.cadre(hoa).erased


def test_through_graphql_the_board_erases_and_the_file_reads_erased(world, gateway):
    hoa = world.cadre(HOA, HOA_BORN, "female")
    mutation = (f"mutation($input: EraseCadrePersonalDataInput!) {{ eraseCadrePersonalData("
                f"input: $input) {{ {RESULT} ... on EraseCadrePersonalDataSucceeded "
                "{ cadreId } } }")
    given = {"input": {"commandId": str(uuid.uuid4()), "cadreId": hoa, "reason": "Đề nghị xoá",
                       "decision": {"number": "3-QĐ/BTC", "decidedOn": "2026-03-02",
                                    "signer": "Nguyễn Văn Thành"}}}
    viewer = gateway(mutation, given, world.province, roles=("viewer",),
                     organ="organisation_board")
    assert "errors" in viewer or viewer["data"]["eraseCadrePersonalData"]["__typename"] \
        == "Forbidden"
    wrong = gateway(mutation, given, world.province, organ="standing_committee")
    assert wrong["data"]["eraseCadrePersonalData"]["rule"] == "erasure.organs"
    done = gateway(mutation, given, world.province, organ="organisation_board")
    assert done["data"]["eraseCadrePersonalData"] == {
        "__typename": "EraseCadrePersonalDataSucceeded", "cadreId": hoa}
    read = """query($id: ID!) { cadreFile(id: $id, purpose: "Kiểm tra sau khi xoá")
      { cadre { fullName dateOfBirth gender erased } education } }"""
    expected = {"cadre": {"fullName": None, "dateOfBirth": None, "gender": None,
                          "erased": True}, "education": "master"}
    assert gateway(read, {"id": hoa}, world.province)["data"]["cadreFile"] == expected
    world.personnel.runner.rebuild()
    assert gateway(read, {"id": hoa}, world.province)["data"]["cadreFile"] == expected
