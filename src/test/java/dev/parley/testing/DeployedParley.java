package dev.parley.testing;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of an integration test: Arquillian deploys the WAR the build produced, as it is (never an
 * archive assembled for the test), on a real Payara Micro or WildFly ({@link TargetServer}), and the test
 * drives it from outside, as a client would, through {@link #http}.
 * <pre>
 * class RegistrationIT extends DeployedParley {
 *     &#64;Test
 *     void ...() {
 *         Reply reply = http.post("api/users").json(...).send();
 * </pre>
 * Each test class gets a deployment of its own (on Payara Micro, a server of its own) and starts on an empty
 * embedded database ({@link PreviousServerGone}).
 */
@ExtendWith({PreviousServerGone.class, ArquillianExtension.class})
public abstract class DeployedParley {

    /** The server's base URL, {@code http://127.0.0.1:PORT/}. */
    @ArquillianResource
    protected URL base;

    /** A client of that server. */
    protected JsonHttp http;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ServerOptions.war().toFile());
    }

    @BeforeEach
    void connect() {
        http = new JsonHttp(base);
    }
}
