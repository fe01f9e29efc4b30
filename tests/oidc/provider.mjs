// A real OpenID provider for ladder's single sign-on tests: the npm package
// oidc-provider (a certified implementation), with one registered client and
// an automatic sign-in, plus switches that make it misbehave on purpose so
// the tests can see ladder refuse what it must.
//
// Environment: REDIRECT_URI (required), CLIENT_ID (default "ladder"),
// CLIENT_SECRET (default "ladder-test-secret"), PORT (default 0: any free
// port). Prints "issuer http://127.0.0.1:PORT" once it listens.
//
// Test controls (plain HTTP, on the same port):
//   POST /__test/user  {"email", "name", "verified"}  who signs in next
//   POST /__test/mode  {"mode"}  how the next ID tokens are tampered with:
//     normal           as the provider made them
//     wrong-audience   "aud" names another application (re-signed with the provider's key)
//     expired          "exp" an hour ago (re-signed with the provider's key)
//     wrong-nonce      "nonce" of another sign-in (re-signed with the provider's key)
//     bad-signature    signed with a key the provider never published, under its key's id
//     rotate           the provider rotates to a new key: tokens signed with it, and
//                      the key set served from now on holds both
//     email-in-userinfo  the ID token carries no email; the user-info endpoint has it
//   GET /__test/stats  how many times the key set was fetched

import http from 'node:http';
import { Provider } from 'oidc-provider';
import * as jose from 'jose';

const redirectUri = process.env.REDIRECT_URI;
if (!redirectUri) {
  console.error('REDIRECT_URI is required');
  process.exit(2);
}
const clientId = process.env.CLIENT_ID ?? 'ladder';
const clientSecret = process.env.CLIENT_SECRET ?? 'ladder-test-secret';

async function rsaKey(kid) {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}
const publicOf = ({ d, p, q, dp, dq, qi, ...pub }) => pub;

const first = await rsaKey('k1');
const second = await rsaKey('k2');
const stranger = await rsaKey('k1'); // same id as the provider's key, never published

let nextUser = { email: 'ada@example.com', name: 'Ada Lovelace', verified: true };
let mode = 'normal';
let rotated = false;
let jwksFetches = 0;
const users = new Map();

const server = http.createServer();
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [first] },
  cookies: { keys: ['ladder test cookie key'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // Consent is the company's business, not this test's: every grant asked for is given.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  async findAccount(ctx, id) {
    const user = users.get(id);
    if (!user) return undefined;
    return {
      accountId: id,
      async claims(use) {
        const claims = { sub: id, name: user.name };
        if (!(mode === 'email-in-userinfo' && use === 'id_token')) {
          claims.email = user.email;
          claims.email_verified = user.verified;
        }
        return claims;
      },
    };
  },
});

// Sign-in is automatic: whoever /__test/user named last.
provider.use(async (ctx, next) => {
  const m = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (m && ctx.method === 'GET') {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const accountId = `sub-${nextUser.email}`;
    users.set(accountId, { ...nextUser });
    const result = details.prompt.name === 'login' ? { login: { accountId } } : {};
    await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
    ctx.respond = false;
    return;
  }
  await next();
  if (ctx.path === '/jwks') {
    jwksFetches += 1;
    if (rotated && ctx.body?.keys) ctx.body.keys = [...ctx.body.keys, publicOf(second)];
  }
  if (ctx.path === '/token' && ctx.body?.id_token && mode !== 'normal' && mode !== 'email-in-userinfo') {
    ctx.body.id_token = await tamper(ctx.body.id_token);
  }
});

async function sign(payload, jwk) {
  const key = await jose.importJWK(jwk, 'RS256');
  return new jose.SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' }).sign(key);
}

async function tamper(idToken) {
  const payload = jose.decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  switch (mode) {
    case 'wrong-audience':
      return sign({ ...payload, aud: 'another-application' }, first);
    case 'expired':
      return sign({ ...payload, iat: now - 7200, exp: now - 3600 }, first);
    case 'wrong-nonce':
      return sign({ ...payload, nonce: 'the-nonce-of-another-sign-in' }, first);
    case 'bad-signature':
      return sign(payload, stranger);
    case 'rotate':
      rotated = true;
      return sign(payload, second);
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

const callback = provider.callback();
server.on('request', async (req, res) => {
  if (req.url.startsWith('/__test/')) {
    let body = '';
    for await (const chunk of req) body += chunk;
    const input = body ? JSON.parse(body) : {};
    if (req.url === '/__test/user') nextUser = { verified: true, ...input };
    else if (req.url === '/__test/mode') mode = input.mode;
    else if (req.url !== '/__test/stats') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ mode, nextUser, jwksFetches, rotated }));
    return;
  }
  callback(req, res);
});

console.log(`issuer ${issuer}`);
