"""Benchmarks: what `claimcheck bench` measures on this machine, one module per benchmark.

- run: the `claimcheck bench` command's figures, gathered from the modules below;
- waits: what a user waits for (`check` cold and warm, `serve` to its first answer);
- runtime: torch vs ONNX Runtime, verifier and embedder side by side;
- index: index build, re-index, query latency and retrieval quality (`bench --index`);
- triage: articles per minute, triage vs a loop of `check` (`bench --triage`);
- serve: a bounded loopback load test of `claimcheck serve`.
"""
