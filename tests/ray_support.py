"""The real local Ray runtime the tests/test_ray_*.py modules share (import `ray_runtime` into a module)."""
from __future__ import annotations

import logging
import sys

import pytest


@pytest.fixture(scope="module")
def ray_runtime(request):
    """ray.init(num_cpus=2) for one test module; the engines join it (as with --address auto) and yield its
    address. The test module (and the fakes it names in `BY_VALUE`) travel to the workers by value."""
    ray = pytest.importorskip("ray", reason="ray is not installed (pip install -e '.[ray]')")
    import ray.cloudpickle

    for mod in (request.module, *getattr(request.module, "BY_VALUE", ())):
        ray.cloudpickle.register_pickle_by_value(mod if not isinstance(mod, str) else sys.modules[mod])
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()
