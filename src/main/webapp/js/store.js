// Client state: people and their presence, conversations with their messages, unread counts,
// who is typing. Views read it and listen for `change` events; only main.js and the frame
// handlers write to it.
//
// Dedup is by message id (a message can arrive live, from `sync` and from history), and a
// message this tab sent is matched to its pending copy by clientId (the common room echoes
// it back; the ack carries the id).

export const COMMON = '';

const TYPING_TTL_MS = 5_000;
// Never ask `sync` to replay more than about this many messages after a long absence: ids
// grow by one per stored message, so an id distance bounds the count.
const SYNC_WINDOW = 500;

/** A collision-free clientId without crypto.randomUUID, which plain-http pages lack. */
export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function lower(name) {
  return String(name ?? '').toLowerCase();
}

function parseDate(value) {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

function numericId(value) {
  const n = Number(value);
  return value !== null && value !== undefined && value !== '' && Number.isFinite(n) ? n : null;
}

class Conversation {
  constructor(key) {
    this.key = key;
    this.records = new Map(); // uid -> record
    this.byId = new Map();
    this.byClientId = new Map(); // own messages only
    this.history = 'idle'; // idle | loading | loaded | error
    this.historyError = null;
    this.hasMore = true;
    this.cursor = null; // oldest id fetched through history: the next page ends before it
    this.unread = 0;
    this.typing = new Map(); // username -> expiry (ms)
  }
}

export class Store extends EventTarget {
  me = null;
  users = new Map(); // lower-case username -> user view
  conversations = new Map();
  activeKey = COMMON;
  highestId = 0;
  welcome = '';
  /** Whether who is online is known: only while the socket is open do presence frames arrive. */
  presenceKnown = false;
  /** Set by the UI: is this conversation on screen right now? (unread counts depend on it) */
  isViewing = (key) => key === this.activeKey && document.visibilityState === 'visible';

  #uid = 0;
  #clientIndex = new Map(); // clientId -> conversation key
  #typingTimer = null;
  #resumed = false; // this browser remembered a sync point for this user

  // --- people -------------------------------------------------------------------------

  setMe(user) {
    this.me = user;
    this.upsertUser({ ...user, online: true });
    // A returning user in this browser syncs from where they left off (see SYNC_WINDOW).
    this.highestId = Number(localStorage.getItem(this.#seenKey())) || 0;
    this.#resumed = this.highestId > 0;
  }

  isMe(name) {
    return Boolean(this.me) && lower(name) === lower(this.me.username);
  }

  /** The spelling the server uses for a name (usernames are unique regardless of case). */
  canonical(name) {
    return this.users.get(lower(name))?.username ?? String(name ?? '');
  }

  user(name) {
    return this.users.get(lower(name)) ?? null;
  }

  upsertUser(user) {
    if (!user || !user.username) return;
    const key = lower(user.username);
    this.users.set(key, { ...(this.users.get(key) || {}), ...user });
  }

  setUsers(list) {
    for (const user of list) this.upsertUser(user);
    this.#emit('users');
  }

  /** The socket opened (presence frames flow again) or dropped (what was shown may be stale). */
  setPresenceKnown(known) {
    if (this.presenceKnown === known) return;
    this.presenceKnown = known;
    this.#emit('users');
  }

  /** A `presence` frame. `user` is read as a username, or as a user view if it is an object. */
  applyPresence(frame) {
    const name = typeof frame.user === 'object' && frame.user ? frame.user.username : frame.user;
    if (!name) return;
    const patch = { username: this.canonical(name), online: Boolean(frame.online) };
    if (frame.lastSeen !== undefined) patch.lastSeen = frame.lastSeen;
    if (typeof frame.user === 'object') Object.assign(patch, frame.user, { online: Boolean(frame.online) });
    if (!frame.online && !patch.lastSeen) patch.lastSeen = frame.time || new Date().toISOString();
    this.upsertUser(patch);
    if (!frame.online) this.#clearTyping(name);
    this.#emit('users');
  }

  /** Everyone but me, for the sidebar. */
  others() {
    return [...this.users.values()].filter((u) => !this.isMe(u.username)).sort((a, b) => a.username.localeCompare(b.username));
  }

  // --- conversations ------------------------------------------------------------------

  conversation(key) {
    let conv = this.conversations.get(key);
    if (!conv) {
      conv = new Conversation(key);
      this.conversations.set(key, conv);
    }
    return conv;
  }

  /** Which conversation a message frame belongs to, seen from this user. */
  keyOf(frame) {
    if (!frame.recipient) return COMMON;
    if (this.isMe(frame.sender)) return this.canonical(frame.recipient);
    return this.canonical(frame.sender);
  }

  setActive(key) {
    this.activeKey = key;
    this.conversation(key);
    this.markRead(key);
    this.#emit('active', key);
  }

  markRead(key) {
    const conv = this.conversation(key);
    if (conv.unread === 0) return;
    conv.unread = 0;
    this.#emit('unread', key);
  }

  totalUnread() {
    let total = 0;
    for (const conv of this.conversations.values()) total += conv.unread;
    return total;
  }

  /** Records of a conversation in display order: stored ones by id, then pending ones. */
  ordered(key) {
    const conv = this.conversation(key);
    return [...conv.records.values()].sort((a, b) => {
      if (a.id !== null && b.id !== null) return a.id - b.id;
      if (a.id !== null) return -1;
      if (b.id !== null) return 1;
      return a.uid - b.uid;
    });
  }

  // --- messages -----------------------------------------------------------------------

  /**
   * A `message` frame from the socket (live or replayed by sync). Returns the record, or
   * null when it was a duplicate.
   */
  receive(frame) {
    const id = numericId(frame.id);
    if (id !== null && id > this.highestId) {
      this.highestId = id;
      this.#saveSeen();
    }
    const key = this.keyOf(frame);
    if (key !== COMMON && !this.user(key)) {
      // Someone who registered after the user list was loaded and is offline now (no
      // presence frame came): they still need a sidebar entry to show this message.
      this.upsertUser({ username: key, online: false, lastSeen: null });
      this.#emit('users');
    }
    const record = this.#merge(key, frame);
    if (!record) return null;
    const conv = this.conversation(key);
    conv.typing.delete(lower(frame.sender));
    if (!this.isMe(frame.sender) && !this.isViewing(key)) {
      conv.unread += 1;
      this.#emit('unread', key);
    }
    this.#emit('messages', key);
    return record;
  }

  /** A page of history (ascending ids) for one conversation. */
  addHistory(key, frames, limit) {
    const conv = this.conversation(key);
    for (const frame of frames) this.#merge(key, frame);
    const ids = frames.map((f) => numericId(f.id)).filter((n) => n !== null);
    if (ids.length) conv.cursor = conv.cursor === null ? Math.min(...ids) : Math.min(conv.cursor, ...ids);
    conv.hasMore = frames.length >= limit;
    conv.history = 'loaded';
    conv.historyError = null;
    // Where `sync` starts. A first visit in this browser starts from the newest message the
    // common room shows (everything older loads as history); a returning one resumes from
    // where it left off, but replays at most SYNC_WINDOW messages.
    if (key === COMMON && ids.length) {
      const newest = Math.max(...ids);
      const floor = this.#resumed ? newest - SYNC_WINDOW : newest;
      if (this.highestId < floor) this.highestId = floor;
    }
    this.#emit('messages', key);
  }

  setHistoryState(key, state, error = null) {
    const conv = this.conversation(key);
    conv.history = state;
    conv.historyError = error;
    this.#emit('history', key);
  }

  /** Creates the pending record for a message this tab is about to send. */
  addPending(recipient, content, clientId = newClientId(), time = new Date().toISOString()) {
    const key = recipient ? this.canonical(recipient) : COMMON;
    const conv = this.conversation(key);
    const record = this.#newRecord({ id: null, clientId, sender: this.me.username, recipient, content, time });
    record.status = 'pending';
    conv.records.set(record.uid, record);
    conv.byClientId.set(clientId, record);
    this.#clientIndex.set(clientId, key);
    this.#savePending();
    this.#emit('messages', key);
    return record;
  }

  /** An `ack` frame: the pending message is stored under `id`. Returns the record. */
  ack(frame) {
    const key = this.#clientIndex.get(frame.clientId);
    if (key === undefined) return null;
    const conv = this.conversation(key);
    const record = conv.byClientId.get(frame.clientId);
    if (!record) return null;
    this.#settle(conv, record, numericId(frame.id), frame.time);
    this.#emit('messages', key);
    return record;
  }

  /** An `error` frame about one of our messages. */
  fail(clientId, code, text) {
    const key = this.#clientIndex.get(clientId);
    if (key === undefined) return null;
    const conv = this.conversation(key);
    const record = conv.byClientId.get(clientId);
    if (!record || record.status === 'sent') return null;
    if (code === 'rate_limited') {
      record.status = 'pending';
      record.note = 'Waiting to resend…';
    } else {
      record.status = 'failed';
      record.note = text;
    }
    this.#savePending();
    this.#emit('messages', key);
    return record;
  }

  /** Puts a failed message back in the queue (same clientId: the server dedups). */
  retry(clientId) {
    const key = this.#clientIndex.get(clientId);
    const record = key === undefined ? null : this.conversation(key).byClientId.get(clientId);
    if (!record || record.status !== 'failed') return null;
    record.status = 'pending';
    record.note = null;
    this.#savePending();
    this.#emit('messages', key);
    return record;
  }

  discard(clientId) {
    const key = this.#clientIndex.get(clientId);
    if (key === undefined) return;
    const conv = this.conversation(key);
    const record = conv.byClientId.get(clientId);
    if (!record || record.status === 'sent') return;
    conv.records.delete(record.uid);
    conv.byClientId.delete(clientId);
    this.#clientIndex.delete(clientId);
    this.#savePending();
    this.#emit('messages', key);
  }

  /** Pending messages of this user, oldest first (to resend after a reload). */
  pending() {
    const out = [];
    for (const conv of this.conversations.values()) {
      for (const record of conv.byClientId.values()) if (record.status === 'pending') out.push(record);
    }
    return out.sort((a, b) => a.uid - b.uid);
  }

  /** Restores messages still unacknowledged when this tab was reloaded. */
  restorePending() {
    let saved = [];
    try {
      saved = JSON.parse(sessionStorage.getItem(this.#pendingKey()) || '[]');
    } catch {
      saved = [];
    }
    // History loaded before this may already hold some of them, stored before the reload.
    const stored = new Set();
    for (const conv of this.conversations.values()) {
      for (const record of conv.records.values()) if (record.clientId && this.isMe(record.sender)) stored.add(record.clientId);
    }
    for (const p of Array.isArray(saved) ? saved : []) {
      if (!p || !p.clientId || typeof p.content !== 'string' || stored.has(p.clientId)) continue;
      this.addPending(p.recipient || '', p.content, p.clientId, p.time);
    }
    this.#savePending();
    return this.pending();
  }

  // --- typing -------------------------------------------------------------------------

  /** A relayed `typing` frame; shown for a few seconds unless renewed. */
  typing(frame) {
    if (!frame.sender || this.isMe(frame.sender)) return;
    const key = frame.recipient ? this.canonical(frame.sender) : COMMON;
    this.conversation(key).typing.set(lower(frame.sender), Date.now() + TYPING_TTL_MS);
    this.#emit('typing', key);
    this.#scheduleTypingSweep();
  }

  typers(key) {
    const now = Date.now();
    const conv = this.conversation(key);
    return [...conv.typing.entries()].filter(([, until]) => until > now).map(([name]) => this.canonical(name));
  }

  // --- lifecycle ----------------------------------------------------------------------

  /** The server's welcome text, shown in an empty common room. */
  setWelcome(text) {
    if (!text || this.welcome === text) return;
    this.welcome = String(text);
    this.#emit('history', COMMON);
  }

  /** Forgets unsent messages for good (explicit logout). */
  clearPending() {
    if (!this.me) return;
    try {
      sessionStorage.removeItem(this.#pendingKey());
    } catch {
      // nothing to clear
    }
  }

  reset() {
    clearTimeout(this.#typingTimer);
    this.me = null;
    this.users.clear();
    this.conversations.clear();
    this.#clientIndex.clear();
    this.activeKey = COMMON;
    this.highestId = 0;
    this.welcome = '';
    this.#emit('reset');
  }

  // --- internals ----------------------------------------------------------------------

  #newRecord(frame) {
    this.#uid += 1;
    return {
      uid: this.#uid,
      id: numericId(frame.id),
      clientId: frame.clientId ?? null,
      sender: String(frame.sender ?? ''),
      recipient: String(frame.recipient ?? ''),
      content: String(frame.content ?? ''),
      time: parseDate(frame.time) ?? new Date(),
      status: 'sent',
      note: null,
    };
  }

  /** Adds a stored message unless already known; merges it into our pending copy. */
  #merge(key, frame) {
    const conv = this.conversation(key);
    const id = numericId(frame.id);
    if (id !== null && conv.byId.has(id)) return null;
    const own = frame.clientId && this.isMe(frame.sender) ? conv.byClientId.get(frame.clientId) : null;
    if (own) {
      // The stored copy of a message this tab sent (echo or sync) arrived before or after its ack.
      if (own.id !== null) return null;
      this.#settle(conv, own, id, frame.time);
      return own;
    }
    const record = this.#newRecord(frame);
    conv.records.set(record.uid, record);
    if (record.id !== null) conv.byId.set(record.id, record);
    return record;
  }

  #settle(conv, record, id, time) {
    if (id !== null) {
      const other = conv.byId.get(id);
      if (other && other !== record) conv.records.delete(other.uid); // a copy without clientId
      record.id = id;
      conv.byId.set(id, record);
    }
    const stored = parseDate(time);
    if (stored) record.time = stored;
    record.status = 'sent';
    record.note = null;
    this.#savePending();
    this.dispatchEvent(new CustomEvent('settled', { detail: { clientId: record.clientId } }));
  }

  #clearTyping(name) {
    for (const conv of this.conversations.values()) {
      if (conv.typing.delete(lower(name))) this.#emit('typing', conv.key);
    }
  }

  #scheduleTypingSweep() {
    if (this.#typingTimer) return;
    this.#typingTimer = setTimeout(() => {
      this.#typingTimer = null;
      const now = Date.now();
      let more = false;
      for (const conv of this.conversations.values()) {
        let changed = false;
        for (const [name, until] of conv.typing) {
          if (until <= now) {
            conv.typing.delete(name);
            changed = true;
          } else more = true;
        }
        if (changed) this.#emit('typing', conv.key);
      }
      if (more) this.#scheduleTypingSweep();
    }, 1_000);
  }

  #seenKey() {
    return `parley.seen.${lower(this.me?.username)}`;
  }

  #pendingKey() {
    return `parley.pending.${lower(this.me?.username)}`;
  }

  #saveSeen() {
    try {
      localStorage.setItem(this.#seenKey(), String(this.highestId));
    } catch {
      // Storage full or disabled: sync then starts from the common room's newest message.
    }
  }

  #savePending() {
    if (!this.me) return;
    const list = this.pending().map((r) => ({ clientId: r.clientId, recipient: r.recipient, content: r.content, time: r.time.toISOString() }));
    try {
      if (list.length) sessionStorage.setItem(this.#pendingKey(), JSON.stringify(list));
      else sessionStorage.removeItem(this.#pendingKey());
    } catch {
      // Not fatal: pending messages then survive reconnects but not a reload.
    }
  }

  #emit(kind, key = null) {
    this.dispatchEvent(new CustomEvent('change', { detail: { kind, key } }));
  }
}
