// HTTP access to Parley's /api. Every failure becomes an ApiError built from the
// application/problem+json body, so views show the server's own words next to the right field.

// Resolved against the page, not the host root, so the client also works when the WAR is
// deployed under a context path (e.g. /parley/).
const BASE = new URL('.', document.baseURI);

export function appUrl(path) {
  return new URL(path, BASE);
}

export class ApiError extends Error {
  constructor(status, problem = {}, retryAfter = null) {
    super(problemText(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = parseRetryAfter(retryAfter);
    this.fieldErrors = fieldErrorsOf(problem);
  }

  get isNetwork() {
    return this.status === 0;
  }
}

function problemText(status, problem) {
  // detail is RFC 9457's member; message/error are the same text for older clients.
  const text = problem.detail || problem.message || problem.error || problem.title;
  if (text) return String(text);
  if (status === 0) return 'Cannot reach the server. Check your connection and try again.';
  return `The server answered with an error (${status}).`;
}

// Field names may come back as plain members ("username") or as Bean Validation property
// paths ("register.arg0.username"); the last segment names the form field either way.
function fieldErrorsOf(problem) {
  const out = {};
  if (!Array.isArray(problem.errors)) return out;
  for (const entry of problem.errors) {
    if (!entry || typeof entry !== 'object') continue;
    const field = String(entry.field ?? '').split('.').pop().toLowerCase();
    const message = String(entry.message ?? 'Invalid value');
    if (!field) continue;
    out[field] = out[field] ? `${out[field]} ${message}` : message;
  }
  return out;
}

function parseRetryAfter(value) {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readBody(response) {
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text();
  if (!text) return null;
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return { detail: 'The server sent a reply the client could not read.' };
    }
  }
  // A proxy's HTML error page must not be shown as markup or dumped whole.
  return { detail: response.ok ? text : `The server answered with an error (${response.status}).` };
}

/**
 * @param getToken       returns the current bearer token or null
 * @param onUnauthorized called when an authenticated call gets 401: the session is over
 */
export function createApi({ getToken, onUnauthorized }) {
  async function request(method, path, { body, query, auth = true } = {}) {
    const url = appUrl(`api/${path}`);
    for (const [key, value] of Object.entries(query || {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    const headers = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = auth ? getToken() : null;
    if (token) headers.Authorization = `Bearer ${token}`;

    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0);
    }
    const data = await readBody(response);
    if (!response.ok) {
      const error = new ApiError(response.status, data && typeof data === 'object' ? data : {}, response.headers.get('Retry-After'));
      // Login's own 401 means "wrong password", not "session over": only bearer calls end it.
      if (auth && response.status === 401) onUnauthorized(error);
      throw error;
    }
    return data;
  }

  return {
    register: ({ username, email, password }) =>
      request('POST', 'users', { body: { username, email, password }, auth: false }),

    // The contract accepts either {email, password} or {username, password}.
    login: (identifier, password) =>
      request('POST', 'login', {
        body: identifier.includes('@') ? { email: identifier, password } : { username: identifier, password },
        auth: false,
      }),

    refreshToken: () => request('POST', 'token/refresh'),
    logout: () => request('POST', 'logout', { body: {} }),
    me: () => request('GET', 'users/me'),
    users: (query) => request('GET', 'users', { query }),
    wsTicket: () => request('POST', 'ws-ticket'),
    limits: () => request('GET', 'limits', { auth: false }),

    /** History of one conversation: `withUser` null/'' is the common room. Ascending ids. */
    messages: ({ withUser, before, after, limit }) =>
      request('GET', 'messages', { query: { with: withUser || undefined, before, after, limit } }),
  };
}
