package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The page size of a list without a {@code limit}; a limit that is refused is the ITs' (no JAX-RS runtime here). */
class ProblemExceptionTest {

    @Test
    void withoutALimitThePageIsTheConfiguredSizeBroughtInto1ToTheMaximum() {
        assertEquals(50, ProblemException.limit(null, 50, 200));
        assertEquals(200, ProblemException.limit(null, 500, 200), "a configured size above the maximum");
        assertEquals(1, ProblemException.limit(null, 0, 200), "a configured size below 1");
    }

    @Test
    void aGivenLimitFrom1ToTheMaximumIsTakenAsItIs() {
        assertEquals(1, ProblemException.limit("1", 50, 200));
        assertEquals(200, ProblemException.limit(" 200 ", 50, 200));
    }
}
