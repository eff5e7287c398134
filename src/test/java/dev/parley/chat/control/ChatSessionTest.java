package dev.parley.chat.control;

import static dev.parley.platform.JsonProcessing.JSON;
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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ChatSessionTest {

    /** What the fake socket wrote, in order; every send completes at once. */
    private final List<String> written = new ArrayList<>();

    @Test
    void nothingIsWrittenBeforeStartThenTheQueueInOrder() {
        ChatSession session = new ChatSession(socket(), FrameWriter.standard(socket()),
                new ChatPrincipal(1, "alice", "jti", Instant.MAX), true, 10, Runnable::run, Runnable::run, () -> { });
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
        ChatSession session = new ChatSession(socket(), FrameWriter.standard(socket()),
                new ChatPrincipal(1, "alice", "jti", Instant.MAX), true, 10, Runnable::run, Runnable::run, () -> { });
        for (int i = 1; i <= 50; i++) {
            assertFalse(session.rateLimited(50, 1), "refused frame " + i);
        }
        assertTrue(session.rateLimited(50, 1), "the 51st refused frame closes it");
    }

    @Test
    void writesThatCompleteLaterStayInOrderOneAtATimeAndRunOnTheSender() {
        List<Runnable> senderTasks = new ArrayList<>();
        List<Consumer<Throwable>> pending = new ArrayList<>();
        FrameWriter slow = new FrameWriter() {
            @Override
            public void write(Frame frame, Consumer<Throwable> done) {
                written.add(frame.json());
                pending.add(done);
            }

            @Override
            public void ping() {
            }
        };
        ChatSession session = new ChatSession(socket(), slow, new ChatPrincipal(1, "alice", "jti", Instant.MAX), true,
                10, Runnable::run, senderTasks::add, () -> { });
        session.send(Frames.welcome());
        session.start();
        session.send(Frames.system("second"));
        session.send(Frames.system("third"));
        assertEquals(List.of(), written, "send and start only hand the session to the sender");

        runAll(senderTasks);
        assertEquals(1, written.size(), "one write in flight");
        pending.remove(0).accept(null);
        assertEquals(1, written.size(), "a late completion hands the session back to the sender");
        runAll(senderTasks);
        pending.remove(0).accept(null);
        runAll(senderTasks);
        assertEquals(List.of(Frames.WELCOME, "second", "third"), written.stream().map(ChatSessionTest::content).toList());
        assertEquals(1, session.queued(), "the third is still being written");
        pending.remove(0).accept(null);
        runAll(senderTasks);
        assertEquals(0, session.queued());
        assertEquals(3, written.size());

        session.send(Frames.system("fourth"));
        runAll(senderTasks);
        assertEquals("fourth", content(written.get(3)), "released once the queue was empty");
    }

    @Test
    void aFullQueueClosesTheSessionAndCountsASlowConsumer() {
        List<Runnable> closes = new ArrayList<>();
        int[] slowConsumers = new int[1];
        ChatSession session = new ChatSession(socket(), FrameWriter.standard(socket()),
                new ChatPrincipal(1, "alice", "jti", Instant.MAX), true, 2, closes::add, task -> { },
                () -> slowConsumers[0]++);
        session.send(Frames.system("one"));
        session.send(Frames.system("two"));
        assertEquals(0, slowConsumers[0]);
        session.send(Frames.system("three"));
        assertEquals(1, slowConsumers[0]);
        assertEquals(1, closes.size(), "closed (1008), off the caller's thread");
        session.send(Frames.system("four"));
        assertEquals(1, slowConsumers[0], "counted once");
    }

    @Test
    void onceTheSocketClosedNothingQueuedOrSentLaterIsWrittenAndTheWriterIsTold() {
        List<Runnable> senderTasks = new ArrayList<>();
        boolean[] told = new boolean[1];
        FrameWriter writer = new FrameWriter() {
            @Override
            public void write(Frame frame, Consumer<Throwable> done) {
                written.add(frame.json());
                done.accept(null);
            }

            @Override
            public void ping() {
            }

            @Override
            public void disconnected() {
                told[0] = true;
            }
        };
        ChatSession session = new ChatSession(socket(), writer, new ChatPrincipal(1, "alice", "jti", Instant.MAX), true,
                10, Runnable::run, senderTasks::add, () -> { });
        session.send(Frames.welcome());
        session.start();
        runAll(senderTasks);
        session.send(Frames.system("queued when the client went away"));

        session.disconnected();
        session.send(Frames.system("sent after"));
        runAll(senderTasks);

        assertEquals(List.of(Frames.WELCOME), written.stream().map(ChatSessionTest::content).toList());
        assertTrue(told[0], "the writer must stop before the container reuses the connection's response");
        assertTrue(session.isClosing());
    }

    private static void runAll(List<Runnable> tasks) {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
    }

    private static String content(String json) {
        return JSON.createReader(new StringReader(json)).readObject().getString("content");
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
