# liaison - the two commands of README.md, and the builds behind them.
#   make demo    install what is missing, build, serve the demo on :8080
#   make check   install what is missing, build, run every test (release and ASan+UBSan)
#   make bench   the benchmarks of bench/ (not tests)

PORT ?= 8080
JOBS ?= $(shell nproc)
CMAKE_GEN = -G Ninja

.PHONY: all deps release debug asan demo check bench clean

all: release

deps:
	@./scripts/install-deps

release: deps
	@cmake -S . -B build/release $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@ninja -C build/release

debug: deps
	@cmake -S . -B build/debug $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@ninja -C build/debug

asan: deps
	@cmake -S . -B build/asan $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DLIAISON_SANITIZE=ON >/dev/null
	@ninja -C build/asan

demo: release
	@rm -f build/demo.db build/demo.db-wal build/demo.db-shm
	@echo "liaison demo: http://127.0.0.1:$(PORT)/api/v1/ (Ctrl-C stops it)"
	@./build/release/liaison serve --demo --db build/demo.db --port $(PORT)

check: release asan
	@ctest --test-dir build/release --output-on-failure -j $(JOBS)
	@ctest --test-dir build/asan --output-on-failure -j $(JOBS)

bench: release
	@sh bench/run.sh

clean:
	rm -rf build
