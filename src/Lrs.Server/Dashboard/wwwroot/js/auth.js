// Who is signed in, and signing in and out: a session cookie from POST /api/auth/login for local accounts, or a
// single-sign-on token (oidc.js) sent as a bearer token. The server enforces every role; the pages only follow it.
import { request, getJson, keepToken, ApiError } from './api.js';

/** The signed-in user {email, name, role (admin | manager | learner), agent (an xAPI Agent or null)}, or null. */
export async function currentUser() {
  const response = await request('/api/auth/me');
  if (response.ok) return response.json();
  if (response.status === 401) {
    keepToken(null); // an expired single-sign-on token: sign in again
    return null;
  }
  throw new ApiError(response.status, `The server could not say who is signed in (${response.status}).`);
}

/** POST /api/auth/login: the user on success, null for a wrong email or password; other refusals throw (e.g. 429). */
export async function signIn(email, password) {
  const response = await request('/api/auth/login', { method: 'POST', body: { email, password } });
  if (response.ok) {
    keepToken(null);
    return response.json();
  }
  if (response.status === 401) return null;
  const body = await response.json().catch(() => null);
  throw new ApiError(response.status, body?.error?.message ?? `Sign-in failed (${response.status}).`, body?.error?.field);
}

export async function signOut() {
  keepToken(null);
  await request('/api/auth/logout', { method: 'POST' });
}

/** GET /api/auth/config: {oidc: null | {authority, clientId, scope}}. */
export const authConfig = () => getJson('/api/auth/config');
