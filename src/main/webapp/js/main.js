// Wiring: session, API, connection, store and views, and the few rules that join them
// (what happens on sign-in, on each server frame, on 401, on logout).

import { createApi } from './api.js';
import { Session } from './session.js';
import { Connection } from './socket.js';
import { COMMON, Store } from './store.js';
import { AuthView } from './views/auth-view.js';
import { Sidebar } from './views/sidebar.js';
import { ConversationView } from './views/conversation.js';
import { Composer } from './views/composer.js';
import { ConnectionStatus } from './views/connection-status.js';

const PAGE_SIZE = 50;
const USERS_PAGE = 200;

// What the user reads for each v1 error code; the server's text is used for anything else.
const ERROR_TEXT = {
  rate_limited: 'You are sending messages too fast. Waiting a moment before sending more.',
  unknown_recipient: 'That person does not exist (any more), so the message cannot be delivered.',
  bad_request: 'The server could not accept that message.',
};

const $ = (id) => document.getElementById(id);

const store = new Store();
const session = new Session();
let signingOut = false;
// Bumps on every sign-in and sign-out, so replies to an old session's requests are dropped.
let epoch = 0;

const api = createApi({
  getToken: () => session.token,
  onUnauthorized: () => {
    if (!signingOut && session.signedIn) signOut('Your session has ended. Please sign in again.', { keepPending: true });
  },
});
session.useApi(api);

const connection = new Connection({
  getTicket: async () => {
    const reply = await api.wsTicket();
    return reply.ticket;
  },
  getSyncAfter: () => store.highestId,
});

const auth = new AuthView($('auth-view'), {
  api,
  onSignedIn: (reply) => {
    session.accept(reply);
    enterChat();
  },
});

const sidebar = new Sidebar({ store, onOpen: openConversation });

const conversation = new ConversationView({
  store,
  loadOlder: (key) => loadHistory(key),
  onRetry: (clientId) => {
    const record = store.retry(clientId);
    if (record) connection.sendMessage({ clientId, recipient: record.recipient, content: record.content });
  },
  onDiscard: (clientId) => {
    connection.settle(clientId);
    store.discard(clientId);
  },
});

const composer = new Composer({
  onSend: (text) => {
    if (!store.me) return false;
    const recipient = store.activeKey;
    const record = store.addPending(recipient, text);
    connection.sendMessage({ clientId: record.clientId, recipient, content: text });
    composer.showError('');
    return true;
  },
  onTyping: () => connection.sendTyping(store.activeKey),
});

const status = new ConnectionStatus({ onRetry: () => connection.retryNow() });

// The server's limits, once: the composer tells its user before sending rather than after.
api.limits().then((limits) => composer.setLimit(limits?.maxContentLength)).catch(() => {});

// --- sign-in / sign-out -------------------------------------------------------------------

async function enterChat() {
  const mine = ++epoch;
  store.reset();
  store.setMe(session.user);
  $('boot').hidden = true;
  auth.hide();
  $('chat-view').hidden = false;
  $('me-name').textContent = session.user.username;
  $('me-avatar').textContent = [...session.user.username][0].toUpperCase();

  openConversation(COMMON);
  // History first: the common room's newest id bounds where `sync` starts on a first visit.
  await Promise.allSettled([loadUsers(), loadHistory(COMMON)]);
  if (mine !== epoch) return;
  for (const record of store.restorePending()) {
    connection.sendMessage({ clientId: record.clientId, recipient: record.recipient, content: record.content });
  }
  connection.start();
}

async function logout() {
  signingOut = true;
  // Stop the socket first: the server closes it on logout, and that must not look like a drop.
  connection.stop();
  try {
    await api.logout();
  } catch {
    // The token may be dead already; the local session is cleared either way.
  }
  store.clearPending();
  signOut('You have signed out.');
  signingOut = false;
}

function signOut(notice, { keepPending = false } = {}) {
  epoch += 1;
  connection.stop();
  if (!keepPending) store.clearPending();
  session.clear();
  store.reset();
  composer.clear();
  sidebar.setOpen(false);
  $('chat-view').hidden = true;
  $('boot').hidden = true;
  document.title = 'Parley';
  auth.show({ notice });
}

// --- data loading -------------------------------------------------------------------------

/** All users, page by page (ordered by username; `after` is the last username seen). */
async function loadUsers() {
  const mine = epoch;
  const all = [];
  let after;
  try {
    for (let page = 0; page < 100; page += 1) {
      const list = await api.users({ limit: USERS_PAGE, after });
      if (!Array.isArray(list) || list.length === 0) break;
      all.push(...list);
      const last = list[list.length - 1].username;
      // Stop when the server does not page (same cursor again) or the page was short.
      if (last === after || list.length < USERS_PAGE) break;
      after = last;
    }
  } catch (error) {
    if (error.status === 401 || mine !== epoch) return;
    // Keep what arrived; people also appear as their presence frames come in.
  }
  if (mine === epoch) store.setUsers(all);
}

const inFlight = new Map(); // conversation key -> promise of the page being loaded

/** The newest page of a conversation, or the page before the oldest one loaded. */
function loadHistory(key) {
  if (!inFlight.has(key)) {
    const promise = loadPage(key).finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
  }
  return inFlight.get(key);
}

async function loadPage(key) {
  const mine = epoch;
  const conv = store.conversation(key);
  if (conv.history === 'loaded' && !conv.hasMore) return;
  const before = conv.cursor ?? undefined;
  store.setHistoryState(key, 'loading');
  try {
    const page = await api.messages({ withUser: key || null, before, limit: PAGE_SIZE });
    if (mine !== epoch) return;
    store.addHistory(key, Array.isArray(page) ? page : [], PAGE_SIZE);
  } catch (error) {
    if (mine !== epoch || error.status === 401) return;
    store.setHistoryState(key, 'error', error.status === 404 ? `There is no user called ${key}.` : error.message);
  }
}

function openConversation(key) {
  composer.setConversation(key, key);
  store.setActive(key);
  const conv = store.conversation(key);
  if (conv.history === 'idle' || (conv.history === 'error' && conv.cursor === null)) loadHistory(key);
  // On touch screens focusing would pop up the keyboard over the conversation.
  if (window.matchMedia('(pointer: fine)').matches) composer.focus();
  updateTitle();
}

// --- frames from the server ---------------------------------------------------------------

connection.addEventListener('frame', (event) => {
  const { frame } = event.detail;
  switch (frame.type) {
    case 'system':
      store.setWelcome(frame.content);
      break;
    case 'message': {
      const record = store.receive(frame);
      if (record) announce(record);
      break;
    }
    case 'ack':
      store.ack(frame);
      break;
    case 'error':
      onErrorFrame(frame);
      break;
    case 'presence':
      store.applyPresence(frame);
      break;
    case 'typing':
      store.typing(frame);
      break;
    default:
    // Unknown types are future additions: ignoring them keeps old clients working.
  }
});

function onErrorFrame(frame) {
  if (frame.code === 'unauthorized') {
    // The socket's token ran out: renew it; the new one goes out in an `auth` frame.
    session.refresh();
    return;
  }
  let text = ERROR_TEXT[frame.code] || frame.message || 'Something went wrong.';
  if (frame.code === 'bad_request' && frame.message) text = `${text} (${frame.message})`;
  if (frame.clientId) store.fail(frame.clientId, frame.code, text);
  composer.showError(text);
}

// A message is settled when acked or seen stored: the connection stops resending it.
store.addEventListener('settled', (event) => connection.settle(event.detail.clientId));

session.addEventListener('token', (event) => connection.sendAuth(event.detail.token));

connection.addEventListener('state', (event) => {
  const { state, retryAt } = event.detail;
  status.show(state, retryAt, store.pending().length);
  document.body.dataset.connection = state;
  // Presence frames sent while this page had no socket are lost: ask again who is online. That
  // includes the first open, since the list shown until then was fetched before connecting.
  store.setPresenceKnown(state === 'open');
  if (state === 'open') loadUsers();
});

connection.addEventListener('compat', () => {
  composer.showError('The server did not accept the parley.v1 protocol: acknowledgements and presence are unavailable.', { sticky: true });
});

// --- unread, title, screen readers ---------------------------------------------------------

store.addEventListener('change', (event) => {
  const { kind } = event.detail;
  if (kind === 'unread' || kind === 'reset') updateTitle();
  if (kind === 'messages' && connection.state !== 'open') status.show(connection.state, connection.retryAt, store.pending().length);
});

function updateTitle() {
  const total = store.totalUnread();
  document.title = total > 0 ? `(${total}) Parley` : 'Parley';
  // On a phone the sidebar is hidden: its button carries the count instead.
  const badge = $('total-unread');
  badge.hidden = total === 0;
  badge.textContent = total > 99 ? '99+' : String(total);
  $('sidebar-toggle').setAttribute('aria-label', total > 0 ? `Show conversations (${total} unread)` : 'Show conversations');
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible' || !store.me) return;
  store.markRead(store.activeKey);
  // Someone coming back to the tab wants to chat now, not after the back-off.
  connection.retryNow();
});

const announcer = $('announcer');
function announce(record) {
  if (store.isMe(record.sender)) return;
  const inView = store.isViewing(store.keyOf(record));
  const text = inView ? `${record.sender}: ${record.content.slice(0, 200)}` : `New message from ${record.sender}`;
  // Replacing the text is what makes a polite live region speak it.
  announcer.textContent = text;
}

// --- start --------------------------------------------------------------------------------

$('logout-button').addEventListener('click', logout);

if (session.restore()) {
  enterChat();
} else {
  $('boot').hidden = true;
  auth.show();
}
