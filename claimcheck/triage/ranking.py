"""One ranking row per article, the ranking rule, and ranking.csv.

Rows are built from reports as results.jsonl holds them (schema v1, read back with Report.from_dict), so a
resumed run ranks the articles of earlier runs exactly like its own. The rule is in `sort_rows`.
"""
from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, fields
from typing import Iterable

from ..report.common import POSSIBLE_CONFLICT, SEVERITY, display_verdict
from ..core.types import CONTRADICTED, NOT_ENOUGH_INFO, CheckedClaim, Report, Risk
from ..verify.aggregate import addressed, low_coverage

OK, ERROR = "ok", "error"


@dataclass(frozen=True)
class RankRow:
    id: str
    title: str = ""
    risk_score: float = 0.0
    needs_review: bool = False
    n_contradicted: int = 0
    n_not_enough_info: int = 0
    n_supported: int = 0
    contradiction_weight: float = 0.0  # sum of the confidences of the contradicted check-worthy claims
    top_claim: str = ""  # the most serious flagged (contradicted or not_enough_info) check-worthy claim
    top_claim_verdict: str = ""
    top_claim_score: float | None = None
    status: str = OK
    error: str = ""
    report: str = ""  # the article's HTML page, relative to the output folder
    source: str = ""
    coverage: float | None = None  # share of check-worthy claims some corpus passage addresses
    n_possible_conflict: int = 0  # not-enough-info claims with attention "possible_conflict"
    possible_conflict_weight: float = 0.0  # sum of their contradiction figures


CSV_FIELDS = ("rank",) + tuple(f.name for f in fields(RankRow))


def row_from_report(report: Report, page: str = "") -> RankRow:
    """The ranking row of one report (read back from results.jsonl with Report.from_dict)."""
    worthy = [c for c in report.claims if c.claim.checkworthy]
    flagged = [c for c in worthy if c.judgement.verdict in (CONTRADICTED, NOT_ENOUGH_INFO)]
    possible = [c for c in worthy if display_verdict(c) == POSSIBLE_CONFLICT]
    top = min(flagged, key=lambda c: (-SEVERITY[display_verdict(c)], -_figure(c), c.claim.span[0]), default=None)
    risk = report.risk
    return RankRow(
        id=str(report.article.id),
        title=report.article.title or "",
        risk_score=float(risk.score),
        needs_review=bool(risk.needs_review),
        n_contradicted=risk.n_contradicted,
        n_not_enough_info=risk.n_not_enough_info,
        n_supported=risk.n_supported,
        contradiction_weight=round(sum(c.judgement.score for c in worthy if c.judgement.verdict == CONTRADICTED), 4),
        coverage=_coverage(risk, worthy),
        top_claim=top.claim.text if top else "",
        top_claim_verdict=display_verdict(top) if top else "",
        top_claim_score=_figure(top) if top else None,
        n_possible_conflict=len(possible),
        possible_conflict_weight=round(sum(c.judgement.attention_score for c in possible), 4),
        report=page,
        source=report.article.path or "",
    )


def _figure(c: CheckedClaim) -> float:
    """A flagged claim's figure: its verdict's confidence, or the contradiction of a possible conflict."""
    return float(c.judgement.attention_score if display_verdict(c) == POSSIBLE_CONFLICT else c.judgement.score)


def _coverage(risk: Risk, worthy: list[CheckedClaim]) -> float | None:
    """risk.coverage; for results written before it existed (None beside check-worthy claims), the same
    share from the claims."""
    if risk.coverage is not None or not worthy:
        return risk.coverage
    return round(sum(1 for c in worthy if addressed(c.judgement)) / len(worthy), 4)


def uncovered(row: RankRow) -> bool:
    """The corpus does not cover the article: its own state, ranked below review and above the rest."""
    return row.status == OK and not row.needs_review and low_coverage(row.coverage)


def error_row(article_id: str, source: str, message: str) -> RankRow:
    return RankRow(id=article_id, status=ERROR, error=message, source=source)


def sort_key(row: RankRow) -> tuple:
    """Most in need of checking first:
    1. articles that need review (a confident contradiction, or a risk score at the threshold);
    2. then articles the corpus does not cover (coverage under LOW_COVERAGE): they could not be checked;
    3. then the rest; within each, by contradiction weight (the summed confidence of contradicted
    claims), then by possible-conflict weight (the summed contradiction of possible conflicts), then by
    risk score, then by id. Articles that failed come last, by id."""
    if row.status != OK:
        return (1, 0, 0.0, 0.0, 0.0, row.id, row.source)
    tier = 0 if row.needs_review else 1 if uncovered(row) else 2
    return (0, tier, -row.contradiction_weight, -row.possible_conflict_weight, -row.risk_score, row.id, row.source)


def sort_rows(rows: Iterable[RankRow]) -> list[RankRow]:
    return sorted(rows, key=sort_key)


def ranking_csv(rows: Iterable[RankRow]) -> str:
    """ranking.csv text: a header, then one line per article in ranking order (rank 1 first)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    for rank, row in enumerate(sort_rows(rows), start=1):
        d = asdict(row)
        d["needs_review"] = "yes" if row.needs_review else "no" if row.status == OK else ""
        d["risk_score"] = f"{row.risk_score:.4f}" if row.status == OK else ""
        d["contradiction_weight"] = f"{row.contradiction_weight:.4f}" if row.status == OK else ""
        d["possible_conflict_weight"] = f"{row.possible_conflict_weight:.4f}" if row.status == OK else ""
        d["coverage"] = "" if row.coverage is None or row.status != OK else f"{row.coverage:.4f}"
        d["top_claim_score"] = "" if row.top_claim_score is None else f"{row.top_claim_score:.4f}"
        if row.status != OK:
            for k in ("n_contradicted", "n_not_enough_info", "n_supported", "n_possible_conflict"):
                d[k] = ""
        w.writerow({"rank": rank, **{k: _cell(v) for k, v in d.items()}})
    return buf.getvalue()


def _cell(value):
    """Neutralise spreadsheet formulas in untrusted text (a title starting with =, +, -, @)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
