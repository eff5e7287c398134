package dev.parley.testing;

import java.util.stream.Collectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Fills in what {@code arquillian.xml} cannot compute itself, before Arquillian reads it:
 * {@code it.server.port}, a free loopback port for Payara Micro (never 8080, which may be taken);
 * {@code it.wildfly.arguments} and {@code it.wildfly.managementPort}, WildFly on loopback with a port offset
 * at which all its ports are free; and {@code it.server.dbOptions}, the database flags of
 * {@link ServerOptions#databaseOptions()}, which leaves out the settings that are not set. Registered through
 * {@code META-INF/services}, so every JUnit run (Maven or an IDE) has it.
 */
public class ArquillianServerOptions implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        TargetServer server = TargetServer.current();
        if (server == TargetServer.WILDFLY && System.getProperty("it.wildfly.arguments") == null) {
            int offset = WildFlyProcess.freePortOffset();
            System.setProperty("it.wildfly.arguments", String.join(" ", WildFlyProcess.arguments(offset)));
            System.setProperty("it.wildfly.managementPort", Integer.toString(WildFlyProcess.MANAGEMENT_PORT + offset));
        }
        if (System.getProperty("it.server.port") == null) {
            System.setProperty("it.server.port", Integer.toString(ServerOptions.freePort()));
        }
        System.setProperty("it.server.dbOptions", ServerOptions.databaseOptions().stream()
                .map(server::arquillianOption)
                .collect(Collectors.joining(" ")));
    }
}
