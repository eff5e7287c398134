package dev.parley.chat.boundary;

import dev.parley.testing.DeployedParley;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The base of a chat integration test: the deployed server, and the chat sessions a test opens, closed after it. */
abstract class DeployedChat extends DeployedParley {

    ChatClients chat;

    @BeforeEach
    void chatClients() {
        chat = new ChatClients(http.base());
    }

    @AfterEach
    void closeChatClients() throws Exception {
        chat.close();
    }
}
