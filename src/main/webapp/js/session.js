// The signed-in session: the bearer token, who it belongs to, and keeping it fresh.
//
// The token lives in memory and in sessionStorage (per tab, gone when the tab closes), so a
// reload keeps the user signed in but nothing outlives the tab. It never goes into a URL or
// localStorage.

const STORAGE_KEY = 'parley.session';

// Refresh this long before expiry: a fifth of the lifetime, at least 10 s, at most 5 min.
const MIN_LEAD_MS = 10_000;
const MAX_LEAD_MS = 5 * 60_000;
const RETRY_MS = 15_000;

/** Reads the JWT's claims without verifying them: the client only wants exp/iat for timing. */
function jwtClaims(token) {
  try {
    const payload = token.split('.')[1];
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/**
 * How long, from now, the token in a login/refresh reply stays valid (ms). Prefers the JWT's
 * own exp - iat, which does not depend on this device's clock agreeing with the server's;
 * then `expiresAt` (RFC 3339 text, or epoch seconds/milliseconds); then one hour, the default.
 */
export function lifetimeOf(reply) {
  const claims = jwtClaims(reply.token);
  if (claims && Number.isFinite(claims.exp) && Number.isFinite(claims.iat) && claims.exp > claims.iat) {
    return (claims.exp - claims.iat) * 1000;
  }
  const raw = reply.expiresAt;
  let at = NaN;
  if (typeof raw === 'number' || (typeof raw === 'string' && /^\d+$/.test(raw))) {
    const n = Number(raw);
    at = n < 1e12 ? n * 1000 : n;
  } else if (typeof raw === 'string') {
    at = Date.parse(raw);
  }
  if (Number.isFinite(at) && at > Date.now()) return at - Date.now();
  return 60 * 60_000;
}

function leadFor(lifetime) {
  return Math.min(MAX_LEAD_MS, Math.max(MIN_LEAD_MS, lifetime / 5));
}

export class Session extends EventTarget {
  #token = null;
  #user = null;
  #expiresAt = 0; // local clock, ms
  #lead = MIN_LEAD_MS; // how long before expiry to refresh
  #lifetime = 0;
  #timer = null;
  #api = null;
  #refreshing = null;

  constructor() {
    super();
    document.addEventListener('visibilitychange', () => {
      // Background tabs may sleep through a timer: catch up when the tab comes back.
      if (document.visibilityState === 'visible' && this.#token && Date.now() >= this.#refreshAt()) this.refresh();
    });
  }

  /** The API is set after construction because the API itself asks the session for the token. */
  useApi(api) {
    this.#api = api;
  }

  get token() {
    return this.#token;
  }

  get user() {
    return this.#user;
  }

  get signedIn() {
    return Boolean(this.#token);
  }

  /** Restores a session from this tab's storage; false when none is usable. */
  restore() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      if (!saved || !saved.token || !saved.user || !(saved.expiresAt > Date.now() + 5_000)) {
        sessionStorage.removeItem(STORAGE_KEY);
        return false;
      }
      this.#token = saved.token;
      this.#user = saved.user;
      this.#expiresAt = saved.expiresAt;
      this.#lifetime = saved.lifetime || 0;
      this.#lead = leadFor(saved.lifetime || saved.expiresAt - Date.now());
      this.#schedule();
      return true;
    } catch {
      return false;
    }
  }

  /** Takes a login or refresh reply: {token, tokenType, expiresAt, user}. */
  accept(reply) {
    this.#token = reply.token;
    if (reply.user) this.#user = reply.user;
    const lifetime = lifetimeOf(reply);
    this.#expiresAt = Date.now() + lifetime;
    this.#lifetime = lifetime;
    this.#lead = leadFor(lifetime);
    this.#persist();
    this.#schedule();
    this.dispatchEvent(new CustomEvent('token', { detail: { token: this.#token } }));
  }

  updateUser(user) {
    this.#user = { ...this.#user, ...user };
    this.#persist();
  }

  clear() {
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#token = null;
    this.#user = null;
    this.#expiresAt = 0;
    this.#lifetime = 0;
    sessionStorage.removeItem(STORAGE_KEY);
  }

  /** Gets a fresh token now. Concurrent callers share one request. */
  refresh() {
    if (!this.#token || !this.#api) return Promise.resolve(false);
    if (!this.#refreshing) {
      this.#refreshing = this.#api
        .refreshToken()
        .then((reply) => {
          this.accept(reply);
          return true;
        })
        .catch((error) => {
          // 401 is handled by the API's onUnauthorized (back to login). A network failure
          // is retried while the old token still has time left.
          if (error.status !== 401 && this.#token) {
            clearTimeout(this.#timer);
            this.#timer = setTimeout(() => this.refresh(), Math.min(RETRY_MS, Math.max(1_000, this.#expiresAt - Date.now())));
          }
          return false;
        })
        .finally(() => {
          this.#refreshing = null;
        });
    }
    return this.#refreshing;
  }

  #refreshAt() {
    return this.#expiresAt - this.#lead;
  }

  #schedule() {
    clearTimeout(this.#timer);
    const delay = Math.max(0, this.#refreshAt() - Date.now());
    // setTimeout overflows past ~24.8 days; tokens live far shorter, but stay safe.
    this.#timer = setTimeout(() => this.refresh(), Math.min(delay, 2 ** 31 - 1));
  }

  #persist() {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({
          token: this.#token,
          user: this.#user,
          expiresAt: this.#expiresAt,
          lifetime: this.#lifetime,
        }));
    } catch {
      // Storage may be full or disabled (private mode): the session still works in memory.
    }
  }
}
