"""Inline CSS and JS of the HTML report (no external requests). The JS reads claim data from a
JSON block and builds the details panel with textContent only."""
from __future__ import annotations

import base64
import hashlib

STYLE = """
.cc-report{--sup:#1a7f37;--sup-bg:#d8f3dc;--con:#c62828;--con-bg:#ffdada;--nei:#9a6700;--nei-bg:#ffefb8;
 --pc:#b3410e;--pc-bg:#ffd8b5;
 --ncw:#6e7781;--ncw-bg:#e8ebee;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;
 font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);
 max-width:1240px;margin:0 auto;padding:20px 24px 40px}
.cc-report h1{font-size:1.6em;margin:0 0 4px;line-height:1.25}
.cc-report h2{font-size:1.15em;margin:0 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
.cc-meta,.cc-model,.cc-muted{color:var(--muted);font-size:.9em}
.cc-header{margin-bottom:18px}
.cc-risk{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-top:10px;padding:10px 12px;
 border-radius:8px;border:1px solid var(--line);background:#f6f8fa}
.cc-risk.cc-review{border-color:var(--con);background:#fff5f5}
.cc-risk-score{font-weight:700;font-size:1.1em;margin-right:6px}
.cc-chip{display:inline-block;padding:1px 9px;border-radius:999px;font-size:.88em;font-weight:600;border:1px solid}
.cc-chip.cc-v-supported{color:var(--sup);background:var(--sup-bg);border-color:var(--sup)}
.cc-chip.cc-v-contradicted{color:var(--con);background:var(--con-bg);border-color:var(--con)}
.cc-chip.cc-v-not_enough_info{color:var(--nei);background:var(--nei-bg);border-color:var(--nei)}
.cc-chip.cc-v-not_checkworthy{color:var(--ncw);background:var(--ncw-bg);border-color:var(--ncw)}
.cc-chip.cc-review-flag{color:#fff;background:var(--con);border-color:var(--con)}
.cc-chip.cc-ok-flag{color:var(--sup);background:#fff;border-color:var(--sup)}
.cc-section{margin:22px 0}
.cc-summary-list{margin:0;padding-left:1.4em}
.cc-summary-list li{margin:4px 0;padding:2px 6px;border-radius:4px}
.cc-summary-list li.cc-flagged{background:var(--nei-bg);border-left:4px solid var(--nei)}
.cc-summary-list li.cc-flag-contradicted,.cc-summary-list li.cc-sv-contradicted{background:var(--con-bg);border-left-color:var(--con)}
.cc-sum-claims{font-size:.85em;color:var(--muted);margin-left:4px;white-space:nowrap}
.cc-sl{font-weight:600;text-decoration:none;border-bottom:2px solid var(--ncw);padding:0 2px;color:inherit}
.cc-sl.cc-v-supported{border-color:var(--sup)}.cc-sl.cc-v-contradicted{border-color:var(--con);color:var(--con)}
.cc-sl.cc-v-not_enough_info{border-color:var(--nei)}
.cc-sl:hover,.cc-sl:focus,.cc-sl.cc-active{outline:2px solid var(--ink);outline-offset:1px}
.cc-warning{margin:10px 0 0;padding:8px 12px;border-radius:8px;border:1px solid var(--nei);background:var(--nei-bg)}
.cc-chip.cc-uncovered-flag{color:#fff;background:var(--nei);border-color:var(--nei)}
.cc-chip.cc-coverage{color:var(--ink);background:#fff;border-color:var(--line)}
.cc-why{margin:2px 0 6px;font-size:.92em}
.cc-flag-badge{font-weight:700;margin-right:6px;white-space:nowrap}
.cc-main{display:grid;grid-template-columns:minmax(0,1fr) 360px;gap:24px;align-items:start}
@media (max-width:900px){.cc-main{grid-template-columns:1fr}}
.cc-text{white-space:pre-wrap;font-family:Georgia,"Times New Roman",serif;font-size:1.04em;line-height:1.7}
.cc-hl{color:inherit;text-decoration:none;border-bottom:2px solid;border-radius:2px;padding:1px 0;cursor:pointer}
.cc-hl.cc-v-supported{background:var(--sup-bg);border-color:var(--sup)}
.cc-hl.cc-v-contradicted{background:var(--con-bg);border-color:var(--con)}
.cc-hl.cc-v-not_enough_info{background:var(--nei-bg);border-color:var(--nei)}
.cc-hl.cc-v-not_checkworthy{background:var(--ncw-bg);border-color:var(--ncw)}
.cc-hl:hover,.cc-hl:focus,.cc-hl.cc-active{outline:2px solid var(--ink);outline-offset:1px}
.cc-panel{position:sticky;top:12px;border:1px solid var(--line);border-radius:8px;padding:12px 14px;
 background:#fff;max-height:calc(100vh - 24px);overflow:auto;box-shadow:0 1px 3px rgba(0,0,0,.06)}
.cc-panel h2{margin-bottom:6px}
.cc-card{border-left:4px solid var(--ncw);padding:2px 0 2px 10px;margin:10px 0}
.cc-card.cc-v-supported,.cc-claim.cc-v-supported{border-left-color:var(--sup)}
.cc-card.cc-v-contradicted,.cc-claim.cc-v-contradicted{border-left-color:var(--con)}
.cc-card.cc-v-not_enough_info,.cc-claim.cc-v-not_enough_info{border-left-color:var(--nei)}
.cc-badge{font-weight:700;font-size:.9em}
.cc-v-supported>.cc-badge,.cc-v-supported>summary>.cc-badge{color:var(--sup)}
.cc-v-contradicted>.cc-badge,.cc-v-contradicted>summary>.cc-badge{color:var(--con)}
.cc-v-not_enough_info>.cc-badge,.cc-v-not_enough_info>summary>.cc-badge{color:var(--nei)}
.cc-v-not_checkworthy>.cc-badge,.cc-v-not_checkworthy>summary>.cc-badge{color:var(--ncw)}
.cc-claim-text{margin:2px 0 6px;font-weight:500}
.cc-bar{display:flex;height:8px;border-radius:4px;overflow:hidden;background:var(--line);margin:4px 0 2px}
.cc-bar span{display:block;height:100%}
.cc-chip.cc-v-possible_conflict{color:var(--pc);background:var(--pc-bg);border-color:var(--pc)}
.cc-summary-list li.cc-sv-possible_conflict{background:var(--pc-bg);border-left-color:var(--pc)}
.cc-sl.cc-v-possible_conflict{border-color:var(--pc);color:var(--pc)}
.cc-hl.cc-v-possible_conflict{background:var(--pc-bg);border-color:var(--pc);border-bottom-style:dashed}
.cc-card.cc-v-possible_conflict,.cc-claim.cc-v-possible_conflict{border-left-color:var(--pc)}
.cc-v-possible_conflict>.cc-badge,.cc-v-possible_conflict>summary>.cc-badge{color:var(--pc)}
.cc-rl.cc-v-possible_conflict{border-left-color:var(--pc)}.cc-rl.cc-v-possible_conflict .cc-badge{color:var(--pc)}
.cc-other-event{color:var(--muted);font-style:italic;margin:2px 0}
.cc-bar .cc-p-supported{background:var(--sup)}.cc-bar .cc-p-contradicted{background:var(--con)}
.cc-bar .cc-p-not_enough_info{background:#d4a72c}
.cc-probs{font-size:.85em;color:var(--muted);margin:0 0 6px}
.cc-evidence{margin:6px 0 0;padding-left:1.3em}
.cc-evidence li{margin:0 0 10px}
.cc-src{font-weight:600;font-size:.92em;overflow-wrap:anywhere}
.cc-scores{font-size:.82em;color:var(--muted)}
.cc-evidence blockquote{margin:4px 0 0;padding:4px 10px;border-left:3px solid var(--line);background:#f6f8fa;
 font-size:.92em;overflow-wrap:anywhere}
.cc-claims{display:flex;flex-direction:column;gap:8px}
.cc-claim{border:1px solid var(--line);border-left:5px solid var(--ncw);border-radius:6px;padding:6px 12px}
.cc-claim>summary{cursor:pointer;display:flex;flex-wrap:wrap;gap:2px 10px;align-items:baseline}
.cc-claim>summary .cc-badge{white-space:nowrap;flex:none;min-width:150px}
.cc-claim>summary .cc-claim-text{margin:0;flex:1 1 16em;min-width:0;overflow-wrap:anywhere}
.cc-claim>summary .cc-muted{flex:none}
a.cc-chip{text-decoration:none}a.cc-chip:hover,a.cc-chip:focus{outline:2px solid var(--ink);outline-offset:1px}
.cc-check-first{flex-basis:100%;margin-top:4px}
.cc-report h2.cc-check-head{font-size:1em;border:0;margin:0 0 2px;padding:0}
.cc-check-list{margin:0;padding-left:1.4em}.cc-check-list li{margin:2px 0}
.cc-check{color:inherit;text-decoration:none;overflow-wrap:anywhere}.cc-check:hover .cc-check-text{text-decoration:underline}
.cc-check.cc-v-contradicted .cc-badge{color:var(--con)}.cc-check.cc-v-possible_conflict .cc-badge{color:var(--pc)}
.cc-check.cc-v-not_enough_info .cc-badge{color:var(--nei)}
.cc-claim:target{box-shadow:0 0 0 3px #0969da55}
.cc-legend{display:flex;flex-wrap:wrap;gap:8px;align-items:center;font-size:.85em;margin:0 0 10px}
.cc-report.cc-js .cc-panel{display:flex;flex-direction:column}
.cc-panel #cc-panel-body{flex:0 1 auto;min-height:7em;overflow:auto}
.cc-rl-head{margin-top:14px}
.cc-risk-list{list-style:none;margin:0;padding:2px;display:flex;flex-direction:column;gap:4px;
 flex:0 1 auto;min-height:6em;overflow:auto}
.cc-rl{color:inherit;text-decoration:none;font-size:.88em;line-height:1.4;padding:0 8px;margin:1px 0;
 border-left:4px solid var(--ncw);border-radius:3px;overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;
 -webkit-box-orient:vertical;flex:none}
.cc-rl:hover,.cc-rl:focus,.cc-rl.cc-active{background:#f0f3f6;outline:2px solid var(--ink);outline-offset:-1px}
.cc-rl.cc-v-supported{border-left-color:var(--sup)}.cc-rl.cc-v-contradicted{border-left-color:var(--con)}
.cc-rl.cc-v-not_enough_info{border-left-color:var(--nei)}
.cc-rl .cc-badge{margin-right:4px}
.cc-rl.cc-v-supported .cc-badge{color:var(--sup)}.cc-rl.cc-v-contradicted .cc-badge{color:var(--con)}
.cc-rl.cc-v-not_enough_info .cc-badge{color:var(--nei)}
.cc-report:not(.cc-js) .cc-panel{display:none}
.cc-report:not(.cc-js) .cc-main{grid-template-columns:1fr}
.cc-models{font-size:.88em;color:var(--muted)}
.cc-models dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}
.cc-models dt{font-weight:600}.cc-models dd{margin:0;overflow-wrap:anywhere}
"""

SCRIPT = """
(function () {
  "use strict";
  // init(scope): wire up the report rendered inside `scope` (the whole page, or the element
  // `claimcheck serve` filled with a fragment). Exposed as window.claimcheckReport.
  function init(scope) {
    var dataEl = scope.querySelector("#cc-data");
    var panel = scope.querySelector("#cc-panel-body");
    if (!dataEl || !panel) return;
    var data = JSON.parse(dataEl.textContent);
    var root = panel.closest(".cc-report");
    if (root) root.classList.add("cc-js");
    function pct(x) { return Math.round(x * 100) + "%"; }
    function add(parent, tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined && text !== null) e.textContent = text;
      parent.appendChild(e);
      return e;
    }
    function card(i) {
      var c = data.claims[i];
      var box = add(panel, "div", "cc-card cc-v-" + c.cls);
      add(box, "div", "cc-badge", c.label + (c.figure ? " \\u00b7 " + c.figure : ""));
      add(box, "p", "cc-claim-text", c.text);
      add(box, "p", "cc-why", "Why: " + c.why);
      if (!c.checkworthy) { return; }
      var list = add(box, "ol", "cc-evidence");
      c.evidence.forEach(function (ev) {
        var li = add(list, "li");
        add(li, "div", "cc-src", ev.source);
        add(li, "div", "cc-scores", "similarity " + ev.similarity.toFixed(2) + " \\u00b7 entailment " +
          pct(ev.entailment) + " \\u00b7 contradiction " + pct(ev.contradiction) + " \\u00b7 neutral " + pct(ev.neutral));
        if (ev.conflict) { add(li, "p", "cc-probs", "Conflict: " + ev.conflict); }
        if (ev.event) { add(li, "p", "cc-other-event", ev.event); }
        add(li, "blockquote", null, ev.rationale || ev.text);
        if (!ev.rationale) { add(li, "p", "cc-muted", "No sentence of this passage addresses the claim."); }
      });
      var more = add(box, "a", "cc-muted", "Show in the claims list");
      more.href = "#cc-claim-" + i;
    }
    var active = [];
    function mark(els) {
      active.forEach(function (a) { a.classList.remove("cc-active"); });
      active = els;
      els.forEach(function (a) { a.classList.add("cc-active"); });
    }
    function show(el) {
      mark([el]);
      panel.replaceChildren();
      el.getAttribute("data-claims").split(" ").forEach(function (i) { card(Number(i)); });
    }
    // a claim in the side panel's risk list: its card, and its passage marked in the article
    function showClaim(item) {
      var i = item.getAttribute("data-claim");
      var spans = Array.prototype.filter.call(scope.querySelectorAll(".cc-hl"), function (h) {
        return h.getAttribute("data-claims").split(" ").indexOf(i) >= 0;
      });
      mark([item].concat(spans));
      panel.replaceChildren();
      card(Number(i));
      if (spans.length) spans[0].scrollIntoView({ block: "nearest" });
    }
    scope.querySelectorAll(".cc-hl").forEach(function (el) {
      el.addEventListener("mouseenter", function () { show(el); });
      el.addEventListener("focus", function () { show(el); });
      el.addEventListener("click", function (e) { e.preventDefault(); show(el); });
    });
    scope.querySelectorAll(".cc-rl, .cc-sl").forEach(function (el) {
      el.addEventListener("focus", function () { showClaim(el); });
      el.addEventListener("click", function (e) { e.preventDefault(); showClaim(el); });
    });
  }
  window.claimcheckReport = init;
  init(document);
})();
"""


def csp() -> str:
    """Content-Security-Policy: no network at all; only this report's own script may run."""
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
            "img-src data:; base-uri 'none'; form-action 'none'")
