"""The Content-Security-Policy of every page: only the site's own files run or style it.

Pages carry it in a ``<meta http-equiv>`` (the site must work from ``file://`` and on hosts
that set no headers); ``dossier serve`` also sends it as a header, with the directives a
``<meta>`` policy cannot hold.
"""

from __future__ import annotations

# From file:// the page's origin is opaque: Chromium lets 'self' match file: URLs, other
# browsers may not, so the file: scheme is named too (over HTTP it matches nothing: a served
# page can never load a file: URL). Inline scripts, event handlers, javascript: URLs, eval and
# inline style are refused everywhere.
OWN_FILES = "'self' file:"
PAGE_POLICY = (
    ("default-src", "'none'"),
    ("script-src", OWN_FILES),
    ("style-src", OWN_FILES),
    ("img-src", OWN_FILES),
    ("form-action", "'self'"),
    ("base-uri", "'none'"),
    ("object-src", "'none'"),
)
# Ignored (and reported as an error) in a <meta> policy: only a header can forbid framing.
HEADER_ONLY = (("frame-ancestors", "'none'"),)


def policy_text(directives: tuple[tuple[str, str], ...]) -> str:
    """``directives`` written as a policy: ``name value; name value``."""
    return "; ".join(f"{name} {value}" for name, value in directives)


def page_policy() -> str:
    """The policy of the ``<meta http-equiv="Content-Security-Policy">`` of every page."""
    return policy_text(PAGE_POLICY)


def header_policy() -> str:
    """The policy ``dossier serve`` sends with every response."""
    return policy_text(PAGE_POLICY + HEADER_ONLY)
