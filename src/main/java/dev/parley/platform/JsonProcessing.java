package dev.parley.platform;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code Json.createObjectBuilder()}, {@code Json.createReader()} and
 * the rest ask {@link JsonProvider#provider()} on every call, which runs a {@code ServiceLoader} over the
 * application's and the container's class loaders (jar entries read each time: seen on every login's token,
 * in a profile). Parley builds and reads JSON on its hot paths (frames, tokens, cluster envelopes), so it
 * goes through this one.
 */
public final class JsonProcessing {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonProcessing() {
    }
}
