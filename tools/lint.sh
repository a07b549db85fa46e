#!/bin/sh
# Banned functions (as curl's checksrc): unbounded or non-reentrant string
# calls have safer replacements in src/base.
set -e
bad=$(grep -nE '\b(gets|sprintf|vsprintf|strcat|strcpy|strtok|strncat|atoi|atol)\s*\(' \
	$(find src -name '*.c' -o -name '*.h') || true)
if [ -n "$bad" ]; then
	echo "lint: banned function used (use snprintf, buf_*, arena_* or parse_int64):" >&2
	echo "$bad" >&2
	exit 1
fi
# SQL placeholders are plain '?': the PostgreSQL driver numbers them in order,
# so SQLite's numbered ?1 would mean something else there.
numbered=$(grep -nE '"[^"]*\?[0-9][^"]*"' src/store/*.c | grep -v '^\s*/\*' || true)
if [ -n "$numbered" ]; then
	echo "lint: numbered SQL placeholder (use plain ?):" >&2
	echo "$numbered" >&2
	exit 1
fi
# The arrows between files run one way: layers, page files as leaves, no
# loop in the web layer (tools/rooms.py; reads the object files of
# build/asan, which `make lint` builds first).
/usr/bin/python3 tools/rooms.py build/asan
