package dev.parley.accounts.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.JsonHttp;
import dev.parley.testing.Reply;
import dev.parley.testing.ServerOptions;
import dev.parley.testing.ServerProcess;
import dev.parley.testing.TestUser;
import dev.parley.testing.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fresh install survives a restart: its users (the database), and the tokens it issued (the key
 * pair it generated in the data directory). Runs the real server as a child process, stopped as an
 * operator would stop it, with SIGTERM.
 */
class RestartIT {

    ServerProcess server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void usersAndTheirTokensOutliveARestart() {
        Path dataDir = ServerOptions.dataDir().resolveSibling("it-data-restart-" + UniqueNames.suffix());

        server = ServerProcess.start(dataDir);
        JsonHttp http = new JsonHttp(server.uri());
        TestUser user = TestUser.register(http, "restart");
        assertTrue(Files.exists(dataDir.resolve("jwt-private-key.pem")), "a key generated on first start");
        assertEquals(server.exitCodeOfStop(), server.stop(), "SIGTERM stops the server cleanly");

        server = ServerProcess.start(dataDir);
        http = new JsonHttp(server.uri());

        Reply me = http.get("api/users/me").bearer(user.token()).send();
        assertEquals(200, me.status(), () -> "the token issued before the restart: " + me);
        assertEquals(user.username(), me.json().getString("username"));
        Reply login = http.post("api/login").json(TestUser.credentials(user.username(), user.password())).send();
        assertEquals(200, login.status(), () -> "login after the restart: " + login);
    }
}
