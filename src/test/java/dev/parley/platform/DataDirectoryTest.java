package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path parent;

    @AfterEach
    void forget() {
        System.clearProperty(DataDirectory.PROPERTY);
    }

    @Test
    void aNewDataDirectoryIsTheOwnersOnly() throws IOException {
        Path dir = parent.resolve("new").resolve("parley");
        System.setProperty(DataDirectory.PROPERTY, dir.toString());

        assertEquals(dir, DataDirectory.resolve());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void anExistingOneThatOthersCouldReadIsMadeTheOwnersOnly() throws IOException {
        Path dir = Files.createDirectory(parent.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty(DataDirectory.PROPERTY, dir.toString());

        DataDirectory.resolve();

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }
}
