# bench.mk: make bench: runs tests/bench/run.py over the built images (BENCH_QUICK=1: few iterations).
# Included by the top Makefile, whose PYTHON it uses.
bench: all
	$(PYTHON) tests/bench/run.py

.PHONY: bench
