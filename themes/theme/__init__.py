"""The Kasauti MkDocs theme (`theme: name: kasauti`): Material for MkDocs with a government identity header,
GIGW footer, accessibility controls and self-hosted fonts. Templates and assets live next to this file."""
