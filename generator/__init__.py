"""Dossier: static, searchable, offline archive sites from scraped news articles."""

from __future__ import annotations

__version__ = "0.1.0"
