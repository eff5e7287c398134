// The WebSocket connection: ticket handshake, subprotocol parley.v1, automatic reconnect with
// a short, jittered back-off, `sync` after every (re)connect, and the outbox of messages that have
// not been acknowledged yet.
//
// Delivery rule: a message stays in the outbox until the server acks its clientId (or says it
// can never be stored). After a reconnect every outbox entry is sent again with the same
// clientId; the server stores a repeated clientId once and acks the original id, so retrying
// never duplicates.

import { appUrl } from './api.js';

export const PROTOCOL = 'parley.v1';

// Reconnecting: at most 2 s apart (1 to 2 s with jitter), so a page is back within 2 s of its server,
// and no faster, so that a server that is down gets one attempt per page every second or two.
const RECONNECT_BASE_MS = 500;
const RECONNECT_MAX_MS = 2_000;
// Resending a refused (rate-limited) message or sync: 1.5 s, doubling, at most this.
const BACKOFF_MAX_MS = 30_000;
// A connection that stayed up this long was healthy: the next drop starts back-off afresh.
const STABLE_AFTER_MS = 10_000;
const RATE_LIMIT_RETRY_MS = 1_500;

/** The pause before asking again after the n-th refusal in a row: 1.5 s, doubling, at most BACKOFF_MAX_MS. */
function rateLimitDelay(attempts) {
  return Math.min(BACKOFF_MAX_MS, RATE_LIMIT_RETRY_MS * 2 ** (attempts - 1));
}

// Codes after which resending the same message cannot succeed.
const FINAL_ERRORS = new Set(['too_large', 'unknown_recipient', 'bad_request']);

/**
 * Events (all CustomEvent):
 *   state   {state, retryAt}  state: connecting | open | reconnecting | closed
 *   frame   {frame}           every parsed server frame
 *   compat  {}                the server did not accept parley.v1
 */
export class Connection extends EventTarget {
  #getTicket;
  #getSyncAfter;
  #ws = null;
  #state = 'closed';
  #stopped = true;
  #attempt = 0;
  #retryTimer = null;
  #stableTimer = null;
  #retryAt = 0;
  #everOpened = false;
  #connecting = false;
  #generation = 0; // bumps on stop(), so a handshake begun before a logout is abandoned
  #outbox = new Map(); // clientId -> message frame, in send order
  #rateLimitTimers = new Map(); // clientId -> timer
  #rateLimitAttempts = new Map();
  #syncAfter = 0; // what this connection's `sync` asked for, asked again if it is refused
  #syncRetryTimer = null;
  #syncAttempts = 0;

  /**
   * @param getTicket    async () => ticket string (POST /api/ws-ticket)
   * @param getSyncAfter () => highest message id seen so far (0 = none)
   */
  constructor({ getTicket, getSyncAfter }) {
    super();
    this.#getTicket = getTicket;
    this.#getSyncAfter = getSyncAfter;
    // The browser knows before the socket does: reconnect at once when the network returns.
    window.addEventListener('online', () => this.retryNow());
  }

  get state() {
    return this.#state;
  }

  get retryAt() {
    return this.#retryAt;
  }

  start() {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#everOpened = false;
    this.#attempt = 0;
    this.#connect();
  }

  /** Closes for good (logout). The outbox is dropped: it belonged to the old session. */
  stop() {
    this.#stopped = true;
    this.#generation += 1;
    this.#connecting = false;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#stableTimer);
    for (const timer of this.#rateLimitTimers.values()) clearTimeout(timer);
    this.#rateLimitTimers.clear();
    this.#rateLimitAttempts.clear();
    clearTimeout(this.#syncRetryTimer);
    this.#outbox.clear();
    const ws = this.#ws;
    this.#ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'logout');
    this.#setState('closed');
  }

  /** Skips the rest of the back-off wait. */
  retryNow() {
    if (this.#stopped || this.#state === 'open') return;
    if (this.#ws || this.#connecting) return; // a handshake is already under way
    clearTimeout(this.#retryTimer);
    this.#connect();
  }

  /** Queues a chat message; it is sent now if the socket is open, else after reconnecting. */
  sendMessage({ clientId, recipient, content }) {
    const frame = { type: 'message', content, recipient, clientId };
    this.#outbox.set(clientId, frame);
    this.#sendFrame(frame);
  }

  /** The message is settled (acked, seen stored, or failed for good): stop retrying it. */
  settle(clientId) {
    this.#outbox.delete(clientId);
    clearTimeout(this.#rateLimitTimers.get(clientId));
    this.#rateLimitTimers.delete(clientId);
    this.#rateLimitAttempts.delete(clientId);
  }

  /** Fire-and-forget frames (typing): dropped when not connected, which is what they mean. */
  sendTyping(recipient) {
    return this.#sendFrame({ type: 'typing', recipient });
  }

  /** Hands a fresh token to the open session so the server keeps it past the old expiry. */
  sendAuth(token) {
    return this.#sendFrame({ type: 'auth', token });
  }

  #sendFrame(frame) {
    if (this.#state !== 'open' || !this.#ws || this.#ws.readyState !== WebSocket.OPEN) return false;
    this.#ws.send(JSON.stringify(frame));
    return true;
  }

  #setState(state) {
    this.#state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, retryAt: this.#retryAt } }));
  }

  async #connect() {
    const generation = this.#generation;
    this.#retryAt = 0;
    this.#connecting = true;
    this.#setState(this.#everOpened ? 'reconnecting' : 'connecting');
    let ticket;
    try {
      ticket = await this.#getTicket();
    } catch {
      if (generation !== this.#generation) return;
      this.#connecting = false;
      // 401 has already sent the user to the login page (and stopped us); anything else,
      // e.g. the server is restarting, is worth another try.
      this.#scheduleReconnect();
      return;
    }
    if (generation !== this.#generation) return;
    this.#connecting = false;

    const url = appUrl('ws');
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('ticket', ticket);

    let ws;
    try {
      ws = new WebSocket(url, [PROTOCOL]);
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#ws = ws;

    ws.addEventListener('open', () => {
      if (this.#ws !== ws) return;
      if (ws.protocol !== PROTOCOL) this.dispatchEvent(new CustomEvent('compat'));
      this.#everOpened = true;
      this.#setState('open');
      this.#stableTimer = setTimeout(() => {
        this.#attempt = 0;
      }, STABLE_AFTER_MS);
      // Frames are processed in order, so sync first, then replay unacknowledged messages:
      // whatever the old connection lost is now either replayed to us or stored once.
      this.#syncAfter = this.#getSyncAfter();
      this.#syncAttempts = 0;
      this.#sendFrame({ type: 'sync', after: this.#syncAfter });
      for (const frame of this.#outbox.values()) this.#sendFrame(frame);
    });

    ws.addEventListener('message', (event) => {
      if (this.#ws !== ws || typeof event.data !== 'string') return;
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return; // never batched, never anything but JSON: ignore noise rather than crash
      }
      if (!frame || typeof frame !== 'object') return;
      if (frame.type === 'error' && this.#onErrorFrame(frame)) return;
      this.dispatchEvent(new CustomEvent('frame', { detail: { frame } }));
    });

    ws.addEventListener('close', (event) => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      clearTimeout(this.#stableTimer);
      clearTimeout(this.#syncRetryTimer); // the next connection syncs afresh
      if (this.#stopped) return;
      this.dispatchEvent(new CustomEvent('closed', { detail: { code: event.code, reason: event.reason } }));
      this.#scheduleReconnect();
    });
    // 'error' is always followed by 'close', which does the work.
  }

  /** True when the error was the connection's own business and is not passed on to listeners. */
  #onErrorFrame(frame) {
    const { clientId, code } = frame;
    // Every message of ours carries a clientId, and typing is never refused: a `rate_limited`
    // without one is our `sync` (too many of this user's tabs caught up at once), asked again here.
    if (!clientId && code === 'rate_limited') {
      this.#resendSync();
      return true;
    }
    if (!clientId || !this.#outbox.has(clientId)) return false;
    if (FINAL_ERRORS.has(code)) {
      this.settle(clientId);
    } else if (code === 'rate_limited') {
      // Nothing was stored: resend the same frame after a pause that grows while we are throttled.
      const attempts = (this.#rateLimitAttempts.get(clientId) || 0) + 1;
      this.#rateLimitAttempts.set(clientId, attempts);
      clearTimeout(this.#rateLimitTimers.get(clientId));
      const delay = rateLimitDelay(attempts);
      this.#rateLimitTimers.set(
        clientId,
        setTimeout(() => {
          this.#rateLimitTimers.delete(clientId);
          const queued = this.#outbox.get(clientId);
          if (queued) this.#sendFrame(queued);
        }, delay),
      );
    }
    return false;
  }

  /** Asks for the same replay again after a pause that grows while we are refused; messages are deduped by id. */
  #resendSync() {
    this.#syncAttempts += 1;
    clearTimeout(this.#syncRetryTimer);
    const ws = this.#ws;
    const delay = rateLimitDelay(this.#syncAttempts);
    this.#syncRetryTimer = setTimeout(() => {
      if (this.#ws === ws) this.#sendFrame({ type: 'sync', after: this.#syncAfter });
    }, delay);
  }

  #scheduleReconnect() {
    clearTimeout(this.#retryTimer);
    // Full jitter: a server restart must not be met by every client at the same instant.
    const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** this.#attempt);
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.#attempt += 1;
    this.#retryAt = Date.now() + delay;
    this.#setState(this.#everOpened ? 'reconnecting' : 'connecting');
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }
}
