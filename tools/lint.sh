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
