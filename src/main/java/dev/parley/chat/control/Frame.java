package dev.parley.chat.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A server-to-client frame, serialized once however many sessions receive it: as JSON text, and as
 * the bytes of a whole WebSocket text frame, so that a broadcast encodes and frames its message once
 * rather than once per session. {@code compat} says whether a session without the {@code parley.v1}
 * subprotocol may see it: the original server only ever sent {@code message} and {@code system} frames.
 */
public final class Frame {

    private final String json;
    private final boolean compat;
    /** Built on first use; a race builds equal bytes twice, which is harmless. Never written to after. */
    private volatile ByteBuffer wire;

    public Frame(String json, boolean compat) {
        this.json = json;
        this.compat = compat;
    }

    public String json() {
        return json;
    }

    public boolean compat() {
        return compat;
    }

    /** Equal when they say the same to the same sessions: the wire bytes follow from that. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Frame frame && frame.compat == compat && frame.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode() * 31 + Boolean.hashCode(compat);
    }

    @Override
    public String toString() {
        return "Frame" + (compat ? "" : " (v1 only)") + ": " + json;
    }

    /**
     * The whole frame as a server sends it (FIN, opcode text, unmasked, RFC 6455 section 5.2). Shared by
     * every session that sends it: readers must not move its position, or must use a duplicate.
     */
    public ByteBuffer wire() {
        ByteBuffer built = wire;
        if (built == null) {
            built = textFrame(json.getBytes(StandardCharsets.UTF_8));
            wire = built;
        }
        return built;
    }

    static ByteBuffer textFrame(byte[] payload) {
        int length = payload.length;
        int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + length);
        frame.put((byte) 0x81);
        if (length <= 125) {
            frame.put((byte) length);
        } else if (length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        return frame.put(payload).flip();
    }
}
