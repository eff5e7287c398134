package dev.parley.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Where Parley keeps what must survive a restart on one machine: the embedded database and the
 * generated token signing key.
 * <p>
 * It is resolved before MicroProfile Config exists (a {@code ConfigSource} needs it), so it reads the
 * system property {@code parley.data.dir} or the environment variable {@code PARLEY_DATA_DIR} directly,
 * and {@link DataDirectoryConfigSource} hands the result to MicroProfile Config for everything else.
 * <p>
 * Owner-only (on a POSIX file system), as the signing key in it is: the database file holds every
 * message and password hash, and no other local user may read it.
 */
public final class DataDirectory {

    public static final String PROPERTY = "parley.data.dir";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataDirectory() {
    }

    public static Path resolve() {
        String configured = EarlyConfig.get(PROPERTY);
        Path dir = configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".parley");
        try {
            Path created = Files.createDirectories(dir.toAbsolutePath().normalize());
            ownerOnly(created);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }

    /** Best effort: a directory this user may not change (a mounted volume) is used as it is, with a warning. */
    private static void ownerOnly(Path dir) throws IOException {
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) == null
                || Files.getPosixFilePermissions(dir).equals(OWNER_ONLY)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        } catch (IOException | SecurityException e) {
            Logger.getLogger(DataDirectory.class.getName()).warning(() -> "the data directory " + dir
                    + " may be readable by other users, and Parley cannot change that: make it owner-only (chmod 700)");
        }
    }
}
