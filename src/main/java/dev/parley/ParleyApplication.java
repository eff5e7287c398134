package dev.parley;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The HTTP API under {@code /api}, guarded by MicroProfile JWT.
 * <p>
 * {@code @ApplicationScoped} is not decoration: Payara finds {@code @LoginConfig} only on a CDI bean.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles(ParleyApplication.USER_ROLE)
@ApplicationScoped
public class ParleyApplication extends Application {

    /** The one role every token carries in its {@code groups} claim. */
    public static final String USER_ROLE = "user";
}
