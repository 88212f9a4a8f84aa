"""The benchmark suite (issue #8): ``python -m tests.benchmarks --scale small|full``."""
