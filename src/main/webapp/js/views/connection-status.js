// The connection indicator in the conversation header. It says what the socket is doing,
// counts down to the next reconnect attempt, and offers to try at once.

const LABELS = {
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

export class ConnectionStatus {
  #el;
  #label;
  #detail;
  #retry;
  #timer = null;

  constructor({ onRetry }) {
    this.#el = document.getElementById('connection-state');
    this.#label = this.#el.querySelector('.connection__label');
    this.#detail = this.#el.querySelector('.connection__detail');
    this.#retry = document.getElementById('reconnect-now');
    this.#retry.addEventListener('click', onRetry);
  }

  /**
   * @param retryAt ms timestamp of the next attempt, 0 while an attempt is under way
   * @param pending messages waiting for the connection
   */
  show(state, retryAt = 0, pending = 0) {
    clearInterval(this.#timer);
    this.#el.dataset.state = state;
    const waiting = state !== 'open' && state !== 'closed' && retryAt > Date.now();
    this.#retry.hidden = !waiting;
    // The label is a polite live region: it changes only when the state does. The ticking
    // countdown sits beside it, hidden from screen readers, which would otherwise read it
    // out every second.
    let label = LABELS[state] || state;
    if (waiting) label = state === 'connecting' ? 'Cannot connect' : 'Connection lost';
    if (this.#label.textContent !== label) this.#label.textContent = label;
    const render = () => {
      const parts = [];
      const seconds = Math.ceil((retryAt - Date.now()) / 1000);
      if (waiting && seconds > 0) parts.push(`retrying in ${seconds} s`);
      if (state !== 'open' && pending > 0) parts.push(`${pending} waiting to send`);
      this.#detail.textContent = parts.length ? `· ${parts.join(' · ')}` : '';
      this.#el.title = `${label} ${this.#detail.textContent}`.trim();
    };
    render();
    if (waiting) this.#timer = setInterval(render, 1_000);
  }
}
