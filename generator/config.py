"""Build settings, resolved once by the caller and passed to every stage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATES = PROJECT_ROOT / "templates"


@dataclass(frozen=True)
class BuildConfig:
    """Where the build reads from and writes to, and how strict it is."""

    raw_dir: Path = Path("content/raw")
    content_dir: Path = Path("content/articles")
    gazetteer_dir: Path = Path("content/gazetteer")
    out_dir: Path = Path("site")
    templates_dir: Path = DEFAULT_TEMPLATES
    base_url: str = ""  # absolute URL of the published site, e.g. https://me.github.io/archive/
    strict: bool = False
    site_title: str = "Dossier"
    page_size: int = 50
    cache: bool = True  # keep and use .dossier-cache/ beside the content folder
