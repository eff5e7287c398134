package dev.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load generator's HTTP client against a scripted server on loopback: bodies, keep-alive, stale connections. */
class Http1Test {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** No answer, and the connection kept open. */
    private static final String SILENCE = "";

    /** The scripted server's answer to the n-th request (from 0) of the test, or null to close without one. */
    interface Script {
        String answer(int request);
    }

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBodyWithItsLengthAndTheConnectionKeptForTheNextRequest() throws Exception {
        try (Http1 http = new Http1(serve(n -> ok("Content-Length: 11\r\n", "{\"token\":1}")))) {
            Http1.Response first = http.post("/api/login", "{\"username\":\"é\"}", TIMEOUT);
            Http1.Response second = http.get("/api/users", TIMEOUT);
            assertEquals(200, first.status());
            assertEquals("{\"token\":1}", first.body());
            assertEquals(200, second.status());
        }
        assertEquals(1, connections.get(), "the second request should reuse the first connection");
        assertTrue(received.get(0).startsWith("POST /api/login HTTP/1.1\r\n"), received.get(0));
        assertTrue(received.get(0).contains("Content-Length: 17\r\n"), received.get(0));
        assertTrue(received.get(0).endsWith("\r\n\r\n{\"username\":\"é\"}"), received.get(0));
        assertTrue(received.get(1).startsWith("GET /api/users HTTP/1.1\r\n"), received.get(1));
    }

    @Test
    void aChunkedBodyIsJoined() throws Exception {
        try (Http1 http = new Http1(serve(n -> ok("Transfer-Encoding: chunked\r\n",
                "4\r\n{\"to\r\n7;ext=1\r\nken\":2}\r\n0\r\n\r\n")))) {
            assertEquals("{\"token\":2}", http.get("/", TIMEOUT).body());
            assertEquals("{\"token\":2}", http.get("/", TIMEOUT).body());
        }
        assertEquals(1, connections.get());
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (Http1 http = new Http1(serve(n -> "HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n"
                + "Content-Length: 0\r\n\r\n"))) {
            assertEquals(401, http.get("/", TIMEOUT).status());
            assertEquals(401, http.get("/", TIMEOUT).status());
        }
        assertEquals(2, connections.get());
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() throws Exception {
        closeAfterAnswer = true;
        try (Http1 http = new Http1(serve(n -> "HTTP/1.0 200 OK\r\n\r\nuntil the end"))) {
            assertEquals("until the end", http.get("/", TIMEOUT).body());
            assertEquals("until the end", http.get("/", TIMEOUT).body());
        }
        assertEquals(2, connections.get());
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplaced() throws Exception {
        closeAfterAnswer = true; // and without saying so: no Connection: close
        try (Http1 http = new Http1(serve(n -> ok("Content-Length: 2\r\n", "ok")))) {
            assertEquals("ok", http.post("/api/login", "{}", TIMEOUT).body());
            awaitClosedByServer();
            assertEquals("ok", http.post("/api/login", "{}", TIMEOUT).body());
        }
        assertEquals(2, connections.get());
    }

    @Test
    void aTimeoutIsNotRetried() throws Exception {
        try (Http1 http = new Http1(serve(n -> n == 0 ? ok("Content-Length: 2\r\n", "ok") : SILENCE))) {
            assertEquals("ok", http.post("/api/login", "{}", TIMEOUT).body());
            assertThrows(SocketTimeoutException.class, () -> http.post("/api/login", "{}", Duration.ofMillis(300)));
        }
        assertEquals(2, received.size(), "the request that timed out was sent once");
    }

    @Test
    void closeCutsAnExchangeStillWaitingForItsAnswer() throws Exception {
        Http1 http = new Http1(serve(n -> SILENCE));
        CompletableFuture<Http1.Response> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return http.get("/", TIMEOUT);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (received.isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the request did not arrive");
            Thread.sleep(5); // poll interval, bounded by the deadline
        }
        http.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
    }

    @Test
    void anInterimAnswerIsSkipped() throws Exception {
        String interimThenFinal = "HTTP/1.1 100 Continue\r\n\r\n" + ok("Content-Length: 2\r\n", "ok");
        try (Http1 http = new Http1(serve(n -> interimThenFinal))) {
            assertEquals("ok", http.post("/", "{}", TIMEOUT).body());
            assertEquals("ok", http.post("/", "{}", TIMEOUT).body());
        }
        assertEquals(1, connections.get(), "the final answer was read whole, so the connection was kept");
    }

    @Test
    void aNewConnectionClosedWithoutAnAnswerIsAnErrorNotARetry() throws Exception {
        try (Http1 http = new Http1(serve(n -> null))) {
            EOFException e = assertThrows(EOFException.class, () -> http.get("/", TIMEOUT));
            assertEquals("the server closed the connection without answering", e.getMessage());
        }
        assertEquals(1, connections.get());
    }

    @Test
    void nothingListeningIsAnIoError() throws Exception {
        String url;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            url = "http://127.0.0.1:" + s.getLocalPort();
        }
        try (Http1 http = new Http1(url)) {
            assertThrows(IOException.class, () -> http.get("/", TIMEOUT));
        }
    }

    private static String ok(String headers, String body) {
        return "HTTP/1.1 200 OK\r\n" + headers + "\r\n" + body;
    }

    /** Waits until the server has closed the connection that answered (its thread counts it). */
    private void awaitClosedByServer() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (closed.get() < 1) {
            assertTrue(System.nanoTime() < deadline, "the server did not close the connection");
            Thread.sleep(5); // poll interval, bounded by the deadline
        }
    }

    private final AtomicInteger closed = new AtomicInteger();
    private volatile boolean closeAfterAnswer;

    private String serve(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> converse(s, script), "http1-test-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "http1-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void converse(Socket s, Script script) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream())) {
            while (true) {
                String head = head(in);
                if (head == null) {
                    return;
                }
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                received.add(head + body);
                String answer = script.answer(requests.getAndIncrement());
                if (answer == null) {
                    return;
                }
                s.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                if (closeAfterAnswer) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            closed.incrementAndGet();
        }
    }

    /** The request's head up to and with its blank line, or null at the end of the stream. */
    private static String head(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            s.append((char) b);
            if (s.length() >= 4 && s.substring(s.length() - 4).equals("\r\n\r\n")) {
                return s.toString();
            }
        }
        return null;
    }
}
