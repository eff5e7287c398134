package dev.parley.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The server the integration tests run Parley on: Payara Micro, or WildFly when the system property
 * {@code it.server} is {@code wildfly} (the pom's {@code wildfly} profile sets it). What differs between the
 * two, as a test sees it, is here and nowhere else.
 */
public enum TargetServer {

    PAYARA_MICRO {
        @Override
        ServerProcess start(Path dataDir, List<String> extraJvmOptions) {
            return PayaraProcess.start(dataDir, extraJvmOptions);
        }

        @Override
        public URI health(URI base) {
            return base.resolve("health/");
        }

        @Override
        public boolean serverPerTestClass() {
            return true;
        }

        @Override
        String arquillianOption(String option) {
            // The Payara Micro adapter splits its options at spaces that are not escaped.
            return option.replace(" ", "\\ ");
        }

        @Override
        public boolean clusters() {
            return true;
        }

        @Override
        public boolean logsRejectedTokens() {
            return true;
        }

        @Override
        public String shutdownCloseReason() {
            return "server shutting down";
        }
    },

    WILDFLY {
        @Override
        ServerProcess start(Path dataDir, List<String> extraJvmOptions) {
            return WildFlyProcess.start(dataDir, extraJvmOptions);
        }

        /** On the management port, which the same port offset moves along with HTTP. */
        @Override
        public URI health(URI base) {
            int managementPort = base.getPort() - WildFlyProcess.HTTP_PORT + WildFlyProcess.MANAGEMENT_PORT;
            return URI.create("http://" + base.getHost() + ":" + managementPort + "/health/");
        }

        @Override
        public boolean serverPerTestClass() {
            return false;
        }

        @Override
        String arquillianOption(String option) {
            // The WildFly adapter keeps a token whole only when it is quoted from end to end.
            return option.contains(" ") ? '"' + option + '"' : option;
        }

        @Override
        public boolean clusters() {
            return false;
        }

        @Override
        public boolean logsRejectedTokens() {
            return false;
        }

        /** Undertow closes the deployment's sessions itself (1001, no reason) before Parley's shutdown runs. */
        @Override
        public String shutdownCloseReason() {
            return "";
        }
    };

    public static TargetServer current() {
        String name = System.getProperty("it.server", "payara");
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "payara" -> PAYARA_MICRO;
            case "wildfly" -> WILDFLY;
            default -> throw new IllegalStateException("it.server=" + name + ": expected payara or wildfly");
        };
    }

    /** Starts the real server running the real WAR, as {@link ServerProcess#start(Path, List)} describes. */
    abstract ServerProcess start(Path dataDir, List<String> extraJvmOptions);

    /**
     * The base of the MicroProfile Health endpoints ({@code live}, {@code ready}) of the server whose Parley
     * is at {@code base}: beside Parley on Payara Micro, on the management port on WildFly.
     */
    public abstract URI health(URI base);

    /**
     * Whether Arquillian starts a server for each test class (Payara Micro's adapter starts one with each
     * deployment) or one for the whole run that each class deploys to (WildFly's).
     */
    public abstract boolean serverPerTestClass();

    /** One JVM option as the server's Arquillian adapter reads it from {@code arquillian.xml}. */
    abstract String arquillianOption(String option);

    /** Whether Parley can run as a cluster here, and readiness has a {@code cluster} check: Payara's Hazelcast only. */
    public abstract boolean clusters();

    /**
     * Whether the runtime's MP-JWT logs the tokens it rejects: Payara's does (with a stack trace, which Parley
     * makes one line); WildFly's logs nothing.
     */
    public abstract boolean logsRejectedTokens();

    /** The reason of the close (1001) that an open session gets when the server is stopped. */
    public abstract String shutdownCloseReason();
}
