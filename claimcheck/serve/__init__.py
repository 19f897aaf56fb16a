"""`claimcheck serve`: a small ASGI app (Starlette) with a page for editors and a JSON API.

    from claimcheck.serve import Checker, ServeConfig, create_app
    checker = Checker.load(["seeds/corpus.jsonl"])        # models and indexes load once
    app = create_app(checker, ServeConfig(token="s3cret"))  # run with uvicorn

The API returns exactly the schema-v1 report `claimcheck check --format json` prints, and the page shows
the fragment `claimcheck.report.render_html_fragment` renders, so the CLI's HTML and the page never drift.
"""
from __future__ import annotations

from importlib import import_module

# Loaded on first use: the CLI reads the server defaults (claimcheck.serve.config) for `--help` without
# importing Starlette or the models.
_HOME = {"Checker": ".checker", "ServeConfig": ".config", "create_app": ".app"}

__all__ = ["Checker", "ServeConfig", "create_app"]


def __getattr__(name: str):
    if name in _HOME:
        return getattr(import_module(_HOME[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
