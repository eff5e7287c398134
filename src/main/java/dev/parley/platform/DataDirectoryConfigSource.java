package dev.parley.platform;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives MicroProfile Config the resolved data directory, so that defaults such as the embedded
 * database URL can say {@code ${parley.data.dir}}. The lowest ordinal: any other source wins.
 */
public class DataDirectoryConfigSource implements ConfigSource {

    private final String dataDir = DataDirectory.resolve().toString();

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(DataDirectory.PROPERTY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(DataDirectory.PROPERTY, dataDir);
    }

    @Override
    public String getValue(String propertyName) {
        return DataDirectory.PROPERTY.equals(propertyName) ? dataDir : null;
    }

    @Override
    public String getName() {
        return "parley-data-directory";
    }

    @Override
    public int getOrdinal() {
        return 1;
    }
}
