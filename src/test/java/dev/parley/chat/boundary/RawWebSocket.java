package dev.parley.chat.boundary;

import dev.parley.testing.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A WebSocket client on a bare socket, for what a well-behaved client never does: open the upgrade and
 * read the server's plain HTTP refusal, send a frame of an exact size, stop reading altogether, or
 * never answer a ping. It does only what a test tells it to; it never answers anything by itself.
 * Frames are read one at a time with {@link #read(Duration)}. Nothing about the socket is tuned: its
 * buffers are the operating system's defaults.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;

    /** The server's answer to the upgrade request: status, headers (names in lower case) and body. */
    public record Handshake(int status, Map<String, String> headers, String body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        /** The answer as the HTTP client's {@link Reply}, for the shared assertions on problem+json. */
        public Reply reply() {
            Map<String, List<String>> all = new LinkedHashMap<>();
            headers.forEach((name, value) -> all.put(name, List.of(value)));
            return new Reply(status, HttpHeaders.of(all, (name, value) -> true), body);
        }
    }

    /** One frame from the server; its size on the wire (header included) in {@code wireBytes}. */
    public record Frame(int opcode, byte[] payload, int wireBytes) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A text frame's JSON object; fails the test for any other frame. */
        public JsonObject json() {
            if (opcode != TEXT) {
                throw new AssertionError("a text frame, not opcode " + opcode + ": " + text());
            }
            try (JsonReader reader = Json.createReader(new StringReader(text()))) {
                return reader.readObject();
            }
        }

        /** The status code of a close frame; 1005 (no status) for an empty one. */
        public int closeCode() {
            return payload.length >= 2 ? ByteBuffer.wrap(payload).getShort() & 0xFFFF : 1005;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Handshake handshake;

    private RawWebSocket(Socket socket, InputStream in, Handshake handshake) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.handshake = handshake;
    }

    /**
     * Sends an upgrade request for {@code path} (with its query) on the server at {@code base}, with these
     * extra headers, and reads the answer. Upgraded or not, the connection stays open until closed.
     */
    public static RawWebSocket open(URI base, String path, Map<String, String> headers) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout((int) ChatClient.TIMEOUT.toMillis());
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            StringBuilder request = new StringBuilder()
                    .append("GET /").append(path.startsWith("/") ? path.substring(1) : path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                    .append("Upgrade: websocket\r\n")
                    .append("Connection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            return new RawWebSocket(socket, in, readAnswer(in));
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("upgrade request to " + base + path + " failed", e);
        }
    }

    /** A compat session opened with a bearer token; fails the test unless the server upgrades. */
    public static RawWebSocket connect(URI base, String token) {
        return connect(base, Map.of("Authorization", "Bearer " + token));
    }

    /** A session opened with a bearer token, offering a subprotocol; fails the test unless the server upgrades. */
    public static RawWebSocket connect(URI base, String token, String subprotocol) {
        return connect(base, Map.of("Authorization", "Bearer " + token, "Sec-WebSocket-Protocol", subprotocol));
    }

    private static RawWebSocket connect(URI base, Map<String, String> headers) {
        RawWebSocket socket = open(base, "ws", headers);
        if (socket.handshake().status() != 101) {
            socket.close();
            throw new AssertionError("the upgrade was refused: " + socket.handshake());
        }
        return socket;
    }

    public Handshake handshake() {
        return handshake;
    }

    /** Sends a text frame holding exactly these UTF-8 bytes, masked as a client must. */
    public void sendText(String text) {
        sendTexts(List.of(text));
    }

    /** Sends these text frames in one write, as a client that pipelines them. */
    public void sendTexts(List<String> texts) {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        texts.forEach(text -> frames.writeBytes(frame(TEXT, text.getBytes(StandardCharsets.UTF_8))));
        try {
            out.write(frames.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("sending frames failed", e);
        }
    }

    /**
     * Sends one text message in fragments, a frame each (RFC 6455 section 5.4), in one write; with {@code
     * finished} false the last fragment does not end the message, as a client still streaming it.
     */
    public void sendFragments(List<String> parts, boolean finished) {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            boolean fin = finished && i == parts.size() - 1;
            frames.writeBytes(frame(fin, i == 0 ? TEXT : CONTINUATION, parts.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            out.write(frames.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("sending fragments failed", e);
        }
    }

    private static byte[] frame(int opcode, byte[] payload) {
        return frame(true, opcode, payload);
    }

    private static byte[] frame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /** The next frame from the server, waiting at most {@code timeout}; empty once the server closed the connection. */
    public Optional<Frame> read(Duration timeout) {
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            int first = in.read();
            if (first < 0) {
                return Optional.empty();
            }
            int second = readByte();
            int length = second & 0x7F;
            int header = 2;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
                header += 2;
            } else if (length == 127) {
                long longLength = ByteBuffer.wrap(in.readNBytes(8)).getLong();
                if (longLength > Integer.MAX_VALUE) {
                    throw new IOException("a frame of " + longLength + " bytes");
                }
                length = (int) longLength;
                header += 8;
            }
            if ((second & 0x80) != 0) {
                throw new IOException("the server masked a frame");
            }
            byte[] payload = in.readNBytes(length);
            if (payload.length < length) {
                throw new EOFException("the connection ended inside a frame");
            }
            return Optional.of(new Frame(first & 0x0F, payload, header + length));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame from the server within " + timeout, e);
        } catch (IOException e) {
            if ("Connection reset".equals(e.getMessage())) {
                return Optional.empty();
            }
            throw new UncheckedIOException("reading a frame failed", e);
        }
    }

    /** The next frame that is not a ping (pings come every so often and are left unanswered). */
    public Optional<Frame> readSkippingPings(Duration timeout) {
        Optional<Frame> frame = read(timeout);
        while (frame.isPresent() && frame.get().opcode() == PING) {
            frame = read(timeout);
        }
        return frame;
    }

    /** The next text frame's JSON, waiting up to {@link ChatClient#TIMEOUT}; fails on anything else. */
    public JsonObject readJson() {
        return readSkippingPings(ChatClient.TIMEOUT)
                .orElseThrow(() -> new AssertionError("the server ended the connection")).json();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended inside a frame");
        }
        return b;
    }

    /** Closes the connection without a close handshake. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static Handshake readAnswer(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        if (status == 101) {
            return new Handshake(status, headers, "");
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(readLine(in).split(";")[0].strip(), 16); size > 0;
                 size = Integer.parseInt(readLine(in).split(";")[0].strip(), 16)) {
                chunks.writeBytes(in.readNBytes(size));
                readLine(in);
            }
            body = chunks.toByteArray();
        } else {
            body = in.readAllBytes(); // delimited by the end of the connection
        }
        return new Handshake(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection ended inside the HTTP answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was asked; the test has its answer already
        }
    }
}
