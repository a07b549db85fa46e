#!/bin/sh
# Install the Debian packages werkplaats needs to build, run and test, when
# they are missing. Needs root (or sudo) only when something is missing.
set -e
need="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libjansson-dev
libsodium-dev libqrencode-dev libcurl4-openssl-dev libpq-dev libcmocka-dev
libxlsxwriter-dev libreadstat-dev
python3 sqlite3 ${WP_EXTRA_PACKAGES:-}"
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
