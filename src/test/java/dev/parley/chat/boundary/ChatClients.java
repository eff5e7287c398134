package dev.parley.chat.boundary;

import dev.parley.testing.TestUser;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat sessions one test opens, all closed when it ends ({@code @AfterEach}). Each session is
 * opened with the user's bearer token and is returned once its welcome arrived: the server has
 * accepted it and will deliver to it what is stored from then on.
 */
public final class ChatClients implements AutoCloseable {

    private final URI base;
    private final List<AutoCloseable> open = new ArrayList<>();

    public ChatClients(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** A {@code parley.v1} session of the user. */
    public ChatClient v1(TestUser user) {
        return open(ChatClient.to(base).bearer(user.token()).v1());
    }

    /** A compat session of the user, as the original web client opens it: the token in the URL. */
    public ChatClient compat(TestUser user) {
        return open(ChatClient.to(base).token(user.token()));
    }

    /** A session made by the caller; waits for its welcome. */
    public ChatClient open(ChatClient.Connector connector) {
        ChatClient client = connector.connect();
        open.add(client);
        client.await("system");
        return client;
    }

    /** Keeps something else the test opened (a raw socket) until the end of the test. */
    public <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (AutoCloseable resource : open) {
            try {
                resource.close();
            } catch (Exception e) {
                failure = e;
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
