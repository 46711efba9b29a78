package org.doorplate.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.doorplate.sim.DeviceSim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's answers to bad input: usage errors, the loopback guard, bad files. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CommandLineTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpListsEveryCommand() {
        int code = run("--help");

        assertEquals(ExitCodes.OK, code);
        for (String command : new String[] {"run", "scenario", "load", "verify", "provision", "demo"}) {
            assertTrue(out.toString().contains("  " + command + " "), command + " missing from " + out);
        }
    }

    @Test
    void unknownOptionIsAUsageError() {
        int code = run("load", "--rate", "100", "--bogus");

        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
    }

    @Test
    void badDurationIsAUsageError() {
        int code = run("load", "--duration", "soon");

        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("expected a duration"), err.toString());
    }

    @Test
    void loadRefusesARemoteBrokerBeforeSendingAnything() throws Exception {
        Path credentials = credentialsFile();

        int code = run("load", "--credentials", credentials.toString(), "--mqtt", "tcp://10.1.2.3:1883",
            "--duration", "1s", "--acked-file", dir.resolve("acked.csv").toString());

        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("10.1.2.3 is not a loopback address"), err.toString());
        assertFalse(Files.exists(dir.resolve("acked.csv")));
    }

    @Test
    void unboundedLoadIsRefused() throws Exception {
        int code = run("load", "--credentials", credentialsFile().toString(), "--duration", "3d");

        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("duration: expected above 0 and at most PT24H"), err.toString());
    }

    @Test
    void credentialsFileWithBadLinesIsRefusedWithTheirNumbers() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "id,kind,key\nok-1,doorplate," + "ab".repeat(32) + "\nbad,lamp,00\n");

        int code = run("run", "--credentials", bad.toString(), "--duration", "1s");

        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("line 3: kind: expected doorplate or marker"), err.toString());
    }

    @Test
    void verifyOfAMissingFileSaysWhichFile() {
        int code = run("verify", "--acked-file", dir.resolve("none.csv").toString(), "--admin-password", "x");

        assertEquals(ExitCodes.UNAVAILABLE, code);
        assertTrue(err.toString().contains("none.csv"), err.toString());
    }

    @Test
    void demoWithoutTheServerJarSaysHowToBuildIt() {
        int code = run("demo", "--server-jar", dir.resolve("missing.jar").toString());

        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("build it first"), err.toString());
    }

    @Test
    void durationsReadShortAndIsoForms() {
        DurationConverter converter = new DurationConverter();

        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(30), converter.convert("30s"));
        assertEquals(Duration.ofMinutes(5), converter.convert("5m"));
        assertEquals(Duration.ofHours(-3), converter.convert("-3h"));
        assertEquals(Duration.ofDays(1), converter.convert("1d"));
        assertEquals(Duration.ofSeconds(90), converter.convert("PT1M30S"));
        assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("1 week"));
    }

    private Path credentialsFile() throws Exception {
        Path file = dir.resolve("fleet.csv");
        Files.writeString(file, "id,kind,key\ncl-1,marker," + "ab".repeat(32) + "\n");
        return file;
    }

    private int run(String... args) {
        CommandLine cli = Commands.commandLine(new DeviceSim());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
