# liaison - the two commands of README.md, and the builds behind them.
#   make demo    install what is missing, build, serve the demo on :8080
#   make check   install what is missing, build, run every test (release and ASan+UBSan),
#                then a short libFuzzer run (tests/fuzz)
#   make bench   every benchmark of bench/ (not tests; see bench/README.md)
#   make security  sqlmap against the API (tests/security/README.md; about 4 minutes)
#   make reliability  what the server survives (tests/reliability; about 7 minutes)

PORT ?= 8080
JOBS ?= $(shell nproc)
CMAKE_GEN = -G Ninja

.PHONY: all deps web release debug asan demo check security reliability bench bench-http bench-sched bench-match bench-assign eval-match bench-web bench-send bench-report bench-pg bench-desk clean fuzz-build fuzz fuzz-smoke

all: release

deps:
	@./scripts/install-deps

# The browser UI (web/): the npm packages when node_modules is missing or
# older than package-lock.json, then the pack that CMake embeds
# (build/web/pack.bin and pack.json; web/build.mjs, under a second).
web: deps
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --no-audit --no-fund --loglevel=error; fi
	@node web/build.mjs build/web

release: deps web
	@cmake -S . -B build/release $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@ninja -C build/release

debug: deps web
	@cmake -S . -B build/debug $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@ninja -C build/debug

asan: deps web
	@cmake -S . -B build/asan $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DLIAISON_SANITIZE=ON >/dev/null
	@ninja -C build/asan

demo: release
	@rm -f build/demo.db build/demo.db-wal build/demo.db-shm
	@echo "liaison demo: the UI on http://127.0.0.1:$(PORT)/, the API under /api/v1/ (Ctrl-C stops it)"
	@./build/release/liaison serve --demo --db build/demo.db --port $(PORT)

check: release asan
	@ctest --test-dir build/release --output-on-failure -j $(JOBS)
	@ctest --test-dir build/asan --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory fuzz-smoke

security: release
	@sh tests/security/sqlmap.sh build/release/liaison

# Every part of tests/reliability/reliability.py at full size on SQLite,
# then crash on a throw-away PostgreSQL cluster with fsync on (its
# postmaster killed too), races and stop on one without; one line
# per part. Sizes: CRASH_ROUNDS, RACE_ROUNDS, STOP_ROUNDS (README.md).
reliability: release
	@LIAISON_BIN=build/release/liaison LIAISON_SOURCE_DIR=$(CURDIR) \
		python3 tests/reliability/reliability.py
	@LIAISON_BIN=build/release/liaison LIAISON_SOURCE_DIR=$(CURDIR) PG_DURABLE=1 \
		sh tests/pg/cluster.sh python3 tests/reliability/reliability.py crash
	@LIAISON_BIN=build/release/liaison LIAISON_SOURCE_DIR=$(CURDIR) \
		sh tests/pg/cluster.sh python3 tests/reliability/reliability.py races stop

bench: bench-http bench-sched bench-match bench-assign eval-match bench-web bench-send bench-report bench-pg bench-desk

bench-http: release
	@sh bench/run.sh

# PostgreSQL: reads/s and writes/s of one node and of two behind nginx, in
# one run, on a throw-away cluster (bench/pg_nodes.py).
bench-pg: release
	@LIAISON_BIN=build/release/liaison LIAISON_SOURCE_DIR=$(CURDIR) \
		sh tests/pg/cluster.sh python3 bench/pg_nodes.py

bench-sched: release
	@./build/release/bench_sched

bench-match: release
	@./build/release/bench_match

bench-assign: release
	@./build/release/bench_assign

bench-report: release
	@./build/release/bench_report

# The cooperation desk: 10,000 cases, wrk on its lists against GET of one organisation (bench/desk.sh).
bench-desk: release
	@sh bench/desk.sh build/release

eval-match: release
	@./build/release/eval_match data/eval data/eval2

# The outbox sender's messages per second to a local SMTP server (bench/send.sh).
bench-send: release
	@sh bench/send.sh build/release

# Lighthouse (Debian's Chromium) on four pages of the UI, and the first
# page's JavaScript (bench/web.mjs).
bench-web: release
	@node bench/web.mjs build/release/liaison build/web

clean:
	rm -rf build

# Fuzzing (tests/fuzz/README.md): clang, libFuzzer, ASan+UBSan in build/fuzz.
#   make fuzz FUZZ_TIME=600   every target (bodies, query, import, schedule,
#                             match) in turn, FUZZ_TIME seconds each, one core
#   make fuzz FUZZ_TARGET=query   one of them
FUZZ_TIME ?= 300
FUZZ_TARGET ?= bodies query import schedule match

fuzz-build: deps web
	@CC=clang cmake -S . -B build/fuzz $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DLIAISON_FUZZ=ON >/dev/null
	@ninja -C build/fuzz liaison_fuzzers

# New inputs go to build/fuzz/corpus-<target> (a copy of the committed
# corpus, kept between runs), crashes to build/fuzz/fuzz-artifacts/; one
# line per target: executions, coverage (libFuzzer's cov and ft).
fuzz: fuzz-build
	@mkdir -p build/fuzz/fuzz-artifacts
	@for t in $(FUZZ_TARGET); do \
		mkdir -p build/fuzz/corpus-$$t && cp tests/fuzz/corpus/$$t/* build/fuzz/corpus-$$t/ && \
		dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
		./build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) -timeout=10 $$dict \
			-print_final_stats=1 -artifact_prefix=build/fuzz/fuzz-artifacts/ \
			build/fuzz/corpus-$$t > build/fuzz/fuzz-$$t.log 2>&1 || { tail -40 build/fuzz/fuzz-$$t.log; exit 1; }; \
		echo "fuzz $$t: $(FUZZ_TIME) s, $$(sed -n 's/^stat::number_of_executed_units: *//p' build/fuzz/fuzz-$$t.log) executions," \
			"$$(grep -a 'DONE' build/fuzz/fuzz-$$t.log | tail -n 1 | sed 's/.*\(cov: [0-9]*\) \(ft: [0-9]*\).*/\1 \2/'), no finding"; \
	done

fuzz-smoke: fuzz-build
	@sh tests/fuzz/smoke.sh build/fuzz
