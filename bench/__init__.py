"""Benchmarks run by hand: `python bench/extraction.py`."""
