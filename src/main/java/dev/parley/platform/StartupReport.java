package dev.parley.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * One line at start with the configuration Parley runs with, so an operator sees what took effect.
 * Secrets are masked: passwords, keys, and credentials inside a JDBC URL.
 */
@ApplicationScoped
public class StartupReport {

    private static final Logger LOG = Logger.getLogger(StartupReport.class.getName());
    private static final Pattern SECRET_NAME = Pattern.compile(".*(password|secret|private-key)$");
    private static final Pattern URL_SECRET = Pattern.compile("(?i)(password|user)=[^;&]*");

    @Inject
    Config config;

    @Inject
    Container container;

    void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        TreeMap<String, String> settings = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("parley.") || name.equals("mp.jwt.verify.issuer")) {
                config.getOptionalValue(name, String.class).ifPresent(value -> settings.put(name, masked(name, value)));
            }
        }
        LOG.info(() -> "Parley started with " + settings);
        LOG.info(container::describe);
    }

    static String masked(String name, String value) {
        if (SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
            return "****";
        }
        return URL_SECRET.matcher(value).replaceAll("$1=****");
    }
}
