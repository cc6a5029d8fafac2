"""Names: letters of any script, combining marks on them, spaces and the punctuation names carry;
digits and the slash only in names that number things; nothing else. Stored NFC, exactly."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pytest

from kit.errors import InvalidInput
from kit.text import Name, NumberedName, clean_name
from kit.validation import check_fields

PEOPLE = ["Nguyễn Thị Ánh", "Hà Văn Đồng", "Lò Văn Páo", "H'Hen Niê", "H’Hen Niê",
          "Nông Thị Xuân", "Y Moan Ênuôl", "Ksor H'Bơ Khăp", "Nguyễn Văn A",
          "Lê Thị Thu (Thu Hà)", "Mary-Jane O'Brien Jr.", "Trần, Văn Bình", "Лев Толстой",
          "王小明", "अमिताभ बच्चन", "ສົມສັກ ພົມວິຫານ"]
BODIES = ["Đảng bộ xã Yên Mô", "Chi bộ thôn Đông Thôn", "Chi bộ thôn 3",
          "Đảng bộ Khối Cơ quan - Doanh nghiệp tỉnh", "Đảng bộ Khối Cơ quan – Doanh nghiệp",
          "Chi bộ Trường THCS Nguyễn Du (cơ sở 2)", "Đảng bộ Công ty 19/5",
          "Chi bộ Tổ dân phố số 5, phường Nam Bình"]
NOT_NAMES = ["Trần Văn 😀", "😀", "...", "- -", "()", "Lê_Văn", "Nguyễn@Văn", "Hà Văn #",
             "Lê Văn <b>", "Trần Văn \u0301", "\u0301Trần", "Nguyễn\u200bVăn", "A+B",
             "Văn;DROP", "Lê Văn ①", "Trần Văn ☭", "Nguyễn Văn ٣", "", "   "]
NUMBERING = {"Nguyễn Văn 3": "must not contain digits", "Lê 2": "must not contain digits",
             "Trần Văn/Bình": "may hold only letters, spaces and - ' . , ( ), not '/'"}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize("name", PEOPLE)
def test_a_persons_name_in_any_script_round_trips_exactly(name):
    assert clean_name(name, "full_name") == unicodedata.normalize("NFC", name)
    assert clean_name(nfd(name), "full_name") == unicodedata.normalize("NFC", name)


@pytest.mark.parametrize("name", BODIES + PEOPLE)
def test_a_bodys_name_may_number_things(name):
    assert clean_name(nfd(name), "name", numbered=True) == unicodedata.normalize("NFC", name)


@pytest.mark.parametrize("numbered", [False, True])
@pytest.mark.parametrize("value", NOT_NAMES)
def test_anything_else_is_refused_naming_the_field(value, numbered):
    with pytest.raises(InvalidInput) as refused:
        clean_name(value, "full_name", numbered=numbered)

    assert refused.value.field == "full_name"


@pytest.mark.parametrize(("value", "why"), NUMBERING.items())
def test_a_persons_name_numbers_nothing(value, why):
    with pytest.raises(InvalidInput) as refused:
        clean_name(value, "full_name")

    assert refused.value.message == f"full_name: {why}"


def test_the_refusal_names_the_character():
    with pytest.raises(InvalidInput) as refused:
        clean_name("Trần Văn 😀", "full_name")

    assert "'😀'" in refused.value.message


@dataclass(frozen=True)
class Record:
    full_name: Name
    body: NumberedName
    alias: Name | None = None
    note: str = ""


def test_an_annotated_name_is_checked_at_the_command_boundary():
    check_fields(Record(nfd("H'Hen Niê"), "Chi bộ thôn 3", note="😀 is fine in a note"))

    for record, field in ((Record("Trần Văn 😀", "Chi bộ"), "full_name"),
                          (Record("Lò Văn Páo", "Chi bộ 😀"), "body"),
                          (Record("Lò Văn Páo", "Chi bộ", alias="3"), "alias"),
                          (Record(None, "Chi bộ"), "full_name")):
        with pytest.raises(InvalidInput) as refused:
            check_fields(record)
        assert refused.value.field == field
