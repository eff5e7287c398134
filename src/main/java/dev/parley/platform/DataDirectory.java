package dev.parley.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Parley keeps what must survive a restart on one machine: the embedded database and the
 * generated token signing key.
 * <p>
 * It is resolved before MicroProfile Config exists (a {@code ConfigSource} needs it), so it reads the
 * system property {@code parley.data.dir} or the environment variable {@code PARLEY_DATA_DIR} directly,
 * and {@link DataDirectoryConfigSource} hands the result to MicroProfile Config for everything else.
 */
public final class DataDirectory {

    public static final String PROPERTY = "parley.data.dir";

    private DataDirectory() {
    }

    public static Path resolve() {
        String configured = EarlyConfig.get(PROPERTY);
        Path dir = configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".parley");
        try {
            return Files.createDirectories(dir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }
}
