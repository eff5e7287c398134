package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.DeployedParley;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's tour of the HTTP API, run as written against the real server: every call must succeed. */
class ReadmeIT extends DeployedParley {

    @Test
    void theApiTourRunsAsWrittenAndEveryCallSucceeds() throws IOException, InterruptedException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## The HTTP API in brief");
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        String tour = readme.substring(start, readme.indexOf("```", start))
                .replace("http://localhost:8080/", base.toString());
        assertTrue(section > 0 && tour.contains("$API/logout"), tour);
        // As written, but each curl fails on an HTTP error (a 401 from a token logged out a line before, say).
        String script = "set -euo pipefail\ncurl() { command curl --silent --show-error --fail-with-body \"$@\"; }\n" + tour;

        Process run = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(run.waitFor(2, TimeUnit.MINUTES), "the tour finished");
        assertEquals(0, run.exitValue(), output);
    }
}
