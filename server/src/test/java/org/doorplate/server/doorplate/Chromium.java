package org.doorplate.server.doorplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doorplate.server.testing.ScratchFolders;

/** Drives Debian's headless Chromium, as a phone browser stand-in, against loopback pages. */
final class Chromium {
    private static final String BINARY = "/usr/bin/chromium";

    private Chromium() {
    }

    /** The DOM after Chromium loaded and laid out the page. */
    static String dumpDom(String url) throws IOException, InterruptedException {
        return run(url, List.of("--dump-dom"));
    }

    /** Takes a screenshot the size of a mid-range phone screen (412 x 915 CSS pixels). */
    static void screenshot(String url, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        run(url, List.of("--screenshot=" + file.toAbsolutePath(), "--window-size=412,915",
                "--hide-scrollbars"));
    }

    private static String run(String url, List<String> extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile-");
        try {
            List<String> command = new ArrayList<>(List.of(BINARY, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
            command.addAll(extra);
            command.add(url);
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("chromium exited with " + process.exitValue());
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            ScratchFolders.delete(profile);
        }
    }
}
