"""Language tags: which primary language subtags are real, and which scripts each language is written in.

Used by the language rules (LANG00x). The tables are written for Indian government sites: every ISO 639-1
code, the ISO 639-2/3 codes of all 22 languages of the Eighth Schedule that have no two-letter code, and the
other languages of India a ministry or state site is likely to publish in. Script codes are ISO 15924.
"""
from __future__ import annotations

import re
from functools import lru_cache

# ISO 639-1, without the withdrawn codes (in, iw, ji, jw, mo, sh): `lang="in"` is usually meant as "India".
_ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el
en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu
ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na
nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so
sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())

# Three-letter codes for languages with no two-letter code. Scheduled languages first (brx Bodo, doi Dogri,
# kok Konkani, mai Maithili, mni Manipuri, sat Santali), then other Indian languages and common world ones.
_ISO_639_23 = frozenset("""
brx doi kok mai mni sat
awa bho bfy bgc bhb bns bpy gbm gom gon grt hne kfy kha kru lep lif lus mag mjz mup mwr new noe raj sck tcy
trp unr xnr hoc lmn mtr njz ory pnb
ast bal cmn ckb fil gsw haw hak hmn kab kmr mfe nan nds nso sco sma smj syr tet tpi yue zgh zza
mul und zxx
""".split())  # mul: several languages, und: undetermined, zxx: no linguistic content (valid, if rarely useful)

LANGUAGE_CODES = _ISO_639_1 | _ISO_639_23

# What people write instead of a code, and the code they meant (for a helpful message).
NAME_TO_CODE = {
    "english": "en", "hindi": "hi", "bengali": "bn", "bangla": "bn", "marathi": "mr", "telugu": "te",
    "tamil": "ta", "gujarati": "gu", "urdu": "ur", "kannada": "kn", "odia": "or", "oriya": "or",
    "malayalam": "ml", "punjabi": "pa", "assamese": "as", "maithili": "mai", "santali": "sat",
    "kashmiri": "ks", "nepali": "ne", "sindhi": "sd", "konkani": "kok", "dogri": "doi", "manipuri": "mni",
    "bodo": "brx", "sanskrit": "sa", "french": "fr", "german": "de", "spanish": "es", "arabic": "ar",
    "chinese": "zh", "japanese": "ja", "russian": "ru", "portuguese": "pt", "eng": "en", "hin": "hi",
    "in": "en-IN", "iw": "he", "ji": "yi", "jw": "jv", "mo": "ro",
}

# Scripts each language is normally written in (ISO 15924). A language missing here is "unknown": the rules
# that compare text with its declared language then stay silent rather than guess.
_LATIN = "Latn"
LANGUAGE_SCRIPTS: dict[str, frozenset[str]] = {}


def _languages(codes: str, *scripts: str) -> None:
    for code in codes.split():
        LANGUAGE_SCRIPTS[code] = frozenset(scripts)


_languages("""en fr de es pt it nl sv da no nb nn fi pl cs sk sl hr bs hu ro tr id ms vi tl fil sw af eu ca gl ga
           cy et lv lt sq mt is lb eo la so ha yo ig zu xh uz az tk ast sco fy br oc rm wa kha lus grt mfe tpi
           haw mi sm to fj ht qu ay gn""", _LATIN)
_languages("hi mr ne mai doi brx bho mag awa raj mwr hne new gbm bgc bfy", "Deva")
_languages("sa", "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh", "Latn")
_languages("kok gom", "Deva", "Knda", "Latn")  # Konkani: Devanagari in Goa, Kannada script and Roman elsewhere
_languages("sd", "Arab", "Deva")
_languages("ks", "Arab", "Deva")
_languages("sat", "Olck", "Deva", "Beng", "Orya", "Latn")
_languages("mni", "Mtei", "Beng")
_languages("bn as bpy", "Beng")
_languages("pa", "Guru", "Arab")
_languages("pnb", "Arab")
_languages("gu", "Gujr")
_languages("or ory", "Orya")
_languages("ta", "Taml")
_languages("te", "Telu")
_languages("kn tcy", "Knda")
_languages("ml", "Mlym")
_languages("si", "Sinh")
_languages("ur ar fa ps ckb ug bal", "Arab")
_languages("bo dz", "Tibt")
_languages("lep", "Lepc", "Tibt")
_languages("ru uk bg mk be kk ky mn tg", "Cyrl")
_languages("sr", "Cyrl", "Latn")
_languages("el", "Grek")
_languages("he yi", "Hebr")
_languages("zh cmn yue", "Hani")
_languages("ja", "Hani", "Hira", "Kana")
_languages("ko", "Hang", "Hani")
_languages("th", "Thai")
_languages("lo", "Laoo")
_languages("km", "Khmr")
_languages("my", "Mymr")
_languages("ka", "Geor")
_languages("hy", "Armn")
_languages("am ti", "Ethi")
_languages("dv", "Thaa")

# Suggested tag for text found in a script (the language most likely meant on an Indian government site).
SCRIPT_DEFAULT_LANGUAGE = {
    "Deva": "hi", "Beng": "bn", "Guru": "pa", "Gujr": "gu", "Orya": "or", "Taml": "ta", "Telu": "te",
    "Knda": "kn", "Mlym": "ml", "Sinh": "si", "Arab": "ur", "Olck": "sat", "Mtei": "mni", "Tibt": "bo",
    "Latn": "en",
}

# RFC 5646 well-formedness for what follows the primary subtag: extlang, script, region, variants,
# extensions, private use. (Grandfathered irregular tags such as "i-klingon" are not accepted.)
_TAG = re.compile(
    r"""^(?P<primary>[a-z]{2,3})
        (?:-(?:[a-z]{3})(?:-[a-z]{3}){0,2})?          # extlang
        (?:-(?P<script>[a-z]{4}))?
        (?:-(?:[a-z]{2}|[0-9]{3}))?                   # region
        (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*      # variants
        (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*          # extensions
        (?:-x(?:-[a-z0-9]{1,8})+)?$                   # private use
    """,
    re.X,
)


def check_tag(value: str | None) -> tuple[bool, str]:
    """(valid, suggestion) for a lang attribute value. Valid means a well-formed BCP 47 tag whose primary
    subtag is a known language code; the suggestion is a likely intended tag ("" when there is none)."""
    raw = (value or "").strip()
    tag = raw.lower()
    if _TAG.match(tag) and _TAG.match(tag).group("primary") in LANGUAGE_CODES:
        return True, ""
    fixed = re.sub(r"[_\s]+", "-", tag)  # en_US, hi IN: POSIX locale syntax or a space instead of BCP 47
    if fixed != tag and _TAG.match(fixed) and _TAG.match(fixed).group("primary") in LANGUAGE_CODES:
        primary, _, rest = fixed.partition("-")
        return False, primary + ("-" + rest.upper() if len(rest) == 2 else ("-" + rest if rest else ""))
    head = re.split(r"[-_\s(]", tag, maxsplit=1)[0]
    return False, NAME_TO_CODE.get(head, NAME_TO_CODE.get(tag, ""))


def is_valid_tag(value: str | None) -> bool:
    return check_tag(value)[0]


@lru_cache(maxsize=512)
def scripts_of(value: str | None) -> frozenset[str] | None:
    """Scripts the language of a lang value can be written in; None when unknown, empty or invalid.
    An explicit script subtag (hi-Latn, pa-Arab, sat-Olck) wins over the language's usual scripts."""
    tag = (value or "").strip().lower()
    match = _TAG.match(tag)
    if not match or match.group("primary") not in LANGUAGE_CODES:
        return None
    script = match.group("script")
    if script:
        return frozenset({script.title()})
    return LANGUAGE_SCRIPTS.get(match.group("primary"))


def primary_subtag(value: str | None) -> str:
    return (value or "").strip().lower().split("-", 1)[0]
