package dev.parley.platform;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * The JSON-P provider, looked up once. {@code Json.createObjectBuilder()}, {@code Json.createReader()} and
 * the rest ask {@link JsonProvider#provider()} on every call, which runs a {@code ServiceLoader} over the
 * application's and the container's class loaders (jar entries read each time: seen on every login's token,
 * in a profile). Parley builds and reads JSON on its hot paths (frames, tokens, cluster envelopes), so it
 * goes through this one.
 * <p>
 * Text is read through {@link #read} and {@link #readObject}, which close their reader: the runtime's parser
 * takes a character buffer from a pool and gives it back only when closed, so a reader left open is a new
 * 8 KiB buffer for every frame received (7.7% of what the threads that read frames allocated, in a profile).
 */
public final class JsonProcessing {

    public static final JsonProvider JSON = JsonProvider.provider();

    /** One JSON value of this text. */
    public static JsonValue read(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** One JSON object of this text. */
    public static JsonObject readObject(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private JsonProcessing() {
    }
}
