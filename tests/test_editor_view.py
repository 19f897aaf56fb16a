"""What an editor reads: summary sentences marked by the verdicts of their claims, verdicts that explain
themselves with the figure the rule used, a risk that puts contradictions first and keeps "the corpus
does not cover this article" as its own state, and the warnings a report opens with. No models."""
from __future__ import annotations

import json
from dataclasses import replace

from claimcheck.report import render_html, render_markdown
from claimcheck.report.warnings import report_warnings
from claimcheck.summarize.link import link_claims, source_span
from claimcheck.triage import row_from_report, sort_rows
from claimcheck.core.types import (
    CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED, Article, CheckedClaim, Claim, Evidence, Judgement, Report, Risk,
    Sentence, Summary, SummarySentence,
)
from claimcheck.verify.aggregate import AggregateConfig, article_risk, judge

S1 = "Webb was launched in 2021 on a Soyuz rocket."
S2 = "Its mirror is 6.5 metres wide."
S3 = "Critics say it cost too much."
TEXT = f"{S1} {S2} {S3}"


def _article(text: str = TEXT, path: str = "/home/someone/desk/webb-story.txt") -> Article:
    sents, pos = [], 0
    for i, s in enumerate((S1, S2, S3)):
        start = text.index(s, pos)
        sents.append(Sentence(i, s, start, start + len(s)))
        pos = start + len(s)
    return Article("webb-story", text, tuple(sents), "Webb", path)


def ev(pid: str, ent: float, con: float, sim: float = 0.8, rationale: str = "a sentence of it") -> Evidence:
    return Evidence(pid, pid.split("#")[0], pid.split("#")[0].title(), f"text of {pid}", sim, ent, con,
                    round(1 - ent - con, 4), rationale=rationale, rationale_similarity=sim if rationale else 0.0)


def cc(cid: str, span: tuple[int, int], verdict: str, score: float = 0.9, evidence=(), worthy: bool = True,
       reason: str = "") -> CheckedClaim:
    return CheckedClaim(Claim(cid, cid, 0, span, worthy, "" if worthy else "opinion"),
                        Judgement(verdict, score, {}, tuple(evidence), reason=reason))


def _claims() -> tuple[CheckedClaim, ...]:
    a = TEXT.index
    return (
        cc("c1", (a("Webb was launched"), a(" on a Soyuz")), SUPPORTED, 0.6, [ev("launch#0", 0.93, 0.02)]),
        cc("c2", (a("on a Soyuz"), a("rocket.") + 6), CONTRADICTED, 0.84, [ev("launch#1", 0.02, 0.91)]),
        cc("c3", (a("Its mirror"), a("wide.") + 5), SUPPORTED, 0.8, [ev("mirror#0", 0.8, 0.1)]),
        cc("c4", (a("Critics"), len(TEXT)), NOT_ENOUGH_INFO, 0.0, worthy=False),
    )


def _report(claims=None, risk=None, warnings=()) -> Report:
    art = _article()
    claims = _claims() if claims is None else claims
    summary = Summary(f"{S1} {S3}", "extractive:test", (
        SummarySentence(S1, "ok", 0.9, span=source_span(art, S1, (0,))),
        SummarySentence(S3, "ok", 0.9, span=source_span(art, S3, (2,))),
        SummarySentence("Webb is a great success.", "unsupported", 0.1),
    ))
    risk = risk or article_risk(claims)
    return Report(art, link_claims(summary, claims), claims, risk, {"verifier": "test"}, warnings=warnings)


# ---------------------------------------------------------------- summary sentences and their claims


def test_summary_sentence_carries_its_claims_and_their_most_serious_verdict():
    d = _report().to_dict()["summary"]["sentences"]
    assert d[0] == {"text": S1, "flag": "ok", "claims": ["c1", "c2"], "verdict": CONTRADICTED, "attention": None}
    assert d[1] == {"text": S3, "flag": "ok", "claims": ["c4"], "verdict": None, "attention": None}  # not check-worthy
    assert d[2]["claims"] == [] and d[2]["verdict"] is None and d[2]["flag"] == "unsupported"


def test_not_enough_info_outranks_supported_in_a_summary_sentence():
    a = TEXT.index
    claims = (cc("c1", (0, 10), SUPPORTED), cc("c2", (a("on a Soyuz"), a("rocket.")), NOT_ENOUGH_INFO))
    assert _report(claims).summary.sentences[0].verdict == NOT_ENOUGH_INFO


def test_a_cleaned_extractive_sentence_is_located_inside_its_source():
    text = "Share this with Email Facebook " + TEXT
    art = Article("x", text, (Sentence(0, "Share this with Email Facebook " + S1, 0, len(S1) + 31),), "", "")
    assert source_span(art, S1, (0,)) == (31, 31 + len(S1))
    assert source_span(art, "Nothing like this appears in the article at all.") is None
    assert source_span(art, S2) == (text.index(S2), text.index(S2) + len(S2))  # a generated sentence that copies


def test_a_generated_sentence_takes_the_span_of_the_article_sentences_that_entail_it():
    from claimcheck.summarize.link import sentences_span

    art = _article()
    assert sentences_span(art, 1, 2) == (art.sentences[1].start, art.sentences[2].end)
    assert sentences_span(art, 5, 7) is None


def test_flagged_summary_sentence_is_marked_and_linked_in_markdown_and_html():
    report = _report()
    md = render_markdown(report)
    assert f"- ❌ **contradicted by the corpus**: {S1} (claims [c1](#claim-c1), [c2](#claim-c2))" in md
    assert f"- {S3} (claims [c4](#claim-c4))" in md
    html = render_html(report)
    assert '<li class="cc-sum cc-flagged cc-sv-contradicted" data-verdict="contradicted">' in html
    assert "✖ Contradicted by the corpus:</span>" in html
    assert 'class="cc-sl cc-v-contradicted" href="#cc-claim-1" data-claim="1"' in html
    assert 'id="cc-claim-1"' in html  # the link's target exists


# ---------------------------------------------------------------- verdicts that explain themselves


def test_the_figure_next_to_a_verdict_is_the_one_the_rule_used():
    md = render_markdown(_report())
    c1 = next(line for line in md.splitlines() if line.startswith("| [c1]"))
    assert "✅ Supported · entailment 93%" in c1 and "60%" not in c1  # not the 0.60 combined score
    assert "### c2 · ❌ Contradicted · contradiction 91%" in md
    html = render_html(report := _report())
    assert "Supported · entailment 93%" in html
    data = json.loads(html.split('id="cc-data">')[1].split("</script>")[0])
    assert data["claims"][1]["figure"] == "contradiction 91%"
    assert report.to_dict()["claims"][1]["score"] == 0.84  # the JSON keeps the calibrated score


def test_not_enough_info_shows_no_percentage_and_names_the_passage_it_leans_on():
    cfg = AggregateConfig(support_threshold=0.4, contradict_threshold=0.9)
    j = judge([ev("far#0", 0.1, 0.1, sim=0.9, rationale=""), ev("close#0", 0.05, 0.82, sim=0.6)], cfg)
    assert j.verdict == NOT_ENOUGH_INFO
    assert j.evidence[0].passage_id == "close#0"  # the passage the reason names comes first
    assert j.reason.startswith("Close (close#0) may contradict it (0.82, below the 0.90 bar)")
    report = _report((cc("c1", (0, 10), NOT_ENOUGH_INFO, j.score, j.evidence, reason=j.reason),))
    md = render_markdown(report)
    row = next(line for line in md.splitlines() if line.startswith("| [c1]"))
    assert "❔ Not enough info |" in row and "%" not in row and "Close" in row
    assert "Why: Close (close#0) may contradict it (0.82, below the 0.90 bar)" in md


def test_no_passage_addressing_the_claim_says_so():
    j = judge([ev("off#0", 0.0, 0.0, sim=0.7, rationale="")])
    assert j.reason == "no passage of the corpus addresses this claim"
    assert judge([], AggregateConfig()).reason == "no passage of the corpus addresses this claim"


def test_a_claim_that_is_not_checkworthy_has_a_reason_and_no_score():
    from claimcheck.pipeline import UNCHECKED

    d = CheckedClaim(Claim("c9", "Is it worth it?", 0, (0, 5), False, "question"), UNCHECKED).to_dict()
    assert d["reason"] == "not check-worthy (question), so not checked against the corpus"
    assert d["score"] == 0.0 and set(d["probabilities"].values()) == {0.0}
    md = render_markdown(_report())
    assert "### c4 · ➖ Not check-worthy\n" in md and "Why: not check-worthy (opinion)" in md


# ---------------------------------------------------------------- risk and coverage


def _uncovered(n: int = 3) -> list[CheckedClaim]:
    return [cc(f"u{i}", (0, 1), NOT_ENOUGH_INFO, 1.0) for i in range(n)]


def test_risk_order_is_contradicted_then_uncovered_then_supported():
    contradicted = article_risk([cc("a", (0, 1), CONTRADICTED, 0.9, [ev("p#0", 0.05, 0.9)])]
                                + [cc(f"s{i}", (0, 1), SUPPORTED, 0.9) for i in range(6)])
    uncovered = article_risk(_uncovered())
    supported = article_risk([cc(f"s{i}", (0, 1), SUPPORTED, 0.5) for i in range(4)])
    assert contradicted.score > uncovered.score > supported.score
    assert contradicted.needs_review and not uncovered.needs_review and not supported.needs_review
    assert uncovered.coverage == 0.0 and contradicted.coverage == 1.0
    rows = []
    for aid, risk in (("supported", supported), ("uncovered", uncovered), ("contradicted", contradicted)):
        rows.append(row_from_report(Report(replace(_article(), id=aid), Summary("", "", ()), (), risk, {})))
    assert [r.id for r in sort_rows(rows)] == ["contradicted", "uncovered", "supported"]


def test_coverage_counts_claims_some_passage_addresses():
    addressed_nei = cc("n", (0, 1), NOT_ENOUGH_INFO, 0.5, [ev("p#0", 0.2, 0.1)])
    unread = cc("m", (0, 1), NOT_ENOUGH_INFO, 1.0, [ev("q#0", 0.0, 0.0, rationale="")])
    r = article_risk([addressed_nei, unread, cc("s", (0, 1), SUPPORTED, 0.9), *_uncovered(1),
                      cc("o", (0, 1), NOT_ENOUGH_INFO, 0.0, worthy=False)])
    assert r.coverage == 0.5  # 2 of the 4 check-worthy claims; the opinion does not count
    assert article_risk([cc("o", (0, 1), NOT_ENOUGH_INFO, 0.0, worthy=False)]).coverage is None
    # an on-topic corpus that confirms nothing is more suspicious than one that does not cover the article
    assert article_risk([addressed_nei] * 3).score > article_risk(_uncovered()).score


def test_an_uncovered_article_is_its_own_state_with_a_warning():
    report = _report(tuple(_uncovered()), warnings=None)
    report = Report(report.article, report.summary, report.claims, report.risk, report.models,
                    warnings=report_warnings(report.article, report.risk))
    assert report.risk.coverage == 0.0 and not report.risk.needs_review
    assert report.warnings and report.warnings[0].startswith("the corpus does not cover this article: only 0%")
    md = render_markdown(report)
    assert "**corpus does not cover this article** · coverage 0%" in md and "no review needed" not in md
    assert "> ⚠️ **Warning:** the corpus does not cover this article" in md
    html = render_html(report)
    assert 'cc-uncovered-flag">Corpus does not cover this article<' in html and 'role="alert"' in html
    assert report.to_dict()["risk"]["coverage"] == 0.0 and report.to_dict()["warnings"] == list(report.warnings)


def test_reports_name_the_file_not_its_absolute_path():
    html = render_html(_report())
    assert "webb-story.txt" in html and "/home/someone" not in html
    assert "/home/someone" not in render_markdown(_report())


def test_non_english_text_gets_a_warning_and_english_does_not():
    de = ("Das Teleskop wurde im Dezember mit einer Rakete vom Weltraumbahnhof Kourou gestartet. Es ist ein "
          "gemeinsames Projekt der Raumfahrtagenturen Europas, Kanadas und der Vereinigten Staaten, teilte die "
          "Behörde am Montag mit, und es soll noch viele Jahre lang Daten liefern.")
    art = Article("de", de, (), "", "")
    risk = Risk(0.0, 1, 0, 0, False, coverage=1.0)
    (w,) = report_warnings(art, risk)
    assert w.startswith("this text is probably not English") and "English only" in w
    assert report_warnings(_article(TEXT * 3), risk) == ()


def test_dashboard_shows_coverage_and_the_uncovered_state():
    from claimcheck.triage.dashboard import render_dashboard
    from claimcheck.triage.ranking import RankRow, ranking_csv

    rows = [RankRow("calm", risk_score=0.02, coverage=1.0, n_supported=4),
            RankRow("lost", risk_score=0.225, coverage=0.0, n_not_enough_info=5, top_claim="A claim.",
                    top_claim_verdict=NOT_ENOUGH_INFO, top_claim_score=1.0),
            RankRow("bad", risk_score=0.9, needs_review=True, coverage=0.9, n_contradicted=1,
                    contradiction_weight=0.9, top_claim="Taxes fell.", top_claim_verdict=CONTRADICTED, top_claim_score=0.9)]
    html = render_dashboard(rows, total=3)
    assert html.index(">bad<") < html.index(">lost<") < html.index(">calm<")
    assert 'Not covered</span>' in html and "1 not covered by the corpus" in html
    assert '<td class="num" data-sort="0.0000">0%</td>' in html  # the coverage column
    assert '<td class="num" data-sort="1.0000"></td>' in html  # no score shown next to a "not enough info" claim
    assert "covers none of these articles" not in html
    assert [line.split(",")[1] for line in ranking_csv(rows).splitlines()[1:]] == ["bad", "lost", "calm"]
    # columns only ever join at the end: coverage, then the possible-conflict counts
    assert ranking_csv(rows).splitlines()[0].endswith(",coverage,n_possible_conflict,possible_conflict_weight")
    lost_only = render_dashboard([rows[1]], total=1)
    assert "the corpus covers none of these articles" in lost_only


def test_a_claim_made_of_several_runs_of_words_highlights_only_those_runs():
    a = TEXT.index
    parts = ((a("Webb was launched"), a(" in 2021")), (a("on a Soyuz"), a(" rocket.")))
    claim = CheckedClaim(Claim("c1", "Webb was launched on a Soyuz.", 0, (parts[0][0], parts[1][1]), parts=parts),
                         Judgement(CONTRADICTED, 0.9, {}, (ev("launch#0", 0.0, 0.9),)))
    html = render_html(_report((claim,)))
    runs = [m.split(">", 1)[1] for m in html.split('<a class="cc-hl')[1:]]
    assert [r.split("</a>")[0] for r in runs] == ["Webb was launched", "on a Soyuz"]
    assert "In the article: “Webb was launched … on a Soyuz”" in html
