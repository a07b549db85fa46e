// oidc.mjs - a real OpenID Connect provider (the npm package
// oidc-provider) on loopback, for werkplaats's sign-in tests.
//
//   node tests/idp/oidc.mjs PORT REDIRECT_URI STATE_FILE
//
// Prints "ready" when it listens. Client "werkplaats" (secret
// "test-secret", client_secret_basic, PKCE required). There are no login
// screens: the provider signs in whoever STATE_FILE names, read at every
// request, so a test says who the person is:
//   {"account": "u1", "claims": {"email": "...", "name": "..."}, "mode": ""}
// "mode" lets a test play an attacker or a misbehaving provider by
// changing the ID token on its way out of the token endpoint, signed again
// with the provider's own key where the test needs a valid signature:
//   tamper      payload changed, signature kept (must fail to verify)
//   audience    aud is another client
//   expired     exp and iat an hour in the past
//   nonce       another nonce
//   rotate      signed with a second key that the JWKS only now lists
import http from 'node:http';
import fs from 'node:fs';
import * as jose from 'jose';
import Provider from 'oidc-provider';

const [port, redirectUri, stateFile] = process.argv.slice(2);
if (!port || !redirectUri || !stateFile) {
  console.error('usage: node oidc.mjs PORT REDIRECT_URI STATE_FILE');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const state = () => JSON.parse(fs.readFileSync(stateFile, 'utf8'));

async function newKey(kid) {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}
const key1 = await newKey('key-1');
const key2 = await newKey('key-2');
let rotated = false;
const publicJwk = ({ d, p, q, dp, dq, qi, ...pub }) => pub;

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'werkplaats',
    client_secret: 'test-secret',
    redirect_uris: [redirectUri],
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  jwks: { keys: [key1] },
  pkce: { required: () => true, methods: ['S256'] },
  features: { devInteractions: { enabled: false } },
  claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
  conformIdTokenClaims: false,
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return { sub: id, ...state().claims }; } };
  },
});
provider.proxy = false;

// Sign in the state file's person without a screen.
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: state().account } },
      { mergeWithLastSubmission: false });
    return;
  }
  const grant = new provider.Grant({ accountId: details.session.accountId,
    clientId: details.params.client_id });
  grant.addOIDCScope('openid email profile');
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } },
    { mergeWithLastSubmission: true });
}

async function changed(idToken, mode) {
  const [h, p, s] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'tamper') {
    claims.sub = 'someone-else';
    return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
  }
  let key = key1;
  if (mode === 'audience') claims.aud = 'another-client';
  if (mode === 'expired') { claims.iat = now - 3600; claims.exp = now - 3000; }
  if (mode === 'nonce') claims.nonce = 'not-the-nonce';
  if (mode === 'rotate') { rotated = true; key = key2; }
  const signer = new jose.CompactSign(Buffer.from(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' });
  return signer.sign(await jose.importJWK(key, 'RS256'));
}

// Hold back the token endpoint's answer and change its ID token.
function rewriteToken(res, mode) {
  const chunks = [];
  const write = res.write.bind(res), end = res.end.bind(res);
  res.write = (c) => { chunks.push(Buffer.from(c)); return true; };
  res.end = (c) => {
    if (c) chunks.push(Buffer.from(c));
    const body = JSON.parse(Buffer.concat(chunks).toString());
    changed(body.id_token, mode).then((t) => {
      body.id_token = t;
      const out = Buffer.from(JSON.stringify(body));
      res.setHeader('Content-Length', out.length);
      write(out);
      end();
    });
    return res;
  };
}

const handle = provider.callback();
const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (path.startsWith('/interaction/')) {
    interaction(req, res).catch((e) => { res.statusCode = 500; res.end(String(e)); });
    return;
  }
  if (path === '/jwks' && rotated) {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [publicJwk(key1), publicJwk(key2)] }));
    return;
  }
  const mode = state().mode || '';
  if (path === '/token' && mode) rewriteToken(res, mode);
  handle(req, res);
});
server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
