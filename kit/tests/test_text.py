"""Vietnamese text: NFC on input, Vietnamese alphabetical order, and folding for search."""

from __future__ import annotations

import random
import unicodedata

import pytest

from kit.errors import InvalidInput
from kit.text import clean_text, fold, vietnamese_key, vietnamese_name_key


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def vn_sorted(words: list[str], key=vietnamese_key) -> list[str]:
    shuffled = words[:]
    random.Random(7).shuffle(shuffled)
    return sorted(shuffled, key=key)


# -- clean_text -----------------------------------------------------------------------------


def test_clean_text_returns_nfc_for_nfd_input():
    cleaned = clean_text(nfd("Nguyễn Thị Ánh Tuyết"), "full_name")

    assert cleaned == "Nguyễn Thị Ánh Tuyết"
    assert unicodedata.is_normalized("NFC", cleaned)
    assert len(cleaned) == 20


def test_clean_text_trims_and_folds_inner_whitespace():
    assert clean_text("  Trần \t Văn\u00a0 Bình \n", "full_name") == "Trần Văn Bình"


@pytest.mark.parametrize("value", ["", "   ", "\n\t"])
def test_clean_text_refuses_empty_text_naming_the_field(value):
    with pytest.raises(InvalidInput) as caught:
        clean_text(value, "hometown")
    assert caught.value.field == "hometown"


def test_clean_text_allows_empty_text_when_not_required():
    assert clean_text("  ", "qualification", required=False) == ""


def test_clean_text_counts_length_after_normalising():
    # 6 characters in NFC, 10 code points in NFD: the limit is on what is stored
    assert clean_text(nfd("Ngữ Ẩn"), "name", max_length=6) == "Ngữ Ẩn"
    with pytest.raises(InvalidInput) as caught:
        clean_text("Nguyễn", "name", max_length=5)
    assert caught.value.field == "name"


@pytest.mark.parametrize("value", ["Lê\u200bVăn", "Lê\x00Văn", "Lê\u202eVăn", "Lê\ue000"])
def test_clean_text_refuses_control_and_invisible_characters(value):
    with pytest.raises(InvalidInput):
        clean_text(value, "full_name")


def test_clean_text_refuses_what_is_not_text():
    with pytest.raises(InvalidInput) as caught:
        clean_text(42, "name")  # type: ignore[arg-type]
    assert caught.value.field == "name"


# -- vietnamese_key -------------------------------------------------------------------------


def test_letters_with_marks_of_shape_sort_after_their_base_letter():
    words = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o",
             "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]
    assert vn_sorted(words) == words


def test_words_sort_letter_by_letter_with_shorter_words_first():
    words = ["an", "anh", "ăn", "ân", "âu", "bình", "chi", "dũng", "đức", "hà", "hải", "ông",
             "ơn", "uy", "ưng"]
    assert vn_sorted(words) == words


def test_tone_marks_only_break_ties_in_the_order_level_grave_hook_tilde_acute_dot():
    words = ["ma", "mà", "mả", "mã", "má", "mạ", "man"]
    assert vn_sorted(words) == words


def test_a_syllable_is_compared_whole_before_the_next_syllable():
    # the tone of the first syllable decides before any later syllable is looked at
    assert vn_sorted(["ánh lê", "anh trần", "anh bình"]) == ["anh bình", "anh trần", "ánh lê"]
    assert vn_sorted(["an tâm", "an", "anh"]) == ["an", "an tâm", "anh"]


def test_the_key_does_not_depend_on_case_or_normal_form():
    assert vietnamese_key("Đức") == vietnamese_key("đức") == vietnamese_key(nfd("ĐỨC"))
    assert vietnamese_key(nfd("Nguyễn Ẩn")) == vietnamese_key("Nguyễn Ẩn")


def test_stacked_marks_keep_both_the_letter_and_the_tone():
    # ậ = a + circumflex + dot below; NFD puts the dot (the tone) before the circumflex
    assert vn_sorted(["ật", "ạt", "ât", "ăt", "ắt"]) == ["ạt", "ăt", "ắt", "ât", "ật"]
    assert vn_sorted(["ự", "ừ", "ư", "ụ", "u"]) == ["u", "ụ", "ư", "ừ", "ự"]


def test_letters_outside_the_vietnamese_alphabet_and_digits_sort_after_it():
    assert vn_sorted(["zê", "yên", "fa", "wa", "jo"]) == ["yên", "fa", "jo", "wa", "zê"]


# -- vietnamese_name_key --------------------------------------------------------------------


def test_names_sort_by_given_name_then_family_and_middle_names():
    names = ["Nguyễn Văn An", "Trần Thị Anh", "Lê Văn Ánh", "Phạm Văn Bình", "Hoàng Thị Chi",
             "Nguyễn Văn Dũng", "Đỗ Văn Đức", "Bùi Thị Hà", "Lê Thị Hà", "Nguyễn Thị Hà"]
    assert vn_sorted(names, vietnamese_name_key) == names


def test_an_empty_name_has_the_smallest_key():
    assert vietnamese_name_key("   ") == ""
    assert vietnamese_name_key("") < vietnamese_name_key("An")


# -- fold -----------------------------------------------------------------------------------


def test_fold_removes_every_mark_and_lowers_case():
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("ĐẶNG THỊ HƯƠNG") == "dang thi huong"
    assert fold(nfd("Ông Ích Khiêm")) == "ong ich khiem"


def test_fold_leaves_plain_text_alone():
    assert fold("nguyen van an 123") == "nguyen van an 123"
