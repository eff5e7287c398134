package dev.parley.platform;

import jakarta.enterprise.context.ApplicationScoped;

/** No container-specific code: the standard APIs only, and one instance. */
@ApplicationScoped
public class PortableContainer implements Container {

    @Override
    public String describe() {
        return "portable path: standard WebSocket API, single instance (no container-specific code for this server)";
    }
}
