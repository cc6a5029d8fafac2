"""Đính chính hồ sơ: correcting a member file without rewriting its history.

A wrong date of birth, name or citizen ID, or a wrong date or number of a past decision, is put
right by a new fact, `MemberFileCorrected` (field, old value, new value, reason, the document it
rests on; the envelope says who), appended after the events it corrects; those stay as they were
recorded. From then on the file, every read model and every later check use the corrected value.
A correction that changes nothing, or that would make the file contradict itself (an admission
after the recognition, a birth after the admission, a citizen ID of another birth year), is
refused and records nothing.
"""

from __future__ import annotations

import enum
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from kit.dates import PARTY_FOUNDED
from kit.errors import InvalidInput, InvalidState
from kit.text import clean_name, clean_text

from .events import MemberFileCorrected
from .party_age import PartyAge
from .profile import MemberProfile, normalise_citizen_id, parse_enum
from .values import MemberStatus

if TYPE_CHECKING:
    from .member import Member


class FileField(enum.StrEnum):
    """What a correction may put right."""

    FULL_NAME = "full_name"  # họ và tên
    DATE_OF_BIRTH = "date_of_birth"  # ngày sinh
    CITIZEN_ID = "citizen_id"  # số định danh cá nhân / CCCD
    ADMITTED_ON = "admitted_on"  # ngày quyết định kết nạp
    ADMISSION_DECISION_NUMBER = "admission_decision_number"  # số quyết định kết nạp
    OFFICIAL_FROM = "official_from"  # ngày chính thức (công nhận đảng viên chính thức)


_DATES = {FileField.DATE_OF_BIRTH, FileField.ADMITTED_ON, FileField.OFFICIAL_FROM}
_LEFT = {MemberStatus.REMOVED_FROM_PROBATION, MemberStatus.REMOVED_FROM_ROLLS,
         MemberStatus.EXPELLED, MemberStatus.DECEASED}


def correct_file(member: Member, field: str, value: str, reason: str, document: str,
                 today: date) -> MemberFileCorrected:
    """Decide and record a correction of `member`'s file; returns the event recorded."""
    fact = "MemberFileCorrected"
    member._require_exists()
    if member.profile is None:
        raise InvalidState(f"member {member.id} does not exist", member_id=member.id)
    member._dated(today, today, "corrected_on", fact)  # a correction is dated the day it is made
    which = parse_enum(FileField, field, "field")
    reason = clean_text(reason, "reason", max_length=500)
    document = clean_text(document, "document", max_length=200)
    old = _current(member, which)
    if old is None:
        raise InvalidState(f"the file records no {which.value} to correct", member_id=member.id)
    new = _parse(which, value, today)
    if new == old:
        raise InvalidInput("value", f"is what the file already records ({_text(old)})")
    _check(member, which, new, today)
    event = MemberFileCorrected(member.id, which.value, _text(old), _text(new), reason, document,
                                today)
    member.record(event)
    return event


def apply_correction(member: Member, event: MemberFileCorrected) -> None:
    """Member.apply's part for MemberFileCorrected: the file holds the new value."""
    which = FileField(event.field)
    new = date.fromisoformat(event.new_value) if which in _DATES else event.new_value
    if which in (FileField.FULL_NAME, FileField.DATE_OF_BIRTH, FileField.CITIZEN_ID):
        assert member.profile is not None
        member.profile = replace(member.profile, **{which.value: new})
    elif which is FileField.ADMITTED_ON:
        old = date.fromisoformat(event.old_value)
        member.admitted_on = new
        member.party_age = corrected_party_age(member.party_age, old, new)
    elif which is FileField.ADMISSION_DECISION_NUMBER:
        member.admission_decision_number = new
    elif which is FileField.OFFICIAL_FROM:
        member.official_from = new


def corrected_party_age(age: PartyAge | None, old: date, new: date) -> PartyAge | None:
    """Party age counts from the first admission; a re-admission's date ends the last gap."""
    if age is None:
        return None
    if age.first_admitted_on == old:
        return PartyAge(new, age.gaps)
    if age.gaps and age.gaps[-1][1] == old:
        return PartyAge(age.first_admitted_on, (*age.gaps[:-1], (age.gaps[-1][0], new)))
    return age


def _current(member: Member, which: FileField) -> object:
    profile = member.profile
    assert profile is not None
    return {
        FileField.FULL_NAME: profile.full_name,
        FileField.DATE_OF_BIRTH: profile.date_of_birth,
        FileField.CITIZEN_ID: profile.citizen_id,
        FileField.ADMITTED_ON: member.admitted_on,
        FileField.ADMISSION_DECISION_NUMBER: member.admission_decision_number,
        FileField.OFFICIAL_FROM: member.official_from,
    }[which]


def _parse(which: FileField, value: str, today: date) -> object:
    if which in _DATES:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            raise InvalidInput("value", f"{value!r} is not a date (YYYY-MM-DD)") from None
        earliest = date(1900, 1, 1) if which is FileField.DATE_OF_BIRTH else PARTY_FOUNDED
        if not earliest <= day <= today:
            raise InvalidInput("value", f"must lie between {earliest:%d/%m/%Y} and today")
        return day
    if which is FileField.FULL_NAME:
        return clean_name(value, "value", max_length=100)
    if which is FileField.CITIZEN_ID:
        return normalise_citizen_id(value)
    return clean_text(value, "value", max_length=50)


def _check(member: Member, which: FileField, new: object, today: date) -> None:
    """The corrected file must agree with itself."""
    profile = member.profile
    assert profile is not None
    if which in (FileField.DATE_OF_BIRTH, FileField.CITIZEN_ID):
        try:  # the citizen ID encodes the birth year and gender
            MemberProfile.create(**{**profile.__dict__, which.value: new, "today": today})
        except InvalidInput as e:
            raise InvalidInput("value", f"the file would contradict itself: {e.message}") \
                from None
    born = new if which is FileField.DATE_OF_BIRTH else profile.date_of_birth
    admitted = new if which is FileField.ADMITTED_ON else member.admitted_on
    official = new if which is FileField.OFFICIAL_FROM else member.official_from
    order = [("date_of_birth", born), ("submitted_on", member.submitted_on),
             ("considered_on", member.admission_considered_on), ("admitted_on", admitted),
             ("ceremony_on", member.ceremony_on), ("official_from", official),
             ("left_on", member.left_on)]
    if which is FileField.ADMITTED_ON and member.party_age and member.party_age.gaps \
            and member.party_age.gaps[-1][1] == member.admitted_on:
        order.insert(1, ("left_on of the earlier membership", member.party_age.gaps[-1][0]))
    left = member.left_on if member.status in _LEFT else None
    order[-1] = ("left_on", left)
    known = [(name, day) for name, day in order if day is not None]
    for (a, day_a), (b, day_b) in zip(known, known[1:], strict=False):
        if day_a > day_b:  # type: ignore[operator]
            raise InvalidInput("value", f"the file would contradict itself: {a} "
                                        f"{_text(day_a)} falls after {b} {_text(day_b)}")


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
