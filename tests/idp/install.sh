#!/bin/sh
# tests/idp/install.sh - install the identity providers the sign-in tests
# run on loopback: the npm packages of package-lock.json (oidc-provider),
# with npm ci, when they are missing. Node.js 18.15 or newer (Debian 12's
# nodejs is enough; tests/e2e/run.sh installs it from Debian when the
# machine has none). POSIX sh; run from anywhere.
cd "$(dirname "$0")" || exit 1
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "tests/idp: node and npm are missing (apt-get install nodejs npm)" >&2
	exit 1
fi
[ -f node_modules/oidc-provider/package.json ] && [ -f node_modules/jose/package.json ] && exit 0
echo "tests/idp: npm ci (oidc-provider)"
npm ci --no-audit --no-fund --loglevel=error
