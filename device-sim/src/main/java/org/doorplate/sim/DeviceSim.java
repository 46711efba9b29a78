package org.doorplate.sim;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The device simulator's entry point: one sub-command per task. */
@Command(name = "device-sim", mixinStandardHelpOptions = true, version = "device-sim 0.1.0",
    description = "Simulates smart doorplates and boundary markers against a doorplate server.")
public final class DeviceSim implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceSim()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
