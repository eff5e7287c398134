package dev.parley.platform;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cross-origin access to the API from an allow-list of origins ({@code parley.cors.allowed-origins},
 * {@code *} for any). A wildcard is never combined with credentials: with {@code *} the answer is
 * {@code Access-Control-Allow-Origin: *} and no credentials header, whatever is configured.
 * <p>
 * Errors too: the runtime's authentication refuses a bad token before any filter runs, and the container
 * answers through the error page ({@link ErrorPageServlet}), where this filter runs again, so that a
 * browser can read that 401 as well.
 */
@WebFilter(urlPatterns = {"/api/*", ErrorPageServlet.PATH}, asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class CorsFilter extends HttpFilter {

    @Inject
    @ConfigProperty(name = "parley.cors.allowed-origins")
    List<String> allowedOrigins;

    @Inject
    @ConfigProperty(name = "parley.cors.allow-credentials")
    boolean allowCredentials;

    @Inject
    @ConfigProperty(name = "parley.cors.max-age-seconds")
    int maxAgeSeconds;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!response.getHeaders("Vary").contains("Origin")) {
            response.addHeader("Vary", "Origin");
        }
        boolean allowed = allows(origin);
        if (allowed) {
            if (allowedOrigins.contains("*")) {
                response.setHeader("Access-Control-Allow-Origin", "*");
            } else {
                response.setHeader("Access-Control-Allow-Origin", origin);
                if (allowCredentials) {
                    response.setHeader("Access-Control-Allow-Credentials", "true");
                }
            }
            response.setHeader("Access-Control-Expose-Headers", "Location, Retry-After");
        }
        boolean preflight = request.getDispatcherType() == DispatcherType.REQUEST
                && "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null;
        if (!preflight) {
            chain.doFilter(request, response);
            return;
        }
        if (allowed) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
            response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept");
            response.setHeader("Access-Control-Max-Age", Integer.toString(maxAgeSeconds));
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    boolean allows(String origin) {
        return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
    }
}
