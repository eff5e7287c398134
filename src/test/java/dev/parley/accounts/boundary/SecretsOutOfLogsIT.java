package dev.parley.accounts.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.chat.boundary.ChatClient;
import dev.parley.testing.JsonHttp;
import dev.parley.testing.ServerOptions;
import dev.parley.testing.ServerProcess;
import dev.parley.testing.TargetServer;
import dev.parley.testing.TestUser;
import dev.parley.testing.TokenSigner;
import dev.parley.testing.UniqueNames;
import jakarta.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * No password, hash or token reaches the server's log, whatever clients do: the server runs as a
 * child process so that the test can read its whole console afterwards.
 */
class SecretsOutOfLogsIT {

    @Test
    void passwordsHashesAndTokensNeverReachTheLog() throws IOException {
        List<String> tokens = new ArrayList<>();
        Path logFile = logOfAServerThat("logs", (http, dataDir) -> driveAsClientsDo(http, dataDir, tokens));
        String log = Files.readString(logFile);

        for (String secret : List.of(TestUser.PASSWORD, "wrong-password-", "taken-name-pw", "malformed-body-pw",
                "too-long-pw-", "$argon2id$", "BEGIN PRIVATE KEY")) {
            assertFalse(log.contains(secret), () -> logFile + " contains " + secret);
        }
        for (String token : tokens) {
            // A WebSocket ticket has no dots: then both are the whole ticket.
            String signature = token.substring(token.lastIndexOf('.') + 1);
            String[] parts = token.split("\\.");
            String claims = parts.length > 1 ? parts[1] : token;
            assertFalse(log.contains(claims), () -> logFile + " contains a token");
            assertFalse(!signature.isEmpty() && log.contains(signature), () -> logFile + " contains a token");
        }
        assertFalse(log.contains("eyJhbGciOi"), () -> logFile + " contains a token header");
    }

    @Test
    void eachTokenTheRuntimeRejectsIsOneLineThatSaysWhy() throws IOException {
        Path logFile = logOfAServerThat("rejected", (http, dataDir) -> {
            TestUser user = TestUser.register(http, "rejected");
            TokenSigner serverKey = TokenSigner.serverKey(dataDir);
            List<String> rejected = List.of(
                    serverKey.sign(TokenSigner.claims(user.id(), user.username(),
                            Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)).build()),
                    TokenSigner.newKey().sign(TokenSigner.claims(user).build()));
            rejected.forEach(token -> assertEquals(401, http.get("api/users").bearer(token).send().status()));
        });
        List<String> log = Files.readAllLines(logFile);

        assertEquals(TargetServer.current().logsRejectedTokens()
                        ? List.of("rejected a token: JWT token expired", "rejected a token: Signature of the JWT token is invalid")
                        : List.of(),
                log.stream().filter(line -> line.contains("rejected a token"))
                        .map(line -> line.substring(line.indexOf("rejected a token"))).toList(),
                () -> logFile + " should hold one line per rejected token");
        assertFalse(log.stream().anyMatch(line -> line.strip().startsWith("at ") && line.toLowerCase(Locale.ROOT).contains("jwt")),
                () -> logFile + " holds a stack trace of the token check");
    }

    /** Starts a server of its own, lets {@code clients} use it, stops it and returns its whole log. */
    private static Path logOfAServerThat(String name, BiConsumer<JsonHttp, Path> clients) {
        Path dataDir = ServerOptions.dataDir().resolveSibling("it-data-" + name + "-" + UniqueNames.suffix());
        try (ServerProcess server = ServerProcess.start(dataDir)) {
            clients.accept(new JsonHttp(server.uri()), dataDir);
            assertEquals(server.exitCodeOfStop(), server.stop(), "stopped by SIGTERM, its log complete");
            return server.log();
        }
    }

    /** Does what clients do, good and bad, collecting the tokens. */
    private static void driveAsClientsDo(JsonHttp http, Path dataDir, List<String> tokens) {
        TestUser user = TestUser.register(http, "logs");
        tokens.add(user.token());
        for (int i = 0; i < 7; i++) {
            http.post("api/login").json(TestUser.credentials(user.username(), "wrong-password-" + i)).send();
        }
        http.post("api/login").json(TestUser.credentials(UniqueNames.username("ghost"), user.password())).send();
        http.post("api/users").json(TestUser.registration(user.username(), UniqueNames.email(), "taken-name-pw")).send();
        http.post("api/users").body("{\"username\":\"x\",\"password\":\"malformed-body-pw", "application/json").send();
        http.post("api/users").json(TestUser.registration(UniqueNames.username("long"), UniqueNames.email(),
                "too-long-pw-" + "x".repeat(200))).send();

        TestUser other = TestUser.register(http, "logs");
        tokens.add(other.token());
        tokens.add(http.post("api/token/refresh").bearer(other.token()).send().json().getString("token"));
        http.get("api/users/me").bearer(other.token()).send();
        http.post("api/logout").bearer(other.token()).send();
        http.get("api/users/me").bearer(other.token()).send();

        TokenSigner serverKey = TokenSigner.serverKey(dataDir);
        tokens.add(serverKey.sign(TokenSigner.claims(other.id(), other.username(),
                Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)).build()));
        tokens.add(TokenSigner.newKey().sign(TokenSigner.claims(other).build()));
        tokens.add(TokenSigner.unsigned(TokenSigner.claims(other).build()));
        tokens.add(serverKey.sign(TokenSigner.claims(other).add("iss", "elsewhere").build()));
        tokens.subList(3, tokens.size()).forEach(token -> http.get("api/users").bearer(token).send());

        // The WebSocket takes tokens in a header, in the URL and in auth frames, and tickets: good and bad alike.
        int bad = tokens.size();
        TestUser chatter = TestUser.register(http, "logs");
        tokens.add(chatter.token());
        String ticket = http.post("api/ws-ticket").bearer(chatter.token()).send().json().getString("ticket");
        tokens.add(ticket);
        for (ChatClient.Connector connector : List.of(ChatClient.to(http.base()).token(chatter.token()),
                ChatClient.to(http.base()).bearer(chatter.token()), ChatClient.to(http.base()).ticket(ticket))) {
            try (ChatClient session = connector.v1().connect()) {
                session.send(Json.createObjectBuilder().add("type", "auth").add("token", chatter.token()).build());
                session.send(Json.createObjectBuilder().add("type", "auth").add("token", tokens.get(4)).build());
                session.await("error");
            }
        }
        assertEquals(401, ChatClient.to(http.base()).ticket(ticket).refused(), "a used ticket");
        for (String token : tokens.subList(3, bad)) {
            assertEquals(401, ChatClient.to(http.base()).token(token).refused());
            assertEquals(401, ChatClient.to(http.base()).bearer(token).refused());
        }
    }
}
