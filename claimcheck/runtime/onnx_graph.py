"""A shipped ONNX graph without its weights, filled from the model's safetensors: an fp32 ONNX model without torch.

The verifier's fp32 export is 88 MB, too large to commit; its graph alone is a few hundred KB. `graph.onnx`
(the torch export with every weight tensor taken out) and `graph.json` (for each taken-out tensor, the
state-dict key it comes from and whether the export transposed it) sit beside the weights (models/nli-minilm-l6).
On first use the weights are read with safetensors' numpy API, a LoRA adapter is merged into its base as peft
merges it (W + B @ A x alpha / r, in fp32), the tensors are put back into the graph, and the whole model is cached
like any export (claimcheck.runtime.onnx_runtime.cached_model). No torch, transformers or peft is imported, on the first run
or any other. The merge's float rounding differs from torch's by at most a few 1e-8 in a weight, far below what
moves a verdict; scripts/export_verifier_graph.py checks the rebuilt model's logits against the torch export's
before it writes the graph. A registry package's embedder (whose folder the project cannot write to) has its graph
in models/graphs/<name>/, found by the sha256 of the package's config.json (scripts/export_embedder_graph.py);
filled from the package's own tensors it is the torch export bit for bit, so its int8 model and every index
vector are the same.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..core.errors import ModelNotAvailable

GRAPH_FILE = "graph.onnx"
MAP_FILE = "graph.json"
FORMAT = 1


def shipped_graph(model_path: str | Path, root: Path | None = None) -> Path | None:
    """The folder of a graph shipped for the model at model_path: beside its weights, else one of root/*/ (the
    project's models/graphs) whose graph.json names the sha256 of this model's config.json (a registry package's
    model, whose folder the project cannot write to)."""
    d = Path(model_path)
    if (d / GRAPH_FILE).is_file() and (d / MAP_FILE).is_file():
        return d
    if root is None or not root.is_dir() or not (d / "config.json").is_file():
        return None
    want = config_hash(d)
    for f in sorted(root.glob(f"*/{MAP_FILE}")):
        try:
            if json.loads(f.read_text(encoding="utf-8")).get("config_sha256") == want and (f.parent / GRAPH_FILE).is_file():
                return f.parent
        except (OSError, ValueError):
            continue
    return None


def config_hash(model_dir: Path) -> str:
    import hashlib

    return hashlib.sha256((model_dir / "config.json").read_bytes()).hexdigest()


def raw_state(model_dir: Path) -> dict[str, np.ndarray]:
    """A checkpoint's tensors as saved (a sentence encoder's transformer: keys as its state dict has them)."""
    return _safetensors(model_dir)


def _safetensors(folder: Path) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    files = sorted(folder.glob("*.safetensors"))
    if not files:
        raise ModelNotAvailable(f"{folder} has no .safetensors weights to fill the shipped ONNX graph from")
    out: dict[str, np.ndarray] = {}
    for f in files:
        out.update(load_file(str(f)))
    return out


def classifier_state(model_path: str | Path, base_path: str | Path | None, prefix: str) -> dict[str, np.ndarray]:
    """The merged classifier's state dict, keyed as torch keys it: a full checkpoint's own tensors, or the base
    model's (under `prefix`, e.g. "bert.") with a LoRA adapter merged in and its fully trained modules on top."""
    model_dir = Path(model_path)
    if not (model_dir / "adapter_config.json").is_file():
        return _safetensors(model_dir)
    if base_path is None:
        raise ModelNotAvailable(f"adapter {model_dir}: no base model to merge into")
    cfg = json.loads((model_dir / "adapter_config.json").read_text(encoding="utf-8"))
    if cfg.get("peft_type") != "LORA" or cfg.get("use_dora") or cfg.get("rank_pattern") or cfg.get("alpha_pattern"):
        raise ModelNotAvailable(f"adapter {model_dir}: only plain LoRA adapters are merged without torch")
    r, alpha = int(cfg["r"]), float(cfg["lora_alpha"])
    scale = alpha / (r ** 0.5 if cfg.get("use_rslora") else r)
    state = {k if k.startswith(prefix) else prefix + k: v for k, v in _safetensors(Path(base_path)).items()}
    adapter = {k.removeprefix("base_model.model."): v for k, v in _safetensors(model_dir).items()}
    for key, a in adapter.items():
        if ".lora_A." in key:
            target = key.replace(".lora_A.weight", ".weight")
            b = adapter[key.replace(".lora_A.", ".lora_B.")]
            delta = (b @ a).astype(np.float32) * np.float32(scale)
            state[target] = state[target] + (delta.T if cfg.get("fan_in_fan_out") else delta)
        elif ".lora_B." not in key:
            state[key] = a
    return state


def fill_graph(graph_dir: Path, state: dict[str, np.ndarray], out: Path) -> dict:
    """graph_dir's graph with every taken-out tensor put back from `state`, written to `out`; returns graph.json."""
    import onnx
    from onnx import numpy_helper

    spec = json.loads((graph_dir / MAP_FILE).read_text(encoding="utf-8"))
    if spec.get("format") != FORMAT:
        raise ModelNotAvailable(f"{graph_dir / MAP_FILE}: format {spec.get('format')}, this claimcheck reads {FORMAT}")
    model = onnx.load(str(graph_dir / GRAPH_FILE))
    for name, (key, transpose, shape) in spec["weights"].items():
        if key not in state:
            raise ModelNotAvailable(f"{graph_dir}: the weights have no tensor {key!r} for the graph's {name!r}")
        t = state[key].T if transpose else state[key]
        if list(t.shape) != list(shape) or t.dtype != np.float32:
            raise ModelNotAvailable(f"{graph_dir}: tensor {key!r} is {t.dtype}{list(t.shape)}, the graph wants "
                                    f"float32{shape}: re-export the graph for these weights")
        model.graph.initializer.append(numpy_helper.from_array(np.ascontiguousarray(t), name))
    onnx.save(model, str(out))
    return spec


def build_classifier(graph_dir: Path, model_path: str, base_path: str | None, out: Path) -> None:
    """out/model.onnx (fp32, filled from the weights), out/meta.json (id2label from the model's config.json) and
    the tokenizer: what claimcheck.runtime.onnx_export.export_classifier writes, without torch."""
    import shutil

    spec = json.loads((graph_dir / MAP_FILE).read_text(encoding="utf-8"))
    fill_graph(graph_dir, classifier_state(model_path, base_path, spec.get("prefix", "")), out / "model.onnx")
    config = json.loads((Path(model_path) / "config.json").read_text(encoding="utf-8"))
    id2label = config.get("id2label") or {}
    if len(id2label) != len(spec["id2label"]):
        raise ModelNotAvailable(f"{model_path}: {len(id2label)} labels, the shipped graph has {len(spec['id2label'])}")
    tok_dir = next((Path(d) for d in (model_path, base_path) if d and (Path(d) / "tokenizer.json").is_file()), None)
    if tok_dir is None:
        raise ModelNotAvailable(f"the verifier at {model_path} has no tokenizer.json; use runtime = \"torch\"")
    for f in ("tokenizer.json", "tokenizer_config.json"):
        if (tok_dir / f).is_file():
            shutil.copy(tok_dir / f, out / f)
    meta = {"id2label": {str(k): v for k, v in id2label.items()}, "source": model_path, "base": base_path,
            "graph": str(graph_dir / GRAPH_FILE)}
    (out / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")


def build_encoder(graph_dir: Path, model_path: str, out: Path) -> None:
    """out/model.onnx (fp32, filled from model_path's weights), out/meta.json and the tokenizer: what
    claimcheck.runtime.onnx_export.export_sentence_encoder writes, without torch."""
    import shutil

    spec = fill_graph(graph_dir, raw_state(Path(model_path)), out / "model.onnx")
    for f in ("tokenizer.json", "tokenizer_config.json"):
        if (Path(model_path) / f).is_file():
            shutil.copy(Path(model_path) / f, out / f)
    if not (out / "tokenizer.json").is_file():
        raise ModelNotAvailable(f"the embedder at {model_path} has no tokenizer.json; use runtime = \"torch\"")
    meta = {**spec["meta"], "source": model_path, "graph": str(graph_dir / GRAPH_FILE)}
    (out / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
