"""How names are folded for comparison, and the indexed keys that find likely duplicates.

The same person is written many ways: "Sok Dara", "SOKH Darah", "Dara Sok", "Chhun Vanna"
and "Chun Vana", "សុខ ដារ៉ា" with or without a zero-width space. Two kinds of value come
from a name:

- a *folded* form, for scoring with rapidfuzz: lower case, letters only, the common
  variants of Khmer romanisation folded to one spelling (`fold_latin`), Khmer script in NFC
  without spaces, zero-width characters or register marks (`fold_khmer`);
- a *skeleton*, for finding candidates by index: the consonants of the folded name, sorted.
  Vowels are what romanisations disagree on most, and sorting makes the key insensitive to
  name order and spacing ("Srey Mom Sok" and "Sok Sreymom" share it). Khmer script gets a
  skeleton too, through a rough consonant transliteration (`khmer_consonants`), so a person
  recorded only in Khmer script is found from a name typed in Latin letters, and the other
  way round, whenever both spellings agree on their consonants.

None of this decides anything: it picks a small block of records (duplicates.py scores them)
and is derived data, rebuilt by Person.save() and the persons migration.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width space, non-joiner, joiner, word joiner, BOM: typed inside Khmer names to mark
# word breaks, invisible, and not part of the name.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# Register shifters (musakatoan, triisap): spelled inconsistently in names.
_KHMER_REGISTER = dict.fromkeys(map(ord, "\u17c9\u17ca"))

# Khmer romanisation variants, folded in this order (each applies to what the previous
# ones left). Consonants first, then vowels, then what happens at the end of a word.
_LATIN_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"chh", "ch"),  # Chhun / Chun
        (r"j", "ch"),  # Jea / Chea
        (r"kh", "k"),  # Khim / Kim
        (r"(?<!n)g", "k"),  # Gim / Kim, but Heng keeps its ng
        (r"q", "k"),
        (r"c(?!h)", "k"),  # Cuong / Kuong
        (r"ph", "p"),  # Sophea / Sopea
        (r"th", "t"),  # Vuthy / Vuty
        (r"w", "v"),
        (r"ou", "o"),  # Touch / Toch / Tuch
        (r"u", "o"),
        (r"ia", "ea"),  # Sophia / Sophea
        (r"e[iy]", "i"),  # Pheakdey / Pheakdei
        (r"ee", "i"),  # Lee / Ly
        (r"y", "i"),  # Ly / Li
        (r"(.)\1+", r"\1"),  # Vanna / Vana, Sovann / Sovan
        (r"(?<=[aeio])v$", "o"),  # Kaev / Kaeo
        (r"(?<=[aeiou])r$", ""),  # Chear / Chea: a final r is silent in Khmer
        (r"(?<=[^c])h$", ""),  # Darah / Dara, Meash / Meas (but Touch keeps its ch)
    )
)
_VOWELS = frozenset("aeiou")


def _plain_letters(text: str) -> str:
    """Lower case Latin letters and spaces: accents dropped (Nguyễn), punctuation a space."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z]+", " ", letters)


def fold_latin_token(token: str) -> str:
    for pattern, replacement in _LATIN_FOLDS:
        token = pattern.sub(replacement, token)
    return token


def latin_tokens(name: str) -> list[str]:
    """The folded words of a name in Latin letters, in the order written."""
    return [t for t in (fold_latin_token(w) for w in _plain_letters(name).split()) if t]


def fold_latin(name: str) -> str:
    """The folded name, words in the order written: what rapidfuzz compares."""
    return " ".join(latin_tokens(name))


def fold_khmer(name: str) -> str:
    """Khmer script in NFC, without spaces, zero-width characters or register marks."""
    text = unicodedata.normalize("NFC", name).translate(_INVISIBLE).translate(_KHMER_REGISTER)
    return "".join(text.split())


# A rough sound of each Khmer consonant in the folded Latin spelling (fold_latin_token).
# Independent and dependent vowels are written "a": only where vowels are matters here.
_KHMER_CONSONANTS = {
    "ក": "k", "ខ": "k", "គ": "k", "ឃ": "k", "ង": "ng",
    "ច": "ch", "ឆ": "ch", "ជ": "ch", "ឈ": "ch", "ញ": "nh",
    "ដ": "d", "ឋ": "t", "ឌ": "d", "ឍ": "t", "ណ": "n",
    "ត": "t", "ថ": "t", "ទ": "t", "ធ": "t", "ន": "n",
    "ប": "b", "ផ": "p", "ព": "p", "ភ": "p", "ម": "m",
    "យ": "y", "រ": "r", "ល": "l", "វ": "v", "ស": "s",
    "ហ": "h", "ឡ": "l", "អ": "a",
}  # fmt: skip
_COENG, _NIKAHIT, _REAHMUK, _ROBAT, _SILENT = "\u17d2", "\u17c6", "\u17c7", "\u17cc", "\u17cd"


def _is_khmer_vowel(char: str) -> bool:
    return "\u17a3" <= char <= "\u17b3" or "\u17b6" <= char <= "\u17c5" or char == "\u17c8"


def khmer_consonants(name: str) -> list[str]:
    """Each word of a Khmer name transliterated roughly and folded like a Latin name.

    Good enough to compare consonants with a romanised name ("សុខ ដារ៉ា" -> "sak dara",
    skeleton "dkrs", as "Sok Dara"); not a romanisation to show anyone.
    """
    words = unicodedata.normalize("NFC", name).translate(_INVISIBLE).split()
    folded = []
    for word in words:
        sounds: list[str] = []
        for index, char in enumerate(word):
            following = word[index + 1] if index + 1 < len(word) else ""
            if char == _SILENT:  # the letter before it is not pronounced
                if sounds:
                    sounds.pop()
            elif char in _KHMER_CONSONANTS:
                sound = _KHMER_CONSONANTS[char]
                # ប before a subscript is "p" (ប្រាក់ Prak).
                sounds.append("p" if char == "ប" and following == _COENG else sound)
            elif _is_khmer_vowel(char):
                sounds.append("a")
            elif char == _NIKAHIT:
                sounds.append("am")
            elif char == _REAHMUK:
                sounds.append("ah")
            elif char == _ROBAT:
                sounds.append("r")
        token = fold_latin_token("".join(sounds))
        if token:
            folded.append(token)
    return folded


def skeleton(tokens: list[str]) -> str:
    """The consonants of folded words, sorted: the blocking key."""
    return "".join(sorted(c for c in "".join(tokens) if c not in _VOWELS))


def latin_skeleton(name: str) -> str:
    return skeleton(latin_tokens(name))


def khmer_skeleton(name: str) -> str:
    return skeleton(khmer_consonants(name))


def keys_for(name_latin: str, name_km: str, document_number: str) -> dict[str, str]:
    """The values of Person's derived key fields (name_key, name_fold, name_key_km,
    document_key). `name_key` comes from the Latin name when there is one, else from the
    Khmer name, so a name typed in either script finds a record held in the other."""
    return {
        "name_key": (latin_skeleton(name_latin) or khmer_skeleton(name_km))[:200],
        "name_fold": fold_latin(name_latin)[:200],
        "name_key_km": fold_khmer(name_km)[:200],
        "document_key": normalise_document_number(document_number)[:60],
    }


def normalise_document_number(number: str) -> str:
    """Upper case letters and digits only: "n0 1020-3040" and "N01020 3040" are one number."""
    return re.sub(r"[^0-9A-Z]", "", unicodedata.normalize("NFKC", number).upper())
