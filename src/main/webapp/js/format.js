// Dates and times in the reader's own locale and time zone. The server sends RFC 3339 UTC;
// nothing here assumes a language or a 12/24-hour clock.

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const dayWithYearFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const shortDayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const shortDayWithYearFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** Parses a server time; a missing or broken value yields null rather than "Invalid Date". */
export function parseTime(value) {
  if (value === null || value === undefined || value === '') return null;
  const date = typeof value === 'number' ? new Date(value) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatTime(date) {
  return date ? timeFormat.format(date) : '';
}

export function formatFull(date) {
  return date ? fullFormat.format(date) : '';
}

/** A local calendar-day key, used to decide where a date separator goes. */
export function dayKey(date) {
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

function startOfDay(date) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function daysAgo(date, now = new Date()) {
  return Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
}

/** "Today", "Yesterday", or the full date (with the year only when it is not this year). */
export function formatDay(date, now = new Date()) {
  const ago = daysAgo(date, now);
  if (ago === 0) return 'Today';
  if (ago === 1) return 'Yesterday';
  return date.getFullYear() === now.getFullYear() ? dayFormat.format(date) : dayWithYearFormat.format(date);
}

/** Presence subtitle for a person in the sidebar. */
export function formatLastSeen(user, now = new Date(), presenceKnown = true) {
  if (user.online) return presenceKnown ? 'Online' : 'Online status unknown while disconnected';
  const seen = parseTime(user.lastSeen);
  if (!seen) return 'Offline';
  const seconds = Math.max(0, (now - seen) / 1000);
  if (seconds < 60) return 'Last seen just now';
  if (seconds < 3600) return `Last seen ${Math.floor(seconds / 60)} min ago`;
  const ago = daysAgo(seen, now);
  if (ago === 0) return `Last seen today at ${formatTime(seen)}`;
  if (ago === 1) return `Last seen yesterday at ${formatTime(seen)}`;
  const day = seen.getFullYear() === now.getFullYear() ? shortDayFormat.format(seen) : shortDayWithYearFormat.format(seen);
  return `Last seen ${day}`;
}
