// ADAPTER for server contracts that other branches are still building. Everything the pages need from them goes
// through this one module, so their merge is a change here only:
//   - dash-backend: /api/auth/* (sign-in, session cookie, roles), /api/admin/users, /api/learner/export,
//     /api/analytics/helpers. Until /api/auth/me exists (404), a caller the analytics API already accepts (an HTTP
//     Basic credential, as in the browser tests) is treated as an admin without a learner record of their own.
//   - dash-filters: from/to/team on every /api/analytics endpoint and /api/analytics/teams. Until the teams endpoint
//     exists (404) the team filter is shown disabled and the date range still goes to the server.
// When both branches are merged, the fallbacks below (marked FALLBACK) can be deleted.

const TOKEN_KEY = 'insights.token';

/** The single-sign-on access token, sent as a bearer token (OIDC sign-in keeps it for the browser tab only). */
export function authorizationHeader() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export function keepToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function get(path) {
  return fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json', ...authorizationHeader() } });
}

/**
 * Who is signed in: {email, name, role, agent} (role admin | manager | learner; agent an xAPI Agent or null),
 * or null when nobody is.
 */
export async function currentUser() {
  const me = await get('/api/auth/me');
  if (me.ok) return me.json();
  if (me.status !== 404) return null;
  // FALLBACK (until dash-backend): no auth API yet; a credential the analytics API accepts acts as an admin.
  // credentials 'omit': the 401's Basic challenge must not pop up the browser's password dialog (an Authorization
  // header set by the test harness is still sent).
  const status = await fetch('/api/analytics/status', { credentials: 'omit', headers: { Accept: 'application/json', ...authorizationHeader() } });
  return status.ok ? { email: null, name: 'LRS credential', role: 'admin', agent: null, viaCredential: true } : null;
}

/** POST /api/auth/login: the user on success; null on wrong credentials; throws when sign-in is unavailable. */
export async function signIn(email, password) {
  const response = await fetch('/api/auth/login', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.ok) return response.json();
  if (response.status === 401 || response.status === 400) return null;
  throw new Error(response.status === 404 ? 'Sign-in is not available on this server yet.' : `Sign-in failed (${response.status}).`);
}

export async function signOut() {
  keepToken(null);
  await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => {});
}

/** GET /api/auth/config: {oidc: null | {authority, clientId, scope}}. */
export async function authConfig() {
  const response = await fetch('/api/auth/config', { headers: { Accept: 'application/json' } });
  return response.ok ? response.json() : { oidc: null }; // FALLBACK: no config endpoint, local accounts only
}

/** GET /api/analytics/teams: {teams: [{team, name, members, statements}], available}. */
export async function listTeams() {
  const response = await get('/api/analytics/teams');
  if (response.ok) return { ...(await response.json()), available: true };
  return { teams: [], available: false }; // FALLBACK (until dash-filters): no team dimension yet
}

/**
 * The filter parameters every /api/analytics endpoint takes: from and to as RFC 3339 instants, to exclusive (the
 * page's "to" date is inclusive, so the day after it at 00:00 UTC), team as the team's id.
 */
export function filterParams({ from, to, team } = {}) {
  const params = {};
  if (from) params.from = `${from}T00:00:00Z`;
  if (to) {
    const end = new Date(`${to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    params.to = end.toISOString().replace('.000Z', 'Z');
  }
  if (team) params.team = team;
  return params;
}

/** GET /api/analytics/helpers?id=: {topic, name, helpers}, which learners may read too. */
export async function helpersOf(topic, params, getJson) {
  try {
    return await getJson('/api/analytics/helpers', { id: topic, ...params });
  } catch (e) {
    if (e.status !== 404 || e.field === 'id') throw e;
    // FALLBACK (until dash-backend): the same helpers, from the topic report.
    const report = await getJson('/api/analytics/topic', { id: topic, ...params });
    return { topic: report.topic, name: report.name, helpers: report.helpers };
  }
}

/** Where a learner downloads their whole record (statements and agent profiles) as xAPI JSON. */
export function learnerExportUrl(agent) {
  return `/api/learner/export?agent=${encodeURIComponent(JSON.stringify(agent))}`;
}

/** The admin users API: list, create, update and delete accounts, a user addressed by email. */
export const usersApi = {
  list: '/api/admin/users',
  one: (email) => `/api/admin/users/${encodeURIComponent(email)}`,
};
