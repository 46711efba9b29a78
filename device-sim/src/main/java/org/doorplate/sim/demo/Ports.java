package org.doorplate.sim.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Finds loopback ports for the demo server: the usual one when it is free, another otherwise. */
final class Ports {
    private Ports() {
    }

    /** {@code preferred} if a TCP listener can bind it on loopback now, else a free port. */
    static int tcp(int preferred) {
        for (int port : new int[] {preferred, 0}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return socket.getLocalPort();
            } catch (IOException e) {
                continue;
            }
        }
        throw new IllegalStateException("no free TCP port on loopback");
    }

    /** Whether something accepts TCP connections on {@code host}:{@code port} within two seconds. */
    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code preferred} if a UDP socket can bind it on every address now, else a free port. */
    static int udp(int preferred) {
        for (int port : new int[] {preferred, 0}) {
            try (DatagramSocket socket = new DatagramSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                continue;
            }
        }
        throw new IllegalStateException("no free UDP port");
    }
}
