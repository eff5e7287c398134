package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void aShortTextIsOneFinalTextFrameWithItsLengthInOneByte() {
        ByteBuffer wire = new Frame("{\"é\":1}", true).wire();
        byte[] payload = "{\"é\":1}".getBytes(StandardCharsets.UTF_8);

        assertEquals((byte) 0x81, wire.get(0), "FIN and opcode text");
        assertEquals(payload.length, wire.get(1), "unmasked, length in the second byte");
        assertEquals(2 + payload.length, wire.remaining());
        assertEquals(ByteBuffer.wrap(payload), wire.slice(2, payload.length));
    }

    @Test
    void lengthsTakeOneTwoOrEightMoreBytesAtTheirBoundaries() {
        assertHeader(125, 2);
        assertHeader(126, 4);
        assertHeader(65_535, 4);
        assertHeader(65_536, 10);
    }

    @Test
    void theBytesAreBuiltOnceAndShared() {
        Frame frame = new Frame("{}", true);
        assertSame(frame.wire(), frame.wire());
    }

    private static void assertHeader(int length, int header) {
        ByteBuffer wire = Frame.textFrame(new byte[length]);
        assertEquals(header + length, wire.remaining(), "length " + length);
        long encoded = switch (header) {
            case 2 -> wire.get(1);
            case 4 -> wire.getShort(2) & 0xFFFF;
            default -> wire.getLong(2);
        };
        assertEquals(length, encoded, "length " + length);
        if (header > 2) {
            assertEquals(header == 4 ? 126 : 127, wire.get(1));
        }
    }
}
