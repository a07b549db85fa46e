#!/bin/sh
# tests/idp/install.sh - install what the identity providers of the
# sign-in tests need (tests/http/idphelp.py, tests/e2e/run.sh start them on
# loopback): Node.js and npm from Debian when the machine has none (as
# root, or through sudo), then the npm packages of package-lock.json
# (oidc-provider, jose) with npm ci when they are missing. Node.js 18.15
# or newer: Debian 12's nodejs is enough. The SAML provider needs
# Debian's python3-lasso and openssl (tools/deps.sh test). POSIX sh.
cd "$(dirname "$0")" || exit 1
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "tests/idp: node and npm are missing; as root: apt-get install nodejs npm" >&2
		exit 1
	fi
	echo "tests/idp: installing nodejs npm from Debian"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq || true
	$SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null || exit 1
fi
[ -f node_modules/oidc-provider/package.json ] && [ -f node_modules/jose/package.json ] && exit 0
echo "tests/idp: npm ci (oidc-provider)"
npm ci --no-audit --no-fund --loglevel=error
