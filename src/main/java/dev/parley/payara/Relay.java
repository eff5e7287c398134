package dev.parley.payara;

import com.hazelcast.cluster.Member;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import dev.parley.accounts.control.TokensRevoked;
import dev.parley.chat.control.LocalRouter;
import dev.parley.chat.control.MessageWriter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The members' one channel: a Hazelcast topic. It delivers in well under a millisecond and keeps each
 * sender's order (clustered CDI events take 3 to 30 ms). Every arrival is handled on this instance's
 * writer thread, between its own batches: so a session that opens here either replays a message
 * another member stored or receives it live, never neither; and this instance's replay and cursors
 * count it as stored from then on.
 */
@ApplicationScoped
public class Relay {

    private static final Logger LOG = Logger.getLogger(Relay.class.getName());

    static final String TOPIC = "parley.relay";

    @Inject
    Cluster cluster;

    @Inject
    MessageWriter writer;

    @Inject
    LocalRouter local;

    @Inject
    @Relayed
    Event<TokensRevoked> revokedHere;

    private ITopic<String> topic;
    private UUID listener;

    /** Starts listening: at start-up, before any session can open. */
    void listen() {
        topic = cluster.grid().getTopic(TOPIC);
        listener = topic.addMessageListener(this::arrived);
    }

    /**
     * Tells the other members; never fails the caller: the sessions here have their frames and the sender
     * its ack whatever the grid does, and readiness reports a grid that stopped.
     */
    void publish(Envelope envelope) {
        try {
            topic.publish(envelope.encode());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the other members could not be told: {0}", e.toString());
        }
    }

    /** A logout here closes the sessions opened with those tokens on the other members too. */
    void revoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default TokensRevoked event) {
        if (topic != null) {
            publish(new Envelope.Revoke(event));
        }
    }

    private void arrived(Message<String> message) {
        Member from = message.getPublishingMember();
        if (from != null && from.localMember()) {
            return; // a topic loops back: this member has delivered to its own sessions already
        }
        Envelope envelope;
        try {
            envelope = Envelope.decode(message.getMessageObject());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a relayed message could not be read: {0}", e.toString());
            return;
        }
        writer.inOrder(() -> handle(envelope));
    }

    /** On the writer thread. */
    private void handle(Envelope envelope) {
        if (envelope instanceof Envelope.Route route) {
            writer.storedElsewhere(route.upTo());
            if (route.toEveryone()) {
                local.toEveryone(route.frame());
            } else {
                local.toUser(route.userId(), route.frame(), null);
            }
        } else if (envelope instanceof Envelope.Revoke revoke) {
            revokedHere.fire(revoke.revoked());
        }
    }

    @PreDestroy
    void stop() {
        if (listener != null) {
            try {
                topic.removeMessageListener(listener);
            } catch (RuntimeException gridGoneAlready) {
                LOG.log(Level.FINE, "the data grid stopped first", gridGoneAlready);
            }
        }
    }
}
