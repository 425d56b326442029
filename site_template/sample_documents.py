"""The sample PDFs linked from the reference site (content/documents/) and from the copier template.

Regenerate both sets with `python -m kasauti.site_template.pdfgen`; a test checks the committed files still
match this catalogue byte for byte. The ministry is fictional, and every document says so.
"""
from __future__ import annotations

from pathlib import Path

from kasauti.site_template.pdfgen import SampleDocument

FICTION_NOTE = (
    "The Ministry of Water Conservation is a fictional ministry. This document is demonstration content for "
    "the Kasauti toolkit and has no legal or administrative effect."
)
TEMPLATE_NOTE = (
    "This is a sample document shipped with the Kasauti site template. Replace it with the ministry's own "
    "document, keeping the file small and accessible (tagged PDF with a title and document language)."
)
MINISTRY = "Ministry of Water Conservation"


def _doc(filename: str, title: str, *paragraphs: str, subject: str = "") -> SampleDocument:
    return SampleDocument(filename=filename, title=title, paragraphs=(*paragraphs, FICTION_NOTE),
                          author=MINISTRY, subject=subject)


REFERENCE_DOCUMENTS: tuple[SampleDocument, ...] = (
    _doc("annual-report-2025-26.pdf", "Annual Report 2025-26",
         "This report describes the work of the Ministry of Water Conservation during the financial year "
         "2025-26: the schemes it ran, the money it spent and the results measured in villages and towns.",
         "Highlights: 41,200 rooftop rainwater harvesting structures were completed, 3,150 village ponds were "
         "desilted and restored, and groundwater levels rose in 212 of the 480 blocks monitored under the "
         "Groundwater Recharge Mission.",
         "Chapters: 1. The Ministry and its functions. 2. Schemes and outcomes. 3. Groundwater monitoring. "
         "4. Finance and audit. 5. Right to Information and public grievances. 6. Use of Hindi."),
    _doc("reports/national-groundwater-assessment-2026-summary.pdf",
         "National Groundwater Assessment 2026: Summary Report",
         "The assessment compares annual groundwater recharge with annual extraction in 6,800 assessment units "
         "across the country, using monitoring well data collected up to March 2026.",
         "Of the units assessed, 71 per cent were classed as safe, 11 per cent as semi-critical, 4 per cent as "
         "critical and 14 per cent as over-exploited. The share of over-exploited units fell by 1.2 percentage "
         "points since the 2024 assessment."),
    _doc("schemes/rainwater-harvesting-scheme-guidelines-2026.pdf",
         "Operational Guidelines: Rainwater Harvesting Scheme, 2026",
         "These guidelines explain who may apply for assistance under the Rainwater Harvesting Scheme, which "
         "structures qualify, how the subsidy is calculated and how completed work is verified.",
         "Households, resident welfare associations, schools and Gram Panchayats may apply through the "
         "Urban Local Body or Block Development Office. Assistance covers 50 per cent of the approved cost, up "
         "to Rs. 25,000 for a household and Rs. 2,00,000 for an institution."),
    _doc("schemes/groundwater-recharge-mission-framework.pdf",
         "Framework for Implementation: Groundwater Recharge Mission",
         "The Mission funds recharge shafts, check dams and percolation tanks in blocks classed as critical or "
         "over-exploited, planned through village water security plans prepared by Gram Sabhas.",
         "States receive funds in two instalments. The second instalment is released after geo-tagged "
         "photographs and water level data for the first phase are uploaded to the Mission dashboard."),
    _doc("schemes/village-pond-revival-application-form.pdf",
         "Application Form: Village Pond Revival Scheme",
         "Part A: details of the Gram Panchayat (name, block, district, state, LGD code). Part B: details of "
         "the pond (survey number, area in hectares, present condition, photographs).",
         "Part C: works proposed (desilting, inlet and outlet repair, bund strengthening, plantation) with the "
         "estimated cost of each. Part D: resolution of the Gram Sabha and signature of the Sarpanch."),
    _doc("tenders/jsm-proc-2026-041-water-level-recorders.pdf",
         "Tender Document: Supply and Installation of 250 Digital Water Level Recorders (JSM/PROC/2026/041)",
         "The Ministry invites bids through the Central Public Procurement Portal for the supply, installation "
         "and five-year maintenance of 250 digital water level recorders with telemetry in piezometer wells.",
         "Bids close at 15:00 on 15-12-2026. Technical bids open at 15:30 on 16-12-2026. Earnest money deposit: "
         "Rs. 4,00,000."),
    _doc("tenders/jsm-proc-2026-041-corrigendum-1.pdf",
         "Corrigendum 1 to Tender JSM/PROC/2026/041",
         "The date of the pre-bid meeting is changed from 27-11-2026 to 30-11-2026 at 11:00 in Conference Room "
         "2, Jal Sanrakshan Bhawan. All other terms of the tender remain unchanged."),
    _doc("tenders/jsm-it-2026-007-managed-hosting.pdf",
         "Request for Proposal: Managed Hosting of Ministry Websites (JSM/IT/2026/007)",
         "The Ministry seeks a managed hosting service in a data centre located in India for its bilingual "
         "websites, with a web application firewall, daily backups, log retention for 180 days and a tested "
         "disaster recovery site.",
         "Proposals close at 15:00 on 22-12-2026."),
    _doc("tenders/jsm-adm-2026-019-housekeeping.pdf",
         "Tender Document: Housekeeping Services for Jal Sanrakshan Bhawan (JSM/ADM/2026/019)",
         "Housekeeping and sanitation services for the office building for two years, extendable by one year "
         "on satisfactory performance. Bids close at 15:00 on 08-01-2027."),
    _doc("tenders/archive/jsm-proc-2026-012-survey-vehicles.pdf",
         "Tender Document: Hiring of Survey Vehicles (JSM/PROC/2026/012)",
         "Hiring of twelve four-wheel-drive vehicles for groundwater survey teams for one year. This tender "
         "closed on 30-06-2026 and the contract was awarded on 28-07-2026."),
    _doc("rti/proactive-disclosure-section-4-1-b-2026.pdf",
         "Proactive Disclosure under Section 4(1)(b) of the RTI Act, 2005",
         "This disclosure sets out the particulars of the Ministry's organisation, functions and duties; the "
         "powers and duties of its officers; the procedure followed in decision making; the norms set for the "
         "discharge of functions; and the rules, regulations and manuals used.",
         "It also lists the directory of officers and employees, the monthly remuneration of each, the budget "
         "allocated to each unit and the particulars of the Public Information Officers. Updated October 2026."),
    _doc("rti/rti-quarterly-return-2026-q2.pdf",
         "RTI Quarterly Return, July to September 2026",
         "Requests received: 412. Requests disposed of: 398. Requests transferred to other public authorities: "
         "37. First appeals received: 29. First appeals disposed of: 27. Fees collected: Rs. 3,870."),
    _doc("acts-and-rules/model-rainwater-harvesting-bye-laws-2026.pdf",
         "Model Rainwater Harvesting Building Bye-laws, 2026",
         "Model provisions that States and Urban Local Bodies may adopt in their building bye-laws: rooftop "
         "rainwater harvesting is required for new buildings on plots of 100 square metres or more, and for "
         "all government buildings regardless of plot size.",
         "Annexures give design standards for recharge pits and storage tanks and a checklist for inspection "
         "before an occupancy certificate is issued."),
    _doc("acts-and-rules/groundwater-extraction-guidelines-2025.pdf",
         "Guidelines for Regulation of Groundwater Extraction, 2025",
         "These guidelines describe when a no-objection certificate is needed to extract groundwater for "
         "industry, infrastructure and mining projects, and the conditions attached to it, such as metering, "
         "recharge obligations and annual water audits."),
)


def _template_doc(filename: str, title: str, *paragraphs: str) -> SampleDocument:
    return SampleDocument(filename=filename, title=title, paragraphs=(*paragraphs, TEMPLATE_NOTE),
                          author="Kasauti site template")


TEMPLATE_DOCUMENTS: tuple[SampleDocument, ...] = (
    _template_doc("annual-report-sample.pdf", "Annual Report (sample)",
                  "An annual report usually covers the ministry's functions, schemes and outcomes, finance and "
                  "audit, Right to Information and public grievances, and the progressive use of Hindi."),
    _template_doc("schemes/sample-scheme-guidelines.pdf", "Scheme Guidelines (sample)",
                  "Scheme guidelines say who may apply, what assistance is given, how to apply, which documents "
                  "are needed and how long the scheme runs."),
    _template_doc("tenders/sample-tender-document.pdf", "Tender Document (sample)",
                  "A tender document gives the scope of work, eligibility, the bid submission and opening "
                  "dates, the earnest money deposit and the evaluation method."),
    _template_doc("rti/proactive-disclosure-section-4-1-b.pdf",
                  "Proactive Disclosure under Section 4(1)(b) of the RTI Act, 2005 (sample)",
                  "Section 4(1)(b) of the Right to Information Act, 2005 lists the particulars every public "
                  "authority publishes on its own: organisation, functions, officers, decision-making "
                  "procedure, rules and manuals, budget and Public Information Officers."),
    _template_doc("acts-and-rules/sample-rules.pdf", "Rules and Regulations (sample)",
                  "List here the acts the ministry administers and the rules, regulations and guidelines made "
                  "under them, each with its full title, year and date of notification."),
)


def targets() -> tuple[Path, Path]:
    """Where the committed PDFs live: the reference site's documents folder and the template's."""
    package_dir = Path(__file__).resolve().parent
    return package_dir.parent / "content" / "documents", package_dir / "template" / "content" / "documents"
