"""Write the published event contracts from the event classes the codec registers.

    python contracts/generate.py          # rewrite contracts/events/** and contracts/topics.json
    python contracts/generate.py --check  # exit 1 if the committed files differ

One JSON Schema per event type and current version describes the envelope's `data`. Schemas of
older versions cannot be derived from today's classes: they are frozen, hand-written files
(FROZEN below) that this script never touches but insists exist.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import re
import sys
import types
import typing
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kit.codec import EventCodec, WireType
from kit.shredding import SEALED, SEALED_ERASED
from partyorg.services import SERVICES as DECLARED

CONTRACTS = Path(__file__).resolve().parent
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ENVELOPE_SCHEMA = "envelope.schema.json"

# service -> the codec of the events it publishes (never a consumer's view of another service's
# events); each service publishes to the topic `<service>.events`
SERVICES: dict[str, EventCodec] = {d.name: d.codec for d in DECLARED}

# Fields named `*_id` hold UUIDs, except these identifiers from outside the system.
NOT_UUIDS = {"citizen_id"}

# Historical versions, written by hand when their version was current; never regenerated.
FROZEN = [
    "events/membership/ApplicationSubmitted.v1.json",
    "events/meetings/ResolutionAdopted.v1.json",
    # v1 of the decision events, before they named the deciding body
    "events/membership/MemberAdmitted.v1.json",
    "events/membership/MemberRecognisedAsOfficial.v1.json",
    "events/membership/MemberRemovedFromProbationaryList.v1.json",
    "events/membership/MemberTransferred.v1.json",
    "events/membership/MemberExempted.v1.json",
    "events/membership/MemberRemovedFromRolls.v1.json",
    "events/membership/MemberDisciplined.v1.json",
    # v1 of the events whose enums the 2025 changes widened
    "events/membership/OrganisationCreated.v1.json",
    "events/membership/ExistingMemberRecorded.v1.json",
    # v2 of member discipline, before it named the misconduct (v3)
    "events/membership/MemberDisciplined.v2.json",
    # v1 of the cadre file's opening, before its `person` was sealed (personnel-more)
    "events/personnel/CadreFileOpened.v1.json",
]


def schema_id(wire_name: str, version: int) -> str:
    return f"urn:partyorg:event:{wire_name}:v{version}"


def schema_path(wire_name: str, version: int) -> str:
    service, name = wire_name.split(".", 1)
    return f"events/{service}/{name}.v{version}.json"


def describe(cls: type) -> str:
    """The class docstring, or its name in words when it has none (dataclass fills in a signature)."""
    doc = (cls.__doc__ or "").strip()
    if not doc or doc.startswith(f"{cls.__name__}("):
        words = re.findall(r"[A-Z][a-z]*", cls.__name__)
        return " ".join([words[0], *(w.lower() for w in words[1:])]) + "."
    return " ".join(doc.split())


def type_schema(tp: Any) -> dict[str, Any]:
    """The JSON Schema of one annotated type, mirroring kit/json_encode.py's to_jsonable."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"only `X | None` unions are publishable, not {tp}")
        return nullable(type_schema(args[0]))
    if origin in (tuple, list):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        return {"type": "array", "items": type_schema(args[0])}
    if dataclasses.is_dataclass(tp):
        return object_schema(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [member.value for member in tp]}
    simple = {
        bool: {"type": "boolean"},
        int: {"type": "integer"},
        float: {"type": "number"},
        str: {"type": "string"},
        datetime: {"type": "string", "format": "date-time"},  # before date: a datetime is a date
        date: {"type": "string", "format": "date"},
    }
    for py, schema in simple.items():
        if tp is py:
            return dict(schema)
    raise TypeError(f"no JSON Schema mapping for {tp!r}")


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), str) and "properties" not in schema:
        out = {**schema, "type": [schema["type"], "null"]}
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        return out
    return {"anyOf": [schema, {"type": "null"}]}


def field_schema(name: str, tp: Any) -> dict[str, Any]:
    schema = type_schema(tp)
    if name.endswith("_id") and name not in NOT_UUIDS and "string" in schema.get("type", ()):
        schema = {**schema, "format": "uuid"}
    return schema


def object_schema(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    return {
        "type": "object",
        "title": cls.__name__,
        "description": describe(cls),
        "properties": {f.name: field_schema(f.name, hints[f.name]) for f in fields},
        "required": [f.name for f in fields],  # to_jsonable always writes every field
        "additionalProperties": False,
    }


# a personal field (kit/personal.py) travels sealed with its person's key (kit/shredding.py)
SEALED_FIELD = {
    "type": "string",
    "pattern": f"^({SEALED}[A-Za-z0-9+/]+={{0,2}}|{SEALED_ERASED})$",
    "description": "personal data, sealed with its person's key (AES-256-GCM; erased for good "
                   "once that key is destroyed)",
}


def event_schema(wire: WireType) -> dict[str, Any]:
    # Standard 2020-12 keywords only: strict validators (Ajv's default) refuse unknown ones such as
    # `x-event-type`. The type and version are in $id, which validators look schemas up by.
    body = object_schema(wire.cls)
    for name in wire.personal.fields if wire.personal is not None else ():
        body["properties"][name] = dict(SEALED_FIELD)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_id(wire.name, wire.version),
        "title": f"{wire.name} v{wire.version}",
        "description": body.pop("description"),
        **{k: v for k, v in body.items() if k != "title"},
    }


def topics() -> dict[str, Any]:
    out = []
    for service, codec in SERVICES.items():
        history = codec.history()
        out.append({
            "topic": f"{service}.events",
            "key": "stream_id",
            "key_description": "the envelope's stream_id: all events of one aggregate stay in "
                               "one partition, in stream order",
            "value": {"content_type": "application/json", "schema": ENVELOPE_SCHEMA},
            "header_encoding": "utf-8",
            "headers": {  # values are UTF-8 text, copied from the envelope
                "event_id": "the envelope's event_id (UUID): consumers deduplicate on it",
                "type": "the envelope's type, e.g. membership.MemberAdmitted",
                "schema_version": "the envelope's schema_version, as a decimal string",
                "correlation_id": "the envelope's correlation_id, for tracing",
            },
            "events": [
                {
                    "type": wire.name,
                    "current_version": wire.version,
                    "versions": [
                        {"version": v, "schema": schema_path(wire.name, v)}
                        for v in history[wire.name]
                    ],
                }
                for wire in codec.types()
            ],
        })
    return {
        "description": "Kafka topics the outbox relay produces to. Schema paths are relative to "
                       "contracts/. Generated by contracts/generate.py: do not edit.",
        "topics": out,
    }


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def expected_files() -> dict[str, str]:
    """Generated path (relative to contracts/) -> content."""
    files = {"topics.json": render(topics())}
    for codec in SERVICES.values():
        for wire in codec.types():
            files[schema_path(wire.name, wire.version)] = render(event_schema(wire))
    return files


def historical_paths() -> set[str]:
    """Schemas of versions older than the current one: these must be frozen files."""
    return {
        schema_path(name, v)
        for codec in SERVICES.values()
        for name, versions in codec.history().items()
        for v in versions[:-1]
    }


def problems() -> list[str]:
    """Differences between the committed contracts and what the code produces now."""
    out = []
    for path in sorted(historical_paths() - set(FROZEN)):
        out.append(f"{path}: an old version with no frozen schema; write it by hand and add it "
                   f"to FROZEN in contracts/generate.py")
    for path in FROZEN:
        if not (CONTRACTS / path).is_file():
            out.append(f"{path}: listed in FROZEN but missing")
    expected = expected_files()
    for path, content in expected.items():
        file = CONTRACTS / path
        if not file.is_file():
            out.append(f"{path}: missing")
        elif file.read_text(encoding="utf-8") != content:
            out.append(f"{path}: differs from the event classes")
    known = set(expected) | set(FROZEN)
    for file in sorted((CONTRACTS / "events").rglob("*.json")):
        path = file.relative_to(CONTRACTS).as_posix()
        if path not in known:
            out.append(f"{path}: no registered event type or version has this schema")
    return out


def write() -> list[str]:
    written = []
    for path, content in expected_files().items():
        file = CONTRACTS / path
        if not file.is_file() or file.read_text(encoding="utf-8") != content:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(content, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    if "--check" not in argv:
        for path in write():
            print(f"wrote contracts/{path}")
    found = problems()
    for problem in found:
        print(f"contracts/{problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
