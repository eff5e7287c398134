package dev.parley.accounts.control;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Starts making the token key as soon as CDI starts, on a thread of its own. The runtime asks for
 * the public key ({@link SigningKeyConfigSource}) when CDI has discovered the beans, about 1.5 s
 * later; on a first start the key is generated, 0.3 to 1 s of CPU on a cold JVM, which the deployment's
 * thread then waited for (docs/benchmarks.md, cold start). Its config source is made too late to
 * start it: just before the key is asked for.
 */
public class SigningKeyPreparation implements Extension {

    void prepare(@Observes BeforeBeanDiscovery event) {
        SigningKeys.prepareInBackground();
    }
}
