package org.doorplate.sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.doorplate.sim.api.ServerApi;
import org.doorplate.sim.net.LoopbackGuard;
import org.doorplate.sim.provision.CredentialsFile;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.Provisioner;
import picocli.CommandLine.Option;

/** Where the simulated devices come from: a credentials file, or new devices made on the server. */
public final class DeviceSource {
    @Option(names = "--credentials", paramLabel = "FILE",
        description = "Use these devices (CSV: id,kind,key[,lat,lon]) instead of provisioning new ones.")
    Path credentials;

    @Option(names = "--prefix", paramLabel = "TEXT",
        description = "Prefix of the ids of provisioned devices (default: sim- and 4 random hex digits).")
    String prefix;

    @Option(names = "--save-credentials", paramLabel = "FILE",
        description = "Write the provisioned devices' credentials here, to reuse with --credentials.")
    Path save;

    /** The devices: read from the file, or {@code doorplates} and {@code markers} provisioned now. */
    List<DeviceCredentials> devices(ServerOptions server, LoopbackGuard guard, int doorplates, int markers,
            PrintWriter out) {
        if (credentials != null) {
            List<DeviceCredentials> read = CredentialsFile.read(credentials);
            out.println("read " + read.size() + " devices from " + credentials);
            return read;
        }
        if (doorplates + markers == 0) {
            throw new IllegalArgumentException("no devices: give --credentials, or a count of devices to provision");
        }
        ServerApi api = server.signIn(guard);
        String idPrefix = prefix != null ? prefix : "sim-" + HexFormat.of().formatHex(randomBytes(2));
        List<DeviceCredentials> made = new Provisioner(api, line -> out.println(line))
            .provision(idPrefix, doorplates, markers);
        out.println("provisioned " + made.size() + " devices on " + server.server + " (ids " + idPrefix + "-...)");
        if (save != null) {
            CredentialsFile.write(save, made);
            out.println("credentials written to " + save);
        }
        return made;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
