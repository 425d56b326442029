"""Which writing system a piece of text is in: runs of Indic (and Perso-Arabic, Ol Chiki, ...) letters, Latin
letter counts, and unmarked English sentences.

The language rules compare what the text is written in with what its `lang` says. Only letters and combining
marks count: digits, dandas and currency signs are shared or neutral, so "₹ 500" or "।" never look like a
passage in another language.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# Letters and marks of each script we recognise (ISO 15924 code -> regex class body). Digits, dandas and
# number/currency signs are left out on purpose.
SCRIPT_LETTERS: dict[str, str] = {
    "Deva": "\u0900-\u0963\u0971-\u097f\ua8e0-\ua8f7\ua8fb\ua8fd-\ua8ff\u1cd0-\u1cf9",
    "Beng": "\u0980-\u09e3\u09f0\u09f1\u09fc-\u09fe",
    "Guru": "\u0a00-\u0a65\u0a70-\u0a75",
    "Gujr": "\u0a80-\u0ae3\u0af9-\u0aff",
    "Orya": "\u0b00-\u0b63\u0b71",
    "Taml": "\u0b80-\u0bd7",
    "Telu": "\u0c00-\u0c63",
    "Knda": "\u0c80-\u0ce3\u0cf1-\u0cf3",
    "Mlym": "\u0d00-\u0d63\u0d7a-\u0d7f",
    "Sinh": "\u0d81-\u0de5\u0df2\u0df3",
    "Arab": "\u0620-\u065f\u066e-\u06d3\u06d5-\u06dc\u06e5\u06e6\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f"
            "\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc",
    "Olck": "\u1c5a-\u1c7d",
    "Mtei": "\uabc0-\uabea\uabec\uabed\uaae0-\uaaf6",
    "Tibt": "\u0f00\u0f40-\u0f6c\u0f71-\u0f87\u0f88-\u0f97\u0f99-\u0fbc",
    "Lepc": "\u1c00-\u1c37\u1c4d-\u1c4f",
}
LATIN = "Latn"
_LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"

SCRIPT_NAMES = {  # English and Hindi names, for messages
    "Deva": ("Devanagari", "देवनागरी"), "Beng": ("Bengali-Assamese", "बांग्ला-असमिया"),
    "Guru": ("Gurmukhi", "गुरमुखी"), "Gujr": ("Gujarati", "गुजराती"), "Orya": ("Odia", "ओड़िया"),
    "Taml": ("Tamil", "तमिल"), "Telu": ("Telugu", "तेलुगु"), "Knda": ("Kannada", "कन्नड़"),
    "Mlym": ("Malayalam", "मलयालम"), "Sinh": ("Sinhala", "सिंहली"), "Arab": ("Perso-Arabic", "फ़ारसी-अरबी"),
    "Olck": ("Ol Chiki", "ओल चिकी"), "Mtei": ("Meetei Mayek", "मीतै मयेक"), "Tibt": ("Tibetan", "तिब्बती"),
    "Lepc": ("Lepcha", "लेपचा"), "Latn": ("Latin", "लैटिन (रोमन)"),
}

_JOINERS = "\u200c\u200d"
_ALL_NON_LATIN = "".join(SCRIPT_LETTERS.values())
# A run: one letter of any recognised non-Latin script, then more letters or joiners, ending on a letter.
_RUN = re.compile(f"[{_ALL_NON_LATIN}](?:[{_ALL_NON_LATIN}{_JOINERS}]*[{_ALL_NON_LATIN}])?")
_LATIN_RUN = re.compile(f"[{_LATIN_LETTERS}]+")


def _range_table() -> tuple[list[int], list[tuple[int, str]]]:
    spans = []
    for script, body in SCRIPT_LETTERS.items():
        for m in re.finditer(r"(.)(?:-(.))?", body, re.S):
            lo = ord(m.group(1))
            hi = ord(m.group(2)) if m.group(2) else lo
            spans.append((lo, hi, script))
    spans.sort()
    return [s[0] for s in spans], [(s[1], s[2]) for s in spans]


_STARTS, _ENDS = _range_table()


def script_of(char: str) -> str | None:
    """ISO 15924 code of a letter in one of the recognised non-Latin scripts, else None."""
    cp = ord(char)
    i = bisect_right(_STARTS, cp) - 1
    if i >= 0 and cp <= _ENDS[i][0]:
        return _ENDS[i][1]
    return None


@dataclass(frozen=True)
class Run:
    script: str
    start: int
    end: int
    sample: str


@lru_cache(maxsize=32)
def _phrase(script: str) -> re.Pattern:
    """A run of one script together with the words of the same script that follow it (for a readable sample)."""
    letters = SCRIPT_LETTERS[script]
    return re.compile(f"[{letters}](?:[{letters}{_JOINERS}\\s,.;:'\"()\u0964\u0965-]*[{letters}])?")


def sample_at(text: str, start: int, script: str, limit: int = 40) -> str:
    m = _phrase(script).match(text, start)
    sample = " ".join((m.group(0) if m else text[start:start + limit]).split())
    return sample if len(sample) <= limit else sample[: limit - 1].rstrip() + "…"


_SCRIPT_OF_CHAR: dict[str, str] = {}


def _script_of_run(run: str) -> str:
    char = run[0]
    script = _SCRIPT_OF_CHAR.get(char)
    if script is None:
        script = _SCRIPT_OF_CHAR[char] = script_of(char) or "Deva"
    return script


def _letters_in_run(run: str) -> int:
    return len(run) - run.count("\u200c") - run.count("\u200d")


# ---- one pass per text: what is written in a script its language does not use ------------------------
# A Latin phrase: Latin letters with the digits, punctuation and spaces between them (and URL characters,
# so that a web address stays in one piece and can be recognised as language-neutral).
_LATIN_PHRASE_BODY = f"[{_LATIN_LETTERS}][{_LATIN_LETTERS}0-9'’\\-,.;:!?()&/\"“”%@_=#+~\\s]*"


@lru_cache(maxsize=64)
def part_pattern(allowed: frozenset[str]) -> re.Pattern | None:
    """Matches what text in a language written in `allowed` scripts must not contain: runs of recognised
    non-Latin scripts outside `allowed` (group "f") and, when Latin is not allowed, Latin phrases (group "l").
    None when nothing is foreign (e.g. a language whose scripts we do not know is never passed here)."""
    letters = "".join(body for script, body in SCRIPT_LETTERS.items() if script not in allowed)
    alternatives = []
    if letters:
        alternatives.append(f"(?P<f>[{letters}](?:[{letters}{_JOINERS}]*[{letters}])?)")
    if LATIN not in allowed:
        alternatives.append(f"(?P<l>{_LATIN_PHRASE_BODY})")
    return re.compile("|".join(alternatives)) if alternatives else None


@dataclass
class PartScan:
    """What one text holds that its declared language does not explain."""

    run: Run | None = None  # first foreign run of >= 2 letters, or first English sentence (script "Latn")
    foreign: dict[str, int] | None = None  # letters per foreign script (Latin included when not allowed)


def scan_text(text: str, allowed: frozenset[str], count: bool = False) -> PartScan:
    """Find the first passage of `text` in a script `allowed` does not cover (or, when Latin is not allowed,
    the first English sentence), and with `count` the foreign letters per script. One regex pass; text in the
    declared language costs no Python work per word."""
    foreign: dict[str, int] = {}
    result = PartScan(foreign=foreign if count else None)
    latin_allowed = LATIN in allowed
    if latin_allowed and text.isascii():
        return result
    pattern = part_pattern(allowed)
    if pattern is None:
        return result
    for m in pattern.finditer(text):
        run = m.group("f") if m.lastgroup == "f" else None
        if run is not None:
            script = _script_of_run(run)
            letters = _letters_in_run(run)
            if result.run is None and letters >= 2:
                result.run = Run(script, m.start(), m.end(), sample_at(text, m.start(), script))
            if not count:
                if result.run is not None:
                    break
                continue
            foreign[script] = foreign.get(script, 0) + letters
        else:
            phrase = m.group("l")
            if result.run is None and phrase.count(" ") >= MIN_ENGLISH_WORDS - 1:
                sample = english_phrase(phrase)
                if sample:
                    result.run = Run(LATIN, m.start(), m.end(), sample)
            if not count:
                if result.run is not None:
                    break
                continue
            letters = sum(map(len, _LATIN_RUN.findall(phrase)))
            foreign[LATIN] = foreign.get(LATIN, 0) + letters
    return result


def foreign_run(text: str, allowed: frozenset[str], min_letters: int = 2) -> Run | None:
    """The first run of at least `min_letters` letters in a recognised non-Latin script outside `allowed`,
    else None. Latin text is not reported here (see `english_sentence`)."""
    if text.isascii():
        return None
    letters = "".join(body for script, body in SCRIPT_LETTERS.items() if script not in allowed)
    if not letters:
        return None
    for m in _foreign_only(letters).finditer(text):
        if _letters_in_run(m.group(0)) >= min_letters:
            script = _script_of_run(m.group(0))
            return Run(script, m.start(), m.end(), sample_at(text, m.start(), script))
    return None


@lru_cache(maxsize=64)
def _foreign_only(letters: str) -> re.Pattern:
    return re.compile(f"[{letters}](?:[{letters}{_JOINERS}]*[{letters}])?")


_ANY_LETTERS = re.compile(f"[{_LATIN_LETTERS}{_ALL_NON_LATIN}]+")


def total_letters(text: str) -> int:
    """Letters of Latin and of the recognised non-Latin scripts in `text`."""
    return len(text) - len(_ANY_LETTERS.sub("", text))


def count_letters(text: str, counts: dict[str, int]) -> None:
    """Add the letters of `text` to `counts` per script (Latin under "Latn")."""
    latin = sum(map(len, _LATIN_RUN.findall(text)))
    if latin:
        counts[LATIN] = counts.get(LATIN, 0) + latin
    if not text.isascii():
        for run in _RUN.findall(text):
            script = _script_of_run(run)
            counts[script] = counts.get(script, 0) + _letters_in_run(run)


# ---- English sentences inside text declared in a non-Latin-script language -----------------------------
# Web addresses, e-mail addresses and file names are language-neutral: blanked before looking for words.
# (Anchored at the start of a token so that the engine never retries inside a word.)
_NEUTRAL = re.compile(
    r"(?<!\S)(?:\S*(?:://|@|www\.)\S*|\S+?\.(?:gov|nic|org|com|net|in|html?|pdf|docx?|xlsx?)\b\S*)",
    re.I,
)
_LATIN_PHRASE = re.compile(_LATIN_PHRASE_BODY)
_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]+(?:['’][A-Za-z]+)?(?![A-Za-z0-9_])")
# English function words that Hindi written in Roman letters does not use ("is", "to", "me", "do", "so",
# "us", "hi", "ho", "na" all are Romanised Hindi words, so they do not count as evidence of English).
_ENGLISH_FUNCTION_WORDS = frozenset("""
the of and are was were for with this that these those from by on at be been being has have had will shall
would should can could may must not or an it its their there which who whom whose what where when you your
we our they them his her all any into about under than then also only please here more each other such
""".split())
MIN_ENGLISH_WORDS = 4


def english_phrase(phrase: str) -> str | None:
    """A sample of `phrase` (Latin letters and punctuation only) when it is ordinary English prose: at least 4
    words once acronyms, numbers, web and e-mail addresses are set aside, at least half of them lower-case,
    and at least two English function words. Names and titles ("Right to Information Act") are not prose."""
    parts = _NEUTRAL.sub("|", phrase).split("|") if ("." in phrase or "@" in phrase or "/" in phrase) else [phrase]
    for part in parts:
        if part.count(" ") < MIN_ENGLISH_WORDS - 1:
            continue
        words = [w for w in _WORD.findall(part) if not (w.isupper() and w not in ("A", "I"))]
        if len(words) < MIN_ENGLISH_WORDS:
            continue
        lower = sum(1 for w in words if w[0].islower())
        function = sum(1 for w in words if w.lower() in _ENGLISH_FUNCTION_WORDS)
        if lower * 2 >= len(words) and function >= 2:
            sample = " ".join(part.split()).strip(" ,;:-")
            return sample if len(sample) <= 60 else sample[:59].rstrip() + "…"
    return None


def english_sentence(text: str) -> str | None:
    """A sample of the first run of ordinary English prose in `text` (any script around it), else None."""
    if text.count(" ") < MIN_ENGLISH_WORDS - 1:
        return None
    for m in _LATIN_PHRASE.finditer(text):
        phrase = m.group(0)
        if phrase.count(" ") >= MIN_ENGLISH_WORDS - 1:
            sample = english_phrase(phrase)
            if sample:
                return sample
    return None
