"""The committed SDL is the contract clients review: it must match the live schema."""

from __future__ import annotations

import difflib

from gateway.export_schema import CONTRACT, export_schema, schema_sdl


def test_the_committed_sdl_matches_the_live_schema():
    live = schema_sdl()
    committed = CONTRACT.read_text(encoding="utf-8") if CONTRACT.exists() else ""
    diff = "".join(difflib.unified_diff(committed.splitlines(True), live.splitlines(True),
                                        "committed", "live", n=1))
    assert committed == live, (
        f"{CONTRACT} is out of date; regenerate it with "
        f"`python -m gateway.export_schema` and commit it.\n{diff[:3000]}")


def test_exporting_writes_the_live_schema(tmp_path):
    path = export_schema(tmp_path / "schema.graphql")
    assert path.read_text(encoding="utf-8") == schema_sdl()
    assert "admitMember(input: AdmitMemberInput!): AdmitMemberResult!" in schema_sdl()
