package dev.parley.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The only place where the benchmark prints: progress lines on the console (stderr, so that a
 * caller can still pipe stdout), copied into {@code bench.log} of the output directory.
 */
final class Reporter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final PrintStream CONSOLE = System.err;
    private static Writer file;

    private Reporter() {
    }

    static synchronized void logTo(Path logFile) {
        closeFile();
        try {
            Files.createDirectories(logFile.getParent());
            file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            file = null;
            line("WARN", "cannot write the log file " + logFile + ": " + e);
        }
    }

    static synchronized void closeFile() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // nothing left to tell
            }
            file = null;
        }
    }

    static void info(String format, Object... args) {
        line("INFO", format(format, args));
    }

    static void warn(String format, Object... args) {
        line("WARN", format(format, args));
    }

    private static String format(String format, Object... args) {
        return args.length == 0 ? format : String.format(Locale.ROOT, format, args);
    }

    private static synchronized void line(String level, String text) {
        String line = LocalTime.now().format(TIME) + " " + level + " [bench] " + text;
        CONSOLE.println(line);
        if (file != null) {
            try {
                file.write(line);
                file.write('\n');
                file.flush();
            } catch (IOException e) {
                file = null;
            }
        }
    }
}
