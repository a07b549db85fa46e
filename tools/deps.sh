#!/bin/sh
# Install the Debian packages werkplaats needs, when they are missing.
# Usage: deps.sh [run|test]. "run" is what building and serving need;
# "test" adds what the test suite uses (compilers for fuzzing, psycopg2 for
# the http suite on PostgreSQL, tidy and html5lib for validating every
# page, python3-lasso and openssl for the SAML identity provider the
# sign-in tests run, ...).
# Needs root (or sudo) only when something is missing.
set -e
run="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libjansson-dev
libsodium-dev libqrencode-dev liboath-dev libcurl4-openssl-dev libpq-dev libxlsxwriter-dev
libreadstat-dev zlib1g-dev sqlite3 tzdata libcairo2-dev libpango1.0-dev librsvg2-dev libpng-dev libxml2-dev
libcjose-dev liblasso3-dev"
test="libcmocka-dev python3 python3-psycopg2 clang libclang-rt-14-dev tidy python3-html5lib poppler-utils
python3-lasso openssl"
need="$run"
[ "${1:-run}" = test ] && need="$run $test"
need="$need ${WP_EXTRA_PACKAGES:-}"
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "Installing missing Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "werkplaats: please install as root:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
