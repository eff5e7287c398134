package dev.parley.accounts.boundary;

import dev.parley.accounts.control.Caller;
import dev.parley.accounts.control.TokenIssuer;
import dev.parley.accounts.control.TokenRevocations;
import dev.parley.platform.Problem;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Completes the runtime's verification of a token for every resource that needs a user: the
 * signature, issuer and expiry were checked by MicroProfile JWT; this refuses a missing token and a
 * revoked one with 401, refuses a token without the resource's role with 403, and makes the token's user
 * the {@link Caller}. The role is checked here, before the runtime's own check (which stays): RESTEasy's
 * answers 403 in plain text, past every exception mapper, where Parley answers in problem+json.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class TokenCheckFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    TokenRevocations revocations;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || !needsUser(method, resource.getResourceClass())) {
            return;
        }
        if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)) {
            request.abortWith(unauthorized("Authentication is required: send a valid bearer token."));
            return;
        }
        if (!hasRole(request, method, resource.getResourceClass())) {
            request.abortWith(Problem.of(403, Problem.defaultDetail(403)).toResponse());
            return;
        }
        userId(token).flatMap(id -> revocations.holder(id, token.getTokenID(), generation(token)))
                .ifPresentOrElse(user -> caller.authenticated(user, token),
                        () -> request.abortWith(unauthorized("The token is no longer valid.")));
    }

    private static boolean needsUser(Method method, Class<?> type) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return false;
        }
        return method.isAnnotationPresent(RolesAllowed.class) || type.isAnnotationPresent(RolesAllowed.class);
    }

    /** Whether the caller holds one of the roles the method (else its class) allows. */
    private static boolean hasRole(ContainerRequestContext request, Method method, Class<?> type) {
        RolesAllowed allowed = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : type.getAnnotation(RolesAllowed.class);
        return Arrays.stream(allowed.value()).anyMatch(request.getSecurityContext()::isUserInRole);
    }

    /** The user a token speaks for; empty for a subject that is no user id (it names nobody here). */
    private static Optional<Long> userId(JsonWebToken token) {
        try {
            return Optional.of(Long.parseLong(token.getSubject()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Tokens from before token generations existed count as generation 0. */
    private static int generation(JsonWebToken token) {
        Object claim = token.getClaim(TokenIssuer.GENERATION_CLAIM);
        if (claim instanceof JsonNumber number) {
            return number.intValue();
        }
        return claim instanceof Number number ? number.intValue() : 0;
    }

    private static jakarta.ws.rs.core.Response unauthorized(String detail) {
        return Problem.of(401, detail).toResponseBuilder().header("WWW-Authenticate", "Bearer").build();
    }
}
