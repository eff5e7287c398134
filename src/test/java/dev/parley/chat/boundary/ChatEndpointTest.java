package dev.parley.chat.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatEndpointTest {

    @Test
    void aTextsLengthInUtf8IsCountedWithoutEncodingIt() {
        for (String text : new String[] {"", "plain ascii", "caf\u00e9 \u00fcber", "\u5c71\u7530", "\uD83D\uDE00 emoji", "mixed \u00e9\u5c71\uD83D\uDE00"}) {
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, ChatEndpoint.utf8Length(text), text);
        }
    }

    @Test
    void aSurrogatePairSplitBetweenTwoPartsCountsAsOneCharacterOfFourBytes() {
        String emoji = "\uD83D\uDE00";

        assertEquals(4, ChatEndpoint.utf8Length(emoji.substring(0, 1)) + ChatEndpoint.utf8Length(emoji.substring(1)));
    }
}
