"""The kasauti plugin's options (`plugins: - kasauti: {...}` in mkdocs.yml), one line of comment each."""
from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

# GIGW pages every ministry site publishes (suffix structure: each one also as <name>.hi.md).
REQUIRED_PAGES = (
    "index.md",
    "about/index.md",
    "contact.md",
    "feedback.md",
    "help.md",
    "sitemap.md",
    "accessibility-statement.md",
    "screen-reader-access.md",
    "website-policies/index.md",
    "website-policies/copyright-policy.md",
    "website-policies/hyperlinking-policy.md",
    "website-policies/privacy-policy.md",
    "website-policies/terms-and-conditions.md",
    "website-policies/disclaimer.md",
    "website-policies/content-archival-policy.md",
    "website-policies/content-contribution-moderation-approval-policy.md",
    "website-policies/content-review-policy.md",
    "website-policies/contingency-management-plan.md",
    "website-policies/security-policy.md",
    "website-policies/website-monitoring-plan.md",
)

DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "csv", "zip", "epub")

SITEMAP_MARKER = "<!-- kasauti:sitemap -->"


class KasautiConfig(base.Config):
    # Switch the whole plugin off (the theme still renders, without plugin-made links and checks).
    enabled = c.Type(bool, default=True)
    # Mandatory GIGW pages, as default-language source paths; a missing one is a warning (fails --strict).
    required_pages = c.ListOfItems(c.Type(str), default=list(REQUIRED_PAGES))
    # Every page needs a translation in each built language, or `translation: fallback` in its front matter.
    check_translations = c.Type(bool, default=True)
    # Links to files with these extensions get a "(PDF, 1.2 MB)" label computed from the file.
    download_extensions = c.ListOfItems(c.Type(str), default=list(DOCUMENT_EXTENSIONS))
    # Warn when a linked document is larger than this many MB (0 turns the budget off).
    document_size_budget_mb = c.Type((int, float), default=5)
    # Mark links to other sites, visually and for screen readers.
    mark_external_links = c.Type(bool, default=True)
    # Open links to other sites in a new tab (announced as such).
    external_links_new_tab = c.Type(bool, default=True)
    # GIGW 5.4.4: ask before following a link to a non-government website.
    external_link_notice = c.Type(bool, default=False)
    # Hosts under these domains are government sites: no notice before leaving for them.
    government_domains = c.ListOfItems(c.Type(str), default=["gov.in", "nic.in", "india.gov.in"])
    # The HTML comment in the sitemap page that is replaced with the generated sitemap of that language.
    sitemap_marker = c.Type(str, default=SITEMAP_MARKER)
    # Description, Open Graph tags and schema.org GovernmentOrganization JSON-LD on the home pages.
    metadata = c.Type(bool, default=True)
    # Hindi stemming in search: Material then downloads a 155 KB (gzip) word segmenter on first search.
    search_hindi_stemmer = c.Type(bool, default=False)
    # Warn when a page has more than one <h1> (one h1 per page).
    check_single_h1 = c.Type(bool, default=True)
    # Write kasauti-source-map.json (page -> Markdown file and lines) so audit findings point at the Markdown.
    source_map = c.Type(bool, default=True)
