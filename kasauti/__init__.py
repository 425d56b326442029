"""Kasauti: build GIGW 3.0 / WCAG 2.2 AA government websites, and audit any site against them."""

__version__ = "0.1.0"
