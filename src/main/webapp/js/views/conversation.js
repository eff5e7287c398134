// The open conversation: header, message list with date separators, history on scroll-up,
// typing indicator, and the "new messages" jump button.
//
// Message elements are cached per record and reconciled into the list, so an ack only flips
// an attribute and nothing the reader is looking at gets rebuilt; the scroll position is kept
// by hand (see #render) rather than left to the browser's scroll anchoring. The list is not
// itself a live region (a page of history would be read out whole): main.js announces new
// messages through #announcer instead.

import { COMMON } from '../store.js';
import { appendLinkified, avatar, h, icon, reconcile } from '../dom.js';
import { dayKey, formatDay, formatFull, formatLastSeen, formatTime } from '../format.js';

// Consecutive messages from one sender within this gap share one header.
const GROUP_GAP_MS = 5 * 60_000;
// Within this distance of an edge counts as "at" it.
const EDGE_PX = 120;

export class ConversationView {
  #store;
  #loadOlder;
  #onRetry;
  #onDiscard;
  #scroller;
  #list;
  #title;
  #subtitle;
  #typing;
  #historyStatus;
  #jump;
  #elements = new Map(); // record uid -> element
  #separators = new Map(); // conversation key + day -> element
  #renderedKey = null;
  #unseenBelow = 0;

  /**
   * @param loadOlder async (key) => loads one older page into the store
   * @param onRetry   (clientId) => retry a failed message
   * @param onDiscard (clientId) => drop a failed message
   */
  constructor({ store, loadOlder, onRetry, onDiscard }) {
    this.#store = store;
    this.#loadOlder = loadOlder;
    this.#onRetry = onRetry;
    this.#onDiscard = onDiscard;
    this.#scroller = document.getElementById('message-scroller');
    this.#list = document.getElementById('message-list');
    this.#title = document.getElementById('conversation-title');
    this.#subtitle = document.getElementById('conversation-subtitle');
    this.#typing = document.getElementById('typing-indicator');
    this.#historyStatus = document.getElementById('history-status');
    this.#jump = document.getElementById('jump-latest');

    this.#scroller.addEventListener('scroll', () => this.#onScroll(), { passive: true });
    this.#jump.addEventListener('click', () => this.scrollToBottom(true));

    store.addEventListener('change', (event) => {
      const { kind, key } = event.detail;
      if (kind === 'reset') {
        this.#elements.clear();
        this.#separators.clear();
        this.#renderedKey = null;
        this.#list.replaceChildren();
        return;
      }
      if (kind === 'active') return this.open();
      if (kind === 'users') return this.#renderHeader();
      if (key !== store.activeKey) return;
      if (kind === 'messages' || kind === 'history') this.#render();
      if (kind === 'typing' || kind === 'messages') this.#renderTyping();
    });
    setInterval(() => this.#renderHeader(), 30_000);
  }

  /** Shows the store's active conversation from its newest message. */
  open() {
    this.#unseenBelow = 0;
    this.#renderHeader();
    this.#render({ toBottom: true });
    this.#renderTyping();
  }

  isAtBottom() {
    const s = this.#scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < EDGE_PX;
  }

  scrollToBottom(smooth = false) {
    this.#scroller.scrollTo({ top: this.#scroller.scrollHeight, behavior: smooth ? 'smooth' : 'instant' });
    this.#unseenBelow = 0;
    this.#updateJump();
  }

  #renderHeader() {
    const store = this.#store;
    const key = store.activeKey;
    if (key === COMMON) {
      this.#title.textContent = 'Common room';
      // The reader counts as online: the user list is fetched before their own socket opens, so
      // the server may still list them as offline there.
      const others = store.others().filter((u) => u.online).length;
      if (!store.presenceKnown) {
        this.#subtitle.textContent = 'Everyone · who is online is unknown while disconnected';
      } else {
        this.#subtitle.textContent = others === 0 ? 'Everyone · only you are online' : `Everyone · ${others + 1} online`;
      }
      this.#subtitle.dataset.online = '';
    } else {
      const user = store.user(key) || { username: key };
      this.#title.textContent = user.username;
      this.#subtitle.textContent = formatLastSeen(user, new Date(), store.presenceKnown);
      this.#subtitle.dataset.online = store.presenceKnown ? String(Boolean(user.online)) : 'unknown';
    }
  }

  #render({ toBottom = false } = {}) {
    const store = this.#store;
    const key = store.activeKey;
    const conv = store.conversation(key);
    const switched = this.#renderedKey !== key;
    const wasAtBottom = switched || this.isAtBottom();
    const before = { height: this.#scroller.scrollHeight, top: this.#scroller.scrollTop };
    const firstBefore = this.#list.querySelector('[data-testid="message"]');

    const nodes = [];
    let previous = null;
    let newFromOthers = 0;
    let ownNew = false;
    for (const record of store.ordered(key)) {
      const day = dayKey(record.time);
      if (!previous || dayKey(previous.time) !== day) nodes.push(this.#separator(key, day, record.time));
      const isNew = !this.#elements.has(record.uid);
      const el = this.#message(record, previous);
      if (isNew && !switched) {
        if (store.isMe(record.sender)) ownNew = true;
        else newFromOthers += 1;
      }
      nodes.push(el);
      previous = record;
    }

    reconcile(this.#list, nodes);
    this.#renderedKey = key;
    this.#renderHistoryStatus(conv, nodes.length === 0);

    const firstAfter = this.#list.querySelector('[data-testid="message"]');
    const prepended = !switched && firstBefore && firstAfter !== firstBefore;
    if (toBottom || ownNew || (wasAtBottom && !prepended)) {
      this.scrollToBottom();
    } else if (prepended) {
      // Older messages went in above: keep what the reader was looking at in place.
      this.#scroller.scrollTop = before.top + (this.#scroller.scrollHeight - before.height);
    } else if (newFromOthers) {
      this.#unseenBelow += newFromOthers;
      this.#updateJump();
    }
    // A short history that does not fill the screen cannot be scrolled up to load more.
    this.#fillViewport(conv);
  }

  #renderHistoryStatus(conv, empty) {
    const status = this.#historyStatus;
    status.replaceChildren();
    status.dataset.state = conv.history;
    if (conv.history === 'loading') {
      status.append(h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), 'Loading messages…');
    } else if (conv.history === 'error') {
      status.append(
        h('span', { text: conv.historyError || 'Could not load messages.' }),
        ' ',
        h('button', { type: 'button', class: 'link-button', text: 'Try again', on: { click: () => this.#loadOlder(conv.key) } }),
      );
    } else if (conv.history === 'loaded' && !conv.hasMore) {
      if (empty) {
        const text =
          conv.key === COMMON
            ? this.#store.welcome || 'Welcome to the common room. Say hello!'
            : `This is the beginning of your conversation with ${conv.key}.`;
        status.append(h('span', { class: 'empty-state', text }));
      } else {
        status.append(h('span', { text: 'Beginning of the conversation' }));
      }
    }
  }

  #fillViewport(conv) {
    if (conv.history !== 'loaded' || !conv.hasMore) return;
    if (this.#scroller.scrollHeight <= this.#scroller.clientHeight + EDGE_PX) this.#loadOlder(conv.key);
  }

  #onScroll() {
    const conv = this.#store.conversation(this.#store.activeKey);
    if (this.#scroller.scrollTop < EDGE_PX && conv.hasMore && conv.history === 'loaded') this.#loadOlder(conv.key);
    if (this.isAtBottom() && this.#unseenBelow) {
      this.#unseenBelow = 0;
      this.#updateJump();
    }
  }

  #updateJump() {
    this.#jump.hidden = this.#unseenBelow === 0;
    this.#jump.querySelector('.jump__label').textContent =
      this.#unseenBelow === 1 ? '1 new message' : `${this.#unseenBelow} new messages`;
  }

  #separator(key, day, date) {
    const id = `${key}\u0000${day}`;
    let el = this.#separators.get(id);
    if (!el) {
      el = h('li', { class: 'day-separator', attrs: { 'data-testid': 'date-separator' } }, h('span'));
      this.#separators.set(id, el);
    }
    el.firstChild.textContent = formatDay(date); // "Today" becomes "Yesterday" at midnight
    return el;
  }

  #message(record, previous) {
    let el = this.#elements.get(record.uid);
    if (!el) {
      el = this.#createMessage(record);
      this.#elements.set(record.uid, el);
    }
    const own = this.#store.isMe(record.sender);
    const continued =
      previous !== null &&
      previous.sender.toLowerCase() === record.sender.toLowerCase() &&
      dayKey(previous.time) === dayKey(record.time) &&
      record.time - previous.time < GROUP_GAP_MS;
    el.classList.toggle('msg--continued', continued);
    el.classList.toggle('msg--own', own);
    el.dataset.own = String(own);
    el.dataset.pending = String(record.status === 'pending');
    el.dataset.status = record.status;
    if (record.id !== null) el.dataset.messageId = String(record.id);
    else delete el.dataset.messageId;
    if (record.clientId) el.dataset.clientId = record.clientId;

    const time = el.querySelector('time');
    time.dateTime = record.time.toISOString();
    time.textContent = formatTime(record.time);
    time.title = formatFull(record.time);

    this.#renderStatus(el, record);
    return el;
  }

  #createMessage(record) {
    const text = h('p', { class: 'msg__text' });
    appendLinkified(text, record.content);
    return h(
      'li',
      { class: 'msg', attrs: { 'data-testid': 'message', 'data-sender': record.sender } },
      avatar(record.sender, 'msg__avatar'),
      h(
        'div',
        { class: 'msg__body' },
        h('div', { class: 'msg__meta' }, h('span', { class: 'msg__sender', text: record.sender }), h('time', { class: 'msg__time' })),
        h('div', { class: 'msg__bubble' }, text),
        h('div', { class: 'msg__status', attrs: { 'data-testid': 'message-status' } }),
      ),
    );
  }

  #renderStatus(el, record) {
    const slot = el.querySelector('.msg__status');
    const state = `${record.status}|${record.note || ''}`;
    if (slot.dataset.rendered === state) return;
    slot.dataset.rendered = state;
    slot.replaceChildren();
    if (record.status === 'pending') {
      slot.append(icon(['M12 7v5l3 2', 'M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18z'], { size: 12 }));
      if (record.note) slot.append(record.note);
      else {
        // Which one shows depends on the connection (see app.css), so no re-render is needed.
        slot.append(h('span', { class: 'when-connected', text: 'Sending…' }), h('span', { class: 'when-disconnected', text: 'Waiting for connection…' }));
      }
    } else if (record.status === 'failed') {
      slot.append(
        h('span', { class: 'msg__error', text: `Not sent: ${record.note || 'the server refused it.'}` }),
        h('button', { type: 'button', class: 'link-button', text: 'Retry', attrs: { 'data-testid': 'retry-message' }, on: { click: () => this.#onRetry(record.clientId) } }),
        h('button', { type: 'button', class: 'link-button', text: 'Discard', attrs: { 'data-testid': 'discard-message' }, on: { click: () => this.#onDiscard(record.clientId) } }),
      );
    }
  }

  #renderTyping() {
    const names = this.#store.typers(this.#store.activeKey);
    const el = this.#typing;
    let text = '';
    if (names.length === 1) text = `${names[0]} is typing…`;
    else if (names.length === 2) text = `${names[0]} and ${names[1]} are typing…`;
    else if (names.length > 2) text = 'Several people are typing…';
    if (el.dataset.text === text) return;
    el.dataset.text = text;
    el.replaceChildren();
    if (text) el.append(h('span', { class: 'typing-dots', attrs: { 'aria-hidden': 'true' } }, h('span'), h('span'), h('span')), text);
    el.classList.toggle('typing--visible', Boolean(text));
  }
}
