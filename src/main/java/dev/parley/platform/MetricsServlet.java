package dev.parley.platform;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /metrics}: the deployment's meters in Prometheus text format, on Parley's own HTTP port and
 * without authentication, as the server's own metrics endpoint was (docs/operations.md, "Observe").
 * A servlet, not a JAX-RS resource: the API lives under {@code /api}.
 */
@WebServlet(urlPatterns = "/metrics")
public class MetricsServlet extends HttpServlet {

    @Inject
    Metrics metrics;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(Metrics.CONTENT_TYPE);
        // A scrape is a measurement of now: a cache in between would serve old values.
        response.setHeader("Cache-Control", "no-store");
        metrics.scrape(response.getOutputStream());
    }
}
