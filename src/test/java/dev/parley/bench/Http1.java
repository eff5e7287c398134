package dev.parley.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * HTTP/1.1 on blocking sockets kept alive, one request at a time on each: the client of the login scenario and
 * of the pools' registrations. It shares the two cores with the server it measures, so it does as little as an
 * HTTP client can: one write and a few reads on the caller's thread, where the JDK's {@code HttpClient} hands
 * every exchange to its selector thread and back. The load generator's CPU a login (the run's {@code details.cpu})
 * fell from 1.1 to 2.4 ms with the JDK's client to 0.6 to 1.2 ms with this one; wrk, a C client, had let Parley
 * reach 93% of the hash ceiling where the JDK's client measured 86 to 90% (docs/benchmarks.md, item 9).
 *
 * <p>Idle connections are pooled; one that sat idle longer than {@link #MAX_IDLE} is closed rather than reused
 * (Node closes idle ones after 5 s), and a request on a reused connection that fails before a byte of an answer
 * came, other than by a timeout, is sent once more on a new one: the server had closed it while it was idle.
 * Bodies come with a Content-Length, chunked, or until the server closes.
 */
final class Http1 implements AutoCloseable {

    static final Duration MAX_IDLE = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** A status and the body as text. */
    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    /** For {@code http://host:port} (a path in the URL is ignored: requests name theirs). */
    Http1(String baseUrl) {
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme()) || uri.getPort() < 0) {
            throw new IllegalArgumentException("an http URL with a port is needed, not " + baseUrl);
        }
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /** POST {@code path} with a JSON body. */
    Response post(String path, String json, Duration timeout) throws IOException {
        return exchange("POST", path, json.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /** GET {@code path}. */
    Response get(String path, Duration timeout) throws IOException {
        return exchange("GET", path, null, timeout);
    }

    private Response exchange(String method, String path, byte[] body, Duration timeout) throws IOException {
        byte[] request = request(method, path, body);
        Connection reused = takeIdle();
        if (reused != null) {
            try {
                return reused.exchange(request, method, timeout);
            } catch (IOException e) {
                reused.close();
                if (reused.answered || e instanceof SocketTimeoutException) {
                    throw e;
                }
                // closed by the server while it was idle, before a byte of an answer: once more on a new one
            } catch (RuntimeException e) {
                reused.close();
                throw e;
            }
        }
        Connection fresh = new Connection(timeout);
        try {
            return fresh.exchange(request, method, timeout);
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    private Connection takeIdle() {
        long now = System.nanoTime();
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            if (now - c.idleSince < MAX_IDLE.toNanos()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private byte[] request(String method, String path, byte[] body) {
        StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            return h;
        }
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /**
     * Closes every connection, those in use too: an exchange still waiting for its answer (in a batch that ran
     * out of time) fails at once instead of loading the server until its read timeout. Later requests open new
     * connections.
     */
    @Override
    public void close() {
        for (Connection c : open) {
            c.close();
        }
    }

    private final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private long idleSince;
        /** Whether a byte of this exchange's answer came: a request is sent again only when none did. */
        private boolean answered;

        Connection(Duration timeout) throws IOException {
            socket = new Socket();
            open.add(this);
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
                socket.setSoTimeout((int) timeout.toMillis());
                in = new BufferedInputStream(socket.getInputStream(), 8192);
                out = socket.getOutputStream();
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        Response exchange(byte[] request, String method, Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
            answered = false;
            out.write(request);
            out.flush();
            String status;
            int code;
            do { // an interim answer (100 Continue, 103 Early Hints) is a head alone: the final one follows
                status = line();
                // HTTP/1.1 200 OK
                if (!status.startsWith("HTTP/1.") || status.length() < 12) {
                    throw new IOException("not an HTTP response: " + status);
                }
                code = Integer.parseInt(status.substring(9, 12));
            } while (code >= 100 && code < 200 && code != 101 && skipHead());
            long length = -1;
            boolean chunked = false;
            boolean keepAlive = status.startsWith("HTTP/1.1");
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> keepAlive = !value.contains("close") && (keepAlive || value.contains("keep-alive"));
                    default -> { }
                }
            }
            byte[] body;
            if ("HEAD".equals(method) || code == 204 || code == 304 || code == 101) {
                body = new byte[0];
            } else if (chunked) {
                body = chunked();
            } else if (length >= 0) {
                body = in.readNBytes((int) length);
                if (body.length < length) {
                    throw new EOFException("the body ended after " + body.length + " of " + length + " bytes");
                }
            } else {
                body = in.readAllBytes();
                keepAlive = false;
            }
            if (keepAlive) {
                idleSince = System.nanoTime();
                idle.addFirst(this);
            } else {
                close();
            }
            return new Response(code, new String(body, StandardCharsets.UTF_8));
        }

        private boolean skipHead() throws IOException {
            while (!line().isEmpty()) {
                // an interim answer's headers
            }
            return true;
        }

        private byte[] chunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    while (!line().isEmpty()) {
                        // trailers, ignored
                    }
                    return body.toByteArray();
                }
                byte[] chunk = in.readNBytes(n);
                if (chunk.length < n) {
                    throw new EOFException("a chunk ended after " + chunk.length + " of " + n + " bytes");
                }
                body.write(chunk);
                line();
            }
        }

        /** One line of the head, without its CRLF. */
        private String line() throws IOException {
            StringBuilder s = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException(answered ? "the response ended inside its head"
                            : "the server closed the connection without answering");
                }
                answered = true;
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }

        void close() {
            open.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing left to do with it
            }
        }
    }
}
