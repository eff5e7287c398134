package dev.parley.platform;

/**
 * What Parley takes from the server it runs on beyond the standard APIs, said once at start
 * ({@link StartupReport}). {@link PortableContainer} everywhere; a container's own package (only
 * {@code dev.parley.payara} so far) replaces it with a CDI alternative when that container's classes are
 * there (beans.xml), together with its alternatives of the other seams.
 */
public interface Container {

    /** One line for the log: which container code runs, and whether this instance is part of a cluster. */
    String describe();
}
