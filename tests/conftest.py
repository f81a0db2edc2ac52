"""Shared test set-up: hypothesis profiles and paths to the project's data."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples"
#: The example audits that are valid and final (drafts and mistakes files are not).
VALID_EXAMPLES = sorted([*EXAMPLES.glob("*/final.json"), *EXAMPLES.glob("*/rushcliffe-2021.json")])

# `ci` bounds the examples so .ci/run stays quick; `dev` is hypothesis' default;
# `thorough` is for a long run by hand: HYPOTHESIS_PROFILE=thorough python -m pytest
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# The plans `validate` caches between runs go to a folder of this test run's own, never
# the user's cache (subprocesses inherit it); it starts empty and is removed at the end.
CACHE = tempfile.mkdtemp(prefix="s11schema-test-cache-")
os.environ["S11SCHEMA_CACHE_DIR"] = CACHE
os.environ.pop("S11SCHEMA_NO_CACHE", None)
atexit.register(shutil.rmtree, CACHE, True)
