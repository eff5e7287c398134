// The message input: Enter sends, Shift+Enter starts a new line, typing indicators go out
// at most every few seconds, and errors about sending appear right above the input.

// The server's limit on a message (GET /api/limits), counted in characters (code points), as the
// server counts them: an emoji is one. Never enforced by cutting: the textarea has no maxlength (it
// would drop the end of a long paste without a word); #send refuses and says why, the text stays.
const characters = (text) => [...text].length;

// A relayed indicator expires after about 5 s on the other side; renewing every 3 s keeps it
// steady while the user types and costs one small frame per 3 s.
const TYPING_EVERY_MS = 3_000;
const ERROR_VISIBLE_MS = 8_000;
const FIELD_SIZING = globalThis.CSS?.supports?.('field-sizing', 'content') ?? false;

export class Composer {
  #form;
  #input;
  #button;
  #counter;
  #error;
  #onSend;
  #onTyping;
  #lastTyping = new Map(); // conversation key -> ms of the last typing frame
  #errorTimer = null;
  #key = '';
  #limit = null; // unknown until the server said it; the server refuses too long a message anyway

  /**
   * @param onSend   (text) => boolean: false when the text was not accepted
   * @param onTyping () => void: the user typed in the current conversation
   */
  constructor({ onSend, onTyping }) {
    this.#form = document.getElementById('composer');
    this.#input = document.getElementById('message-input');
    this.#button = document.getElementById('send-button');
    this.#counter = document.getElementById('char-count');
    this.#error = document.getElementById('composer-error');
    this.#onSend = onSend;
    this.#onTyping = onTyping;

    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#send();
    });
    this.#input.addEventListener('keydown', (event) => {
      // isComposing: Enter that confirms an IME candidate (Japanese, Chinese...) must not send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.#send();
      }
    });
    this.#input.addEventListener('input', () => {
      this.#update();
      this.#grow();
      if (this.#input.value.trim()) this.#typing();
    });
    this.#update();
  }

  /** The server's limit on a message's characters. */
  setLimit(limit) {
    this.#limit = Number.isInteger(limit) && limit > 0 ? limit : null;
    this.#update();
  }

  /** Switches to another conversation; the draft of each conversation is kept. */
  setConversation(key, label) {
    this.#drafts.set(this.#key, this.#input.value);
    this.#key = key;
    this.#input.value = this.#drafts.get(key) || '';
    this.#input.placeholder = key === '' ? 'Message the common room' : `Message ${label}`;
    this.#update();
    this.#grow();
  }

  #drafts = new Map();

  focus() {
    this.#input.focus();
  }

  clear() {
    this.#drafts.clear();
    this.#input.value = '';
    this.showError('');
    this.#update();
  }

  /** Shows an error next to the input; transient ones fade after a while. */
  showError(message, { sticky = false } = {}) {
    clearTimeout(this.#errorTimer);
    this.#error.textContent = message;
    this.#error.hidden = !message;
    if (message && !sticky) {
      this.#errorTimer = setTimeout(() => this.showError(''), ERROR_VISIBLE_MS);
    }
  }

  #send() {
    const text = this.#input.value;
    if (!text.trim()) return;
    const length = characters(text);
    if (this.#limit !== null && length > this.#limit) {
      this.showError(`This message has ${length.toLocaleString()} characters; the server takes at most `
        + `${this.#limit.toLocaleString()}. Shorten it, or send it in parts.`, { sticky: true });
      return;
    }
    if (this.#onSend(text) === false) return;
    this.#input.value = '';
    this.#drafts.delete(this.#key);
    this.#lastTyping.delete(this.#key); // the next keystroke announces typing again
    this.#update();
    this.#grow();
    this.#input.focus();
  }

  #typing() {
    const now = Date.now();
    if (now - (this.#lastTyping.get(this.#key) || 0) < TYPING_EVERY_MS) return;
    this.#lastTyping.set(this.#key, now);
    this.#onTyping();
  }

  /**
   * Browsers without CSS field-sizing get a textarea that grows by its `rows` attribute
   * (an attribute, not an inline style, so the strict CSP has nothing to object to).
   */
  #grow() {
    if (FIELD_SIZING) return;
    const lines = this.#input.value.split('\n').length;
    this.#input.rows = Math.min(8, Math.max(1, lines));
  }

  #update() {
    const length = characters(this.#input.value);
    this.#button.disabled = !this.#input.value.trim();
    // The counter appears only near the limit, where it helps; past it, it says so.
    const near = this.#limit !== null && length > this.#limit * 0.8;
    this.#counter.hidden = !near;
    this.#counter.textContent = near ? `${length.toLocaleString()} / ${this.#limit.toLocaleString()}` : '';
    this.#counter.dataset.over = String(near && length > this.#limit);
  }
}
