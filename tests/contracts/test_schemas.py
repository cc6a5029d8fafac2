"""The committed contracts are valid JSON Schemas and match the code that produces the events."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys

from jsonschema import Draft202012Validator

from kit.envelope import Actor, Envelope
from services.membership.adapters.wire import CODEC

RUN_GENERATOR = "run `python contracts/generate.py` and commit the result"


def test_the_committed_contracts_are_what_the_event_classes_generate_now(contracts):
    problems = contracts.generator().problems()
    assert not problems, f"contracts/ drifted from the code; {RUN_GENERATOR}:\n" + "\n".join(
        problems)


def test_the_generator_runs_as_a_script_and_its_check_passes(contracts):
    done = subprocess.run([sys.executable, str(contracts.root / "generate.py"), "--check"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"{RUN_GENERATOR}:\n{done.stderr}"


def test_drift_is_reported_file_by_file(contracts, tmp_path, monkeypatch):
    copy = tmp_path / "contracts"
    shutil.copytree(contracts.root, copy)
    generator = contracts.generator()
    monkeypatch.setattr(generator, "CONTRACTS", copy)
    died = copy / "events/membership/MemberDied.v1.json"
    died.write_text(died.read_text(encoding="utf-8").replace('"died_on"', '"date_of_death"'),
                    encoding="utf-8")
    (copy / "events/membership/PartyCardIssued.v1.json").unlink()
    (copy / "events/membership/MemberPromoted.v1.json").write_text("{}", encoding="utf-8")

    assert generator.problems() == [
        "events/membership/MemberDied.v1.json: differs from the event classes",
        "events/membership/PartyCardIssued.v1.json: missing",
        "events/membership/MemberPromoted.v1.json: no registered event type or version has "
        "this schema",
    ]
    generator.write()
    assert generator.problems() == [
        "events/membership/MemberPromoted.v1.json: no registered event type or version has "
        "this schema",
    ]


def test_an_old_version_without_a_frozen_schema_is_reported(contracts, monkeypatch):
    generator = contracts.generator()
    monkeypatch.setattr(generator, "FROZEN", [])
    problems = generator.problems()
    for old in ("events/membership/ApplicationSubmitted.v1.json",
                "events/meetings/ResolutionAdopted.v1.json"):
        assert any(p.startswith(f"{old}: an old version with no frozen schema")
                   for p in problems), problems


def test_the_frozen_historical_schemas_are_left_alone_by_the_generator(contracts):
    generator = contracts.generator()
    assert set(generator.FROZEN).isdisjoint(generator.expected_files())
    assert set(generator.FROZEN) == generator.historical_paths()


def test_every_published_schema_is_a_valid_draft_2020_12_schema(contracts):
    paths = ["envelope.schema.json",
             *(p.relative_to(contracts.root).as_posix()
               for p in sorted((contracts.root / "events").rglob("*.json")))]
    codecs = contracts.generator().SERVICES.values()
    assert len(paths) == 1 + sum(len(v) for codec in codecs for v in codec.history().values())
    for path in paths:
        schema = contracts.load(path)
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", path


def test_each_event_schema_names_its_wire_type_and_version_in_standard_keywords(contracts):
    for name, versions in CODEC.history().items():
        for version in versions:
            schema = contracts.load(contracts.data_schema_path(name, version))
            assert schema["$id"] == f"urn:partyorg:event:{name}:v{version}"
            assert schema["title"] == f"{name} v{version}"
            assert not [k for k in schema if k.startswith("x-")]  # strict validators refuse them
            assert schema["additionalProperties"] is False
            assert schema["description"]


def test_the_envelope_schema_has_exactly_the_fields_the_envelope_writes(contracts):
    schema = contracts.load("envelope.schema.json")
    fields = [f.name for f in dataclasses.fields(Envelope)]
    assert list(schema["properties"]) == fields
    assert schema["required"] == fields
    assert schema["additionalProperties"] is False
    actor = schema["properties"]["actor"]
    assert actor["required"] == [f.name for f in dataclasses.fields(Actor)]
    assert actor["additionalProperties"] is False


def test_the_topic_list_carries_every_event_type_with_a_schema_for_each_version(contracts):
    topics = {t["topic"]: t for t in contracts.load("topics.json")["topics"]}
    services = contracts.generator().SERVICES
    assert set(topics) == {f"{service}.events" for service in services}
    for service, codec in services.items():
        topic = topics[f"{service}.events"]
        assert topic["key"] == "stream_id"
        assert set(topic["headers"]) >= {"event_id", "type", "schema_version"}
        assert (contracts.root / topic["value"]["schema"]).is_file()
        carried = {e["type"]: [v["version"] for v in e["versions"]] for e in topic["events"]}
        assert carried == codec.history()
        for event in topic["events"]:
            for version in event["versions"]:
                assert (contracts.root / version["schema"]).is_file(), version["schema"]
    membership = topics["membership.events"]["events"]
    assert {e["type"]: [v["version"] for v in e["versions"]] for e in membership} == \
        CODEC.history()
    assert next(e for e in membership if e["type"] == "membership.ApplicationSubmitted")[
        "versions"] == [{"version": 1, "schema": "events/membership/ApplicationSubmitted.v1.json"},
                        {"version": 2, "schema": "events/membership/ApplicationSubmitted.v2.json"}]


def test_the_example_envelope_in_the_readme_is_valid(contracts):
    readme = (contracts.root / "README.md").read_text(encoding="utf-8")
    example = json.loads(readme.split("```json\n", 1)[1].split("```", 1)[0])
    assert contracts.problems(contracts.validator("envelope.schema.json"), example) == []
    data_schema = contracts.validator(
        contracts.data_schema_path(example["type"], example["schema_version"]))
    assert contracts.problems(data_schema, example["data"]) == []
