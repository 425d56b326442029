"""I18N001 hindi-version-missing on whole sites."""
from __future__ import annotations

from .test_gigw_site import BASE, build_site, findings, good_pages, good_resources, page


def test_site_with_hindi_pages_passes():
    assert findings(build_site(good_pages(), good_resources()), outcome=None, codes={"I18N001"}) == []


def test_link_to_a_hindi_version_is_enough_even_if_not_crawled():
    pages = {"": page("en", "", "Home"), "about/": page("en", "about/", "About")}
    assert findings(build_site(pages), outcome=None, codes={"I18N001"}) == []  # header links हिन्दी, hreflang=hi


def test_english_only_site_is_reported_once():
    english = {path: text.replace('<a href="/hi/" hreflang="hi" lang="hi">हिन्दी</a>', "")
               for path, text in good_pages().items() if not path.startswith("hi/")}
    found = findings(build_site(english), outcome=None, codes={"I18N001"})
    assert [(f.rule, f.outcome, f.url) for f in found] == [("I18N001", "violation", BASE)]


def test_site_bilingual_in_a_state_language_is_left_for_review():
    pages = {"": page("en", "", "Home").replace('<a href="/hi/" hreflang="hi" lang="hi">हिन्दी</a>',
                                                '<a href="/ta/" hreflang="ta" lang="ta">தமிழ்</a>'),
             "ta/": page("en", "", "Home").replace('lang="en"', 'lang="ta"', 1).replace(
                 '<a href="/hi/" hreflang="hi" lang="hi">हिन्दी</a>', '<a href="/" hreflang="en" lang="en">English</a>')}
    found = findings(build_site(pages), outcome=None, codes={"I18N001"})
    assert [(f.outcome, f.message_id, dict(f.data)["language"]) for f in found] == [("needs-review", "regional", "ta")]
