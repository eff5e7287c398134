package dev.parley.payara;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.multimap.MultiMap;
import dev.parley.accounts.control.Presence;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is online on any member: for each user, the members where they have a session, in the data grid.
 * A user's first session anywhere and their last session anywhere are what other people are told of,
 * so a second session on another member, or closing one of two, changes nothing they see. The changes
 * of one user are made under that user's lock in the grid, so of two members racing, one is first.
 * When a member leaves the cluster (stopped or lost), its users' entries are removed by the others.
 */
@ApplicationScoped
@Typed(ClusterPresence.class)
public class ClusterPresence implements Presence {

    private static final Logger LOG = Logger.getLogger(ClusterPresence.class.getName());

    static final String MAP = "parley.presence";

    @Inject
    Cluster cluster;

    private MultiMap<Long, String> membersOf;
    private String me;
    private UUID watch;

    @PostConstruct
    void start() {
        membersOf = cluster.grid().getMultiMap(MAP);
        me = cluster.grid().getCluster().getLocalMember().getUuid().toString();
    }

    /** From start-up on, whether this member has sessions yet or not. */
    void watchMembers() {
        watch = cluster.grid().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // Nothing to do: a new member's users arrive with their sessions.
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                forget(event.getMember().getUuid().toString());
            }
        });
    }

    @Override
    public boolean isOnline(long userId) {
        return membersOf.containsKey(userId);
    }

    @Override
    public boolean online(long userId) {
        membersOf.lock(userId);
        try {
            boolean first = !membersOf.containsKey(userId);
            membersOf.put(userId, me);
            return first;
        } finally {
            membersOf.unlock(userId);
        }
    }

    @Override
    public boolean offline(long userId) {
        membersOf.lock(userId);
        try {
            membersOf.remove(userId, me);
            return !membersOf.containsKey(userId);
        } finally {
            membersOf.unlock(userId);
        }
    }

    /** A member left: its sessions are gone. Every member left does this; removing twice is harmless. */
    private void forget(String member) {
        List<Long> users = membersOf.entrySet().stream()
                .filter(entry -> entry.getValue().equals(member))
                .map(Map.Entry::getKey)
                .toList();
        users.forEach(user -> membersOf.remove(user, member));
        LOG.info(() -> "a member left the cluster; its " + users.size() + " users online here are forgotten");
    }

    @PreDestroy
    void stop() {
        if (watch == null) {
            return;
        }
        try {
            cluster.grid().getCluster().removeMembershipListener(watch);
        } catch (RuntimeException gridGoneAlready) {
            LOG.log(Level.FINE, "the data grid stopped first", gridGoneAlready);
        }
    }
}
