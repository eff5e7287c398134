// The sidebar: the common room, then one entry per person with presence and unread count.
// Entries are kept and updated in place (not rebuilt), so keyboard focus survives presence
// updates. On a narrow screen the sidebar slides over the conversation behind a button.

import { COMMON } from '../store.js';
import { avatar, h, reconcile } from '../dom.js';
import { formatLastSeen } from '../format.js';

export class Sidebar {
  #store;
  #list;
  #search;
  #entries = new Map(); // conversation key -> {item, button, dot, sub, badge}
  #onOpen;
  #chat;
  #toggle;

  /** @param onOpen called with a conversation key when the user picks one */
  constructor({ store, onOpen }) {
    this.#store = store;
    this.#onOpen = onOpen;
    this.#list = document.getElementById('conversation-list');
    this.#search = document.getElementById('user-search');
    this.#chat = document.getElementById('chat-view');
    this.#toggle = document.getElementById('sidebar-toggle');

    this.#search.addEventListener('input', () => this.render());
    this.#search.addEventListener('keydown', (event) => {
      // Enter opens the first match: find a person and start talking without the mouse.
      if (event.key !== 'Enter') return;
      event.preventDefault();
      const first = this.#list.querySelector('[data-conversation]:not([data-conversation=""])');
      if (first) this.#pick(first.dataset.conversation);
    });
    this.#toggle.addEventListener('click', () => this.setOpen(!this.isOpen()));
    document.getElementById('sidebar-backdrop').addEventListener('click', () => this.setOpen(false));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.isOpen()) {
        this.setOpen(false);
        this.#toggle.focus();
      }
    });
    // Arrow keys move between entries (a roving list), Home/End jump to the ends.
    this.#list.addEventListener('keydown', (event) => {
      const buttons = [...this.#list.querySelectorAll('button.conv')];
      const index = buttons.indexOf(document.activeElement);
      if (index < 0) return;
      const moves = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      buttons[Math.max(0, Math.min(buttons.length - 1, moves[event.key]))].focus();
    });

    store.addEventListener('change', (event) => {
      const { kind } = event.detail;
      if (kind === 'reset') this.#entries.clear();
      if (kind === 'users' || kind === 'unread' || kind === 'active' || kind === 'reset' || kind === 'messages') this.render();
    });
    // "Last seen 3 min ago" must age even when nothing happens.
    setInterval(() => this.render(), 30_000);
  }

  isOpen() {
    return this.#chat.classList.contains('chat--sidebar-open');
  }

  /** Only meaningful on narrow screens; on a desktop the sidebar is always shown. */
  setOpen(open) {
    this.#chat.classList.toggle('chat--sidebar-open', open);
    this.#toggle.setAttribute('aria-expanded', String(open));
    document.getElementById('sidebar-backdrop').hidden = !open;
    if (open) this.#list.querySelector('[aria-current="true"]')?.focus();
  }

  render() {
    const store = this.#store;
    if (!store.me) return;
    const filter = this.#search.value.trim().toLowerCase();
    const items = [this.#entry(COMMON, null).item];
    let shown = 0;
    for (const user of store.others()) {
      if (filter && !user.username.toLowerCase().includes(filter)) continue;
      items.push(this.#entry(user.username, user).item);
      shown += 1;
    }
    if (shown === 0) {
      items.push(
        this.#emptyNote ??= h('li', {
          class: 'conv-list__empty',
          attrs: { 'data-testid': 'no-users' },
        }),
      );
      this.#emptyNote.textContent = filter ? 'No one by that name.' : 'No one else is here yet. Invite someone!';
    }
    reconcile(this.#list, items);
  }

  #emptyNote = null;

  #entry(key, user) {
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = this.#createEntry(key);
      this.#entries.set(key, entry);
    }
    const store = this.#store;
    const conv = store.conversation(key);
    const active = store.activeKey === key;
    entry.button.setAttribute('aria-current', active ? 'true' : 'false');
    entry.item.classList.toggle('conv-item--active', active);
    if (user) {
      // Disconnected, nobody is shown online: presence frames no longer arrive.
      const online = store.presenceKnown ? String(Boolean(user.online)) : 'unknown';
      entry.dot.dataset.online = online;
      entry.sub.textContent = formatLastSeen(user, new Date(), store.presenceKnown);
      entry.button.classList.toggle('conv--online', online === 'true');
    } else {
      entry.sub.textContent = 'Everyone';
    }
    entry.badge.hidden = conv.unread === 0;
    entry.badge.dataset.count = String(conv.unread);
    entry.badgeCount.textContent = conv.unread > 99 ? '99+' : String(conv.unread);
    entry.badgeLabel.textContent = conv.unread === 1 ? ' unread message' : ' unread messages';
    return entry;
  }

  #createEntry(key) {
    const isCommon = key === COMMON;
    const dot = isCommon ? null : h('span', { class: 'presence-dot', attrs: { 'data-testid': 'presence-dot', 'data-online': 'false', 'aria-hidden': 'true' } });
    const face = isCommon ? h('span', { class: 'avatar avatar--room', text: '#', attrs: { 'aria-hidden': 'true' } }) : avatar(key);
    if (dot) face.append(dot);
    const sub = h('span', { class: 'conv__sub', attrs: { 'data-testid': isCommon ? 'room-subtitle' : 'last-seen' } });
    const badgeCount = h('span', { attrs: { 'aria-hidden': 'false' } });
    const badgeLabel = h('span', { class: 'visually-hidden' });
    const badge = h('span', { class: 'badge', hidden: true, attrs: { 'data-testid': 'unread-badge', 'data-count': '0' } }, badgeCount, badgeLabel);
    const button = h(
      'button',
      {
        type: 'button',
        class: 'conv',
        attrs: { 'data-testid': 'conversation', 'data-conversation': key, 'aria-current': 'false' },
        on: { click: () => this.#pick(key) },
      },
      face,
      h('span', { class: 'conv__text' }, h('span', { class: 'conv__name', text: isCommon ? 'Common room' : key }), sub),
      badge,
    );
    const item = h('li', { class: 'conv-item' }, button);
    return { item, button, dot, sub, badge, badgeCount, badgeLabel };
  }

  #pick(key) {
    this.#onOpen(key);
    this.setOpen(false);
  }
}
