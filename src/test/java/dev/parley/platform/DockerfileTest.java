package dev.parley.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs on the build machines, so the Dockerfile is checked for what can go wrong
 * unnoticed: a base image of another Payara version than the one built and tested against, a copied
 * path the repository or the build does not have, and boot options pointing at missing files.
 */
class DockerfileTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    @Test
    void baseImageRunsThePayaraVersionThePomBuildsAgainst() throws IOException {
        Matcher pom = Pattern.compile("<payara.version>([^<]+)</payara.version>").matcher(read("pom.xml"));
        assertTrue(pom.find(), "pom.xml names payara.version");
        Matcher image = Pattern.compile("(?m)^FROM payara/micro:([0-9.]+)-jdk17\\s*$").matcher(read("Dockerfile"));
        assertTrue(image.find(), "the run stage is a pinned payara/micro image");
        assertEquals(pom.group(1), image.group(1));
    }

    @Test
    void everyCopiedPathExists() throws IOException {
        Matcher copy = Pattern.compile("(?m)^COPY (?:--\\S+ )*(\\S+) \\S+$").matcher(read("Dockerfile"));
        int copies = 0;
        while (copy.find()) {
            copies++;
            String source = copy.group(1);
            if (copy.group(0).contains("--from=build")) {
                // The build stage runs `mvn package` in /build: its target/ is this project's target/.
                assertEquals("/build/target/parley.war", source);
                assertTrue(read("pom.xml").contains("<finalName>parley</finalName>"), "the build makes target/parley.war");
            } else {
                assertTrue(Files.exists(ROOT.resolve(source)), source + " is in the repository");
            }
        }
        assertEquals(4, copies, "pom.xml, src, payara-config and the WAR are copied");
    }

    @Test
    void bootOptionsNameFilesTheImageHas() throws IOException {
        String dockerfile = read("Dockerfile");
        Matcher option = Pattern.compile("\"/opt/payara/config/([^\"]+)\"").matcher(dockerfile);
        List<String> files = option.results().map(m -> m.group(1)).toList();
        assertEquals(List.of("pre-boot-commands.asadmin", "post-boot-commands.asadmin", "system.properties"), files);
        for (String file : files) {
            assertTrue(Files.exists(ROOT.resolve("payara-config").resolve(file)), file + " is in payara-config/");
        }
        assertTrue(dockerfile.contains("HEALTHCHECK") && dockerfile.contains("/health/ready"),
                "the health check asks the readiness endpoint");
    }

    @Test
    void imageStartsWithTheArchiveOfItsTrainingStartAndTheSameBootOptions() throws IOException {
        String dockerfile = read("Dockerfile").replace("\\\n", " ");
        Matcher run = Pattern.compile("(?m)^RUN sh /opt/payara/config/class-data-sharing\\.sh \\S+ (\\S+) (.*)$")
                .matcher(dockerfile);
        assertTrue(run.find(), "a RUN prepares the root directory with payara-config's script");
        assertTrue(Files.isRegularFile(ROOT.resolve("payara-config/class-data-sharing.sh")));
        String root = run.group(1);
        List<String> training = List.of(run.group(2).trim().split("\\s+"));

        Matcher entry = Pattern.compile("(?m)^ENTRYPOINT (.*)$").matcher(dockerfile);
        assertTrue(entry.find(), "the image has its own entrypoint");
        assertTrue(entry.group(1).contains("-XX:SharedArchiveFile=" + root + "/app.jsa"), entry.group(1));
        assertTrue(entry.group(1).contains("-jar " + root + "/launch-micro.jar"), entry.group(1));

        // The training start installed Parley in the root directory: the launch deploys nothing, and boots
        // with the options the training had.
        Matcher cmd = Pattern.compile("(?m)^CMD \\[(.*)\\]\\s*$").matcher(dockerfile);
        assertTrue(cmd.find(), "the image has a CMD");
        List<String> options = Pattern.compile("\"([^\"]*)\"").matcher(cmd.group(1)).results()
                .map(m -> m.group(1)).toList();
        assertTrue(!options.contains("--deploy") && training.contains("--deploy"), options + " / " + training);
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            int at = training.indexOf(option);
            assertTrue(at >= 0, option + " is in the training start too");
            if (i + 1 < options.size() && !options.get(i + 1).startsWith("--")) {
                assertEquals(options.get(i + 1), training.get(at + 1), "the value of " + option);
                i++;
            }
        }
    }

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }
}
