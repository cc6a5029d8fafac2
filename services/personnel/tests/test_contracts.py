"""Every event personnel emits validates against its published JSON Schema (strict: no unknown
fields, formats checked), and every registered event is emitted by the scenario."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from kit.shredding import unsealed
from services.personnel import api as c
from services.personnel.adapters.wire import CODEC

from .conftest import decided
from .congress_scenario import hold_election

CONTRACTS = Path(__file__).resolve().parents[3] / "contracts"


def validator(relative: str) -> Draft202012Validator:
    schema = json.loads((CONTRACTS / relative).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_every_personnel_event_emitted_validates_against_its_published_schema(world):
    hung = world.member("Nguyễn Văn Hùng", date(1982, 5, 4))
    cadre, other = world.member_cadre(hung), world.cadre("Lê Thị Mai", date(1985, 1, 1),
                                                         "female")
    post, low = world.post("Chủ tịch UBND tỉnh", 95), world.post("Phó Giám đốc Sở", 50)
    world.plan(post, cadre)
    world.run(c.ProposePlanRemoval(post, cadre, "2030-2035", "other", "Chuyển công tác",
                                   date(2026, 3, 2)))
    world.run(c.RemoveCadreFromPlan(post, cadre, "2030-2035", "political_standard",
                                    "Không đạt tiêu chuẩn chính trị", decision=decided()))
    world.run(c.ProposeAppointment(other, low, date(2020, 11, 1)))
    world.run(c.AppointCadre(other, low, date(2021, 1, 1), external=True,
                             decision=decided(date(2020, 12, 1))))
    world.run(c.ReappointCadre(other, low, decision=decided(date(2025, 12, 1))))
    old = world.cadre("Trịnh Văn Phong", date(1964, 10, 1), "male")
    world.run(c.AppointCadre(old, low, date(2021, 6, 1), external=True,
                             decision=decided(date(2021, 5, 1))))
    world.run(c.ExtendToRetirement(old, low, decision=decided()))
    world.run(c.RecordCadreFileRead(other, "Thẩm định"))
    gone = world.cadre("Hà Văn Lộc", date(1980, 2, 2), "male")
    world.run(c.EraseCadrePersonalData(gone, "Đề nghị xoá", decision=decided()))
    moved = world.cadre("Đinh Văn Sơn", date(1984, 3, 3), "male")
    world.run(c.AppointCadre(moved, low, date(2025, 1, 1), external=True,
                             decision=decided(date(2024, 12, 1))))
    world.plan(post, moved, "2025-2030")
    world.run(c.RotateCadre(moved, world.post("Phó Chánh Văn phòng", 50), date(2026, 4, 1),
                            decision=decided()))
    hold_election(world)
    # plan-approval: the province's own plan (no level above it here: the system approves)
    world.run(c.ApprovePlan(world.province, "2030-2035", 2026, decision=decided()))
    world.run(c.ReviewPlan(world.province, "2030-2035", 2027, date(2027, 2, 1),
                           decision=decided(date(2027, 2, 1))))

    envelope = validator("envelope.schema.json")
    failures, emitted = [], set()
    # as published: personal fields sealed (kit/shredding.py)
    for event in unsealed(world.personnel.store).read_all(0, 100000):
        wire = event.to_wire()
        name = event.type.split(".", 1)[1]
        data = validator(f"events/personnel/{name}.v{event.schema_version}.json")
        failures += [f"{event.type} envelope: {e.message}" for e in envelope.iter_errors(wire)]
        failures += [f"{event.type} {'/'.join(map(str, e.absolute_path))}: {e.message}"
                     for e in data.iter_errors(wire["data"])]
        emitted.add((event.type, event.schema_version))
    assert failures == []
    assert emitted == {(w.name, w.version) for w in CODEC.types()}


def test_the_published_personnel_schemas_name_their_type_and_are_strict():
    for wire in CODEC.types():
        name = wire.name.split(".", 1)[1]
        schema = json.loads((CONTRACTS / f"events/personnel/{name}.v{wire.version}.json")
                            .read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$id"] == f"urn:partyorg:event:{wire.name}:v{wire.version}"
        assert schema["additionalProperties"] is False
