"""The contracts work with a standard validator that is not Python: Ajv (Node.js) in strict mode,
run as contracts/README.md tells integrators (contracts/validate/validate.js)."""

from __future__ import annotations

import json
import shutil
import subprocess

from kit.testing.ajv import NODE, ajv_check
from kit.testing.services import require_binary


def published_schema_count(contracts) -> int:
    codecs = contracts.generator().SERVICES.values()
    return 1 + sum(len(v) for codec in codecs for v in codec.history().values())


def readme_example(contracts) -> dict:
    readme = (contracts.root / "README.md").read_text(encoding="utf-8")
    return json.loads(readme.split("```json\n", 1)[1].split("```", 1)[0])


def test_every_published_schema_compiles_in_ajv_strict_mode(contracts):
    report = ajv_check(contracts.root)
    assert report.problems == []
    assert report.summary.startswith(f"{published_schema_count(contracts)} schemas compiled")


def test_a_schema_with_a_keyword_ajv_does_not_know_is_reported(contracts, tmp_path):
    copy = tmp_path / "contracts"
    shutil.copytree(contracts.root, copy, ignore=shutil.ignore_patterns("node_modules"))
    died = copy / "events/membership/MemberDied.v1.json"
    schema = json.loads(died.read_text(encoding="utf-8"))
    died.write_text(json.dumps({**schema, "x-event-type": "membership.MemberDied"}),
                    encoding="utf-8")

    report = ajv_check(copy)

    assert report.problems == [
        'events/membership/MemberDied.v1.json: does not compile in Ajv strict mode: '
        'strict mode: unknown keyword: "x-event-type"']


def test_the_example_envelope_in_the_readme_validates_with_ajv(contracts, tmp_path):
    report = ajv_check(contracts.root, [readme_example(contracts)], tmp_path)
    assert report.problems == []
    assert "1 envelopes checked, 0 problems" in report.summary


def test_ajv_rejects_an_unknown_field_a_bad_id_date_or_time_and_an_unknown_type(
    contracts, tmp_path
):
    good = readme_example(contracts)
    broken = [
        {**good, "data": {**good["data"], "nickname": "Ánh"}},
        {**good, "data": {**good["data"], "member_id": "not-a-uuid", "decided_on": "10/10/2025"}},
        {**good, "occurred_at": "2026-01-15T03:00:00"},  # no offset
        {**good, "type": "membership.MemberPromoted"},
    ]

    report = ajv_check(contracts.root, broken, tmp_path)

    where = str(tmp_path / "envelopes.jsonl")
    admitted = "urn:partyorg:event:membership.MemberAdmitted:v1"
    assert report.problems == [
        f"{where}:1: {admitted} data /: must NOT have additional properties (nickname)",
        f'{where}:2: {admitted} data /member_id: must match format "uuid"',
        f'{where}:2: {admitted} data /decided_on: must match format "date"',
        f'{where}:3: envelope /occurred_at: must match format "date-time"',
        f"{where}:4: no published schema urn:partyorg:event:membership.MemberPromoted:v1",
    ]


def test_the_command_the_readmes_give_integrators_runs_as_printed(contracts, tmp_path):
    require_binary("npm", NODE)
    (command,) = [line for line in (contracts.root / "README.md").read_text(encoding="utf-8")
                  .splitlines() if line.startswith("cd contracts/validate && ")]
    top_readme = (contracts.root.parent / "README.md").read_text(encoding="utf-8")
    assert f"\n{command}\n" in top_readme
    shutil.copytree(contracts.root, tmp_path / "contracts",
                    ignore=shutil.ignore_patterns("node_modules"))
    envelopes = tmp_path / "envelopes.jsonl"
    envelopes.write_text(json.dumps(readme_example(contracts)) + "\n", encoding="utf-8")

    done = subprocess.run(["bash", "-c", command.replace("/path/to/envelopes.jsonl",
                                                         str(envelopes))],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)

    assert done.returncode == 0, done.stderr
    assert "1 envelopes checked, 0 problems" in done.stdout
