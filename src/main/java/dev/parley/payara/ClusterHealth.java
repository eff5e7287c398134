package dev.parley.payara;

import com.hazelcast.cluster.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the data grid runs with at least {@code parley.cluster.min-members} members: an instance
 * cut off from the others would take sessions whose messages reach only its own users. A single
 * instance is always ready as far as clustering goes, and says that it is not clustered.
 */
@Readiness
@ApplicationScoped
public class ClusterHealth implements HealthCheck {

    @Inject
    Cluster cluster;

    @Inject
    @ConfigProperty(name = "parley.cluster.min-members")
    int minMembers;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("cluster").withData("clustered", cluster.isOn());
        if (!cluster.isOn()) {
            return check.up().build();
        }
        check.withData("minMembers", minMembers);
        try {
            Set<Member> members = cluster.grid().getCluster().getMembers();
            return check.status(members.size() >= minMembers)
                    .withData("members", members.size())
                    .withData("thisMember", cluster.grid().getCluster().getLocalMember().getAddress().toString())
                    .build();
        } catch (RuntimeException notRunning) {
            return check.down().withData("problem", "the data grid is not running").build();
        }
    }
}
