"""`claimcheck serve`: a small ASGI app (Starlette) with a page for editors and a JSON API.

    from claimcheck.serve import Engine, ServeConfig, create_app
    engine = Engine.load(["seeds/corpus.jsonl"])          # models and indexes load once
    app = create_app(engine, ServeConfig(token="s3cret"))   # run with uvicorn

The API returns exactly the schema-v1 report `claimcheck check --format json` prints, and the page shows
the fragment `claimcheck.report.render_html_fragment` renders, so the CLI's HTML and the page never drift.
"""
from __future__ import annotations

from .app import create_app
from .config import ServeConfig
from .engine import Engine

__all__ = ["Engine", "ServeConfig", "create_app"]
