package dev.parley.platform;

import static dev.parley.testing.ProblemAssertions.NO_VALID_TOKEN;
import static dev.parley.testing.ProblemAssertions.assertProblem;
import static dev.parley.testing.ProblemAssertions.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.DeployedParley;
import dev.parley.testing.Reply;
import dev.parley.testing.TestUser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What holds for every route: errors as problem+json, and CORS. */
class HttpConventionsIT extends DeployedParley {

    private static final String ORIGIN = "https://app.example";

    @Test
    void anUnknownRouteIsNotFoundInTheProblemFormat() {
        for (String path : List.of("api/no-such-route", "api/users/1/nothing", "no-such-page", "api")) {
            assertProblem(http.get(path).send(), 404, "There is nothing here.");
        }
    }

    @Test
    void anUnknownRouteIsNotFoundForAnyMethod() {
        assertProblem(http.post("api/no-such-route").body("{}", "application/json").send(),
                404, "There is nothing here.");
    }

    @Test
    void aWrongMethodIsNotAllowed() {
        Reply reply = http.call("DELETE", "api/users").send();

        assertProblem(reply, 405, "This method is not allowed here.");
        assertEquals("GET, HEAD, OPTIONS, POST", reply.header("Allow").orElseThrow(), "the same on every runtime");
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        Reply reply = http.post("api/users").body("username=a", "application/x-www-form-urlencoded").send();

        assertProblem(reply, 415, "Unsupported media type: send application/json.");
    }

    @Test
    void aPreflightIsAnsweredForAnyOrigin() {
        Reply reply = preflight("api/users", "POST", "authorization, content-type");

        assertEquals(204, reply.status(), reply::toString);
        assertEquals("*", reply.header("Access-Control-Allow-Origin").orElseThrow());
        Set<String> methods = Set.of(reply.header("Access-Control-Allow-Methods").orElseThrow().split(",\\s*"));
        assertTrue(methods.containsAll(Set.of("GET", "POST", "OPTIONS")), methods::toString);
        Set<String> headers = Set.of(reply.header("Access-Control-Allow-Headers").orElseThrow()
                .toLowerCase().split(",\\s*"));
        assertTrue(headers.containsAll(Set.of("authorization", "content-type")), headers::toString);
        assertEquals("600", reply.header("Access-Control-Max-Age").orElseThrow());
        assertEquals(List.of(), reply.headers().allValues("Access-Control-Allow-Credentials"));
    }

    @Test
    void aPreflightOfAProtectedRouteNeedsNoToken() {
        Reply reply = preflight("api/users/me", "GET", "authorization");

        assertEquals(204, reply.status(), reply::toString);
        assertEquals("*", reply.header("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void aCrossOriginRequestMayReadTheAnswerWithoutCredentials() {
        TestUser user = TestUser.register(http, "cors");

        Reply reply = http.get("api/users/me").bearer(user.token()).header("Origin", ORIGIN).send();

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("*", reply.header("Access-Control-Allow-Origin").orElseThrow());
        assertEquals(List.of(), reply.headers().allValues("Access-Control-Allow-Credentials"));
        String exposed = reply.header("Access-Control-Expose-Headers").orElseThrow();
        assertTrue(exposed.contains("Location") && exposed.contains("Retry-After"), exposed);
    }

    @Test
    void aCrossOriginErrorIsReadableToo() {
        Reply reply = http.get("api/users/me").header("Origin", ORIGIN).send();

        assertUnauthorized(reply, NO_VALID_TOKEN);
        assertEquals("*", reply.header("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void aBadTokenRefusedByTheRuntimeIsReadableCrossOriginToo() {
        TestUser user = TestUser.register(http, "cors");
        String tampered = user.token().substring(0, user.token().length() - 4) + "AAAA";

        Reply reply = http.get("api/users/me").bearer(tampered).header("Origin", ORIGIN).send();

        assertEquals(401, reply.status(), reply::toString);
        assertEquals("*", reply.header("Access-Control-Allow-Origin").orElseThrow(), reply::toString);
        assertEquals(List.of("Origin"), reply.headers().allValues("Vary"));
    }

    @Test
    void aSameOriginRequestGetsNoCorsHeaders() {
        Reply reply = http.get("api/users/me").send();

        assertEquals(List.of(), reply.headers().allValues("Access-Control-Allow-Origin"));
    }

    /** What a browser asks before a cross-origin request with these method and headers. */
    private Reply preflight(String path, String method, String headers) {
        return http.call("OPTIONS", path)
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .send();
    }
}
