// Talking to the server: JSON over fetch, errors as ApiError with the server's own message, the session cookie
// (or a single-sign-on bearer token) sent with every call.

const TOKEN_KEY = 'insights.token';

/** The single-sign-on token, sent as a bearer token (kept for this browser tab only); {} with a session cookie. */
export function authorizationHeader() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export function keepToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

/** A query string from an object, leaving out empty values. */
export function query(params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Fetches with the caller's credentials; answers the Response, whatever its status. */
export async function request(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...authorizationHeader(), ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  return fetch(path, init);
}

/** GETs JSON; a non-2xx answer becomes an ApiError carrying the server's message. */
export async function getJson(path, params) {
  return json(await request(path + query(params)));
}

export async function sendJson(method, path, body) {
  return json(await request(path, { method, body }));
}

async function json(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = body?.error;
    const message = error?.message ?? (typeof body?.title === 'string' ? body.title : `${response.status} ${response.statusText}`);
    throw new ApiError(response.status, message, error?.field);
  }
  return body;
}
