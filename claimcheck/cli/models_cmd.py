"""`claimcheck models`: profiles, roles, backends, and whether each model's weights are here."""
from __future__ import annotations

import json
from typing import Optional

import typer

from .common import DeviceOpt, ProfileOpt


def _heldout(cfg) -> str:
    """Held-out scores a project-trained model carries in its metrics.json, as one short line."""
    from ..profiles import resolve_model

    ref = cfg.model
    if not ref.startswith("repo:"):
        return ""
    try:
        path = resolve_model(ref)
        with open(f"{path}/metrics.json", encoding="utf-8") as f:
            metrics = json.load(f)
    except (OSError, ValueError, Exception):
        return ""
    scores, before = metrics.get("heldout", {}), metrics.get("heldout_previous", {})

    def one(k: str, v: float) -> str:
        was = before.get(k)
        return f"{k} {v:.3f}" + (f" (was {was:.3f})" if isinstance(was, (int, float)) else "")

    return ", ".join(one(k, v) for k, v in scores.items() if isinstance(v, (int, float)))


def _export(prof) -> None:
    """Load (and on first use export) each CPU ONNX role of the profile: the cache then serves every command."""
    from ..components import Components
    from ..runtime.onnx_runtime import uses_onnx

    parts = Components(prof, "cpu")
    for role in ("embedder", "verifier"):
        if role in prof.roles and uses_onnx(prof.role(role).get("runtime"), "cpu"):
            parts.get(role)
            typer.echo(f"{prof.name} {role}: ONNX export ready", err=True)


def models(
    profile: Optional[str] = ProfileOpt,
    device: Optional[str] = DeviceOpt,
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    export: bool = typer.Option(False, "--export", help="Build the ONNX models of the profile's runtime = \"onnx\" "
                                "roles now (from the shipped graphs; with torch for a model without one), so that "
                                "the first command does not."),
) -> None:
    """List model profiles, their roles and backends, and which weights are present on this machine; then each
    role's backends and each settings table with their options (name, type, default, what it does)."""
    from rich.console import Console
    from rich.table import Table

    from ..profiles import DEFAULT_PROFILE, list_profiles, load_profile, model_present, resolve_device

    resolve_device(device)  # validates the value, so a typo is reported here too
    if export:
        _export(load_profile(profile))
    names = [load_profile(profile).name] if profile else list_profiles()
    rows = []
    for name in names:
        prof = load_profile(name)
        for role, cfg in prof.roles.items():
            rows.append({
                "profile": prof.name, "default": prof.name == DEFAULT_PROFILE, "role": role, "backend": cfg.backend,
                "model": cfg.model, "base": cfg.get("base", ""),
                "present": model_present(cfg.model) and model_present(cfg.get("base", "")),
                "note": cfg.note, "heldout": _heldout(cfg),
            })
    if format == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    console = Console()
    for name in names:
        prof = load_profile(name)
        table = Table(title=f"{name}{' (default)' if name == DEFAULT_PROFILE else ''}: {prof.description}", title_justify="left", expand=True)
        table.add_column("role", no_wrap=True)
        table.add_column("backend", no_wrap=True)
        table.add_column("model", ratio=3, overflow="fold")
        table.add_column("here", no_wrap=True)
        for r in (r for r in rows if r["profile"] == name):
            model = r["model"] + (f" on {r['base']}" if r["base"] else "")
            extra = "; ".join(x for x in (r["note"], f"held-out: {r['heldout']}" if r["heldout"] else "") if x)
            table.add_row(r["role"], r["backend"], model + (f"\n[dim]{extra}[/dim]" if extra else ""),
                          "yes" if r["present"] else "[red]no[/red]")
        console.print(table)
    _print_options(console)


def _print_options(console) -> None:
    """Each role's backends and each settings table, with their options, from the registry."""
    from rich.markup import escape
    from rich.table import Table

    from ..core import registry
    from ..components import register_all
    from ..profiles import ROLES

    register_all()
    listed = [(f"[{role}] backend = \"{b.name}\"", b.doc, b.options) for role in ROLES for b in registry.backends(role)]
    listed += [(f"[{name}]", (cls.__doc__ or "").strip().splitlines()[0], cls) for name, cls in registry.sections().items()]
    for title, doc, cls in listed:
        table = Table(title=escape(f"{title}: {doc}" if doc else title), title_justify="left", expand=True)
        for column in ("option", "type", "default"):
            table.add_column(column, no_wrap=True)
        table.add_column("what it does", ratio=3, overflow="fold")
        for o in registry.describe(cls):
            table.add_row(o.name, escape(o.type), "(unset)" if o.default is None else escape(json.dumps(o.default)),
                          escape(o.doc))
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command("models")(models)
