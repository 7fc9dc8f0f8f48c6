// Single sign-on: the OpenID Connect authorisation-code flow with PKCE, as a public client in the browser. The
// access token is kept for this tab only and sent as a bearer token, which the server validates (JwtBearer).
import { keepToken } from './api.js';

const STATE_KEY = 'insights.oidc';

async function discover(authority) {
  const response = await fetch(`${authority.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`The sign-in provider did not answer (${response.status}).`);
  return response.json();
}

const base64Url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = () => base64Url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${location.origin}/sign-in.html`;

export async function startSso(oidc) {
  const provider = await discover(oidc.authority);
  const verifier = random();
  const state = random();
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(STATE_KEY, JSON.stringify({ verifier, state, return: new URLSearchParams(location.search).get('return') }));
  const q = new URLSearchParams({
    response_type: 'code', client_id: oidc.clientId, scope: oidc.scope ?? 'openid profile email', redirect_uri: redirectUri(),
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.href = `${provider.authorization_endpoint}?${q}`;
}

export async function finishSso(oidc, params) {
  const saved = JSON.parse(sessionStorage.getItem(STATE_KEY) ?? 'null');
  sessionStorage.removeItem(STATE_KEY);
  if (!saved || saved.state !== params.get('state')) throw new Error('The sign-in answer did not match this browser tab; try again.');
  const provider = await discover(oidc.authority);
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(), client_id: oidc.clientId, code_verifier: saved.verifier }),
  });
  if (!response.ok) throw new Error(`The sign-in provider refused the sign-in (${response.status}).`);
  const tokens = await response.json();
  keepToken(tokens.access_token ?? tokens.id_token);
  history.replaceState(null, '', `/sign-in.html${saved.return ? `?return=${encodeURIComponent(saved.return)}` : ''}`);
}
