package org.doorplate.sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.doorplate.sim.net.LoopbackGuard;
import org.doorplate.sim.provision.CredentialsFile;
import org.doorplate.sim.provision.DeviceCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Creates devices on the server and writes their credentials to a file. */
@Command(name = "provision", mixinStandardHelpOptions = true,
    description = "Creates doorplates and markers on the server (POST /api/v1/devices) and writes their"
        + " credentials (id,kind,key) to a CSV file for later runs.")
final class ProvisionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Option(names = "--doorplates", defaultValue = "0", description = "How many doorplates (default: 0).")
    int doorplates;

    @Option(names = "--markers", defaultValue = "0", description = "How many markers (default: 0).")
    int markers;

    @Option(names = "--prefix", paramLabel = "TEXT", description = "Prefix of the device ids (default: random).")
    String prefix;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE", description = "Where to write the CSV.")
    Path out;

    @Option(names = "--allow-remote", description = "Allow a server that is not on this machine.")
    boolean allowRemote;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        DeviceSource source = new DeviceSource();
        source.prefix = prefix;
        List<DeviceCredentials> made = source.devices(server, new LoopbackGuard(allowRemote), doorplates, markers,
            console);
        CredentialsFile.write(out, made);
        console.println("wrote " + made.size() + " devices to " + out + "; keep it private, it holds their keys");
        return ExitCodes.OK;
    }
}
