package dev.parley.bench.minimal;

import jakarta.enterprise.context.ApplicationScoped;

/** The one CDI bean: makes the WAR a bean archive, so the deployment starts CDI as Parley's does. */
@ApplicationScoped
public class Directory {

    String usersJson() {
        return "[]";
    }
}
