# werkplaats - one binary: web application and command line tool.
# `make run` installs what is missing (Debian 12, as root), builds, creates a
# demo database when there is none and serves it. `make test` builds with
# AddressSanitizer and UndefinedBehaviorSanitizer and runs every test.

CC      ?= cc
PKGS    := libmicrohttpd sqlite3 jansson libsodium libqrencode liboath libcurl libpq xlsxwriter cairo pangocairo \
           librsvg-2.0 libpng libxml-2.0 cjose lasso glib-2.0 gobject-2.0
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wno-format-nonliteral -Wvla -Wimplicit-fallthrough
CFLAGS_COMMON := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARN) \
           -Isrc $(PKG_CFLAGS) -pthread
CFLAGS_RELEASE := $(CFLAGS_COMMON) -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong
CFLAGS_ASAN := $(CFLAGS_COMMON) -O1 -g -fno-omit-frame-pointer \
           -fsanitize=address,undefined -fno-sanitize-recover=undefined
# libreadstat ships no pkg-config file (shared/PITFALLS.md)
LDLIBS  := $(PKG_LIBS) -lreadstat -lm -pthread

LISTEN  ?= 127.0.0.1:8080
DB      ?= werkplaats.db

SRC_ALL := $(sort $(wildcard src/*.c src/*/*.c src/*/*/*.c))
SRC_LIB := $(filter-out src/main.c,$(SRC_ALL))
ASSETS  := $(sort $(wildcard assets/*))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

GEN      := assets_data instrument_data
REL_OBJ  := $(patsubst src/%.c,build/rel/%.o,$(SRC_LIB)) $(GEN:%=build/rel/gen/%.o)
ASAN_OBJ := $(patsubst src/%.c,build/asan/%.o,$(SRC_LIB)) $(GEN:%=build/asan/gen/%.o)
UNIT_BIN := $(patsubst tests/unit/%.c,build/asan/tests/%,$(UNIT_SRC))

.PHONY: all run test deps deps-test bench-deps unit unit-bins fuzz-bins http e2e lint bench crashtest clean fuzz fuzz-smoke
.SECONDARY:
all: werkplaats

deps:
	@sh tools/deps.sh run

# The tests also open exports with the tools researchers use: PSPP reads the
# .sav files, LibreOffice the .xlsx files. Large, so only for `make test`;
# the tests that need them say so and skip when they are missing.
TEST_PACKAGES := pspp libreoffice-calc-nogui
deps-test:
	@WP_EXTRA_PACKAGES="$(WP_EXTRA_PACKAGES) $(TEST_PACKAGES)" sh tools/deps.sh test

# what `make bench` needs on top: the HTTP load tool and the static reference
bench-deps:
	@WP_EXTRA_PACKAGES="wrk nginx curl" sh tools/deps.sh

werkplaats: $(REL_OBJ) build/rel/main.o
	@echo "  LD $@"
	@$(CC) $(CFLAGS_RELEASE) -o $@ $^ $(LDLIBS)

build/werkplaats-asan: $(ASAN_OBJ) build/asan/main.o
	@echo "  LD $@"
	@$(CC) $(CFLAGS_ASAN) -o $@ $^ $(LDLIBS)

build/rel/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(CFLAGS_RELEASE) -MMD -MP -c -o $@ $<

build/asan/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC [asan] $<"
	@$(CC) $(CFLAGS_ASAN) -MMD -MP -c -o $@ $<

# The assets (CSS, icons) and the shipped instrument are compiled into the
# binary, so one file is the whole program.
build/gen/assets_data.c: $(ASSETS) tools/embed.sh
	@mkdir -p $(dir $@)
	@sh tools/embed.sh assets $(ASSETS) > $@.tmp && mv $@.tmp $@

build/gen/instrument_data.c: instrument/los-pw.json tools/embed.sh
	@mkdir -p $(dir $@)
	@sh tools/embed.sh shipped_instruments instrument/los-pw.json > $@.tmp && mv $@.tmp $@

build/rel/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS_RELEASE) -c -o $@ $<

build/asan/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS_ASAN) -c -o $@ $<

# libxml2 only for the tests (test_qr.c parses the SVG it gets).
UNIT_XML := $(shell pkg-config --cflags --libs libxml-2.0 2>/dev/null)

build/asan/tests/%: tests/unit/%.c $(ASAN_OBJ)
	@mkdir -p $(dir $@)
	@echo "  TEST $@"
	@$(CC) $(CFLAGS_ASAN) -Itests/unit -o $@ $< $(ASAN_OBJ) $(LDLIBS) $(UNIT_XML) -lcmocka

# The flags from pkg-config are read when make starts, so what needs the
# freshly installed packages is built by a second make.
run: deps
	@$(MAKE) --no-print-directory werkplaats
	@test -f $(DB) || ./werkplaats demo --db $(DB)
	./werkplaats serve --db $(DB) --listen $(LISTEN) --announce

# The benchmark programs are built too (not run), so that they cannot rot
# between two `make bench`.
test: deps-test
	@$(MAKE) --no-print-directory build/werkplaats-asan unit-bins fuzz-bins lint $(BENCH_BIN)
	@sh tests/pg.sh run sh tests/run.sh

unit-bins: $(UNIT_BIN)

# Only the end-to-end tests in Chromium (part of `make test`).
e2e: deps
	@$(MAKE) --no-print-directory build/werkplaats-asan
	@sh tests/e2e/run.sh

# kill -9 during submissions, 50 times on SQLite and 50 on PostgreSQL (a
# throwaway cluster from tests/pg.sh, itself killed in two cycles of three);
# `make test` runs 5 and 3 (tests/run.sh)
CRASH_CYCLES ?= 50
crashtest: deps
	@WP_EXTRA_PACKAGES=python3-psycopg2 sh tools/deps.sh run
	@$(MAKE) --no-print-directory build/werkplaats-asan
	@WERKPLAATS_BIN=build/werkplaats-asan /usr/bin/python3 tests/crash/crashtest.py --cycles $(CRASH_CYCLES)
	@WERKPLAATS_BIN=build/werkplaats-asan sh tests/pg.sh run \
		/usr/bin/python3 tests/crash/crashtest.py --store pg --cycles $(CRASH_CYCLES)

unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do echo "== $$t"; $$t || exit 1; done

lint: $(ASAN_OBJ)
	@sh tools/lint.sh

# Benchmarks (docs/performance.md): each against its reference in the same
# run, reported as ratios. The load generator and the raw references are
# small C programs in bench/; results_bench links the store and analysis.
BENCH_CFLAGS := $(CFLAGS_RELEASE) -D_GNU_SOURCE
BENCH_BIN := build/bench/load build/bench/raw_submit build/bench/raw_submit_pg build/bench/results_bench \
             build/bench/startup

build/bench/load build/bench/raw_submit build/bench/raw_submit_pg: build/bench/%: bench/%.c bench/workload.c bench/workload.h
	@mkdir -p $(dir $@)
	@echo "  CC $@"
	@$(CC) $(BENCH_CFLAGS) -Ibench -o $@ $< bench/workload.c $(LDLIBS)

build/bench/startup: bench/startup.c
	@mkdir -p $(dir $@)
	@echo "  CC $@"
	@$(CC) $(BENCH_CFLAGS) -o $@ $< $(LDLIBS)

build/bench/results_bench: bench/results_bench.c $(REL_OBJ)
	@mkdir -p $(dir $@)
	@echo "  CC $@"
	@$(CC) $(BENCH_CFLAGS) -o $@ $< $(REL_OBJ) $(LDLIBS)

bench: deps bench-deps
	@$(MAKE) --no-print-directory werkplaats $(BENCH_BIN)
	@sh bench/run.sh

# libFuzzer targets (clang): `make fuzz` runs each for FUZZ_SECONDS; the
# smoke run in `make test` replays the seed corpus and a few thousand more.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS  := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -g -O1 -Isrc $(PKG_CFLAGS) \
                -pthread -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
FUZZ_OBJ     := $(patsubst src/%.c,build/fuzz/%.o,$(SRC_LIB)) $(GEN:%=build/fuzz/gen/%.o)
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))

build/fuzz/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC [fuzz] $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

build/fuzz/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	@echo "  FUZZ $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

fuzz: deps-test
	@$(MAKE) --no-print-directory fuzz-bins
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# (after FUZZ_TARGETS: prerequisites are expanded when make reads the rule)
fuzz-bins: $(FUZZ_TARGETS)

fuzz-smoke: $(FUZZ_TARGETS)
	@sh tests/fuzz/run.sh smoke

clean:
	rm -rf build werkplaats

-include $(wildcard build/*/*.d build/*/*/*.d build/*/*/*/*.d)
