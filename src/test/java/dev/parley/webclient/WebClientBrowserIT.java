package dev.parley.webclient;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.boundary.ChatClient;
import dev.parley.chat.boundary.ChatClients;
import dev.parley.chat.boundary.FrameAssertions;
import dev.parley.testing.JsonHttp;
import dev.parley.testing.PayaraProcess;
import dev.parley.testing.Reply;
import dev.parley.testing.ServerOptions;
import dev.parley.testing.TestUser;
import dev.parley.testing.UniqueNames;
import dev.parley.webclient.ChatPage.Shown;
import dev.parley.webclient.ChatPage.State;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.logging.LogEntry;

/**
 * The web client in a real browser against the real server: headless Chromium (two of them, one per
 * person) on the WAR the build produced, run by Payara Micro as a child process, so that a test can
 * restart it on the same port and data directory. Runs only in the {@code browser} profile:
 * {@code mvn verify -Pbrowser}.
 * <p>
 * Each test makes its own people; the server is shared. Every page's screenshot is saved under
 * {@code target/screenshots/}, and the chat page of the first test as {@code chat.png}.
 */
class WebClientBrowserIT {

    /** A server restart: SIGTERM, a fresh start (8 to 30 s here), then the client's back-off. */
    private static final Duration RECONNECT = Duration.ofSeconds(180);
    /** Pages retry every 1 to 2 s: open again within this of their server answering, on a busy machine too. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(10);
    private static final String ROOM = "";
    private static final String PASSWORD = "correct horse battery";

    /** Chrome's own lines about failed requests and sockets: expected for a 401 or a server restart. */
    private static final Pattern NETWORK_NOISE = Pattern.compile("Failed to load resource|WebSocket connection to");

    static Path dataDir;
    static PayaraProcess server;

    final List<Browser> browsers = new ArrayList<>();
    final List<ChatPage> pages = new ArrayList<>();
    String testName;

    @BeforeAll
    static void startServer() {
        dataDir = ServerOptions.dataDir().resolveSibling("it-data-browser-" + UniqueNames.suffix());
        server = PayaraProcess.start(dataDir);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void rememberTestName(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeBrowsers() {
        try {
            pages.forEach(page -> page.screenshot(screenshotDir().resolve(testName + "-" + page.browser().name() + ".png")));
        } finally {
            browsers.forEach(Browser::close);
        }
    }

    @Test
    void twoPeopleRegisterSeeEachOtherAndTalk() {
        String alice = UniqueNames.username("alice");
        String bob = UniqueNames.username("bob");
        ChatPage alicePage = page("alice").open();
        ChatPage bobPage = page("bob").open();

        // Registration checks the confirmation before anything is sent.
        alicePage.submitRegistration(alice, UniqueNames.email(), PASSWORD, PASSWORD + "!");
        assertEquals("The passwords do not match.", alicePage.awaitError("register-confirm-error"));
        assertTrue(alicePage.visible("auth-view"), "still on the sign-in page");
        alicePage.register(alice, UniqueNames.email(), PASSWORD);
        String bobEmail = UniqueNames.email();
        bobPage.register(bob, bobEmail, PASSWORD);
        assertEquals(alice, alicePage.currentUser());
        assertEquals(bob, bobPage.currentUser());

        // Each sees the other come online: Alice through a presence frame, Bob through the user list.
        alicePage.awaitPresence(bob, true);
        bobPage.awaitPresence(alice, true);
        alicePage.awaitText("conversation-subtitle", "Everyone · 2 online");
        bobPage.awaitText("conversation-subtitle", "Everyone · 2 online");

        // Common room: shown pending at once, then stored under the id the ack brought.
        alicePage.recordMessageStates();
        alicePage.send("Hello, everyone!");
        Shown hello = alicePage.awaitStored("Hello, everyone!");
        assertPendingThenStored(alicePage, hello);
        Shown helloAtBob = bobPage.awaitStored("Hello, everyone!");
        assertEquals(hello.id(), helloAtBob.id(), "one message, one id, on both sides");
        assertEquals(alice, helloAtBob.sender());
        assertFalse(helloAtBob.own());
        bobPage.send("Hi Alice, welcome.");
        Shown reply = alicePage.awaitStored("Hi Alice, welcome.");
        assertTrue(reply.id() > hello.id(), "ids increase in the order messages are stored");

        // A direct message to Bob, who is looking at the common room: unread on Alice's entry only.
        alicePage.openConversation(bob);
        alicePage.recordMessageStates();
        alicePage.send("Lunch at noon?");
        Shown lunch = alicePage.awaitStored("Lunch at noon?");
        assertPendingThenStored(alicePage, lunch);
        bobPage.awaitUnread(alice, 1);
        assertEquals(0, bobPage.unread(ROOM), "the room Bob is looking at has nothing unread");
        assertTrue(bobPage.messagesWithText("Lunch at noon?").isEmpty(), "a direct message stays out of the room");
        bobPage.openConversation(alice);
        assertEquals(lunch.id(), bobPage.awaitStored("Lunch at noon?").id());
        bobPage.awaitUnread(alice, 0);
        bobPage.send("Noon works.");
        storedOnce(alicePage, "Noon works.");
        alicePage.send("Great, the usual place.");
        storedOnce(bobPage, "Great, the usual place.");

        // The room gets a message while Bob reads his direct conversation.
        alicePage.openConversation(ROOM);
        alicePage.send("See you all later.");
        alicePage.awaitStored("See you all later.");
        bobPage.awaitUnread(ROOM, 1);
        assertEquals(0, bobPage.unread(alice));

        // After a reload both see the same history, in order, each message once, nothing pending.
        // (The room is everyone's: other tests' messages may be there too.)
        List<String> room = List.of("Hello, everyone!", "Hi Alice, welcome.", "See you all later.");
        List<Long> roomIds = ids(ours(alicePage, room));
        alicePage.reload();
        bobPage.reload();
        for (ChatPage page : List.of(alicePage, bobPage)) {
            page.awaitStored("See you all later.");
            assertEquals(room, texts(ours(page, room)), page.browser().name() + "'s room after the reload");
            assertEquals(roomIds, ids(ours(page, room)), page.browser().name() + "'s room after the reload");
        }
        alicePage.openConversation(bob);
        assertEquals(lunch.id(), alicePage.awaitStored("Lunch at noon?").id());
        alicePage.awaitStored("Great, the usual place.");
        assertEquals(List.of("Lunch at noon?", "Noon works.", "Great, the usual place."), texts(alicePage.messages()));

        // Bob leaves: Alice sees him go offline; he signs in again with his email and is back.
        bobPage.logout();
        alicePage.awaitPresence(bob, false);
        assertTrue(alicePage.lastSeen(bob).startsWith("Last seen"), () -> "last seen: " + alicePage.lastSeen(bob));
        bobPage.login(bobEmail, PASSWORD);
        alicePage.awaitPresence(bob, true);
        assertEquals("Online", alicePage.lastSeen(bob));

        // Back in the room, Bob writes there while Alice still reads their conversation.
        bobPage.send("Back again.");
        alicePage.awaitUnread(ROOM, 1);
        alicePage.screenshot(screenshotDir().resolve("chat.png"));
        assertQuietConsole();
    }

    @Test
    void aMessageSentWhileTheServerRestartsArrivesOnceOnBothSides() {
        Person ada = person("ada");
        Person ben = person("ben");
        ChatPage adaPage = ada.page();
        ChatPage benPage = ben.page();
        adaPage.login(ada.name(), PASSWORD);
        benPage.login(ben.account().email(), PASSWORD);
        adaPage.awaitPresence(ben.name(), true);

        adaPage.send("Before the restart.");
        Shown before = adaPage.awaitStored("Before the restart.");
        benPage.awaitStored("Before the restart.");

        // The server goes away (SIGTERM: sessions closed with 1001); both pages notice and keep trying.
        int port = server.port();
        server.stop();
        adaPage.awaitConnection("reconnecting", ChatPage.UI);
        benPage.awaitConnection("reconnecting", ChatPage.UI);
        // Presence frames no longer arrive: nobody is shown online on a page that cannot know.
        adaPage.awaitText("conversation-subtitle", "Everyone · who is online is unknown while disconnected");
        assertEquals("Online status unknown while disconnected", adaPage.lastSeen(ben.name()));

        // Written while the server is down: shown at once, pending, with no id.
        adaPage.send("Sent during the outage.");
        benPage.openConversation(ada.name());
        benPage.send("A direct message during the outage.");
        Shown waiting = single(adaPage, "Sent during the outage.");
        assertTrue(waiting.pending(), () -> "pending while the server is down: " + waiting);
        assertNull(waiting.id(), "no id before the server stored it");
        assertTrue(single(benPage, "A direct message during the outage.").pending());

        // The same server comes back on the same port and data: both reconnect within seconds of it (they try
        // every 1 to 2 s however long it was away; a back-off that kept growing took up to 21 s) and deliver.
        server = PayaraProcess.start(dataDir, List.of(), port);
        adaPage.awaitConnection("open", BACK_WITHIN);
        benPage.awaitConnection("open", BACK_WITHIN);
        adaPage.awaitText("conversation-subtitle", "Everyone · 2 online");

        Shown outage = adaPage.awaitStored("Sent during the outage.");
        benPage.openConversation(ROOM);
        Shown outageAtBen = benPage.awaitStored("Sent during the outage.");
        assertEquals(outage.id(), outageAtBen.id(), "one message, one id, on both sides");
        assertTrue(outage.id() > before.id());

        benPage.openConversation(ada.name());
        Shown direct = benPage.awaitStored("A direct message during the outage.");
        adaPage.awaitUnread(ben.name(), 1);
        adaPage.openConversation(ben.name());
        assertEquals(direct.id(), adaPage.awaitStored("A direct message during the outage.").id());

        // And after the restart, as before it.
        benPage.openConversation(ROOM);
        benPage.send("After the restart.");
        adaPage.openConversation(ROOM);
        adaPage.awaitStored("After the restart.");

        // Nothing lost, nothing doubled, the same ids in the same order, on both sides.
        List<String> room = List.of("Before the restart.", "Sent during the outage.", "After the restart.");
        for (ChatPage page : List.of(adaPage, benPage)) {
            page.awaitStored("After the restart.");
            assertAll(page.browser().name() + "'s room",
                    () -> assertEquals(room, texts(ours(page, room))),
                    () -> assertTrue(page.messages().stream().noneMatch(Shown::pending)));
        }
        assertEquals(ids(ours(adaPage, room)), ids(ours(benPage, room)));
        // The server agrees: each stored once, under the ids the pages show.
        JsonHttp restarted = new JsonHttp(server.uri());
        Reply history = restarted.get("api/messages?limit=200").bearer(ada.account().token()).send();
        assertEquals(200, history.status(), history::toString);
        List<Long> stored = history.jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(message -> room.contains(message.getString("content")))
                .map(message -> message.getJsonNumber("id").longValue())
                .toList();
        assertEquals(ids(ours(adaPage, room)), stored);
        adaPage.openConversation(ben.name());
        benPage.openConversation(ada.name());
        assertEquals(List.of("A direct message during the outage."), texts(adaPage.messages()));
        assertEquals(List.of("A direct message during the outage."), texts(benPage.messages()));
        assertQuietConsole();
    }

    @Test
    void aMessageOverTheServersLimitIsRefusedWithAWordAndNothingIsCut() {
        Person cy = person("cy");
        ChatPage page = cy.page();
        page.login(cy.name(), PASSWORD);
        page.awaitConnection("open", ChatPage.UI);
        String tooLong = "x".repeat(4_001);

        // As a paste: the whole text arrives in the composer (no maxlength cuts it), then Enter.
        page.script("const input = document.getElementById('message-input'); input.value = arguments[0];"
                + " input.dispatchEvent(new Event('input', { bubbles: true }));"
                + " input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));", tooLong);

        page.awaitText("composer-error",
                "This message has 4,001 characters; the server takes at most 4,000. Shorten it, or send it in parts.");
        assertEquals(4_001L, page.script("return document.getElementById('message-input').value.length;"));
        assertEquals("4,001 / 4,000", page.script("return document.getElementById('char-count').textContent;"));
        assertEquals(List.of(), page.messagesWithText(tooLong), "nothing sent");
        assertQuietConsole();
    }

    @Test
    void someoneWhoComesOnlineWhileThePageConnectsIsShownOnline() {
        Person ann = person("ann");
        Person carl = person("carl");
        ChatPage annPage = ann.page();
        ChatPage carlPage = carl.page();

        // Ann's page has its user list but no socket yet (no ticket gets through) when Carl arrives:
        // the presence frame about him goes out while nobody can hear it on her side.
        annPage.blockRequests("*/api/ws-ticket*");
        annPage.submitLogin(ann.name(), PASSWORD);
        annPage.awaitPresenceUnknown(carl.name());
        annPage.awaitConnection("connecting", ChatPage.UI);
        carlPage.login(carl.name(), PASSWORD);

        annPage.blockRequests();
        annPage.awaitConnection("open", RECONNECT);
        annPage.awaitPresence(carl.name(), true);
        assertEquals("Online", annPage.lastSeen(carl.name()));
        assertQuietConsole();
    }

    @Test
    void aRefusedSyncIsAskedForAgainAndTheMessagesMissedArrive() throws Exception {
        // A server of its own where a user's syncs run one at a time, then one every 10 s, so that the
        // page's sync is refused whatever the machine's speed, and only asking again can succeed.
        Path strictData = dataDir.resolveSibling(dataDir.getFileName() + "-sync");
        try (PayaraProcess strict = PayaraProcess.start(strictData,
                List.of("-Dparley.ws.sync-burst=1", "-Dparley.ws.sync-per-second=0.1"));
             ChatClients sockets = new ChatClients(strict.uri())) {
            JsonHttp http = new JsonHttp(strict.uri());
            TestUser ann = TestUser.register(http, "ann");
            TestUser carl = TestUser.register(http, "carl");
            ChatPage annPage = page("ann", strict.uri()).open();

            // Ann's page has loaded the room's history but has no socket yet (no ticket gets through).
            annPage.blockRequests("*/api/ws-ticket*");
            annPage.submitLogin(ann.username(), PASSWORD);
            annPage.awaitConnection("connecting", ChatPage.UI);
            annPage.awaitHistoryLoaded();
            // So this reaches her only through the page's sync.
            sockets.v1(carl).sendAcked(FrameAssertions.roomMessage("While Ann's page connects.", "c-1"));

            // Another connection of Ann's uses her one sync; the next is refused, as the page's will be.
            ChatClient annElsewhere = sockets.v1(ann);
            JsonObject sync = Json.createObjectBuilder().add("type", "sync").add("after", 0).build();
            annElsewhere.send(sync).send(sync);
            assertEquals("Too many sync requests: slow down.", annElsewhere.await("error").getString("message"));
            double refusedBefore = http.metric("parley_frames_rate_limited_total", "");

            annPage.blockRequests();
            annPage.awaitConnection("open", RECONNECT);
            Shown missed = storedOnce(annPage, "While Ann's page connects.");
            assertFalse(missed.own());
            assertTrue(http.metric("parley_frames_rate_limited_total", "") > refusedBefore,
                    "the page's first sync was refused: the message came with one asked for again");
            assertEquals(Boolean.TRUE, annPage.script("return document.getElementById('composer-error').hidden;"),
                    "a refused sync is the client's business, not an error shown to its user");
            assertQuietConsole();
        }
    }

    @Test
    void markupInAUsernameOrAMessageIsShownAsText() {
        String payload = "<img src=x onerror=\"window.__xss=1;alert(1)\"><script>window.__xss=2;alert(2)</script>"
                + "<b>bold</b> <a href=\"javascript:alert(3)\">link</a> javascript:alert(4)";
        // Within the field's 32 characters.
        String markupName = "<img src=x onerror=alert(5)>";
        Person eve = person("eve");
        Person sam = person("sam");
        ChatPage evePage = eve.page();
        ChatPage samPage = sam.page();

        // A name made of markup is refused before it is sent, and stays what it is: typed text.
        evePage.submitRegistration(markupName, UniqueNames.email(), PASSWORD, PASSWORD);
        assertFalse(evePage.awaitError("register-username-error").isBlank());
        assertEquals(markupName, evePage.fieldValue("register-username"));
        evePage.submitLogin(markupName, PASSWORD);
        assertEquals("Wrong username/email or password.", evePage.awaitError("login-error"));
        assertInert(evePage);

        evePage.login(eve.name(), PASSWORD);
        samPage.login(sam.name(), PASSWORD);
        samPage.awaitPresence(eve.name(), true);

        // In the room, live on both sides.
        evePage.send(payload);
        for (ChatPage page : List.of(evePage, samPage)) {
            Shown shown = storedOnce(page, payload);
            assertEquals(0, shown.elementsInText(), () -> page.browser().name() + " parsed markup: " + shown);
            assertInert(page);
        }

        // As a direct message, and from history after a reload.
        evePage.openConversation(sam.name());
        evePage.send(payload);
        samPage.awaitUnread(eve.name(), 1);
        samPage.reload();
        samPage.openConversation(eve.name());
        assertEquals(0, storedOnce(samPage, payload).elementsInText());
        samPage.openConversation(ROOM);
        assertEquals(0, storedOnce(samPage, payload).elementsInText());
        assertInert(samPage);
        assertInert(evePage);
        assertQuietConsole();
    }

    // --- helpers ------------------------------------------------------------------------------

    /** Someone registered through the API, not signed in yet, with a browser of their own on the sign-in page. */
    private record Person(TestUser account, ChatPage page) {

        String name() {
            return account.username();
        }
    }

    private Person person(String prefix) {
        TestUser account = TestUser.register(new JsonHttp(server.uri()), prefix);
        return new Person(account, page(prefix).open());
    }

    private ChatPage page(String name) {
        return page(name, server.uri());
    }

    private ChatPage page(String name, URI base) {
        Browser browser = Browser.start(name);
        browsers.add(browser);
        ChatPage page = new ChatPage(browser, base);
        pages.add(page);
        return page;
    }

    private static Path screenshotDir() {
        return Path.of(System.getProperty("browser.screenshotDir", "target/screenshots"));
    }

    /** No dialog opened, no injected script ran, no element carries an event handler attribute. */
    private static void assertInert(ChatPage page) {
        String who = page.browser().name();
        assertFalse(page.dialogOpen(), who + ": a dialog opened");
        assertNull(page.script("return window.__xss ?? null;"), who + ": injected script ran");
        assertEquals(0L, page.script("return document.querySelectorAll('[onerror], [onload], img[src=\"x\"], "
                + "a[href^=\"javascript:\"], #message-list script, #message-list b').length;"),
                who + ": injected elements in the page");
        assertEquals(0L, page.script("return document.getElementById('announcer').children.length;"),
                who + ": elements in the screen-reader announcement");
    }

    /** The message was first shown pending without an id, and ended stored under its id. */
    private static void assertPendingThenStored(ChatPage page, Shown stored) {
        assertTrue(stored.own(), () -> "shown as one's own: " + stored);
        assertNotNull(stored.clientId(), () -> "sent with a clientId: " + stored);
        List<State> states = page.messageStates().stream().filter(s -> stored.clientId().equals(s.clientId())).toList();
        assertFalse(states.isEmpty(), "the message element was seen");
        assertEquals(new State(stored.clientId(), true, null), states.get(0), "first shown pending, without an id");
        assertEquals(new State(stored.clientId(), false, stored.id()), states.get(states.size() - 1),
                "then stored, under the acknowledged id");
    }

    private static Shown single(ChatPage page, String text) {
        List<Shown> shown = page.messagesWithText(text);
        assertEquals(1, shown.size(), () -> page.browser().name() + " shows '" + text + "' once: " + shown);
        return shown.get(0);
    }

    /** Waits until {@code text} is stored and shown, then checks it is shown exactly once. */
    private static Shown storedOnce(ChatPage page, String text) {
        page.awaitStored(text);
        return single(page, text);
    }

    /** The messages of the open conversation whose text is one of {@code texts}, in the order shown. */
    private static List<Shown> ours(ChatPage page, List<String> texts) {
        return page.messages().stream().filter(m -> texts.contains(m.text())).toList();
    }

    private static List<Long> ids(List<Shown> messages) {
        return messages.stream().map(Shown::id).toList();
    }

    private static List<String> texts(List<Shown> messages) {
        return messages.stream().map(Shown::text).toList();
    }

    /** No script error, CSP violation or warning in any page, other than the browser's network lines. */
    private void assertQuietConsole() {
        for (Browser browser : browsers) {
            List<LogEntry> problems = browser.consoleProblems().stream()
                    .filter(entry -> !NETWORK_NOISE.matcher(entry.getMessage()).find())
                    .toList();
            assertEquals(List.of(), problems.stream().map(LogEntry::toString).toList(), browser.name() + "'s console");
        }
    }
}
