package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before Arquillian deploys a test class: waits until the server of the previous class has exited (where
 * each class has a server, {@link TargetServer#serverPerTestClass()}), then removes the embedded database
 * the previous class left, so that every class starts from an empty one.
 * <p>
 * The wait: the Payara Micro adapter stops its server with SIGTERM and does not wait; on a busy
 * machine the next class's server then found the port still taken ({@code BindException}, "No
 * applications were found deployed"). Every server a test JVM starts is its child (WildFly's start
 * script waits for its JVM), and none of a test's own ({@link ServerProcess}) outlives its class, so: no
 * live child process.
 * <p>
 * The fresh database: once, a reopened H2 file failed with "File corrupted while reading record ...
 * Double mark" and every later class failed to deploy on it. Tests build their own data, so nothing
 * is lost by starting empty, and one such failure can no longer spread. The signing key in the same
 * directory stays ({@link TokenSigner} reads it); PostgreSQL runs have no H2 file to remove.
 */
public class PreviousServerGone implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (TargetServer.current().serverPerTestClass()) {
            Await.until("the previous test server to exit", ServerProcess.STOP_TIMEOUT,
                    () -> ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive));
        }
        removeEmbeddedDatabase(ServerOptions.dataDir());
    }

    private static void removeEmbeddedDatabase(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, "parley.*.db")) {
            for (Path file : files) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the previous class's database in " + dataDir, e);
        }
    }
}
