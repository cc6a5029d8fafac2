"""Vietnamese text: NFC on input, what a name may hold, and a sort key that orders names as a
Vietnamese reader expects.

Vietnamese alphabetical order treats ă, â, đ, ê, ô, ơ, ư as letters of their own
(a < ă < â < b < c < d < đ < e < ê ...), and tone marks only break ties, in the order
ngang < huyền < hỏi < ngã < sắc < nặng. Personal names sort by given name (the last word),
then by the family and middle names.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Annotated

from kit.errors import InvalidInput

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {ch: i + 1 for i, ch in enumerate(_ALPHABET)}
# combining marks: tone marks rank as ties; shape marks make separate letters
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_SHAPES = {"\u0306": "ă", "\u0302": "^", "\u031b": "'"}
_SHAPED = {("a", "ă"): "ă", ("a", "^"): "â", ("e", "^"): "ê", ("o", "^"): "ô", ("o", "'"): "ơ",
           ("u", "'"): "ư"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_text(value: str, field: str, *, max_length: int = 200, required: bool = True) -> str:
    """NFC-normalise, trim and fold inner whitespace; refuse empty, overlong or control text."""
    if not isinstance(value, str):
        raise InvalidInput(field, "must be text")
    text = " ".join(nfc(value).split())
    if required and not text:
        raise InvalidInput(field, "must not be empty")
    if len(text) > max_length:
        raise InvalidInput(field, f"must be at most {max_length} characters")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") for ch in text):
        raise InvalidInput(field, "contains control or invisible characters")
    return text


# Names (of people, of bodies): letters of any script, combining marks on them, spaces and the
# punctuation real names carry: hyphen (Jean-Luc; a dash between parts of a body's name), the
# apostrophe of Ê Đê and J'rai names (H'Hen Niê), period (Jr.), comma and parentheses; each in its
# typewriter and typographic forms (a phone keyboard types ’). Digits 0-9 and the slash only
# where the name may number things (Thôn 3, Công ty 19/5): names of bodies, not of people.
NAME_PUNCTUATION = frozenset("-\u2010\u2013'\u2019.,()")
NUMBERING = frozenset("0123456789/")


@dataclass(frozen=True)
class NameRule:
    """Marks a command field as a name, `Annotated[str, NAME]`: kit.validation refuses any other
    character before a handler runs. `numbered` also allows digits and the slash."""

    numbered: bool = False


NAME = NameRule()
NUMBERED_NAME = NameRule(numbered=True)
Name = Annotated[str, NAME]  # e.g. a person's
NumberedName = Annotated[str, NUMBERED_NAME]  # e.g. a body's


def name_problem(text: str, *, numbered: bool = False) -> str | None:
    """Why the (NFC) text is not a name, or None."""
    if not text.strip():
        return "must not be empty"
    if not any(unicodedata.category(ch).startswith("L") for ch in text):
        return "must contain a letter"
    previous = " "
    for ch in text:
        category = unicodedata.category(ch)
        if category.startswith("M"):
            if not unicodedata.category(previous).startswith(("L", "M")):
                return f"has a mark {ch!r} on no letter"
        elif not (category.startswith("L") or ch == " " or ch in NAME_PUNCTUATION
                  or (numbered and ch in NUMBERING)):
            if ch.isdecimal() and not numbered:
                return "must not contain digits"
            allowed = "letters, spaces and - ' . , ( )" + (", digits and /" if numbered else "")
            return f"may hold only {allowed}, not {ch!r}"
        previous = ch
    return None


def clean_name(value: str, field: str, *, max_length: int = 200, numbered: bool = False) -> str:
    """clean_text for a name: also refuses any character a name does not carry (name_problem)."""
    text = clean_text(value, field, max_length=max_length)
    problem = name_problem(text, numbered=numbered)
    if problem:
        raise InvalidInput(field, problem)
    return text


def _letters(word: str) -> tuple[list[int], list[int]]:
    """Primary letter ranks and secondary tone ranks of one word."""
    letters: list[int] = []
    tones: list[int] = []
    for base_char in unicodedata.normalize("NFD", word.lower()):
        if base_char in _TONES:
            tones[-1:] = [_TONES[base_char]] if tones else []
            continue
        if base_char in _SHAPES and letters:
            prev = _ALPHABET[letters[-1] - 1] if 0 < letters[-1] <= len(_ALPHABET) else ""
            shaped = _SHAPED.get((prev, _SHAPES[base_char]))
            if shaped:
                letters[-1] = _LETTER_RANK[shaped]
            continue
        if base_char in _LETTER_RANK:
            letters.append(_LETTER_RANK[base_char])
        elif base_char.isalnum():
            # letters outside the Vietnamese alphabet (f, j, w, z) and digits sort after it
            letters.append(100 + ord(base_char))
        else:
            continue
        tones.append(0)
    return letters, tones


def vietnamese_key(text: str) -> str:
    """A string key whose plain (binary) order is Vietnamese alphabetical order.

    Syllable by syllable, as dictionaries order them: a syllable's letters, then its tones,
    decide before the next syllable is looked at ("Anh Trần" < "Ánh Lê").
    """
    keys: list[str] = []
    for w in nfc(text).split():
        letters, tones = _letters(w)
        # U+0002 ends the letters so that shorter words sort first ("An" < "Anh")
        keys.append("".join(chr(0x100 + r) for r in letters) + "\u0002"
                    + "".join(chr(0x30 + t) for t in tones))
    # U+0001 separates syllables: it sorts below every letter, tone and the U+0002 marker.
    # (No NUL: PostgreSQL text cannot hold it. Compare keys bytewise: COLLATE BINARY / "C".)
    return "\u0001".join(keys)


def vietnamese_name_key(full_name: str) -> str:
    """Sort key for a personal name: given name first, then family and middle names."""
    words = nfc(full_name).split()
    if not words:
        return ""
    reordered = [words[-1], *words[:-1]]
    return vietnamese_key(" ".join(reordered))


def fold(text: str) -> str:
    """Lower case without diacritics (đ → d), for search boxes where people type without marks."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
