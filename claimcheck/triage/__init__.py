"""Newsroom triage: check many articles against one corpus and rank them by what needs checking.

    from claimcheck.triage import TriageConfig, run_triage
    result = run_triage(TriageConfig(articles="today/", corpus="archive.jsonl", out="triage/"))

Input: a folder of .txt/.md/.html/.json/.docx/.pdf files (sorted by relative path; id = the relative path
without its suffix, e.g. "politics/budget") or a .jsonl file with {"id", "text", "title"?, "url"?}
per line. One Pipeline serves the whole run (models and the index load once); articles go through
`Pipeline.check_many` in batches, so the claims of a whole batch share the embedder and verifier calls.

Output folder:
  results.jsonl   one schema-v1 report per line (article.id = the triage id), appended whole + fsync
  errors.jsonl    {"id", "source", "error"} per article that failed in the latest run
  ranking.csv     one row per article in ranking order (status ok|error)
  index.html      sortable dashboard (offline; every text escaped) linking reports/<safe-id>.html
  reports/        one HTML report per article
  triage-state.json  articles, corpus, profile, top_k and review threshold of this folder
ranking.csv, index.html and the pages are written atomically (temp file + rename), and the ranking
and dashboard are rewritten after the first batch, every few batches and at the end.

Ranking rule (most in need of checking first):
  1. needs_review articles first (risk score >= review threshold, or a contradicted claim with
     confidence >= the profile's contradiction_review);
  2. then articles the corpus does not cover (coverage, the share of check-worthy claims some passage
     addresses, under claimcheck.verify.aggregate.LOW_COVERAGE): they could not be checked; 3. the rest.
  Within each: the contradiction weight (the sum of the confidence scores of the article's contradicted
  check-worthy claims: two confident contradictions outrank one), then the risk score
  (claimcheck.verify.aggregate.article_risk), then the id.
  Articles that failed come last. --review-threshold overrides the profile's [risk] review_threshold.

Resuming: kill a run at any moment (even kill -9) and rerun the same command. On start, a torn last
line of results.jsonl is cut off, ids already in it are skipped, and failed articles are retried.
A rerun whose articles, corpus, profile, top-k or review threshold differ is refused; --force
removes the earlier outputs and starts over (other files in the folder are left alone).

--workers N sets the number of CPU threads the models use (torch intra-op threads); by default
torch picks one per core. Reading and decoding the next batch always happens in one background
thread while the models work on the current one.

--engine ray [--address auto|ray://HOST:PORT] [--workers N] checks the batches on N Ray workers
(claimcheck.cluster.ray_triage), each holding one Pipeline; this process still reads the articles and
writes every file above, through the same code, so outputs, resume and exit codes do not change.

Exit codes: 0 every article checked; 3 some articles failed (listed in errors.jsonl and on
stderr); 2 bad usage (no such ARTICLES, an empty folder, a bad corpus, a changed input); 1 internal error.
"""
from __future__ import annotations

from .inputs import ArticleRef, list_articles, load_article
from .ranking import RankRow, ranking_csv, row_from_report, sort_key, sort_rows
from .runner import EXIT_SOME_FAILED, TriageConfig, TriageResult, check_isolated, default_pipeline, run_triage

__all__ = [
    "EXIT_SOME_FAILED", "ArticleRef", "RankRow", "TriageConfig", "TriageResult", "check_isolated",
    "default_pipeline", "list_articles", "load_article", "ranking_csv", "row_from_report", "run_triage",
    "sort_key", "sort_rows",
]
