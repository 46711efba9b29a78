package org.doorplate.sim.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses to aim the simulator at anything but this machine unless the operator says so.
 *
 * <p>A load run against a production broker by mistake is an outage; the guard makes that
 * take an explicit {@code --allow-remote}. It looks only at the literal host: a loopback IP
 * literal ({@code 127.0.0.0/8}, {@code ::1}) or the name {@code localhost}. It never resolves
 * a name, because a name that resolves to loopback today may not tomorrow, and a lookup is
 * itself traffic.
 */
public final class LoopbackGuard {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:]*:[0-9a-f:]*");

    private final boolean allowRemote;

    public LoopbackGuard(boolean allowRemote) {
        this.allowRemote = allowRemote;
    }

    /**
     * Returns {@code target} if it may be used.
     *
     * @param what what the target is, for the message ("server", "MQTT broker")
     * @throws IllegalArgumentException if the target has no host, or a host that is not
     *     loopback while remote targets are not allowed
     */
    public URI check(String what, URI target) {
        String host = target.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(what + ": expected a URL with a host, found '" + target + "'");
        }
        if (!allowRemote && !isLoopback(host)) {
            throw new IllegalArgumentException(what + ": " + host + " is not a loopback address;"
                + " the simulator only targets this machine unless --allow-remote is given");
        }
        return target;
    }

    /** Whether {@code host} is literally a loopback address or {@code localhost}. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(h).matches()) {
            return isLoopbackIpv4(h);
        }
        if (!IPV6.matcher(h).matches()) {
            return false;
        }
        try {
            // Only hex digits and colons: Java parses this as a literal, with no name lookup.
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isLoopbackIpv4(String literal) {
        String[] octets = literal.split("\\.");
        for (String octet : octets) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return octets[0].equals("127");
    }
}
