package dev.parley.payara;

import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The data grid this instance belongs to, if any: Payara Micro's own Hazelcast, running when Payara
 * was started without {@code --nohazelcast} (with {@code --hzconfigfile payara-config/hazelcast.xml}).
 * Decided once, when Parley starts: a single instance never touches Hazelcast again.
 */
@ApplicationScoped
public class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

    /** Where Payara publishes its Hazelcast instance. */
    static final String HAZELCAST = "payara/Hazelcast";

    private HazelcastInstance grid;

    @PostConstruct
    void find() {
        try {
            if (new InitialContext().lookup(HAZELCAST) instanceof HazelcastInstance found
                    && found.getLifecycleService().isRunning()) {
                grid = found;
            }
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "no data grid", e);
        }
    }

    /** Whether this instance is clustered, and as which member, for the log. */
    String describe() {
        return grid == null ? "not clustered: this instance delivers to its own sessions only"
                : "clustered: member " + grid.getCluster().getLocalMember().getAddress() + " of "
                + grid.getCluster().getMembers().size();
    }

    public boolean isOn() {
        return grid != null;
    }

    /** The data grid; only when {@link #isOn()}. */
    public HazelcastInstance grid() {
        if (grid == null) {
            throw new IllegalStateException("not clustered");
        }
        return grid;
    }
}
