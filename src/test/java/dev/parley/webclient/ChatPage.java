package dev.parley.webclient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Parley's web client as one person uses it, in one {@link Browser}: the sign-in forms, the
 * conversation list, the messages, the composer. It reads the page through the DOM hooks the client
 * promises (ids, {@code data-testid} and {@code data-*} attributes), and waits for conditions, never
 * for a time.
 */
final class ChatPage {

    /** Long enough for a password hash and a page load on a busy 2-core machine. */
    static final Duration UI = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    /** A message as the page shows it: {@code #message-list > [data-testid=message]}. */
    record Shown(Long id, boolean pending, String status, boolean own, String clientId, String sender, String text,
            long elementsInText) {
    }

    /** One state a message element was seen in, recorded by {@link #recordMessageStates()}. */
    record State(String clientId, boolean pending, Long id) {
    }

    private static final String MESSAGES = """
            return [...document.querySelectorAll('#message-list > [data-testid="message"]')].map((e) => {
              const text = e.querySelector('.msg__text');
              return {
                id: e.dataset.messageId ?? null, pending: e.dataset.pending, status: e.dataset.status,
                own: e.dataset.own, clientId: e.dataset.clientId ?? null, sender: e.dataset.sender,
                text: text.textContent, elements: text.querySelectorAll('*').length,
              };
            });""";

    // Attribute mutations are read when the observer runs, after the task that made them: an element
    // inserted by the send is seen as it was then, before the ack (a later task) could change it.
    private static final String RECORD_STATES = """
            if (window.__parleyStates) return;
            window.__parleyStates = [];
            const seen = (e) => window.__parleyStates.push({
              clientId: e.dataset.clientId ?? null, pending: e.dataset.pending, id: e.dataset.messageId ?? null });
            new MutationObserver((mutations) => {
              for (const m of mutations) {
                if (m.type === 'childList') {
                  m.addedNodes.forEach((n) => n.nodeType === 1 && n.dataset.testid === 'message' && seen(n));
                } else if (m.target.dataset.testid === 'message') {
                  seen(m.target);
                }
              }
            }).observe(document.getElementById('message-list'),
              { childList: true, subtree: true, attributes: true, attributeFilter: ['data-pending', 'data-message-id'] });""";

    private final Browser browser;
    private final ChromeDriver driver;
    private final URI base;

    ChatPage(Browser browser, URI base) {
        this.browser = browser;
        this.driver = browser.driver();
        this.base = base;
    }

    Browser browser() {
        return browser;
    }

    /** Loads the client and waits until it shows either the sign-in forms or the chat. */
    ChatPage open() {
        driver.get(base.toString());
        await("the sign-in page or the chat", UI, d -> visible("auth-view") || visible("chat-view"));
        return this;
    }

    // --- signing in ---------------------------------------------------------------------------

    /** Fills in and submits the registration form; the client then signs in by itself. */
    void submitRegistration(String username, String email, String password, String confirmation) {
        click(By.id("show-register"));
        type("register-username", username);
        type("register-email", email);
        type("register-password", password);
        type("register-confirm", confirmation);
        click(By.id("register-submit"));
    }

    /** Registers (password confirmed) and waits until the chat is connected. */
    void register(String username, String email, String password) {
        submitRegistration(username, email, password, password);
        awaitConnection("open", UI);
    }

    /** Signs in with a username or an email address and waits until the chat is connected. */
    void login(String usernameOrEmail, String password) {
        submitLogin(usernameOrEmail, password);
        awaitConnection("open", UI);
    }

    /** Fills in and submits the sign-in form. */
    void submitLogin(String usernameOrEmail, String password) {
        click(By.id("show-login"));
        type("login-username", usernameOrEmail);
        type("login-password", password);
        click(By.id("login-submit"));
    }

    /** What a form field holds. */
    String fieldValue(String id) {
        return driver.findElement(By.id(id)).getDomProperty("value");
    }

    void logout() {
        click(By.id("logout-button"));
        await("the sign-in page after logout", UI, d -> visible("auth-view") && !visible("chat-view"));
    }

    /** The text of an error element ({@code #login-error}, {@code #register-confirm-error}, ...) once shown. */
    String awaitError(String errorId) {
        await("#" + errorId + " to show", UI, d -> visible(errorId));
        return driver.findElement(By.id(errorId)).getText();
    }

    boolean visible(String id) {
        List<WebElement> found = driver.findElements(By.id(id));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    /** Waits until the element {@code #id} shows exactly {@code text}. */
    void awaitText(String id, String text) {
        await("#" + id + " to say '" + text + "'", UI, d -> text.equals(d.findElement(By.id(id)).getText()));
    }

    String currentUser() {
        return driver.findElement(By.cssSelector("[data-testid='current-user']")).getText();
    }

    // --- the connection -----------------------------------------------------------------------

    String connectionState() {
        return driver.findElement(By.id("connection-state")).getDomAttribute("data-state");
    }

    void awaitConnection(String state, Duration timeout) {
        await("#connection-state[data-state=" + state + "]", timeout, d -> state.equals(connectionState()));
    }

    void reload() {
        driver.navigate().refresh();
        awaitConnection("open", UI);
    }

    // --- conversations ------------------------------------------------------------------------

    /** Opens a conversation: {@code ""} is the common room, otherwise a username. */
    void openConversation(String key) {
        click(conversation(key));
        await("conversation '" + key + "' to open", UI,
                d -> "true".equals(d.findElement(conversation(key)).getDomAttribute("aria-current")));
    }

    /** Waits until the open conversation's history has been fetched (the page above it is known). */
    void awaitHistoryLoaded() {
        await("#history-status[data-state=loaded]", UI,
                d -> "loaded".equals(d.findElement(By.id("history-status")).getDomAttribute("data-state")));
    }

    /** The unread count a conversation's badge shows; 0 when the badge is hidden. */
    int unread(String key) {
        WebElement badge = driver.findElement(conversation(key)).findElement(By.cssSelector("[data-testid='unread-badge']"));
        return badge.getDomAttribute("hidden") != null ? 0 : Integer.parseInt(badge.getDomAttribute("data-count"));
    }

    void awaitUnread(String key, int count) {
        await("unread count " + count + " on '" + key + "'", UI, d -> {
            List<WebElement> found = d.findElements(conversation(key));
            return !found.isEmpty() && unread(key) == count;
        });
    }

    /** Waits until the presence dot of {@code username} says online (or offline). */
    void awaitPresence(String username, boolean online) {
        awaitPresence(username, String.valueOf(online));
    }

    /** Waits until the page shows that it cannot know whether {@code username} is online (no socket). */
    void awaitPresenceUnknown(String username) {
        awaitPresence(username, "unknown");
    }

    private void awaitPresence(String username, String online) {
        await(username + " online: " + online, UI, d -> {
            List<WebElement> dots = d.findElements(By.cssSelector(
                    "[data-testid='conversation'][data-conversation='" + username + "'] [data-testid='presence-dot']"));
            return !dots.isEmpty() && online.equals(dots.get(0).getDomAttribute("data-online"));
        });
    }

    /** What the sidebar says under a person's name ("Online", "Last seen just now", ...). */
    String lastSeen(String username) {
        return driver.findElement(conversation(username)).findElement(By.cssSelector("[data-testid='last-seen']")).getText();
    }

    private static By conversation(String key) {
        return By.cssSelector("[data-testid='conversation'][data-conversation='" + key + "']");
    }

    // --- messages -----------------------------------------------------------------------------

    /** Types a message into the composer of the open conversation and presses Enter. */
    void send(String text) {
        WebElement input = driver.findElement(By.id("message-input"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
        await("the composer to clear after sending", UI, d -> d.findElement(By.id("message-input")).getDomProperty("value").isEmpty());
    }

    /** The messages of the open conversation, in the order shown. */
    List<Shown> messages() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) driver.executeScript(MESSAGES);
        return rows.stream().map(row -> new Shown(
                row.get("id") == null ? null : Long.valueOf((String) row.get("id")),
                "true".equals(row.get("pending")),
                (String) row.get("status"),
                "true".equals(row.get("own")),
                (String) row.get("clientId"),
                (String) row.get("sender"),
                (String) row.get("text"),
                (Long) row.get("elements"))).toList();
    }

    /** The messages of the open conversation whose text is exactly {@code text}. */
    List<Shown> messagesWithText(String text) {
        return messages().stream().filter(m -> m.text().equals(text)).toList();
    }

    /** Waits until the open conversation shows {@code text} stored (with an id, not pending); returns it. */
    Shown awaitStored(String text) {
        return await("'" + text + "' shown with an id", UI, d -> messagesWithText(text).stream()
                .filter(m -> m.id() != null && !m.pending())
                .findFirst().orElse(null));
    }

    /** Starts recording every state message elements pass through (see {@link #messageStates()}). */
    void recordMessageStates() {
        driver.executeScript(RECORD_STATES);
    }

    /** The states seen since {@link #recordMessageStates()}, in order. */
    List<State> messageStates() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) driver.executeScript("return window.__parleyStates || [];");
        return rows.stream().map(row -> new State(
                (String) row.get("clientId"),
                "true".equals(row.get("pending")),
                row.get("id") == null ? null : Long.valueOf((String) row.get("id")))).toList();
    }

    // --- the page as a whole ------------------------------------------------------------------

    /**
     * Makes the browser fail every request whose URL matches one of {@code patterns} ({@code *} is a
     * wildcard), as a network that drops them would; no pattern lets everything through again.
     */
    void blockRequests(String... patterns) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(patterns)));
    }

    /** Runs a script in the page (its arguments as {@code arguments[i]}) and returns its value. */
    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** True when a JavaScript dialog (alert, confirm, prompt) is open. */
    boolean dialogOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException expected) {
            return false;
        }
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        }
    }

    // --- plumbing -----------------------------------------------------------------------------

    private void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void click(By by) {
        await(by + " to be clickable", UI, d -> {
            WebElement element = d.findElement(by);
            return element.isDisplayed() && element.isEnabled() ? element : null;
        }).click();
    }

    /** The first non-null, non-false value of {@code condition}, or a failure naming {@code what}. */
    <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, POLL)
                .withMessage(() -> browser.name() + " waited for " + what)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }
}
