package dev.parley.bench.minimal;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS under {@code /api}, as Parley's. */
@ApplicationPath("api")
public class MinimalApplication extends Application {
}
