"""Every name a command carries, in every command of every declared service, is checked as a name.

A field is a name when it is called `name` or `..._name` (a person's `full_name`, an
organisation's `name` or `organisation_name`), at any depth of the command (the profile inside an
application, a list of entries). Each must be annotated as a name (kit.text.Name, or NumberedName
for a body's name, which may number things; a person's never does), and the service must refuse
a bad one with InvalidInput naming the field before anything is written, whatever the rest of the
command says.
"""

from __future__ import annotations

import dataclasses
import types
import typing
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest

from kit.clock import BUSINESS_TZ, FixedClock
from kit.envelope import Actor, CommandContext
from kit.errors import InvalidInput
from kit.text import NameRule
from kit.validation import check_fields
from partyorg.embedded import build_platform
from partyorg.services import SERVICES

Path = tuple[str, ...]
BAD = ["Trần Văn 😀", "...", "Lê_Văn", "Nguyễn@Văn", "Lê Văn <b>", "Trần Văn \u0301", "☭"]
PEOPLE = ["Nguyễn Thị Ánh", "Hà Văn Đồng", "Lò Văn Páo", "H'Hen Niê", "Nông Thị Xuân"]
BODIES = ["Đảng bộ xã Yên Mô", "Chi bộ thôn Đông Thôn", "Chi bộ thôn 3"]
SAMPLE = {str: "x", int: 1, bool: False, date: date(2026, 1, 5),
          datetime: datetime(2026, 1, 5, 19, 30, tzinfo=BUSINESS_TZ), float: 1.0}


def is_name(field: str) -> bool:
    return field == "name" or field.endswith("_name")


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


def _unwrap(tp: Any) -> tuple[Any, list[Any], bool]:
    """The type without Annotated, Optional or a list around it, its annotated rules, and
    whether it was a list."""
    rules: list[Any] = []
    listed = False
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp, *more = typing.get_args(tp)
            rules += more
        elif origin in (typing.Union, types.UnionType):
            tp = next(a for a in typing.get_args(tp) if a is not type(None))
        elif origin in (tuple, list):
            tp, listed = typing.get_args(tp)[0], True
        else:
            return tp, rules, listed


def name_fields(cls: type, path: Path = (), shown: str = "") -> Iterator[tuple[Path, str, list]]:
    """(path, the field as a refusal names it, annotated rules) of every name in the command.
    Refusals name a record's fields bare, and a listed record's after the list (kit.validation)."""
    for field, tp in _hints(cls).items():
        inner, rules, listed = _unwrap(tp)
        if dataclasses.is_dataclass(inner):
            yield from name_fields(inner, (*path, field), f"{field}." if listed else "")
        elif is_name(field):
            yield (*path, field), shown + field, rules


def sample(tp: Any, bad_at: Path | None, bad: str) -> Any:
    """A well-typed value (every name a good one), with `bad` as the name at bad_at."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return bad if bad_at == () else sample(typing.get_args(tp)[0], bad_at, bad)
    if origin in (typing.Union, types.UnionType):
        return sample(next(a for a in typing.get_args(tp) if a is not type(None)), bad_at, bad)
    if origin in (tuple, list):
        return origin([sample(typing.get_args(tp)[0], bad_at, bad)])
    if dataclasses.is_dataclass(tp):
        return tp(**{f: sample(t, bad_at[1:] if bad_at and bad_at[0] == f else None, bad)
                     for f, t in _hints(tp).items()})
    if bad_at == ():
        return bad  # a name nobody annotated: the refusal must still come
    return SAMPLE[tp]


CASES = [(d.name, cls, path, shown, rules) for d in SERVICES for cls in d.handlers
         for path, shown, rules in name_fields(cls)]
IDS = [f"{cls.__name__}.{'.'.join(path)}" for _, cls, path, _, _ in CASES]


def test_the_walk_finds_the_names_of_people_and_of_organisations():
    found = {(cls.__name__, path) for _, cls, path, _, _ in CASES}

    assert {("SubmitApplication", ("profile", "full_name")),
            ("UpdateMemberProfile", ("changes", "full_name")),
            ("CreateOrganisation", ("name",)), ("RenameOrganisation", ("name",)),
            ("RecordSuperiorCadreAttendance", ("full_name",)),
            ("RecordSuperiorCadreAttendance", ("organisation_name",))} <= found


@pytest.mark.parametrize(("service", "cls", "path", "shown", "rules"), CASES, ids=IDS)
def test_every_name_field_is_annotated_as_a_name(service, cls, path, shown, rules):
    [rule] = [r for r in rules if isinstance(r, NameRule)] or [None]

    assert rule is not None, f"annotate {cls.__name__}.{'.'.join(path)} as kit.text.Name"
    if path[-1] == "full_name":
        assert not rule.numbered, "a person's name numbers nothing"


@pytest.mark.parametrize(("service", "cls", "path", "shown", "rules"), CASES, ids=IDS)
def test_good_names_pass_the_command_boundary(service, cls, path, shown, rules):
    for good in PEOPLE + (BODIES if path[-1] != "full_name" else []):
        check_fields(sample(cls, path, good))


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    clock = FixedClock()
    clock.set_today(date(2026, 1, 5))
    platform = build_platform(tmp_path_factory.mktemp("names"), clock=clock)
    yield platform
    platform.close()


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize(("service", "cls", "path", "shown", "rules"), CASES, ids=IDS)
def test_a_bad_name_is_refused_naming_the_field_and_writes_nothing(platform, service, cls, path,
                                                                   shown, rules, bad):
    served = platform.services[service]
    head = served.store.head_position()
    context = CommandContext(str(uuid.uuid4()), "NB", Actor("tester", "system"))

    with pytest.raises(InvalidInput) as refused:
        served.service.execute(sample(cls, path, bad), context)

    assert refused.value.field == shown
    assert served.store.head_position() == head
