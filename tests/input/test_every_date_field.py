"""Every date and time a command carries, in every command of every declared service, has a
plausible span (kit.dates) and a value outside it is refused before anything is written.

Each date or datetime field, at any depth of the command (the profile inside an application, a
list of sponsors), must be annotated with a DateSpan; the service refuses a value a day outside
either end of it, or at the ends of the calendar, with InvalidInput naming the field, whatever the
rest of the command says. The reported examples are among them: a meeting opened at
0114-04-16T07:00:00 (no offset) and one rescheduled to the year 6783.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from kit.clock import FixedClock
from kit.dates import BUSINESS_OFFSET, DateSpan, business_time
from kit.envelope import Actor, CommandContext
from kit.errors import InvalidInput
from kit.validation import check_fields
from partyorg.embedded import build_platform
from partyorg.services import SERVICES
from services.meetings.domain.values import local_time

from .test_every_name_field import Path, _hints, _unwrap, sample

TODAY = date(2026, 1, 5)


def date_fields(cls: type, path: Path = (), shown: str = "") -> Iterator[tuple[Path, str, type,
                                                                                   list]]:
    """(path, the field as a refusal names it, date or datetime, annotated rules) of every date
    in the command."""
    for field, tp in _hints(cls).items():
        inner, rules, listed = _unwrap(tp)
        if dataclasses.is_dataclass(inner):
            yield from date_fields(inner, (*path, field), f"{field}." if listed else "")
        elif inner in (date, datetime):
            yield (*path, field), shown + field, inner, rules


def implausible(kind: type, span: DateSpan | None) -> list[date]:
    """A day outside each end of the span, and the ends of the calendar."""
    days = [date(1, 1, 1), date(9999, 12, 31)]
    if span is not None:
        first, last = span.bounds(TODAY)
        days += [first - timedelta(days=1), last + timedelta(days=1)]
    if kind is date:
        return days
    return ([datetime(d.year, d.month, d.day, 7, 0) for d in days]  # no offset
            + [datetime(d.year, d.month, d.day, 7, 0, tzinfo=UTC) for d in days]
            + [datetime(114, 4, 16, 7, 0), datetime(6783, 4, 16, 19, 30, tzinfo=BUSINESS_OFFSET)])


CASES = [(d.name, cls, path, shown, kind, rules) for d in SERVICES for cls in d.handlers
         for path, shown, kind, rules in date_fields(cls)]
IDS = [f"{cls.__name__}.{'.'.join(path)}" for _, cls, path, _, _, _ in CASES]
PROBES = [(*case, bad) for case in CASES
          for bad in implausible(case[4], next((r for r in case[5] if isinstance(r, DateSpan)),
                                               None))]
PROBE_IDS = [f"{cls.__name__}.{'.'.join(path)}={bad.isoformat()}"
             for _, cls, path, _, _, _, bad in PROBES]


def test_the_walk_finds_the_dates_of_people_records_and_meetings():
    found = {(cls.__name__, path) for _, cls, path, _, _, _ in CASES}

    assert {("SubmitApplication", ("profile", "date_of_birth")),
            ("SubmitApplication", ("sponsors", "known_since")),
            ("AdmitMember", ("decided_on",)), ("TransferMemberTemporarily", ("ends_on",)),
            ("OpenMeeting", ("started_at",)), ("RescheduleMeeting", ("scheduled_start",)),
            ("PublishMaterials", ("published_at",))} <= found


@pytest.mark.parametrize(("service", "cls", "path", "shown", "kind", "rules"), CASES, ids=IDS)
def test_every_date_field_says_its_span(service, cls, path, shown, kind, rules):
    spans = [r for r in rules if isinstance(r, DateSpan)]

    assert len(spans) == 1, f"annotate {cls.__name__}.{'.'.join(path)} with a kit.dates span"
    assert spans[0].reason


@pytest.mark.parametrize(("service", "cls", "path", "shown", "kind", "rules"), CASES, ids=IDS)
def test_both_ends_of_the_span_pass_the_command_boundary(service, cls, path, shown, kind, rules):
    [span] = [r for r in rules if isinstance(r, DateSpan)]
    for day in span.bounds(TODAY):
        value = day if kind is date else datetime(day.year, day.month, day.day, 12, 0)
        check_fields(sample(cls, path, value), today=TODAY)


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    clock = FixedClock()
    clock.set_today(TODAY)
    platform = build_platform(tmp_path_factory.mktemp("dates"), clock=clock)
    yield platform
    platform.close()


@pytest.mark.parametrize(("service", "cls", "path", "shown", "kind", "rules", "bad"), PROBES,
                         ids=PROBE_IDS)
def test_an_implausible_date_is_refused_naming_the_field_and_writes_nothing(
        platform, service, cls, path, shown, kind, rules, bad):
    served = platform.services[service]
    head = served.store.head_position()
    context = CommandContext(str(uuid.uuid4()), "NB", Actor("tester", "system"))

    with pytest.raises(InvalidInput) as refused:
        served.service.execute(sample(cls, path, bad), context)

    assert refused.value.field == shown
    assert served.store.head_position() == head


def test_a_time_without_an_offset_is_read_at_plus_seven_never_local_mean_time():
    assert business_time(datetime(2026, 1, 5, 19, 30)).utcoffset() == timedelta(hours=7)
    # the moment is read at +07:00 whatever offset the zone's history gives that day
    assert local_time(datetime(114, 4, 16, 7, 0), "t") == datetime(114, 4, 16, 0, 0, tzinfo=UTC)
    assert local_time(datetime(2026, 1, 5, 19, 30), "t") == datetime(2026, 1, 5, 12, 30,
                                                                      tzinfo=UTC)
