package org.doorplate.sim;

import org.doorplate.sim.cli.Commands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The device simulator's entry point: one sub-command per task. */
@Command(name = "device-sim", mixinStandardHelpOptions = true, version = "device-sim 0.1.0",
    description = "Simulates smart doorplates and boundary markers against a doorplate server.",
    subcommands = {CommandLine.HelpCommand.class}, commandListHeading = "%nCommands:%n",
    footer = {"", "Exit status: 0 done, 1 a check failed (verify found missing or doubled messages,"
            + " nothing was acknowledged), 2 bad options or input, 3 the server, broker or an endpoint"
            + " was unavailable."})
public final class DeviceSim implements Runnable {
    public static void main(String[] args) {
        System.exit(Commands.commandLine(new DeviceSim()).execute(args));
    }

    @Override
    public void run() {
        Commands.commandLine(this).usage(System.out);
    }
}
