"""Benchmarks: what `claimcheck bench NAME` measures on this machine, one module per benchmark.

- named: every benchmark registered by name (kind "bench": Options, doc, factory), as `bench --list` shows them;
- run: `bench check` (the default), the throughput figures gathered from the modules below;
- waits: what a user waits for (`check` cold and warm, `serve` to its first answer);
- runtime: torch vs ONNX Runtime, verifier and embedder side by side;
- index: index build, re-index, query latency and retrieval quality (`bench index`, `bench --index`);
- triage: articles per minute, triage vs a loop of `check` (`bench triage`, `bench --triage`);
- serve: a bounded loopback load test of `claimcheck serve` (`bench serve`);
- size: segment + claims time and memory per article size (`bench size`);
- conflicts: how often the conflict rules fire alone (`bench conflicts`);
- ray_workers: triage on the local engine vs Ray workers (`bench ray`).
"""
