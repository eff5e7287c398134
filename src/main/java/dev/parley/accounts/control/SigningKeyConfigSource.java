package dev.parley.accounts.control;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands the runtime's MicroProfile JWT verifier the public half of {@link SigningKeys}, so that a
 * fresh install verifies its own tokens with no setup. The lowest ordinal: an operator's
 * {@code mp.jwt.verify.publickey} wins.
 */
public class SigningKeyConfigSource implements ConfigSource {

    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";

    /**
     * The runtime makes this source early in the deployment and asks it for the key about a second
     * later; a first start spends that second generating the key on another core rather than on the
     * deployment's thread.
     */
    public SigningKeyConfigSource() {
        SigningKeys.prepareInBackground();
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PUBLIC_KEY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PUBLIC_KEY, SigningKeys.get().publicKeyPem());
    }

    @Override
    public String getValue(String propertyName) {
        return PUBLIC_KEY.equals(propertyName) ? SigningKeys.get().publicKeyPem() : null;
    }

    @Override
    public String getName() {
        return "parley-signing-key";
    }

    @Override
    public int getOrdinal() {
        return 1;
    }
}
