"""Characters a text editors write may not hold: the ones a reader cannot see.

Format characters (bidirectional controls, zero-width spaces and joiners, the
soft hyphen, tag characters), control characters other than tab and line
break, line and paragraph separators, private-use and surrogate code points,
and the fillers and variation selectors that look blank. They change what a
reader sees, where a line breaks or how a text sorts and matches, and a title
made only of them looks empty. One rule for every text: events, labels, page
titles and descriptions, menu titles. Inside an emoji, the variation selector
and the joiner that draw it (❤️, 👩‍💻, 1️⃣) are part of what the reader sees.
"""

from __future__ import annotations

import re
import unicodedata

# Unicode general categories refused whole.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs"})
# Tab and line break are how texts are written; every other control is refused.
ALLOWED_CONTROLS = frozenset("\t\n")
# Letters and marks that show nothing: Hangul fillers, the braille blank, the
# combining grapheme joiner, Mongolian and Khmer vowel signs that render empty.
BLANK_LOOKING = frozenset("\u3164\u115f\u1160\uffa0\u2800\u034f\u180e\u17b4\u17b5")
# Variation selectors (VS1-16, VS17-256) and Mongolian free variation selectors.
_SELECTOR_RANGES = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF), (0x180B, 0x180F))


def is_invisible(char: str) -> bool:
    """Whether ``char`` (one character) is refused in editors' texts."""
    if char in ALLOWED_CONTROLS:
        return False
    if char in BLANK_LOOKING or unicodedata.category(char) in REFUSED_CATEGORIES:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _SELECTOR_RANGES)


# Inside an emoji these draw it: the variation selectors that ask for the
# coloured form (❤️ is U+2764 U+FE0F) and the joiner between the parts of 👩‍💻.
EMOJI_SELECTORS = frozenset("\ufe0e\ufe0f")
EMOJI_JOINER = "\u200d"
KEYCAP = "\u20e3"  # 1️⃣ is "1", U+FE0F, U+20E3
SKIN_TONES = (0x1F3FB, 0x1F3FF)


# What str.isprintable() lets through and the rule still refuses (it refuses every
# Cc, Cf, Zl, Zp, Co and Cs character, and spaces other than " ").
_PRINTABLE_BUT_REFUSED = re.compile("[" + "".join(sorted(BLANK_LOOKING)) + "".join(
    f"{chr(low)}-{chr(high)}" for low, high in _SELECTOR_RANGES) + "]")


def first_invisible(text: str) -> str | None:
    """The first refused character of ``text``, if any; the parts of an emoji are not refused."""
    # Most texts: one pass in C, character by character only when something may be refused.
    if text.replace("\n", "").replace("\t", "").isprintable() and not _PRINTABLE_BUT_REFUSED.search(text):
        return None
    return next((char for at, char in enumerate(text) if is_invisible(char) and not _draws_emoji(text, at)), None)


def _draws_emoji(text: str, at: int) -> bool:
    """Whether the selector or joiner at ``at`` is part of an emoji, between symbols that show."""
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if text[at] in EMOJI_SELECTORS:
        return _symbol(before) or (before in "#*0123456789" and before != "" and after == KEYCAP)
    if text[at] == EMOJI_JOINER:
        return (_symbol(before) or (before in EMOJI_SELECTORS and at > 1 and _symbol(text[at - 2]))) and _symbol(after)
    return False


def _symbol(char: str) -> bool:
    """A pictograph (So) or a skin tone that follows one."""
    return bool(char) and (unicodedata.category(char) == "So" or SKIN_TONES[0] <= ord(char) <= SKIN_TONES[1])


def describe(char: str) -> str:
    """``U+3164 HANGUL FILLER``: how messages name a character."""
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"{code} {name}" if name else code


def invisible_problem(text: str) -> str | None:
    """The character to name in a message about ``text`` (``U+200B ZERO WIDTH SPACE``), if any."""
    char = first_invisible(text)
    return None if char is None else describe(char)


def is_blank(text: str) -> bool:
    """Whether ``text`` shows nothing: only whitespace and refused characters."""
    return all(char.isspace() or is_invisible(char) for char in text)
