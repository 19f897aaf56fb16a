"""Export the verifier and the embedder from torch to ONNX (fp32; claimcheck.runtime.onnx_runtime quantizes and caches).

The TorchScript exporter (`dynamo=False`, no extra packages) traces the model on a padded two-row batch with
dynamic batch and sequence axes. The padding mask is passed to the model already expanded to the additive
(batch, 1, 1, seq) form, so the exported graph does not carry transformers' mask-building code (which traces
shape-specific branches).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..core.errors import ModelNotAvailable

OPSET = 17


def _additive_mask(attention_mask):
    import torch

    return (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min


def _inputs(tokenizer, pairs: bool):
    a = ["a first example sentence of a few words", "short"]
    enc = tokenizer(a, ["a second sentence", "one more"] if pairs else None, padding=True, return_tensors="pt")
    return enc


def _export(module, enc, names: list[str], out: Path, output: str) -> None:
    import warnings

    import torch

    module.eval()
    axes = {n: {0: "batch", 1: "seq"} for n in names} | {output: {0: "batch"}}
    try:
        with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(module, tuple(enc[n] for n in names), str(out), input_names=names,
                              output_names=[output], dynamic_axes=axes, opset_version=OPSET, dynamo=False)
    except Exception as e:
        msg = " ".join(str(e).split())[:300]
        raise ModelNotAvailable(f"cannot export {out.parent.name} to ONNX ({type(e).__name__}: {msg}); "
                                "use runtime = \"torch\" for this role") from None


def _takes_token_types(model) -> bool:
    import inspect

    return "token_type_ids" in inspect.signature(model.forward).parameters and getattr(model.config, "type_vocab_size", 0) > 1


def export_classifier(model_path: str, base_path: str | None, out: Path):
    """out/model.onnx (logits), out/meta.json (id2label), and the tokenizer, for a sequence classifier; returns
    the (merged) torch model it exported."""
    import torch

    from .classifier import load_sequence_classifier

    tokenizer, model = load_sequence_classifier(model_path, base_path, device="cpu")
    names = ["input_ids", "attention_mask"] + (["token_type_ids"] if _takes_token_types(model) else [])

    class Logits(torch.nn.Module):
        def __init__(self, m) -> None:
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask, token_type_ids=None):
            kw = {"token_type_ids": token_type_ids} if token_type_ids is not None else {}
            return self.m(input_ids=input_ids, attention_mask=_additive_mask(attention_mask), **kw).logits

    _export(Logits(model), _inputs(tokenizer, pairs=True), names, out / "model.onnx", "logits")
    tokenizer.save_pretrained(str(out))
    if not (out / "tokenizer.json").is_file():
        raise ModelNotAvailable(f"the verifier at {model_path} has no fast tokenizer (tokenizer.json); use runtime = \"torch\"")
    meta = {"id2label": {str(k): v for k, v in model.config.id2label.items()}, "source": model_path, "base": base_path}
    (out / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return model


def _strip_weights(path: Path, model):
    """The ONNX model at `path` without the tensors that are `model`'s weights (as exported or transposed), and
    {tensor name: [state-dict key, transposed, shape]}; any other float tensor larger than 16 values is an error
    (it would bake a weight into the graph)."""
    import numpy as np
    import onnx
    import torch
    from onnx import numpy_helper

    state = {k: v.detach().cpu().numpy() for k, v in model.state_dict().items() if v.dtype == torch.float32}
    graph = onnx.load(str(path))
    weights, kept = {}, []
    for init in graph.graph.initializer:
        a = numpy_helper.to_array(init)
        hits = [(k, False) for k, v in state.items() if v.shape == a.shape and np.array_equal(v, a)] if a.dtype == np.float32 else []
        hits += [(k, True) for k, v in state.items() if v.ndim == 2 and v.T.shape == a.shape
                 and np.array_equal(v.T, a)] if a.dtype == np.float32 and not hits else []
        named = [h for h in hits if h[0] == init.name.removeprefix("m.")]  # the exporter keeps unfolded names
        hits = named or hits
        if len({k for k, _ in hits}) > 1:
            raise ModelNotAvailable(f"graph tensor {init.name}: equal to several weights ({[k for k, _ in hits]})")
        if hits:
            weights[init.name] = [hits[0][0], hits[0][1], list(a.shape)]
        else:
            kept.append(init)
    loose = [i.name for i in kept if i.data_type == onnx.TensorProto.FLOAT and np.prod(i.dims) > 16]
    if loose:
        raise ModelNotAvailable(f"graph tensors {loose[:5]} match no weight: the graph would bake them in")
    del graph.graph.initializer[:]
    graph.graph.initializer.extend(kept)
    return graph, weights, kept


def export_classifier_graph(model_path: str, base_path: str | None, out: Path, check_pairs: list[tuple[str, str]]) -> dict:
    """out/graph.onnx and out/graph.json (claimcheck.runtime.onnx_graph): the classifier's torch export with every weight
    taken out, each named by its state-dict key. Before writing, the graph is filled back from the weights the way
    a torch-free first run fills it, and its logits on `check_pairs` are compared with the torch export's."""
    import tempfile

    import onnx
    import torch

    from .onnx_graph import FORMAT, GRAPH_FILE, MAP_FILE, classifier_state, fill_graph

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        model = export_classifier(model_path, base_path, tmp)
        graph, weights, kept = _strip_weights(tmp / "model.onnx", model)
        prefix = f"{model.base_model_prefix}." if getattr(model, "base_model_prefix", "") else ""
        spec = {"format": FORMAT, "kind": "sequence-classifier", "prefix": prefix,
                "id2label": {str(k): v for k, v in model.config.id2label.items()}, "opset": OPSET,
                "exported_with": {"torch": torch.__version__, "onnx": onnx.__version__}, "weights": weights}
        staged = tmp / "graph"
        staged.mkdir()
        onnx.save(graph, str(staged / GRAPH_FILE))
        (staged / MAP_FILE).write_text(json.dumps(spec, indent=1), encoding="utf-8")
        fill_graph(staged, classifier_state(model_path, base_path, prefix), tmp / "rebuilt.onnx")
        from .fast_tokenizer import FastTokenizer

        enc = FastTokenizer(tmp)([p for p, _ in check_pairs], [h for _, h in check_pairs], padding=True,
                                 truncation=True, max_length=256, return_tensors="np")
        gap = _export_gap(tmp, enc)
        if gap > 1e-4:
            raise ModelNotAvailable(f"the graph filled from the weights gives logits {gap:.2g} away from the torch export")
        out.mkdir(parents=True, exist_ok=True)
        for f in (GRAPH_FILE, MAP_FILE):
            (staged / f).replace(out / f)
    return {"weights": len(weights), "kept_tensors": len(kept), "largest_logit_gap": gap,
            "graph_bytes": (out / GRAPH_FILE).stat().st_size}


def _export_gap(tmp: Path, feeds) -> float:
    """The largest output gap between tmp/model.onnx (the torch export) and tmp/rebuilt.onnx (the shipped graph
    filled from the weights) on the same inputs."""
    import numpy as np

    from .compute import session

    runs = []
    for path in (tmp / "model.onnx", tmp / "rebuilt.onnx"):
        sess = session(path)
        runs.append(sess.run(None, {i.name: feeds[i.name] for i in sess.get_inputs()})[0])
    return float(np.abs(runs[0] - runs[1]).max())


def export_sentence_encoder(model_path: str, out: Path):
    """out/model.onnx (pooled, not normalised, sentence vectors), out/meta.json, and the tokenizer; returns the
    transformer it exported (its state dict names the weights)."""
    import torch
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(model_path, device="cpu")
    kinds = [type(m).__name__ for m in st]
    if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
        raise ModelNotAvailable(f"embedder {model_path}: modules {kinds} are not transformer + pooling "
                                "(+ normalize); use runtime = \"torch\"")
    pooling = st[1].get_config_dict().get("pooling_mode") or ("cls" if st[1].pooling_mode_cls_token else "mean")
    if pooling not in ("mean", "cls"):
        raise ModelNotAvailable(f"embedder {model_path}: pooling '{pooling}' is not exported; use runtime = \"torch\"")
    model = st[0].auto_model
    names = ["input_ids", "attention_mask"] + (["token_type_ids"] if _takes_token_types(model) else [])

    class Pooled(torch.nn.Module):
        def __init__(self, m) -> None:
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask, token_type_ids=None):
            kw = {"token_type_ids": token_type_ids} if token_type_ids is not None else {}
            h = self.m(input_ids=input_ids, attention_mask=_additive_mask(attention_mask), **kw).last_hidden_state
            if pooling == "cls":
                return h[:, 0]
            w = attention_mask.unsqueeze(-1).to(h.dtype)
            return (h * w).sum(1) / w.sum(1).clamp(min=1e-9)

    _export(Pooled(model), _inputs(st.tokenizer, pairs=False), names, out / "model.onnx", "embedding")
    st.tokenizer.save_pretrained(str(out))
    if not (out / "tokenizer.json").is_file():
        raise ModelNotAvailable(f"the embedder at {model_path} has no fast tokenizer (tokenizer.json); use runtime = \"torch\"")
    meta = {"max_length": int(st.max_seq_length), "dim": int((getattr(st, "get_embedding_dimension", None) or st.get_sentence_embedding_dimension)()),
            "pooling": pooling, "source": model_path}
    (out / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return model


def export_encoder_graph(model_path: str, out: Path, check_texts: list[str]) -> dict:
    """out/graph.onnx and out/graph.json for a sentence encoder (claimcheck.runtime.onnx_graph.build_encoder fills it from
    model_path's safetensors and tokenizer). Written only when the filled graph gives the torch export's vectors
    on `check_texts` and model_path's own tokenizer gives the exported tokenizer's ids."""
    import tempfile

    import numpy as np
    import onnx
    import torch

    from .fast_tokenizer import FastTokenizer
    from .onnx_graph import FORMAT, GRAPH_FILE, MAP_FILE, config_hash, fill_graph, raw_state

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        model = export_sentence_encoder(model_path, tmp)
        graph, weights, kept = _strip_weights(tmp / "model.onnx", model)
        meta = json.loads((tmp / "meta.json").read_text(encoding="utf-8"))
        spec = {"format": FORMAT, "kind": "sentence-encoder", "prefix": "", "config_sha256": config_hash(Path(model_path)),
                "meta": {k: meta[k] for k in ("max_length", "dim", "pooling")}, "opset": OPSET,
                "exported_with": {"torch": torch.__version__, "onnx": onnx.__version__}, "weights": weights}
        staged = tmp / "graph"
        staged.mkdir()
        onnx.save(graph, str(staged / GRAPH_FILE))
        (staged / MAP_FILE).write_text(json.dumps(spec, indent=1), encoding="utf-8")
        fill_graph(staged, raw_state(Path(model_path)), tmp / "rebuilt.onnx")
        ids = [FastTokenizer(d)(check_texts, padding=True, truncation=True, max_length=meta["max_length"],
                                return_tensors="np") for d in (tmp, Path(model_path))]
        if any(not np.array_equal(ids[0][k], ids[1][k]) for k in ids[0]):
            raise ModelNotAvailable(f"{model_path}'s tokenizer.json gives other ids than the exported tokenizer")
        gap = _export_gap(tmp, ids[0])
        if gap > 0:
            raise ModelNotAvailable(f"the graph filled from the weights gives vectors {gap:.2g} away from the torch export")
        out.mkdir(parents=True, exist_ok=True)
        for f in (GRAPH_FILE, MAP_FILE):
            (staged / f).replace(out / f)
    return {"weights": len(weights), "kept_tensors": len(kept), "largest_vector_gap": gap,
            "graph_bytes": (out / GRAPH_FILE).stat().st_size}
