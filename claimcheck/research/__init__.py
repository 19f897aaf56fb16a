"""Research beside the product: evaluation, training and benchmarks.

- evaluate: `claimcheck eval` tasks and their metrics;
- train: `claimcheck train` (the verifier's recipe, training, calibration, GPU bundles);
- bench: `claimcheck bench NAME` and the benchmarks, registered by name (check, waits, runtimes, index, triage,
  ray, serve, size, conflicts).

Research may import the product; the product never imports research (tests/test_layers.py). The CLI
loads it inside the `eval`, `train` and `bench` commands only. The public data sets are read through
claimcheck.datasets, which counts as research too.
"""
