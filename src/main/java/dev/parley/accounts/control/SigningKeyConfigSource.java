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
