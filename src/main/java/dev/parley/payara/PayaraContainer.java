package dev.parley.payara;

import dev.parley.platform.Container;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/** Payara: Tyrus tuned ({@link TyrusSockets}), and a cluster when Payara runs Hazelcast ({@link Cluster}). */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class PayaraContainer implements Container {

    @Inject
    Cluster cluster;

    @Override
    public String describe() {
        return "Payara: Tyrus tuned (dev.parley.payara), " + cluster.describe();
    }
}
