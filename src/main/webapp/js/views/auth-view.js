// Sign-in and registration. Checks what it can before asking the server (password
// confirmation, lengths), then shows the server's problem+json answers next to the fields
// they name, or above the form when they name none.

const USERNAME = /^[\p{L}\p{N}_.-]{3,32}$/u;

export class AuthView {
  #root;
  #api;
  #onSignedIn;
  #retryTimer = null;

  /**
   * @param root       the #auth-view element
   * @param api        see api.js
   * @param onSignedIn called with the login reply
   */
  constructor(root, { api, onSignedIn }) {
    this.#root = root;
    this.#api = api;
    this.#onSignedIn = onSignedIn;

    this.loginForm = root.querySelector('#login-form');
    this.registerForm = root.querySelector('#register-form');
    this.loginPanel = root.querySelector('#login-panel');
    this.registerPanel = root.querySelector('#register-panel');
    this.notice = root.querySelector('#auth-notice');

    root.querySelector('#show-login').addEventListener('click', () => this.showTab('login'));
    root.querySelector('#show-register').addEventListener('click', () => this.showTab('register'));
    for (const link of root.querySelectorAll('[data-switch]')) {
      link.addEventListener('click', (event) => {
        event.preventDefault();
        this.showTab(link.dataset.switch);
      });
    }
    // Arrow keys move between the two tabs, as the ARIA tabs pattern expects.
    root.querySelector('.tabs').addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      const next = this.registerPanel.hidden ? 'register' : 'login';
      this.showTab(next);
      root.querySelector(next === 'login' ? '#show-login' : '#show-register').focus();
    });

    this.loginForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#login();
    });
    this.registerForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#register();
    });
    // A field's error goes away as soon as the user edits it.
    for (const input of root.querySelectorAll('input')) {
      input.addEventListener('input', () => this.#setFieldError(input, null));
    }
  }

  show({ notice = '', tab = 'login' } = {}) {
    this.#root.hidden = false;
    this.showTab(tab);
    this.#setNotice(notice);
    this.loginForm.reset();
    this.registerForm.reset();
    for (const input of this.#root.querySelectorAll('input')) this.#setFieldError(input, null);
    this.#formError(this.loginForm, '');
    this.#formError(this.registerForm, '');
    this.#focusFirst();
  }

  hide() {
    this.#root.hidden = true;
  }

  showTab(tab) {
    const login = tab === 'login';
    this.loginPanel.hidden = !login;
    this.registerPanel.hidden = login;
    const loginTab = this.#root.querySelector('#show-login');
    const registerTab = this.#root.querySelector('#show-register');
    loginTab.setAttribute('aria-selected', String(login));
    registerTab.setAttribute('aria-selected', String(!login));
    loginTab.tabIndex = login ? 0 : -1;
    registerTab.tabIndex = login ? -1 : 0;
    this.#focusFirst();
  }

  #focusFirst() {
    const form = this.loginPanel.hidden ? this.registerForm : this.loginForm;
    if (!this.#root.hidden) form.querySelector('input')?.focus();
  }

  async #login() {
    const form = this.loginForm;
    const identifier = form.elements.username.value.trim();
    const password = form.elements.password.value;
    this.#formError(form, '');
    this.#setNotice('');
    let ok = true;
    if (!identifier) ok = this.#setFieldError(form.elements.username, 'Enter your username or email.');
    if (!password) ok = this.#setFieldError(form.elements.password, 'Enter your password.');
    if (!ok) return this.#focusInvalid(form);

    await this.#busy(form, async () => {
      try {
        const reply = await this.#api.login(identifier, password);
        this.#onSignedIn(reply);
      } catch (error) {
        this.#showError(form, error, error.status === 401 ? 'Wrong username/email or password.' : null);
      }
    });
  }

  async #register() {
    const form = this.registerForm;
    const username = form.elements.username.value.normalize('NFC').trim();
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    const confirm = form.elements.confirm.value;
    this.#formError(form, '');
    this.#setNotice('');

    let ok = true;
    if (!USERNAME.test(username)) {
      ok = this.#setFieldError(form.elements.username, '3 to 32 letters, digits, “_”, “.” or “-”.');
    }
    if (!email || !form.elements.email.checkValidity()) ok = this.#setFieldError(form.elements.email, 'Enter a valid email address.');
    const characters = [...password].length; // code points, as the server counts them
    if (characters < 8 || characters > 128) {
      ok = this.#setFieldError(form.elements.password, 'Use 8 to 128 characters.');
    }
    if (confirm !== password) ok = this.#setFieldError(form.elements.confirm, 'The passwords do not match.');
    if (!ok) return this.#focusInvalid(form);

    await this.#busy(form, async () => {
      try {
        await this.#api.register({ username, email, password });
      } catch (error) {
        this.#showError(form, error, null);
        return;
      }
      // Registered: sign straight in, so a new user lands in the chat.
      try {
        const reply = await this.#api.login(username, password);
        this.#onSignedIn(reply);
      } catch (error) {
        this.showTab('login');
        this.loginForm.elements.username.value = username;
        this.#showError(this.loginForm, error, 'Your account was created. Please sign in.');
      }
    });
  }

  async #busy(form, work) {
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await work();
    } finally {
      form.removeAttribute('aria-busy');
      if (!this.#retryTimer) button.disabled = false;
    }
  }

  /** Puts each field error next to its field ("Username is taken."); the rest goes above the form. */
  #showError(form, error, fallback) {
    let placed = false;
    for (const [field, message] of Object.entries(error.fieldErrors || {})) {
      const input = form.elements[field] || (field === 'identifier' ? form.elements.username : null);
      if (input) {
        this.#setFieldError(input, asSentence(field, message));
        placed = true;
      }
    }
    if (error.status === 429) {
      this.#throttle(form, error.retryAfterSeconds);
      return;
    }
    // Field errors speak for themselves; otherwise the server's text, or ours where it is kinder.
    if (!placed) this.#formError(form, fallback && !error.isNetwork && error.status < 500 ? fallback : error.message);
    if (placed) this.#focusInvalid(form);
  }

  /** 429: keep the button disabled and count down the server's Retry-After. */
  #throttle(form, seconds) {
    const button = form.querySelector('button[type="submit"]');
    let left = seconds ?? 30;
    clearInterval(this.#retryTimer);
    const tick = () => {
      if (left <= 0) {
        clearInterval(this.#retryTimer);
        this.#retryTimer = null;
        button.disabled = false;
        this.#formError(form, '');
        return;
      }
      button.disabled = true;
      this.#formError(form, `Too many attempts. Try again in ${left} s.`);
      left -= 1;
    };
    tick();
    this.#retryTimer = setInterval(tick, 1_000);
  }

  #setFieldError(input, message) {
    const slot = this.#root.querySelector(`#${input.id}-error`);
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      if (slot) {
        slot.textContent = message;
        slot.hidden = false;
      }
    } else {
      input.removeAttribute('aria-invalid');
      if (slot) {
        slot.textContent = '';
        slot.hidden = true;
      }
    }
    return false;
  }

  #focusInvalid(form) {
    form.querySelector('[aria-invalid="true"]')?.focus();
  }

  #formError(form, message) {
    const slot = form.querySelector('.form-error');
    slot.textContent = message;
    slot.hidden = !message;
  }

  #setNotice(message) {
    this.notice.textContent = message;
    this.notice.hidden = !message;
  }
}

/** A field error as a sentence: the server's "is taken" for "username" reads "Username is taken." */
function asSentence(field, message) {
  const text = String(message ?? '').trim();
  if (!text || /^[A-Z]/.test(text)) return text;
  const name = field === 'email' ? 'E-mail' : field.charAt(0).toUpperCase() + field.slice(1);
  return `${name} ${text}${/[.!?]$/.test(text) ? '' : '.'}`;
}
