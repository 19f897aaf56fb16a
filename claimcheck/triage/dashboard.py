"""index.html: a sortable table of the triage, linking each article to its report page.

Self-contained and offline: inline CSS (the report's, plus a few table rules) and a small script that
sorts rows on a header click (only reading data-sort attributes and moving rows; it never builds HTML
from data). A Content-Security-Policy allows that one script and no network. Every id, title and
claim goes through html.escape. Without JavaScript the table is still in ranking order.
"""
from __future__ import annotations

import base64
import hashlib
import time
from html import escape
from typing import Iterable

from ..report.assets import STYLE
from ..report.common import LABELS, pct
from .ranking import OK, RankRow, sort_rows, uncovered

TABLE_STYLE = """
.cc-triage table{border-collapse:collapse;width:100%;font-size:.92em}
.cc-triage th,.cc-triage td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
.cc-triage th{position:sticky;top:0;background:#f6f8fa;cursor:pointer;user-select:none;font-size:.92em;line-height:1.3}
.cc-triage th[aria-sort=ascending]::after{content:" \\25B2"}.cc-triage th[aria-sort=descending]::after{content:" \\25BC"}
.cc-triage td.num{text-align:right;font-variant-numeric:tabular-nums}
.cc-triage tr.cc-row-review{background:#fff5f5}.cc-triage tr.cc-row-uncovered{background:#fffbea}.cc-triage tr.cc-row-error{background:#f6f8fa;color:var(--muted)}
.cc-triage .cc-claimcell{min-width:14em;max-width:34em}.cc-triage .cc-chip{white-space:nowrap}
.cc-triage td{overflow-wrap:anywhere}.cc-triage td.num,.cc-triage td .cc-chip{overflow-wrap:normal}
.cc-triage th,.cc-triage td{padding:6px 6px}
.cc-table-wrap{max-width:100%;overflow-x:auto}
@media (max-width:1100px){.cc-triage th:nth-child(n+11),.cc-triage td:nth-child(n+11){display:none}}
@media (max-width:760px){.cc-triage th:nth-child(5),.cc-triage td:nth-child(5),.cc-triage th:nth-child(8),
 .cc-triage td:nth-child(8),.cc-triage th:nth-child(10),.cc-triage td:nth-child(10){display:none}}
"""

SORT_SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("cc-triage-table");
  if (!table) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  function value(row, col, numeric) {
    var v = row.cells[col].getAttribute("data-sort");
    if (v === null) v = row.cells[col].textContent;
    if (!numeric) return v.toLowerCase();
    var n = parseFloat(v);
    return isNaN(n) ? -Infinity : n;
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    th.tabIndex = 0;
    function sortBy() {
      var numeric = th.getAttribute("data-type") === "num";
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a, col, numeric), y = value(b, col, numeric);
        var c = x < y ? -1 : x > y ? 1 : 0;
        if (c === 0) c = Number(a.getAttribute("data-rank")) - Number(b.getAttribute("data-rank"));
        else if (!asc) c = -c;
        return c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener("click", sortBy);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(); } });
  });
})();
"""

COLUMNS = (  # (header, data-type)
    ("Rank", "num"), ("Article", "text"), ("Review", "num"), ("Risk", "num"), ("Coverage", "num"), ("Contradicted", "num"),
    ("Not enough info", "num"), ("Supported", "num"), ("Most serious flagged claim", "text"),
    ("Verdict", "text"), ("Score", "num"), ("Status", "text"),
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def csp() -> str:
    digest = base64.b64encode(hashlib.sha256(SORT_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def _row(rank: int, r: RankRow) -> str:
    name = _e(r.title or r.id)
    link = f'<a href="{_e(r.report)}">{name}</a>' if r.report else name
    article = f'{link}<div class="cc-muted">{_e(r.id)}</div>' if r.title else link
    if r.status != OK:
        cells = [f'<td class="num">{rank}</td>', f"<td>{article}</td>", '<td data-sort="-1"></td>',
                 *('<td class="num" data-sort=""></td>',) * 5,
                 f'<td class="cc-claimcell cc-muted">{_e(r.error)}</td>', "<td></td>", '<td class="num" data-sort=""></td>',
                 '<td><span class="cc-chip cc-v-contradicted">error</span></td>']
        return f'<tr class="cc-row-error" data-rank="{rank}">{"".join(cells)}</tr>'
    review = ('<span class="cc-chip cc-review-flag">Needs review</span>' if r.needs_review else
              '<span class="cc-chip cc-uncovered-flag" title="the corpus does not cover this article: under half of its '
              'check-worthy claims have a passage that addresses them">Not covered</span>' if uncovered(r) else "")
    cov = "" if r.coverage is None else pct(r.coverage)
    verdict = (f'<span class="cc-chip cc-v-{_e(r.top_claim_verdict)}">{_e(LABELS.get(r.top_claim_verdict, r.top_claim_verdict))}</span>'
               if r.top_claim_verdict else "")
    # a figure only next to a contradiction: "not enough info" has none that means anything (see the report)
    score = pct(r.top_claim_score) if r.top_claim_score is not None and r.top_claim_verdict in (
        "contradicted", "possible_conflict") else ""
    cells = [
        f'<td class="num">{rank}</td>',
        f'<td data-sort="{_e(r.title or r.id)}">{article}</td>',
        f'<td data-sort="{2 if r.needs_review else 1 if uncovered(r) else 0}">{review}</td>',
        f'<td class="num">{r.risk_score:.2f}</td>',
        f'<td class="num" data-sort="{"" if r.coverage is None else f"{r.coverage:.4f}"}">{cov}</td>',
        f'<td class="num" data-sort="{r.n_contradicted + r.contradiction_weight / 1000:.6f}">{r.n_contradicted}</td>',
        f'<td class="num" data-sort="{r.n_not_enough_info + r.n_possible_conflict / 1000:.6f}">{r.n_not_enough_info}'
        + (f' <span class="cc-chip cc-v-possible_conflict" title="not enough info, but a passage may contradict">'
           f'{r.n_possible_conflict} possible</span>' if r.n_possible_conflict else "") + '</td>',
        f'<td class="num">{r.n_supported}</td>',
        f'<td class="cc-claimcell">{_e(r.top_claim)}</td>',
        f'<td data-sort="{_e(r.top_claim_verdict)}">{verdict}</td>',
        f'<td class="num" data-sort="{"" if r.top_claim_score is None else f"{r.top_claim_score:.4f}"}">{score}</td>',
        "<td>ok</td>",
    ]
    cls = ' class="cc-row-review"' if r.needs_review else ' class="cc-row-uncovered"' if uncovered(r) else ""
    return f'<tr{cls} data-rank="{rank}">{"".join(cells)}</tr>'


def render_dashboard(rows: Iterable[RankRow], *, total: int, title: str = "Triage", done: bool = True) -> str:
    """The whole index.html. `total` is the number of articles in the input; `done` False marks a page
    written mid-run (it says how far the run got)."""
    ranked = sort_rows(rows)
    n_ok = sum(1 for r in ranked if r.status == OK)
    n_review = sum(1 for r in ranked if r.status == OK and r.needs_review)
    n_uncovered = sum(1 for r in ranked if uncovered(r))
    n_err = len(ranked) - n_ok
    state = "complete" if done else f"in progress: {len(ranked)} of {total} articles so far"
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    head = "".join(f'<th scope="col" data-type="{t}">{_e(h)}</th>' for h, t in COLUMNS)
    body = "".join(_row(i, r) for i, r in enumerate(ranked, start=1))
    summary = (f'<div class="cc-risk{" cc-review" if n_review else ""}">'
               f'<span class="cc-risk-score">{n_ok} checked</span>'
               f'<span class="cc-chip cc-review-flag">{n_review} need review</span>'
               + (f'<span class="cc-chip cc-uncovered-flag">{n_uncovered} not covered by the corpus</span>'
                  if n_uncovered else "")
               + (f'<span class="cc-chip cc-v-contradicted">{n_err} failed (see errors.jsonl)</span>' if n_err else "")
               + f'<span class="cc-muted">{_e(state)} · written {_e(stamp)}</span></div>')
    note = ('<p class="cc-muted">Ranked with articles that need review first (a contradicted claim, or much the corpus '
            "addresses but does not confirm), then articles the corpus does not cover (coverage: the share of "
            "check-worthy claims some passage addresses), then the rest; within each, by the summed confidence of "
            "contradicted claims, then by risk score. Click a column header to sort by it.</p>")
    ok_rows = [r for r in ranked if r.status == OK]
    if ok_rows and n_uncovered == len(ok_rows):
        note += ('<div class="cc-warning" role="alert"><strong>Warning:</strong> the corpus covers none of these '
                 "articles: their verdicts say what the corpus lacks, not what is wrong. Use a corpus about "
                 "their topics.</div>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp()}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">'
        f"<title>{_e(title)}</title><style>{STYLE}{TABLE_STYLE}</style></head>\n<body>\n"
        f'<div class="cc-report cc-triage"><header class="cc-header"><h1>{_e(title)}</h1>{summary}{note}</header>'
        f'<div class="cc-table-wrap"><table id="cc-triage-table"><thead><tr>{head}</tr></thead>'
        f'<tbody>\n{body}\n</tbody></table></div></div>\n'
        f"<script>{SORT_SCRIPT}</script>\n</body></html>\n"
    )
