package dev.parley.payara;

import static dev.parley.platform.JsonProcessing.JSON;

import com.hazelcast.map.IMap;
import dev.parley.chat.control.ChatPrincipal;
import dev.parley.chat.control.WsTickets;
import dev.parley.platform.JsonProcessing;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Tickets in the data grid: issued by one member, redeemed on any, once (the grid's remove is atomic),
 * and dropped by the grid when they expire.
 */
@ApplicationScoped
@Typed(ClusterWsTickets.class)
public class ClusterWsTickets extends WsTickets {

    static final String MAP = "parley.ws-tickets";

    @Inject
    Cluster cluster;

    private IMap<String, String> tickets;

    @PostConstruct
    void start() {
        tickets = cluster.grid().getMap(MAP);
    }

    @Override
    protected void hold(String ticket, Held held) {
        tickets.set(ticket, encode(held), lifetime().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected Optional<Held> take(String ticket) {
        return Optional.ofNullable(tickets.remove(ticket)).map(ClusterWsTickets::decode);
    }

    /** As JSON text, like everything in the grid: the members need not load Parley's classes to keep it. */
    static String encode(Held held) {
        ChatPrincipal who = held.principal();
        return JSON.createObjectBuilder()
                .add("user", who.userId())
                .add("username", who.username())
                .add("jti", who.jti())
                .add("tokenExpiresAt", who.expiresAt().toString())
                .add("tokenGeneration", held.tokenGeneration())
                .add("expiresAt", held.expiresAt().toString())
                .build().toString();
    }

    /**
     * A ticket kept by a member older than token generations in tickets (a rolling upgrade) has none: -1,
     * which no token has, so it is refused with 401 like any other ticket that cannot be checked.
     */
    static Held decode(String text) {
        JsonObject json = JsonProcessing.readObject(text);
        return new Held(new ChatPrincipal(json.getJsonNumber("user").longValue(), json.getString("username"),
                json.getString("jti"), Instant.parse(json.getString("tokenExpiresAt"))),
                json.getInt("tokenGeneration", -1), Instant.parse(json.getString("expiresAt")));
    }
}
