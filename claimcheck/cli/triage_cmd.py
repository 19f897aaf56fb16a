"""triage: check a folder or JSONL of articles and rank them by what needs checking (resumable)."""
from __future__ import annotations

from typing import Callable, Optional

import typer

from .common import AddressOpt, CorpusOpt, DeviceOpt, EngineOpt, ProfileOpt, TopKOpt


def make_command(pipeline_factory: Callable | None = None) -> Callable[..., None]:
    """The `triage` command, running with `pipeline_factory` (TriageConfig -> pipeline; None = the real Pipeline
    from the profile). Tests register one with a fake pipeline on their own app."""

    def triage(
        articles: str = typer.Argument(..., metavar="ARTICLES", help="A folder of .txt/.md/.html/.json/.docx/.pdf articles, or a .jsonl file with {\"id\", \"text\", \"title\"?, \"url\"?} per line."),
        corpus: str = CorpusOpt,
        out: str = typer.Option(..., "--out", "-o", help="Output folder: results.jsonl, ranking.csv, index.html, reports/, errors.jsonl."),
        workers: int = typer.Option(0, "--workers", "-w", min=0, help="local: CPU threads for the models (torch intra-op threads; 0 = torch's default, one per core); ray: workers, each with its own models (0 = one per CPU)."),
        engine: str = EngineOpt,
        address: Optional[str] = AddressOpt,
        force: bool = typer.Option(False, "--force", help="Remove the earlier outputs in --out and start over."),
        batch_size: int = typer.Option(8, "--batch-size", "-b", min=1, max=1024, help="Articles whose claims go through the models together."),
        top_k: int = TopKOpt,
        review_threshold: Optional[float] = typer.Option(None, "--review-threshold", min=0.0, max=1.0, help="Risk score from which an article needs review [default: the profile's [risk] review_threshold]."),
        profile: Optional[str] = ProfileOpt,
        device: Optional[str] = DeviceOpt,
    ) -> None:
        """Check many articles and rank them, most in need of checking first. Rerun the same command to resume.

        Exit code 0 when every article was checked, 3 when some failed (see errors.jsonl), 2 on bad usage.
        """
        import sys

        from ..triage import TriageConfig, run_triage
        from ..triage.runner import rate_text

        cfg = TriageConfig(articles=articles, corpus=corpus, out=out, profile=profile, device=device, top_k=top_k,
                           batch_size=batch_size, review_threshold=review_threshold, workers=workers, force=force,
                           engine=engine, address=address)
        r = run_triage(cfg, pipeline_factory=pipeline_factory)
        rate = r.checked / r.seconds if r.seconds > 0 else 0.0
        earlier = f", {r.skipped} done earlier" if r.skipped else ""
        failed = f", {r.failed} failed (see {r.out / 'errors.jsonl'})" if r.failed else ""
        print(f"claimcheck: triage: {r.total} articles: {r.checked} checked{earlier}{failed}; {r.needs_review} need review; "
              f"{rate_text(rate)}; dashboard {r.out / 'index.html'}", file=sys.stderr)
        if r.exit_code:
            raise typer.Exit(r.exit_code)

    return triage


def register(app: typer.Typer, pipeline_factory: Callable | None = None) -> None:
    app.command("triage")(make_command(pipeline_factory))
