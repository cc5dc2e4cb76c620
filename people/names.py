"""Name normalisation for search and duplicate detection."""

from __future__ import annotations

import re
import unicodedata

_SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def fold(text: str) -> str:
    """Lower case, accents removed, only letters and spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z ]+", " ", plain.replace("'", "")).strip()


def name_parts(*names: str) -> list[str]:
    parts: list[str] = []
    for name in names:
        parts.extend(p for p in fold(name).split() if p)
    return parts


def soundex(word: str) -> str:
    """American Soundex: spelling variants (Smith/Smyth, Jon/John) share a code."""
    word = fold(word).replace(" ", "")
    if not word:
        return ""
    first = word[0]
    digits = []
    previous = _SOUNDEX_CODES.get(first, "")
    for char in word[1:]:
        code = _SOUNDEX_CODES.get(char, "")
        if code and code != previous:
            digits.append(code)
        if char not in "hw":
            previous = code
    return (first.upper() + "".join(digits) + "000")[:4]


def tokens_for(*names: str) -> set[str]:
    """Tokens stored for a person: each name part as written and as it sounds."""
    tokens: set[str] = set()
    for part in name_parts(*names):
        tokens.add(f"n:{part[:36]}")
        tokens.add(f"s:{soundex(part)}")
    return tokens


def query_token_groups(query: str) -> list[set[str]]:
    """Each word of a query matches if any of its tokens match (spelling tolerant)."""
    groups = []
    for part in name_parts(query):
        group = {f"n:{part[:36]}", f"s:{soundex(part)}"}
        groups.append(group)
    return groups
