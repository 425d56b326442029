"""Shared GIGW label patterns (English and Hindi) and the matching helpers the GIGW rule families use.

The label variants come from the project's GIGW checklist (`meta.text_patterns` in shared/reference/gigw3.yaml):
they were observed on real NIC/S3WaaS sites, there is no official glossary. Matching is done on *normalised*
text: Unicode NFC, nukta dropped and chandrabindu folded into anusvara (real sites mix "जाएं"/"जाएँ" and
"फ़ीडबैक"/"फीडबैक"), Devanagari digits turned into ASCII, "&" read as "and", case folded, white space collapsed.
A leading underscore keeps this module out of the rule-family loader.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit

# ---- normalisation ----------------------------------------------------------------------------------------
_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
_HAS_DEVANAGARI_DIGIT = re.compile("[०-९]")
# (from, to) pairs applied with str.replace, which is much faster than translate() with a dict on long text.
_FOLD = (("\u093c", ""), ("\u0901", "\u0902"), ("\u200c", ""), ("\u200d", ""), ("’", "'"), ("‘", "'"))
# Letters of the Indic scripts count as word characters (Python's \w leaves out their vowel signs).
_WORD = r"\w\u0900-\u0dff"
_EDGE_PUNCT = " \t|»›>:•·-–—/\\*.,;!?\"'()[]{}"
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def normalize(text: str | None) -> str:
    """Text folded for matching labels: NFC, no nukta, anusvara for chandrabindu, ASCII digits, "&" as "and",
    white space collapsed, case folded."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        for old, new in _FOLD:
            if old in text:
                text = text.replace(old, new)
        if _HAS_DEVANAGARI_DIGIT.search(text):
            text = text.translate(_DEVANAGARI_DIGITS)
    if "&" in text:
        text = text.replace("&", " and ")
    return " ".join(text.split()).casefold()


def _phrase(pattern: str) -> str:
    """A regex for a normalised phrase that only matches whole words (white space between words is free)."""
    words = [re.escape(w) for w in normalize(pattern).split()]
    return rf"(?<![{_WORD}])" + r"\s+".join(words) + rf"(?![{_WORD}])"


def phrase_regex(patterns) -> re.Pattern:
    """One compiled regex matching any of the phrases as whole words in normalised text."""
    ordered = sorted({normalize(p) for p in patterns}, key=len, reverse=True)
    return re.compile("|".join(_phrase(p) for p in ordered))


# ---- label kinds: standard pages and links ----------------------------------------------------------------
# kind -> phrases. Phrases written in capitals of at most five letters (CAP, CMAP, RTI) and those listed in
# _EXACT_ONLY match only a label that is exactly that phrase.
LABELS: dict[str, tuple[str, ...]] = {
    "skip_link": ("Skip to main content", "Skip to content", "Skip Navigation", "Skip to navigation",
                  "Jump to main content", "Skip to main", "Go to main content", "मुख्य सामग्री पर जाएं",
                  "मुख्य सामग्री पर जाना", "मुख्य विषयवस्तु पर जाएं", "मुख्य विषयवस्तु में जाएं", "सामग्री पर जाएं",
                  "मुख्य सामग्री पर जाएं"),
    "screen_reader": ("Screen Reader Access", "Screen Reader", "Screen Readers", "स्क्रीन रीडर का उपयोग",
                      "स्क्रीन रीडर एक्सेस", "स्क्रीन रीडर", "स्क्रीन रीडर पहुंच"),
    "accessibility_statement": ("Accessibility Statement", "Accessibility Options", "Accessibility Features",
                                "Accessibility Policy", "Accessibility Help", "सुगम्यता विवरण", "अभिगम्यता कथन",
                                "एक्सेसिबिलिटी विवरण", "सुलभता विशेषताएं", "सुलभता विवरण", "सुगम्यता कथन",
                                "अभिगम्यता विवरण", "सुगम्यता नीति"),
    "sitemap": ("Sitemap", "Site Map", "Site-map", "साइट मैप", "साइटमैप", "साइट मानचित्र", "साईट मैप", "साइट का नक्शा"),
    "search": ("Search", "Site search", "Search this site", "खोजें", "खोज", "ढूंढें", "सर्च"),
    "help": ("Help", "Help & FAQ", "सहायता", "मदद"),
    "feedback": ("Feedback", "Feedback Form", "प्रतिक्रिया", "प्रतिपुष्टि", "फीडबैक", "सुझाव", "प्रतिक्रिया दें"),
    "contact": ("Contact Us", "Contact", "Contacts", "Contact Details", "Who's Who", "Directory",
                "Telephone Directory", "संपर्क करें", "हमसे संपर्क करें", "संपर्क", "संपर्क सूत्र", "संपर्क विवरण"),
    "about": ("About Us", "About the Ministry", "About Ministry", "About the Department", "About Department",
              "About", "Introduction", "हमारे बारे में", "परिचय", "मंत्रालय के बारे में", "विभाग के बारे में",
              "मंत्रालय का परिचय"),
    "terms": ("Terms & Conditions", "Terms and Conditions", "Terms of Use", "Terms & Condition", "Terms of Service",
              "Terms", "नियम एवं शर्तें", "नियम और शर्तें", "निबंधन एवं शर्तें", "उपयोग की शर्तें", "नियम व शर्तें"),
    "privacy": ("Privacy Policy", "Privacy Statement", "Privacy", "गोपनीयता नीति", "निजता नीति", "गोपनीयता"),
    "copyright": ("Copyright Policy", "Copyright", "कॉपीराइट नीति", "प्रतिलिप्याधिकार नीति", "सर्वाधिकार नीति",
                  "कॉपीराइट"),
    "hyperlinking": ("Hyperlinking Policy", "Hyper Linking Policy", "Hyper-linking Policy", "Linking Policy",
                     "Hyperlink Policy", "हाइपरलिंकिंग नीति", "हाइपरलिंक नीति", "हाइपर लिंकिंग नीति"),
    "disclaimer": ("Disclaimer", "अस्वीकरण", "अस्वीकरण नीति", "दायित्व अस्वीकरण"),
    "website_policies": ("Website Policies", "Website Policy", "Web Policies", "वेबसाइट नीतियां", "वेबसाइट नीति"),
    "cmap": ("Content Contribution, Moderation and Approval", "Content Contribution, Moderation and Approval Policy",
             "Content Contribution, Moderation & Approval Policy", "CMAP", "Content Management Policy",
             "सामग्री योगदान, संचालन और अनुमोदन नीति", "विषयवस्तु योगदान, मॉडरेशन एवं अनुमोदन नीति"),
    "cap": ("Content Archival Policy", "Archival Policy", "CAP", "सामग्री संग्रह नीति", "विषयवस्तु संग्रहण नीति",
            "अभिलेखीय नीति", "सामग्री संग्रहण नीति"),
    "crp": ("Content Review Policy", "CRP", "सामग्री समीक्षा नीति", "विषयवस्तु समीक्षा नीति"),
    "monitoring_plan": ("Website Monitoring Plan", "Website Monitoring Policy", "Monitoring Plan",
                        "वेबसाइट निगरानी योजना", "वेबसाइट मॉनिटरिंग योजना"),
    "contingency": ("Contingency Management Plan", "Contingency Plan", "Contingency Management Policy",
                    "आकस्मिकता प्रबंधन योजना", "आपात प्रबंधन योजना", "आकस्मिक प्रबंधन योजना"),
    "security_policy": ("Security Policy", "Website Security Policy", "सुरक्षा नीति", "वेबसाइट सुरक्षा नीति"),
    "home": ("Home", "Home Page", "Homepage", "मुखपृष्ठ", "मुख पृष्ठ", "मुख्य पृष्ठ", "होम", "होम पेज"),
}
_EXACT_ONLY = {normalize(p) for p in ("About", "Terms", "Privacy", "Copyright", "Directory", "Introduction",
                                      "परिचय", "गोपनीयता", "कॉपीराइट", "सुझाव", "संपर्क", "खोज", "होम", "मदद")}
# Words around a label that do not change what the link is ("Privacy Policy (opens in a new tab)").
_EXTRA_WORDS = 3

# URL slugs (last path segment, extension removed) that name a standard page whatever the link text says.
SLUGS: dict[str, re.Pattern] = {kind: re.compile(rf"^(?:{rx})$") for kind, rx in {
    "sitemap": r"site-?map|sitemap-page",
    "contact": r"contact(?:-?us)?|contact-details|whos-?who",
    "feedback": r"feedback(?:-form)?",
    "help": r"help",
    "about": r"about(?:-?us)?|about-(?:the-)?(?:ministry|department)",
    "screen_reader": r"screen-?reader(?:-access)?",
    "accessibility_statement": r"accessibility(?:-statement)?",
    "privacy": r"privacy(?:-policy)?",
    "copyright": r"copyright(?:-policy)?",
    "hyperlinking": r"hyper-?link(?:ing)?(?:-policy)?",
    "terms": r"terms(?:-(?:and-)?conditions?|-of-use|-of-service)?|tnc|terms-conditions",
    "disclaimer": r"disclaimer",
    "website_policies": r"website-polic(?:y|ies)",
    "cmap": r"cmap|content-contribution-moderation-(?:and-)?approval(?:-policy)?",
    "cap": r"(?:content-)?archival-policy",
    "crp": r"content-review-policy",
    "monitoring_plan": r"(?:website-)?monitoring-(?:plan|policy)",
    "contingency": r"contingency(?:-management)?(?:-plan|-policy)?",
    "security_policy": r"(?:website-)?security-policy",
}.items()}


def _is_exact_only(phrase: str) -> bool:
    return phrase in _EXACT_ONLY or (phrase.isascii() and phrase.isalpha() and phrase.upper() == phrase
                                      and len(phrase) <= 5)


_LABEL_DATA: dict[str, tuple[frozenset, re.Pattern | None]] = {}
for _kind, _phrases in LABELS.items():
    _exact = frozenset(normalize(p) for p in _phrases)
    _loose = [p for p in _phrases if not _is_exact_only(p) and not _is_exact_only(normalize(p))]
    _LABEL_DATA[_kind] = (_exact, phrase_regex(_loose) if _loose else None)
# Most link texts name no standard page. A loose phrase matches only where its first word is a whole word of
# the text, so the per-kind searches run only for kinds whose first words the text has; exact labels are one
# dictionary lookup.
_TOKEN = re.compile(rf"[{_WORD}]+")
_KINDS_BY_FIRST_TOKEN: dict[str, set] = {}  # first word of a loose phrase -> the kinds it may name
_EXACT_KINDS: dict[str, frozenset] = {}
for _kind, _phrases in LABELS.items():
    for _p in _phrases:
        _first = _TOKEN.match(normalize(_p))
        if _first and not _is_exact_only(_p) and not _is_exact_only(normalize(_p)):
            _KINDS_BY_FIRST_TOKEN.setdefault(_first.group(0), set()).add(_kind)
    for _label in _LABEL_DATA[_kind][0]:
        _EXACT_KINDS[_label] = _EXACT_KINDS.get(_label, frozenset()) | {_kind}


def _strip_label(text: str) -> str:
    return text.strip(_EDGE_PUNCT)


@lru_cache(maxsize=1 << 16)
def label_kinds(text: str) -> frozenset:
    """The kinds of standard link/page a label names, e.g. "Privacy Policy (opens in new tab)" -> {privacy}.

    A label matches a kind when, normalised, it *is* one of the kind's phrases, or contains one as whole words
    with at most three other words around it (bracketed asides not counted)."""
    norm = normalize(text)
    if not norm or len(norm) > 120:
        return frozenset()
    bare = _strip_label(_BRACKETED.sub(" ", norm))  # "(opens in a new tab)" and similar asides left out
    norm = _strip_label(norm)
    found = set(_EXACT_KINDS.get(norm, ())) | set(_EXACT_KINDS.get(bare, ()))
    candidates = set()
    for token in _TOKEN.findall(norm):
        candidates |= _KINDS_BY_FIRST_TOKEN.get(token, set())
    words = len(bare.split())
    for kind in candidates - found:
        loose = _LABEL_DATA[kind][1]
        match = loose.search(norm)
        if match and words <= len(match.group(0).split()) + _EXTRA_WORDS:
            found.add(kind)
    return frozenset(found)


def label_is(kind: str, text: str) -> bool:
    return kind in label_kinds(text)


@lru_cache(maxsize=8192)
def slug_kinds(url: str) -> frozenset:
    """Kinds named by the last segment of a URL's path (/website-policies/privacy-policy/ -> {privacy})."""
    path = unquote(urlsplit(url).path).rstrip("/")
    segment = path.rsplit("/", 1)[-1].lower()
    for suffix in (".html", ".htm", ".php", ".aspx", ".asp", ".jsp"):
        if segment.endswith(suffix):
            segment = segment[: -len(suffix)]
            break
    segment = segment.replace("_", "-")
    if segment in ("index", "default", "home"):
        segment = path.rsplit("/", 2)[-2].lower() if path.count("/") >= 2 else ""
    if not segment:
        return frozenset()
    return frozenset(kind for kind, rx in SLUGS.items() if rx.match(segment))


# ---- page furniture ---------------------------------------------------------------------------------------
SKIP_LINK = re.compile(
    phrase_regex(LABELS["skip_link"]).pattern
    + r"|(?<![\w])(?:skip|jump)\b.{0,30}\b(?:main|content|navigation|menu)\b|मुख्य\s+(?:सामग्री|विषयवस्तु)")
EMBLEM = re.compile(
    r"emblem|ashoka|ashok[-_ ]?stambh|satyamev|lion[-_ ]?capital|goi[-_]?logo|राजचिह्न|राज\s?चिह्न|राष्ट्रीय\s?प्रतीक"
    r"|प्रतीक|चिह्न")
LOGO = re.compile(r"logo|लोगो|brand")
# Logos of other services that commonly sit in a header; they do not identify the owner.
OTHER_LOGO = re.compile(r"facebook|twitter|x-logo|youtube|instagram|linkedin|whatsapp|koo|telegram|digital[-_ ]?india"
                        r"|g20|azadi|swachh|mygov|india[-_]?gov|national[-_]?portal|meri[-_]?lipi|s3waas|nic[-_]logo")
OWNERSHIP = re.compile(
    r"\bgov(?:ernmen)?t\.?\s+of\s+\w|\b[a-z]+\s+(?:state\s+)?government\b|\bgovernment\s+of\b"
    r"|\b(?:ministry|department|dept\.?|directorate(?:\s+general)?|commission|authority|council|corporation|bureau"
    r"|institute|university|organi[sz]ation|board|office|academy|survey|agency|secretariat|court|tribunal|mission"
    r"|commissionerate)\s+of\b|\bdistrict\s+administration\b|\bcollectorate\b|\bmunicipal\s+corporation\b"
    r"|\b(?:limited|ltd\.?)\b"
    r"|भारत\s+सरकार|[\u0900-\u097f]+\s+सरकार|मंत्रालय|विभाग|आयोग|निदेशालय|प्राधिकरण|परिषद|निगम|जिला\s+प्रशासन"
    r"|सचिवालय|संस्थान|बोर्ड|कार्यालय")
CONTENT_OWNER = re.compile(
    r"\bcontent\s+(?:is\s+)?(?:owned|provided|managed|maintained|published|updated)\s+(?:and\s+\w+\s+)?by\b"
    r"|\bowned\s+(?:and\s+\w+\s+)?by\b|\b(?:website|site|portal|content)\s+(?:is\s+)?(?:owned|managed|maintained)\b"
    r"|\bweb(?:site)?\s+information\s+(?:manager|officer)\b|\bweb\s+manager\b|\bwebsite\s+owner\b|\bWIM\b"
    r"|स्वामित्व|वेब\s*(?:साइट)?\s+सूचना\s+प्रबंधक|द्वारा\s+(?:प्रबंधित|अनुरक्षित|प्रदान|संचालित|स्वामित्व)"
    r"|सामग्री\s+का\s+स्वामी", re.I)
BEST_VIEWED = re.compile(
    r"\bbest\s+view(?:ed)?\s+(?:in|on|at|with|using|by)\b|\bviewed\s+best\s+(?:in|on|at|with)\b"
    r"|\boptimi[sz]ed\s+for\s+(?:internet\s+explorer|ie\s*\d|\d{3,4}\s*[x×*]\s*\d{3,4}|[a-z]+\s+browser)"
    r"|\b(?:screen\s+)?resolution\s+(?:of\s+)?\d{3,4}\s*[x×*]\s*\d{3,4}"
    r"|\b\d{3,4}\s*[x×*]\s*\d{3,4}\s+(?:screen\s+)?resolution"
    r"|सर्वोत्तम\s+(?:दृश्य|प्रदर्शन|रूप\s+से\s+देख)|सबसे\s+अच्छा\s+(?:देखा|दिखाई)|बेहतर\s+(?:दृश्य|देखने)")
UNDER_CONSTRUCTION = re.compile(
    r"\bunder\s+construction\b|\bcoming\s+soon\b|\bwork\s+in\s+progress\b|\bpage\s+(?:is\s+)?under\s+development\b"
    r"|\bunder\s+development\b|\bcontent\s+(?:will\s+be|to\s+be)\s+(?:updated|uploaded|added)(?:\s+soon|\s+shortly)?\b"
    r"|\bto\s+be\s+updated\b|\bwill\s+be\s+updated\s+(?:soon|shortly)\b"
    r"|निर्माणाधीन|जल्द\s+ही\s+(?:आ\s+रहा|उपलब्ध)|शीघ्र\s+(?:ही\s+)?उपलब्ध|कार्य\s+प्रगति\s+पर|शीघ्र\s+ही\s+अद्यतन")
EXTERNAL_HINT = re.compile(
    r"external|\bexit(?:ing)?\b|off-?site|third[- ]party\s+(?:site|website)"
    r"|leav(?:e|ing)\s+(?:this|the|our)\s+(?:site|website|portal)"
    r"|redirected\s+to|opens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:window|tab|browser)|new\s+(?:window|tab)"
    r"|बाहरी|नई\s+विंडो|नए\s+टैब|नई\s+टैब|नयी\s+विंडो|नए\s+विंडो|अन्य\s+वेबसाइट")

# Cheap literal triggers (looked up with str.find in lower-cased page text) that must occur for the regexes
# above and below to match: the regexes then run only on short windows around them, not on the whole page.
BEST_VIEWED_TRIGGERS = ("best view", "viewed best", "optimi", "resolution", "सर्वोत्तम", "सबसे अच्छा", "बेहतर")
CONTENT_OWNER_TRIGGERS = ("owned", "owner", "managed", "maintained", "provided by", "published by", "updated by",
                          "information manager", "information officer", "web manager", "wim", "स्वामित्व",
                          "प्रबंधक", "द्वारा", "स्वामी")
LAST_UPDATED_TRIGGERS = ("update", "reviewed", "modified", "revised", "अद्यतन", "अपडेट", "समीक्षा", "संशोधन",
                         "संशोधित")

# ---- last updated dates -----------------------------------------------------------------------------------
LAST_UPDATED = re.compile(
    r"\b(?:(?:page|site|website|content)\s+)?last\s+(?:updated?|reviewed|modified|revised)(?:\s+on)?\b|\bupdated\s+on\b"
    r"|अंतिम\s+(?:बार\s+)?(?:अद्यतन|अपडेट|समीक्षा|संशोधन|संशोधित|अद्यतित)|पिछला\s+अद्यतन|अद्यतन\s+(?:तिथि|दिनांक)"
    r"|अद्यतन\s+किया\s+गया")
_EN_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
             r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_HI_MONTH = (r"(?:जनवरी|फरवरी|मार्च|अप्रैल|अप्रेल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर"
             r"|दिसंबर|दिसम्बर)")
DATE = re.compile(
    r"(?<!\d)(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?!\d)|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[\s-]+{_EN_MONTH}\.?,?[\s-]+\d{{4}}"
    rf"|(?<![a-z]){_EN_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_HI_MONTH},?\s+\d{{4}})")
# A label followed by a date within 40 characters (the checklist's recipe for GIGW 5.1.5).
LAST_UPDATED_WITH_DATE = re.compile(rf"(?:{LAST_UPDATED.pattern}).{{0,40}}?(?:{DATE.pattern})", re.S)

# ---- documents --------------------------------------------------------------------------------------------
# Images are left out (gallery thumbnails link to full-size photos), and so are feeds and data files.
DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "csv",
                       "zip", "rar", "7z", "mp3", "mp4", "epub")
DOCUMENT_HREF = re.compile(r"\.(" + "|".join(DOCUMENT_EXTENSIONS) + r")(?:[?#]|$)", re.I)
_FORMAT_WORDS = (r"pdf|docx?|xlsx?|pptx?|odt|ods|odp|csv|zip|rar|7z|txt|rtf|jpe?g|png|mp4|mp3|webm|epub|xml|json|word"
                 r"|excel|powerpoint|पीडीएफ|वर्ड|एक्सेल")
FORMAT = re.compile(rf"(?<![{_WORD}])(?:{_FORMAT_WORDS})(?![{_WORD}])")
_UNITS = (r"bytes?|b|kib|kb|mib|mb|gib|gb|के\.?\s?बी\.?|एम\.?\s?बी\.?|जी\.?\s?बी\.?|केबी|एमबी|जीबी|किलोबाइट|मेगाबाइट"
          r"|बाइट")
SIZE = re.compile(rf"(?<![\d.,])(\d{{1,3}}(?:,\d{{2,3}})+(?:\.\d+)?|\d+(?:[.,]\d+)?)\s*({_UNITS})(?![{_WORD}])")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{2})*,\d{3}(?:\.\d+)?")
_UNIT_POWER = {"b": 0, "byte": 0, "bytes": 0, "बाइट": 0, "kb": 1, "kib": 1, "केबी": 1, "किलोबाइट": 1,
               "mb": 2, "mib": 2, "एमबी": 2, "मेगाबाइट": 2, "gb": 3, "gib": 3, "जीबी": 3}
# Stated format word -> media types a server may send for it.
FORMAT_TYPES = {
    "pdf": ("application/pdf", "application/x-pdf"), "पीडीएफ": ("application/pdf", "application/x-pdf"),
    "doc": ("application/msword",), "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml",),
    "xls": ("application/vnd.ms-excel",), "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml",),
    "ppt": ("application/vnd.ms-powerpoint",),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml",),
    "csv": ("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"),
    "zip": ("application/zip", "application/x-zip"),
}


def unit_power(unit: str) -> int:
    """0 for bytes, 1 for KB, 2 for MB, 3 for GB ("के.बी." and "केबी" alike)."""
    return _UNIT_POWER.get(re.sub(r"[\s.]", "", unit), 0)


def stated_size(text: str) -> tuple[float, float, str] | None:
    """(low, high) byte bounds and the stated text for the first file size in normalised `text`.

    The bounds cover the rounding of the last stated digit, 10 % either way and both readings of KB/MB
    (powers of 1000 or of 1024): a label is only wrong when no honest reading of it fits the real size."""
    match = SIZE.search(text)
    if not match:
        return None
    digits = match.group(1)
    # "2,345 KB" and "12,34,567 bytes" group thousands (English and Indian style); "1,5 MB" is a decimal comma.
    number = digits.replace(",", "") if _GROUPED.fullmatch(digits) else digits.replace(",", ".")
    half_step = 0.5 * 10 ** -len(number.partition(".")[2])
    power = unit_power(match.group(2))
    low = max(float(number) - half_step, 0) * 1000 ** power * 0.9
    high = (float(number) + half_step) * 1024 ** power * 1.1
    return low, high, match.group(0)


# ---- hosts ------------------------------------------------------------------------------------------------
NATIONAL_PORTAL_HOSTS = ("india.gov.in", "www.india.gov.in", "इंडिया.सरकार.भारत",
                         "xn--i1bj3fqcyde.xn--11b7cb3a6a.xn--h2brj9c")
_GOVERNMENT_SUFFIXES = (".gov.in", ".nic.in", ".gov", ".mil", ".सरकार.भारत", ".xn--11b7cb3a6a.xn--h2brj9c",
                        ".mil.in", ".ernet.in")
_GOVERNMENT_HOSTS = {"gov.in", "nic.in", "mygov.in", "सरकार.भारत", "xn--11b7cb3a6a.xn--h2brj9c"}
_FOREIGN_GOVERNMENT = re.compile(r"\.(?:gov|gob|gouv|govt|go)\.[a-z]{2}$|\.europa\.eu$|\.int$")


def is_government_host(host: str) -> bool:
    """Hosts of government websites: Indian (gov.in, nic.in, सरकार.भारत, mygov.in), other governments and
    intergovernmental bodies. GIGW 5.4.4 asks for a warning only when a link leaves government."""
    host = (host or "").lower().rstrip(".")
    if host in _GOVERNMENT_HOSTS or host.endswith(_GOVERNMENT_SUFFIXES):
        return True
    if host.endswith(".mygov.in"):
        return True
    return bool(_FOREIGN_GOVERNMENT.search(host))


def is_national_portal(host: str) -> bool:
    return (host or "").lower().rstrip(".") in NATIONAL_PORTAL_HOSTS


# ---- languages --------------------------------------------------------------------------------------------
# Names a language switch shows. Value: (the language the switch leads to, the language the label is written in).
LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    "हिन्दी": ("hi", "hi"), "हिंदी": ("hi", "hi"), "hindi": ("hi", "en"), "english": ("en", "en"),
    "अंग्रेजी": ("en", "hi"), "इंग्लिश": ("en", "hi"), "বাংলা": ("bn", "bn"), "मराठी": ("mr", "mr"),
    "ગુજરાતી": ("gu", "gu"), "தமிழ்": ("ta", "ta"), "తెలుగు": ("te", "te"), "ಕನ್ನಡ": ("kn", "kn"),
    "മലയാളം": ("ml", "ml"), "ਪੰਜਾਬੀ": ("pa", "pa"), "ଓଡ଼ିଆ": ("or", "or"), "ଓଡିଆ": ("or", "or"),
    "اردو": ("ur", "ur"), "অসমীয়া": ("as", "as"), "नेपाली": ("ne", "ne"), "कोंकणी": ("kok", "kok"),
    "मैथिली": ("mai", "mai"), "डोगरी": ("doi", "doi"), "संस्कृतम्": ("sa", "sa"), "संस्कृत": ("sa", "hi"),
    "bengali": ("bn", "en"), "marathi": ("mr", "en"), "gujarati": ("gu", "en"), "tamil": ("ta", "en"),
    "telugu": ("te", "en"), "kannada": ("kn", "en"), "malayalam": ("ml", "en"), "punjabi": ("pa", "en"),
    "odia": ("or", "en"), "urdu": ("ur", "en"), "assamese": ("as", "en"),
}
LANGUAGE_CHOOSER = phrase_regex(("Select Language", "Choose Language", "Change Language", "Language", "Languages",
                                 "भाषा चुनें", "भाषा का चयन करें", "भाषा बदलें", "भाषा"))
_LANGUAGE_NAME = phrase_regex(LANGUAGE_NAMES)
_LANGUAGE_WORDS = tuple(LANGUAGE_NAMES) + ("language", "भाषा")


@lru_cache(maxsize=4096)
def language_switch_label(text: str) -> tuple[str, str] | None:
    """For a language-switch label ("हिन्दी", "English", "Hindi | हिंदी", "Select language"): (target language,
    language the label is written in); ("", "") for a generic chooser; None when it is not such a label."""
    if len(text) > 80 or len(text.split()) > 5:
        return None  # switch labels are a word or two; most link texts are rejected here, before any regex
    norm = _strip_label(normalize(text))
    if not norm or len(norm) > 40:
        return None
    if norm in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[norm]
    if not any(word in norm for word in _LANGUAGE_WORDS):
        return None
    if norm in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[norm]
    names = _LANGUAGE_NAME.findall(norm)
    rest = _LANGUAGE_NAME.sub(" ", norm).strip(_EDGE_PUNCT + " ")
    if names and not rest:
        written = {LANGUAGE_NAMES[n][1] for n in names}
        return LANGUAGE_NAMES[names[0]][0], (written.pop() if len(written) == 1 else "mixed")
    if LANGUAGE_CHOOSER.fullmatch(norm) or (names and len(rest.split()) <= 2 and LANGUAGE_CHOOSER.search(norm)):
        return "", ""
    return None


def primary_language(tag: str | None) -> str:
    return (tag or "").strip().split("-")[0].split("_")[0].lower()


_LATIN = re.compile(r"[A-Za-z]")
_SCRIPTS = (("hi", re.compile(r"[\u0900-\u097f]")), ("bn", re.compile(r"[\u0980-\u09ff]")),
            ("pa", re.compile(r"[\u0a00-\u0a7f]")), ("gu", re.compile(r"[\u0a80-\u0aff]")),
            ("or", re.compile(r"[\u0b00-\u0b7f]")), ("ta", re.compile(r"[\u0b80-\u0bff]")),
            ("te", re.compile(r"[\u0c00-\u0c7f]")), ("kn", re.compile(r"[\u0c80-\u0cff]")),
            ("ml", re.compile(r"[\u0d00-\u0d7f]")), ("ur", re.compile(r"[\u0600-\u06ff]")))


def script_language(text: str) -> str:
    """A rough language for short text from its script: 'en' for Latin, 'hi' for Devanagari, ... ('' if none)."""
    for lang, rx in _SCRIPTS:
        if rx.search(text):
            return lang
    return "en" if _LATIN.search(text) else ""
