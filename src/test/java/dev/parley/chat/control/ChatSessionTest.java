package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatSessionTest {

    /** What the fake socket wrote, in order; every send completes at once. */
    private final List<String> written = new ArrayList<>();

    @Test
    void nothingIsWrittenBeforeStartThenTheQueueInOrder() {
        ChatSession session = new ChatSession(socket(), new ChatPrincipal(1, "alice", "jti", Instant.MAX), true, 10,
                Runnable::run, () -> { });
        session.send(Frames.welcome());
        session.send(Frames.system("second"));

        assertEquals(List.of(), written, "a client must not see its welcome before the session is wired");

        session.start();
        assertEquals(2, written.size());
        assertEquals(Frames.WELCOME, content(written.get(0)));
        assertEquals("second", content(written.get(1)));
        session.send(Frames.system("third"));
        assertEquals("third", content(written.get(2)));
        assertEquals(0, session.queued());
    }

    @Test
    void aClientIsClosedAfterFiftyRefusedFramesThoughSomeGotThroughInBetween() {
        ChatSession session = new ChatSession(socket(), new ChatPrincipal(1, "alice", "jti", Instant.MAX), true, 10,
                Runnable::run, () -> { });
        for (int i = 1; i <= 50; i++) {
            assertFalse(session.rateLimited(50, 1), "refused frame " + i);
        }
        assertTrue(session.rateLimited(50, 1), "the 51st refused frame closes it");
    }

    private static String content(String json) {
        return Frames.json().createReader(new StringReader(json)).readObject().getString("content");
    }

    private Session socket() {
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        written.add((String) args[0]);
                        ((SendHandler) args[1]).onResult(new SendResult());
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> async;
                    case "isOpen" -> true;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
