package dev.parley;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The HTTP API under {@code /api}, guarded by MicroProfile JWT.
 * <p>
 * {@code @ApplicationScoped} is not decoration: Payara finds {@code @LoginConfig} only on a CDI bean.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles(ParleyApplication.USER_ROLE)
@ApplicationScoped
@OpenAPIDefinition(
        info = @Info(title = "Parley", version = "1",
                description = "Real-time chat. Errors are application/problem+json (RFC 9457) with `error` and "
                        + "`message` holding the same text as `detail`. The WebSocket protocol at /ws is described "
                        + "in docs/protocol.md."),
        tags = {
            @Tag(name = "accounts", description = "Registration, login, tokens and the user directory"),
            @Tag(name = "chat", description = "History and WebSocket tickets")
        })
@SecurityScheme(securitySchemeName = ParleyApplication.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "The token from POST /api/login")
public class ParleyApplication extends Application {

    /** The one role every token carries in its {@code groups} claim. */
    public static final String USER_ROLE = "user";

    /** The OpenAPI security scheme of the protected routes. */
    public static final String BEARER = "bearer";
}
