package dev.parley.chat.boundary;

import dev.parley.accounts.control.TokenVerifier;
import dev.parley.chat.control.ChatMetrics;
import dev.parley.chat.control.ChatPrincipal;
import dev.parley.chat.control.SessionRegistry;
import dev.parley.chat.control.WsTickets;
import dev.parley.platform.Database;
import dev.parley.platform.ErrorPageServlet;
import dev.parley.platform.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides every WebSocket upgrade before it happens, so a refused client gets a plain HTTP answer
 * and nothing is upgraded: 403 for an {@code Origin} not allowed, 401 without a valid credential,
 * 429 for a user at the session limit, 503 when the credential cannot be checked because the database is
 * away. The credential, first match wins: {@code Authorization:
 * Bearer}, {@code ?ticket=}, {@code ?token=}. The endpoint learns who connected as the request's
 * principal.
 * <p>
 * Origins: a request without {@code Origin} (not a browser) and a same-origin request are allowed;
 * others only when listed in {@code parley.ws.allowed-origins}.
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class HandshakeFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(HandshakeFilter.class.getName());

    @Inject
    TokenVerifier tokens;

    @Inject
    WsTickets tickets;

    @Inject
    SessionRegistry registry;

    @Inject
    ChatMetrics metrics;

    @Inject
    Config config;

    /** Empty by default: only same-origin browsers (and clients sending no Origin) may connect. */
    private List<String> allowedOrigins;

    @Inject
    @ConfigProperty(name = "parley.ws.max-sessions-per-user")
    int maxSessionsPerUser;

    @Override
    public void init() {
        allowedOrigins = config.getOptionalValues("parley.ws.allowed-origins", String.class).orElse(List.of());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() instanceof ChatPrincipal) {
            chain.doFilter(request, response); // decided already: a ticket works only once
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            ErrorPageServlet.write(response, Problem.of(400, "This is a WebSocket endpoint: send an upgrade request."));
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !originAllowed(origin, request)) {
            metrics.handshakeRefused("origin");
            ErrorPageServlet.write(response, Problem.of(403, "This origin may not open a WebSocket here."));
            return;
        }
        Optional<ChatPrincipal> principal;
        try {
            principal = principal(request);
        } catch (RuntimeException e) {
            if (!Database.isUnavailable(e)) {
                throw e;
            }
            LOG.warning(() -> "WebSocket upgrade refused, the database is not available: " + Database.describe(e));
            metrics.handshakeRefused("database");
            response.setHeader("Retry-After", String.valueOf(Database.RETRY_SECONDS));
            ErrorPageServlet.write(response, Database.unavailableProblem());
            return;
        }
        if (principal.isEmpty()) {
            metrics.handshakeRefused("credential");
            ErrorPageServlet.write(response, Problem.of(401, "A valid token or ticket is required."));
            return;
        }
        if (registry.count(principal.get().userId()) >= maxSessionsPerUser) {
            metrics.handshakeRefused("session-limit");
            ErrorPageServlet.write(response, Problem.of(429, "At most " + maxSessionsPerUser
                    + " open sessions per user: close one first."));
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal.get();
            }
        }, response);
    }

    private Optional<ChatPrincipal> principal(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return verified(authorization.substring(7).strip());
        }
        String ticket = request.getParameter("ticket");
        if (ticket != null) {
            return tickets.redeem(ticket);
        }
        String token = request.getParameter("token");
        return token == null ? Optional.empty() : verified(token);
    }

    private Optional<ChatPrincipal> verified(String token) {
        return tokens.verify(token).map(t -> new ChatPrincipal(t.userId(), t.username(), t.jti(), t.expiresAt()));
    }

    private boolean originAllowed(String origin, HttpServletRequest request) {
        if (allowedOrigins.contains("*") || allowedOrigins.contains(origin)) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader("Host");
            return host != null && host.equalsIgnoreCase(uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
