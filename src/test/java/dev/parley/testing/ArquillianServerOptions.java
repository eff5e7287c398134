package dev.parley.testing;

import java.util.stream.Collectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Fills in what {@code arquillian.xml} cannot compute itself, before Arquillian reads it:
 * {@code it.server.port}, a free loopback port (never 8080, which may be taken), and
 * {@code it.server.dbOptions}, the database flags of {@link ServerOptions#databaseOptions()}, which
 * leaves out the settings that are not set. Registered through {@code META-INF/services}, so every
 * JUnit run (Maven or an IDE) has it.
 */
public class ArquillianServerOptions implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (System.getProperty("it.server.port") == null) {
            System.setProperty("it.server.port", Integer.toString(ServerOptions.freePort()));
        }
        // The Arquillian adapter splits its options at spaces that are not escaped.
        System.setProperty("it.server.dbOptions", ServerOptions.databaseOptions().stream()
                .map(option -> option.replace(" ", "\\ "))
                .collect(Collectors.joining(" ")));
    }
}
