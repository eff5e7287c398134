package dev.parley.payara;

import dev.parley.accounts.control.LocalPresence;
import dev.parley.accounts.control.Presence;
import dev.parley.chat.control.LocalMessageIds;
import dev.parley.chat.control.LocalRouter;
import dev.parley.chat.control.LocalWsTickets;
import dev.parley.chat.control.MessageIds;
import dev.parley.chat.control.Router;
import dev.parley.chat.control.WsTickets;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Chooses, once at start, what the rest of Parley gets on Payara for its seams that depend on the number
 * of instances: how frames reach sessions ({@link Router}), who is online ({@link Presence}), where
 * WebSocket tickets are kept ({@link WsTickets}) and how messages get their ids ({@link MessageIds}). A
 * single instance gets the local ones and never creates a cluster bean. An alternative for each seam:
 * on another container this package is not deployed (beans.xml) and the local beans serve alone.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class ClusterOrLocal {

    @Inject
    Cluster cluster;

    @Produces
    Router router(Instance<LocalRouter> local, Instance<ClusterRouter> clustered) {
        return cluster.isOn() ? clustered.get() : local.get();
    }

    @Produces
    Presence presence(Instance<LocalPresence> local, Instance<ClusterPresence> clustered) {
        return cluster.isOn() ? clustered.get() : local.get();
    }

    @Produces
    WsTickets tickets(Instance<LocalWsTickets> local, Instance<ClusterWsTickets> clustered) {
        return cluster.isOn() ? clustered.get() : local.get();
    }

    @Produces
    MessageIds messageIds(Instance<LocalMessageIds> local, Instance<ClusterMessageIds> clustered) {
        return cluster.isOn() ? clustered.get() : local.get();
    }

    /** A member hears the others, and watches them leave, from the start, not from its first session. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored, Instance<Relay> relay,
               Instance<ClusterPresence> presence) {
        if (cluster.isOn()) {
            relay.get().listen();
            presence.get().watchMembers();
        }
    }
}
