"""Human-readable reports of a checked article: Markdown and a self-contained HTML page.

    from claimcheck.report import render_markdown, render_html
    Path("report.html").write_text(render_html(report), encoding="utf-8")

`render_html_fragment` gives the body alone (for `claimcheck serve`); `wrap_page` makes it a page.
"""
from __future__ import annotations

from .html import render_html, render_html_fragment, wrap_page
from .markdown import render_markdown

__all__ = ["render_html", "render_html_fragment", "render_markdown", "wrap_page"]
