package dev.parley.bench;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal RFC 6455 client on NIO: a few selector threads serve every session; received frames are
 * scanned in place (no decoding, no copy), sends are masked and written by the calling thread when the
 * socket takes them. It exists because java.net.http.WebSocket costs about 20 us of CPU per received frame,
 * which on a 2-core machine would leave the load generator measuring itself. Plain ws:// only; no
 * extensions; text, close, ping and pong frames.
 */
final class NioWs implements WsConnector {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_MESSAGE = 16 * 1024 * 1024;

    /** Fleets so far: fleet n connects from 127.0.(1 + n mod 250).(2 .. 9). */
    private static final AtomicInteger FLEETS = new AtomicInteger();
    private static final int SOURCES_PER_FLEET = 8;

    private final Loop[] loops;
    private final InetAddress[] sources;
    private volatile boolean running = true;

    /**
     * Each fleet connects from its own loopback source addresses (when the server is on loopback), session i
     * from the (i mod 8)th. So TIME_WAIT entries left by earlier fleets (tens of thousands after an
     * 18,000-session step) never collide with its connections, and no source address holds more than a few
     * thousand ports: the kernel's port search slows down sharply past about half of the ephemeral range
     * (14,000 here), which would otherwise show up as slow handshakes above 14,000 sessions.
     */
    NioWs(int threads) {
        InetAddress[] src = new InetAddress[0];
        if (!Boolean.getBoolean("bench.nio.no-bind")) {
            int x = 1 + FLEETS.getAndIncrement() % 250;
            src = new InetAddress[SOURCES_PER_FLEET];
            for (int i = 0; i < src.length; i++) {
                try {
                    src[i] = InetAddress.getByAddress(new byte[] {127, 0, (byte) x, (byte) (2 + i)});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        sources = src;
        loops = new Loop[Math.max(1, threads)];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new Loop(i);
        }
    }

    @Override
    public WsSession connect(int index, User user, Fleet fleet, URI uri, Duration timeout) {
        Session s = new Session(index, user, fleet, loops[index % loops.length], uri);
        s.loop.submit(s::start);
        return s;
    }

    @Override
    public void close() {
        running = false;
        for (Loop l : loops) {
            l.selector.wakeup();
        }
        for (Loop l : loops) {
            try {
                l.thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One selector thread. */
    private final class Loop implements Runnable {
        final Selector selector;
        final Thread thread;
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        final ByteBuffer readBuffer = ByteBuffer.allocate(128 * 1024);

        Loop(int i) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new IllegalStateException("no selector", e);
            }
            thread = new Thread(this, "bench-nio-" + i);
            thread.setDaemon(true);
            thread.start();
        }

        void submit(Runnable task) {
            tasks.add(task);
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (running) { // ends with NioWs.close()
                    selector.select(200);
                    for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
                        t.run();
                    }
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey k = it.next();
                        it.remove();
                        Session s = (Session) k.attachment();
                        try {
                            if (k.isValid() && k.isConnectable()) {
                                s.onConnectable();
                            }
                            if (k.isValid() && k.isReadable()) {
                                s.onReadable(readBuffer);
                            }
                            if (k.isValid() && k.isWritable()) {
                                s.onWritable();
                            }
                        } catch (CancelledKeyException e) {
                            s.fail(new IOException("cancelled", e));
                        } catch (IOException | RuntimeException e) {
                            s.fail(e);
                        }
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                Reporter.warn("NIO loop ended: %s", e);
            } finally {
                for (SelectionKey k : java.util.List.copyOf(selector.keys())) {
                    ((Session) k.attachment()).abort();
                }
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private final class Session extends WsSession {
        private static final int CONNECTING = 0;
        private static final int HANDSHAKE = 1;
        private static final int OPEN = 2;
        private static final int ENDED = 3;

        final Loop loop;
        private final URI uri;
        private final CompletableFuture<Void> tcpClosed = new CompletableFuture<>();
        private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        private volatile int state = CONNECTING;
        private volatile SocketChannel channel;
        private SelectionKey key;
        private String accept;
        private byte[] pending = new byte[0]; // bytes of an incomplete frame / handshake from the last read
        private int pendingLength;
        private byte[] fragments; // a text message split over continuation frames
        private int fragmentsLength;
        private boolean closeSent;

        Session(int index, User user, Fleet fleet, Loop loop, URI uri) {
            super(index, user, fleet);
            this.loop = loop;
            this.uri = uri;
        }

        /** On the loop thread. */
        void start() {
            try {
                SocketChannel ch = SocketChannel.open();
                channel = ch;
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                int port = uri.getPort() < 0 ? 80 : uri.getPort();
                InetSocketAddress to = new InetSocketAddress(uri.getHost(), port);
                if (sources.length > 0 && to.getAddress() instanceof Inet4Address
                        && to.getAddress().isLoopbackAddress()) {
                    ch.bind(new InetSocketAddress(sources[index % sources.length], 0));
                }
                boolean connected = ch.connect(to);
                key = ch.register(loop.selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
                if (connected) {
                    sendHandshake();
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }

        void onConnectable() throws IOException {
            if (channel.finishConnect()) {
                key.interestOps(SelectionKey.OP_READ);
                sendHandshake();
            }
        }

        private void sendHandshake() throws IOException {
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String wsKey = Base64.getEncoder().encodeToString(nonce);
            try {
                accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((wsKey + GUID).getBytes(StandardCharsets.US_ASCII)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + wsKey
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            state = HANDSHAKE;
            write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        }

        void onReadable(ByteBuffer buf) throws IOException {
            buf.clear();
            int n = channel.read(buf);
            if (n < 0) {
                onEof();
                return;
            }
            if (n == 0) {
                return;
            }
            long now = System.nanoTime();
            byte[] data;
            int length;
            if (pendingLength > 0) { // rare: a frame split across reads
                length = pendingLength + n;
                data = new byte[length];
                System.arraycopy(pending, 0, data, 0, pendingLength);
                System.arraycopy(buf.array(), 0, data, pendingLength, n);
                pendingLength = 0;
            } else {
                data = buf.array();
                length = n;
            }
            int pos = 0;
            if (state == HANDSHAKE) {
                pos = handshakeResponse(data, length);
                if (pos < 0) {
                    keep(data, 0, length);
                    return;
                }
            }
            pos = frames(data, pos, length, now);
            if (pos < length && state != ENDED) {
                keep(data, pos, length);
            }
        }

        private void keep(byte[] data, int from, int to) {
            int len = to - from;
            if (len > MAX_MESSAGE + 16) {
                fail(new IOException("frame or handshake too large"));
                return;
            }
            if (pending.length < len) {
                pending = new byte[Math.max(len, 2 * pending.length)];
            }
            System.arraycopy(data, from, pending, 0, len);
            pendingLength = len;
        }

        /** Parses the HTTP answer to the upgrade; returns the offset after it, or -1 when incomplete. */
        private int handshakeResponse(byte[] data, int length) throws IOException {
            int end = -1;
            for (int i = 3; i < length; i++) {
                if (data[i] == '\n' && data[i - 1] == '\r' && data[i - 2] == '\n' && data[i - 3] == '\r') {
                    end = i + 1;
                    break;
                }
            }
            if (end < 0) {
                if (length > 16 * 1024) {
                    throw new IOException("no end of the HTTP answer in 16 KiB");
                }
                return -1;
            }
            String head = new String(data, 0, end, StandardCharsets.ISO_8859_1);
            String status = head.substring(0, Math.max(0, head.indexOf('\r')));
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + status);
            }
            boolean accepted = false;
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")) {
                    accepted = line.substring(colon + 1).trim().equals(accept);
                }
            }
            if (!accepted) {
                throw new IOException("bad Sec-WebSocket-Accept in: " + head.trim());
            }
            state = OPEN;
            return end;
        }

        /** Handles every complete frame in data[pos, length); returns where the incomplete rest starts. */
        private int frames(byte[] data, int pos, int length, long now) throws IOException {
            while (length - pos >= 2 && state != ENDED) {
                int b0 = data[pos] & 0xff;
                int b1 = data[pos + 1] & 0xff;
                boolean fin = (b0 & 0x80) != 0;
                int op = b0 & 0x0f;
                boolean masked = (b1 & 0x80) != 0;
                long len = b1 & 0x7f;
                int header = 2;
                if (len == 126) {
                    if (length - pos < 4) {
                        break;
                    }
                    len = ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
                    header = 4;
                } else if (len == 127) {
                    if (length - pos < 10) {
                        break;
                    }
                    len = 0;
                    for (int i = 2; i < 10; i++) {
                        len = (len << 8) | (data[pos + i] & 0xff);
                    }
                    header = 10;
                }
                if (len > MAX_MESSAGE || len < 0) {
                    throw new IOException("frame of " + len + " bytes");
                }
                int maskAt = pos + header;
                if (masked) {
                    header += 4;
                }
                if (length - pos < header + len) {
                    break;
                }
                int p = pos + header;
                int n = (int) len;
                if (masked) { // servers do not mask, but tolerate it
                    for (int i = 0; i < n; i++) {
                        data[p + i] ^= data[maskAt + (i & 3)];
                    }
                }
                frame(fin, op, data, p, n, now);
                pos = p + n;
            }
            return pos;
        }

        private void frame(boolean fin, int op, byte[] data, int p, int n, long now) throws IOException {
            switch (op) {
                case 0x1, 0x2, 0x0 -> {
                    if (op != 0x0 && fin && fragments == null) {
                        if (op == 0x1) {
                            onText(new Text.Bytes(data, p, n), now);
                        }
                        return;
                    }
                    if (fragments == null) {
                        fragments = new byte[Math.max(256, n * 2)];
                        fragmentsLength = 0;
                    }
                    if (fragmentsLength + n > MAX_MESSAGE) {
                        throw new IOException("message too large");
                    }
                    if (fragmentsLength + n > fragments.length) {
                        fragments = java.util.Arrays.copyOf(fragments, Math.max(fragmentsLength + n, fragments.length * 2));
                    }
                    System.arraycopy(data, p, fragments, fragmentsLength, n);
                    fragmentsLength += n;
                    if (fin) {
                        byte[] all = fragments;
                        int len = fragmentsLength;
                        fragments = null;
                        onText(new Text.Bytes(all, 0, len), now);
                    }
                }
                case 0x8 -> {
                    int code = n >= 2 ? ((data[p] & 0xff) << 8) | (data[p + 1] & 0xff) : 1005;
                    String reason = n > 2 ? new String(data, p + 2, n - 2, StandardCharsets.UTF_8) : "";
                    if (!closeSent) {
                        sendFrame(0x8, new byte[] {(byte) (code >> 8), (byte) code}, n >= 2 ? 2 : 0);
                        closeSent = true;
                    }
                    ended(code, reason, null);
                    // the server closes the TCP connection next (so TIME_WAIT stays on its side)
                }
                case 0x9 -> sendFrame(0xA, java.util.Arrays.copyOfRange(data, p, p + n), n);
                default -> {
                    // pong or reserved: nothing to do
                }
            }
        }

        private void onEof() {
            if (!closed.isDone()) {
                ended(1006, "connection closed without a Close frame", null);
            }
            shut();
        }

        void fail(Throwable e) {
            ended(-1, String.valueOf(e), e);
            shut();
        }

        private void shut() {
            state = ENDED;
            SocketChannel ch = channel;
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closed anyway
                }
            }
            tcpClosed.complete(null);
        }

        void onWritable() throws IOException {
            synchronized (this) {
                while (!out.isEmpty()) {
                    ByteBuffer b = out.peek();
                    channel.write(b);
                    if (b.hasRemaining()) {
                        return;
                    }
                    out.poll();
                }
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        /** Writes now if nothing is queued and the socket takes it all; else queues for the loop. */
        private void write(ByteBuffer b) throws IOException {
            boolean wake = false;
            synchronized (this) {
                if (out.isEmpty()) {
                    channel.write(b);
                    if (!b.hasRemaining()) {
                        return;
                    }
                    wake = true;
                }
                out.add(b);
                if (wake) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            }
            if (wake) {
                loop.selector.wakeup();
            }
        }

        /** A masked client frame. */
        private void sendFrame(int op, byte[] payload, int n) throws IOException {
            int header = n < 126 ? 2 : n < 65536 ? 4 : 10;
            ByteBuffer b = ByteBuffer.allocate(header + 4 + n);
            b.put((byte) (0x80 | op));
            if (n < 126) {
                b.put((byte) (0x80 | n));
            } else if (n < 65536) {
                b.put((byte) (0x80 | 126)).putShort((short) n);
            } else {
                b.put((byte) (0x80 | 127)).putLong(n);
            }
            int mask = ThreadLocalRandom.current().nextInt();
            b.putInt(mask);
            byte[] m = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
            for (int i = 0; i < n; i++) {
                b.put((byte) (payload[i] ^ m[i & 3]));
            }
            b.flip();
            write(b);
        }

        @Override
        boolean open() {
            return state == OPEN && !closed.isDone();
        }

        @Override
        void send(String text) {
            if (!open()) {
                fleet.sendFailed(new IOException("session " + index + " is not open"));
                return;
            }
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            try {
                sendFrame(0x1, payload, payload.length);
            } catch (IOException | RuntimeException e) {
                fleet.sendFailed(e);
                fail(e);
            }
        }

        @Override
        void startClose() {
            closing = true;
            if (!open()) {
                abort();
                return;
            }
            loop.submit(() -> {
                try {
                    if (!closeSent && state == OPEN) {
                        closeSent = true;
                        sendFrame(0x8, new byte[] {(byte) 0x03, (byte) 0xE8}, 2); // 1000
                    }
                } catch (IOException | RuntimeException e) {
                    abort();
                }
            });
        }

        @Override
        CompletableFuture<?> finished() {
            return tcpClosed;
        }

        @Override
        void abort() {
            closing = true;
            closed.complete(-2);
            shut();
        }
    }
}
