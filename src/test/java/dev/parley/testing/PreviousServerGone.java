package dev.parley.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Waits, before Arquillian deploys a test class, until the server of the previous class has exited.
 * The Payara Micro adapter stops its server with SIGTERM and does not wait: on a busy machine the next
 * class's server then found the port still taken ({@code BindException}, "No applications were found
 * deployed") and would find the H2 file still open. Every server a test JVM starts is its child, and
 * none of a test's own ({@link PayaraProcess}) outlives its class, so: no live child process.
 */
public class PreviousServerGone implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Await.until("the previous test server to exit", PayaraProcess.STOP_TIMEOUT,
                () -> ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive));
    }
}
