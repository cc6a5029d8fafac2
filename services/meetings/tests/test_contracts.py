"""Every event the meetings service emits validates against its published JSON Schema, read from
contracts/ as an integrator would (strict: no unknown fields, formats checked), in Python and by
Ajv (Node.js)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from kit.testing.ajv import ajv_check
from services.meetings.adapters.wire import CODEC, RETIRED

CONTRACTS = Path(__file__).resolve().parents[3] / "contracts"
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _rfc3339(value: object) -> bool:
    if isinstance(value, str):
        if not _RFC3339.match(value):
            raise ValueError(f"{value!r} is not an RFC 3339 date-time with an offset")
        datetime.fromisoformat(value)
    return True


def validator(relative: str) -> Draft202012Validator:
    schema = json.loads((CONTRACTS / relative).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FORMATS)


def test_every_meetings_event_emitted_validates_against_its_published_schema(world, busy_year):
    envelope = validator("envelope.schema.json")
    failures, emitted = [], set()
    for event in world.store.read_all(0, 100000):
        wire = event.to_wire()
        service, name = event.type.split(".", 1)
        data = validator(f"events/{service}/{name}.v{event.schema_version}.json")
        failures += [f"{event.type} envelope: {e.message}" for e in envelope.iter_errors(wire)]
        failures += [f"{event.type} {'/'.join(map(str, e.absolute_path))}: {e.message}"
                     for e in data.iter_errors(wire["data"])]
        emitted.add((event.type, event.schema_version))
    assert failures == []
    registered = {(w.name, w.version) for w in CODEC.types() if w.name not in RETIRED}
    assert emitted == registered, f"the scenario emits no {sorted(registered - emitted)}"
    assert world.meetings.runner.dead_letters() == []


def test_every_meetings_event_emitted_validates_with_ajv_in_strict_mode(world, busy_year,
                                                                       tmp_path):
    envelopes = [event.to_wire() for event in world.store.read_all(0, 100000)]
    assert {(e["type"], e["schema_version"]) for e in envelopes} == \
        {(w.name, w.version) for w in CODEC.types() if w.name not in RETIRED}

    report = ajv_check(CONTRACTS, envelopes, tmp_path)

    assert report.problems == []
    assert f"{len(envelopes)} envelopes checked, 0 problems" in report.summary


def test_the_published_meetings_schemas_name_their_type_and_are_strict():
    for wire in CODEC.types():
        name = wire.name.split(".", 1)[1]
        schema = json.loads((CONTRACTS / f"events/meetings/{name}.v{wire.version}.json")
                            .read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$id"] == f"urn:partyorg:event:{wire.name}:v{wire.version}"
        assert schema["additionalProperties"] is False


def test_times_on_the_wire_carry_the_vietnam_offset(world, busy_year):
    opened = next(e for e in world.store.read_all(0, 100000) if e.type == "meetings.MeetingOpened")
    assert opened.to_wire()["data"]["started_at"].endswith("+07:00")
