// Tiny DOM helpers. Everything that comes from the server or a user (names, message text)
// enters the page only as text nodes: no innerHTML anywhere in the client, so markup in a
// message is shown, never parsed.

/**
 * Creates an element. `props` may hold: class (string), text (set as textContent),
 * attrs (object of attributes; null/false values are skipped), on (object of listeners),
 * and any other DOM property (e.g. type, hidden, disabled).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'attrs') setAttrs(el, value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else el[key] = value;
  }
  append(el, children);
  return el;
}

/** Creates an SVG icon from a list of path definitions; decorative, so hidden from AT. */
export function icon(paths, { size = 20, viewBox = '0 0 24 24' } = {}) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', viewBox);
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  for (const d of paths) {
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

export function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) el.removeAttribute(name);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Makes `parent`'s children exactly `nodes`, in order, moving only what is out of place.
 * Reusing nodes keeps focus, text selection and scroll position stable, and lets an
 * aria-live region announce only what is really new.
 */
export function reconcile(parent, nodes) {
  let cursor = parent.firstChild;
  for (const node of nodes) {
    if (node === cursor) {
      cursor = cursor.nextSibling;
    } else {
      parent.insertBefore(node, cursor);
    }
  }
  while (cursor) {
    const next = cursor.nextSibling;
    cursor.remove();
    cursor = next;
  }
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}]/gi;

/**
 * Appends `text` to `el` as text nodes, turning http(s) URLs into links. The href is set
 * as a property from a URL the pattern matched, so no other scheme (javascript:, data:)
 * can ever become a link.
 */
export function appendLinkified(el, text) {
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    if (match.index > last) el.append(document.createTextNode(text.slice(last, match.index)));
    let href;
    try {
      href = new URL(match[0]);
    } catch {
      href = null;
    }
    if (href && (href.protocol === 'http:' || href.protocol === 'https:')) {
      const a = document.createElement('a');
      a.href = href.href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer nofollow';
      a.textContent = match[0];
      el.append(a);
    } else {
      el.append(document.createTextNode(match[0]));
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) el.append(document.createTextNode(text.slice(last)));
}

/** A stable colour slot (0..7) for a name, so each person keeps one avatar colour. */
export function colourSlot(name) {
  let hash = 0;
  for (const ch of String(name).toLowerCase()) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 8;
}

/** One or two letters for an avatar, taken by code point so emoji and accents stay whole. */
export function initials(name) {
  const parts = String(name).split(/[._\-\s]+/).filter(Boolean);
  const first = [...(parts[0] || '?')][0] || '?';
  const second = parts.length > 1 ? [...parts[1]][0] : [...(parts[0] || '')][1];
  return (first + (second || '')).toUpperCase();
}

export function avatar(name, extraClass = '') {
  return h('span', {
    class: `avatar avatar--c${colourSlot(name)} ${extraClass}`.trim(),
    text: initials(name),
    attrs: { 'aria-hidden': 'true' },
  });
}
