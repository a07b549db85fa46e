#!/bin/sh
# tests/e2e/run.sh - werkplaats in a real browser: Debian's Chromium driven
# by playwright-core (flows.test.js), axe-core on every page. Installs what
# is missing (the chromium package as root, the npm packages of
# package-lock.json), fills a fresh demo database, serves it with the
# sanitizer build on a free loopback port, runs the tests, stops the server.
# Fails when a test fails, when the server does not exit 0, or when its
# stderr holds a sanitizer report. POSIX sh; run from anywhere.
#
# Node.js 18.15 or newer is enough, so that Debian 12's nodejs (18.19 and
# up) runs them: playwright-core stays at 1.61.x, the last release for
# Node 18 (1.62 and later need Node 20). Before npm ci, this script says
# so when the node on PATH is older than package-lock.json's "engines" ask.
cd "$(dirname "$0")/../.." || exit 1
E2E=tests/e2e
BIN=${WERKPLAATS_BIN:-build/werkplaats-asan}
WP_CHROMIUM=${WP_CHROMIUM:-/usr/bin/chromium}
WP_SHOTS=${WP_SHOTS:-$PWD/build/e2e-shots}
export WP_CHROMIUM WP_SHOTS

say() { echo "e2e: $*"; }
die() { echo "e2e: $*" >&2; exit 1; }

[ -x "$BIN" ] || die "$BIN is missing; run 'make build/werkplaats-asan'"

# 1. Chromium from Debian (playwright's own browser downloads do not work
# here), and Node.js with npm from Debian when the machine has none.
packages=""
[ -x "$WP_CHROMIUM" ] || packages="chromium fonts-dejavu-core fonts-liberation"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || packages="$packages nodejs npm"
if [ -n "$packages" ]; then
	say "installing from Debian:$packages"
	if [ "$(id -u)" = 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		die "please install as root: apt-get install $packages"
	fi
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq || true
	$SUDO apt-get install -y -qq --no-install-recommends $packages >/dev/null ||
		die "apt-get install $packages failed"
	[ -x "$WP_CHROMIUM" ] || die "no $WP_CHROMIUM after installing chromium"
	command -v node >/dev/null 2>&1 || die "no node after installing nodejs"
fi

# Node.js new enough for the "engines" in package-lock.json (">=X.Y.Z"):
# the tests' own (18.15: node:test with --test-reporter) and every locked
# package's, so that a too old node is named here, not in a stack trace.
node -e '
const lock = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).packages;
const have = process.versions.node.split(".").map(Number);
const older = (range) => {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(String(range).trim());
  if (!m)
    return false; // only ">=" ranges are checked
  const want = m.slice(1).map((x) => Number(x || 0));
  return (have[0] - want[0] || have[1] - want[1] || have[2] - want[2]) < 0;
};
const own = ((lock[""] || {}).engines || {}).node;
const bad = [];
for (const [k, p] of Object.entries(lock))
  if (p.engines && older(p.engines.node))
    bad.push((k ? k.replace(/^.*node_modules\//, "") + " " + p.version + " needs" : "these tests need") + " Node.js " + p.engines.node);
if (bad.length) {
  console.error("e2e: " + process.execPath + " is Node.js " + process.version + ", too old:\n  " + bad.join("\n  "));
  console.error(own && older(own)
    ? "e2e: put a Node.js " + own + " first on PATH (Debian 12: apt-get install nodejs npm, 18.19 or newer)"
    : "e2e: lock versions that support Node.js " + (own || "18") + " (Debian 12) in tests/e2e/package.json, or put a newer node first on PATH");
  process.exit(1);
}' "$PWD/$E2E/package-lock.json" || exit 1

# 2. playwright-core and axe-core, as locked: npm ci when node_modules is
# missing or holds other versions than package-lock.json (after a change
# of the lock, an old node_modules would otherwise stay in use).
installed_as_locked() {
	node -e '
const fs = require("fs");
const lock = JSON.parse(fs.readFileSync(process.argv[1] + "/package-lock.json", "utf8")).packages;
for (const [k, p] of Object.entries(lock)) {
  if (!k)
    continue;
  let v = null;
  try { v = JSON.parse(fs.readFileSync(process.argv[1] + "/" + k + "/package.json", "utf8")).version; } catch (e) {}
  if (v !== p.version)
    process.exit(1);
}' "$PWD/$E2E"
}
if ! installed_as_locked; then
	say "npm ci in $E2E"
	(cd $E2E && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
	installed_as_locked || die "$E2E/node_modules does not match package-lock.json after npm ci"
fi
say "Node.js $(node --version), playwright-core $(node -p 'require(process.argv[1]).version' "$PWD/$E2E/node_modules/playwright-core/package.json")"

# 3. A fresh demo database and the sanitizer build serving it.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/wp-e2e.XXXXXX") || exit 1
PID=""
IDP_PID=""
SAML_PID=""
cleanup() {
	[ -n "$PID" ] && kill -9 "$PID" 2>/dev/null
	[ -n "$IDP_PID" ] && kill "$IDP_PID" 2>/dev/null
	[ -n "$SAML_PID" ] && kill "$SAML_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS UBSAN_OPTIONS
[ -f tests/lsan.supp ] && LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" && export LSAN_OPTIONS
SANITIZER_MARKS='ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|SUMMARY: UndefinedBehaviorSanitizer|SUMMARY: AddressSanitizer'

"$BIN" demo --db "$TMP/e2e.db" >"$TMP/demo.out" 2>&1 || { cat "$TMP/demo.out"; die "werkplaats demo failed"; }
if grep -Eq "$SANITIZER_MARKS" "$TMP/demo.out"; then
	cat "$TMP/demo.out"
	die "sanitizer report from werkplaats demo"
fi

free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# A real OpenID Connect provider on loopback (tests/idp, npm ci there):
# werkplaats knows it as "test" before it starts; the provider starts once
# werkplaats's address (its redirect URI) is known. Flow 7 signs in
# through it, as whoever $WP_IDP_STATE names; flow 8 through the SAML
# identity provider below, as whoever $WP_SAML_STATE names.
sh tests/idp/install.sh || die "tests/idp/install.sh failed"
IDP_PORT=$(free_port) || die "no free port"
WP_IDP_STATE="$TMP/idp-state.json"
export WP_IDP_STATE
echo '{"account":"e2e-1","claims":{"email":"e2e@example.org","name":"E2E Persoon"},"mode":""}' >"$WP_IDP_STATE"
WERKPLAATS_OIDC_SECRET=test-secret "$BIN" idp add --db "$TMP/e2e.db" --name "Test IdP" --slug test \
	--issuer "http://127.0.0.1:$IDP_PORT" --client-id werkplaats --secret-key-file "$TMP/secret.key" \
	>"$TMP/idp-add.out" 2>&1 || { cat "$TMP/idp-add.out"; die "werkplaats idp add failed"; }
# and a real SAML identity provider (Lasso's Python binding, Debian's
# python3-lasso) as "saml", with keys made here for it and for werkplaats
SAML_PORT=$(free_port) || die "no free port"
WP_SAML_STATE="$TMP/saml-state.json"
export WP_SAML_STATE
echo '{"account":"e2e-saml","claims":{"email":"e2e-saml@example.org","name":"SAML Persoon"},"mode":""}' >"$WP_SAML_STATE"
for who in idp sp; do
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/$who-key.pem" -out "$TMP/$who-cert.pem" \
		-days 2 -subj "/CN=werkplaats e2e $who" >/dev/null 2>&1 || die "openssl req failed"
done
"$BIN" idp add --db "$TMP/e2e.db" --protocol saml --name "Test SAML" --slug saml \
	--issuer "http://127.0.0.1:$SAML_PORT/metadata" >"$TMP/idp-add.out" 2>&1 ||
	{ cat "$TMP/idp-add.out"; die "werkplaats idp add --protocol saml failed"; }
# 0 once something listens on port $1, 1 if not within 30 s
wait_listening() {
	node -e '
const net = require("net"), end = Date.now() + 30000;
(function attempt() {
  const c = net.connect(+process.argv[1], "127.0.0.1", () => { c.end(); process.exit(0); });
  c.on("error", () => Date.now() > end ? process.exit(1) : setTimeout(attempt, 50));
})();' "$1"
}

tries=0
while :; do
	tries=$((tries + 1))
	PORT=$(free_port) || die "no free port"
	"$BIN" serve --db "$TMP/e2e.db" --listen "127.0.0.1:$PORT" --secret-key-file "$TMP/secret.key" \
		--saml-key "$TMP/sp-key.pem" --saml-cert "$TMP/sp-cert.pem" \
		</dev/null >"$TMP/serve.out" 2>"$TMP/serve.err" &
	PID=$!
	if wait_listening "$PORT" && kill -0 "$PID" 2>/dev/null; then
		break
	fi
	# another process may have taken the port first: try another
	kill -9 "$PID" 2>/dev/null
	wait "$PID" 2>/dev/null
	PID=""
	if [ $tries -ge 5 ] || ! grep -q "cannot listen" "$TMP/serve.err"; then
		cat "$TMP/serve.err" >&2
		die "werkplaats serve did not start"
	fi
done
WP_BASE="http://127.0.0.1:$PORT"
export WP_BASE
node tests/idp/oidc.mjs "$IDP_PORT" "$WP_BASE/login/oidc/callback" "$WP_IDP_STATE" \
	</dev/null >"$TMP/idp.out" 2>"$TMP/idp.err" &
IDP_PID=$!
wait_listening "$IDP_PORT" || { cat "$TMP/idp.err" >&2; die "the OpenID Connect provider did not start"; }
/usr/bin/python3 tests/idp/saml_idp.py "$SAML_PORT" "$WP_BASE/saml/metadata" "$TMP" "$WP_SAML_STATE" \
	</dev/null >"$TMP/saml.out" 2>"$TMP/saml.err" &
SAML_PID=$!
wait_listening "$SAML_PORT" || { cat "$TMP/saml.err" >&2; die "the SAML identity provider did not start"; }
say "$BIN serving a demo on $WP_BASE; Chromium $("$WP_CHROMIUM" --version 2>/dev/null | sed -n 's/^Chromium \([0-9.]*\).*/\1/p')"

# 4. The tests.
start=$(date +%s)
node --test-reporter=spec $E2E/flows.test.js
status=$?
say "tests took $(($(date +%s) - start)) s; screenshots and the agenda PDF in $WP_SHOTS"

# 5. Stop the server: it must exit 0 without a sanitizer report.
kill -TERM "$PID"
n=0
while kill -0 "$PID" 2>/dev/null && [ $n -lt 300 ]; do
	sleep 0.1
	n=$((n + 1))
done
kill -0 "$PID" 2>/dev/null && { say "werkplaats serve did not stop within 30 s"; kill -9 "$PID"; }
wait "$PID"
rc=$?
PID=""
if grep -Eq "$SANITIZER_MARKS" "$TMP/serve.err"; then
	tail -c 20000 "$TMP/serve.err" >&2
	say "FAILED: sanitizer report from werkplaats serve"
	status=1
elif [ $rc -ne 0 ]; then
	tail -c 4000 "$TMP/serve.err" >&2
	say "FAILED: werkplaats serve exited with $rc"
	status=1
fi
[ $status -eq 0 ] && say "passed" || say "FAILED"
exit $status
