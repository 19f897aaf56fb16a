"""`claimcheck bench`'s claims figures: the demo article warm and FRANK articles per minute."""
from __future__ import annotations

from claimcheck.bench import DEMO_ARTICLE, claims_figures

from conftest import needs_shared


@needs_shared
def test_claims_figures_count_what_they_timed(real_pipeline):
    pipe = real_pipeline
    text = DEMO_ARTICLE.read_text(encoding="utf-8")
    got = claims_figures(pipe, text, DEMO_ARTICLE.name, n_articles=3)
    assert got["demo_claims"] == len(pipe.extract_claims(*pipe.read_article(text, name=DEMO_ARTICLE.name)))
    assert got["demo_warm_s"] > 0
    assert got["frank_articles"] == 3 and got["frank_claims"] > 3 and got["frank_articles_per_min"] > 0
    assert "frank_articles" not in claims_figures(pipe, text, DEMO_ARTICLE.name, n_articles=0)
