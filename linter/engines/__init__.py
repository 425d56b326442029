"""Engines turn pages into findings: static (rules on parsed HTML and HTTP facts), axe, lighthouse."""
