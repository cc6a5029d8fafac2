from dataclasses import dataclass
from datetime import date, datetime

import pytest

from kit.errors import InvalidInput
from kit.validation import check_fields


@dataclass(frozen=True)
class Part:
    known_since: date


@dataclass(frozen=True)
class Order:
    name: str
    on: date
    parts: tuple[Part, ...]
    until: date | None = None
    urgent: bool = False


def test_a_well_typed_command_passes():
    check_fields(Order("Chi bộ", date(2026, 1, 1), (Part(date(2025, 1, 1)),)))


@pytest.mark.parametrize(("order", "field"), [
    (Order("x", "2026-01-01", ()), "on"),
    (Order("x", datetime(2026, 1, 1), ()), "on"),
    (Order(None, date(2026, 1, 1), ()), "name"),
    (Order("x", date(2026, 1, 1), (Part("2025-01-01"),)), "parts.known_since"),
    (Order("x", date(2026, 1, 1), (), until=20260101), "until"),
    (Order("x", date(2026, 1, 1), (), urgent="yes"), "urgent"),
])
def test_a_mistyped_field_is_a_typed_error_naming_it(order, field):
    with pytest.raises(InvalidInput) as err:
        check_fields(order)
    assert err.value.field == field
