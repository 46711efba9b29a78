package org.doorplate.server.ingest.coap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * A UDP relay on loopback that plays a carrier's NAT: it forwards the device's datagrams to the
 * server from an outside port, and {@link #rebind()} moves to a new outside port, as a NAT does
 * when its mapping expires. Replies from the server go back to the device.
 */
final class RebindingRelay implements AutoCloseable {
    private final DatagramSocket inside;
    private final InetSocketAddress server;
    private volatile DatagramSocket outside;
    private volatile SocketAddress device;

    RebindingRelay(InetSocketAddress server) throws IOException {
        this.server = server;
        this.inside = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.outside = openOutside();
        Thread forward = new Thread(this::forwardToServer, "relay-in");
        forward.setDaemon(true);
        forward.start();
    }

    /** Where the device sends to. */
    InetSocketAddress address() {
        return (InetSocketAddress) inside.getLocalSocketAddress();
    }

    /** The outside port the server currently sees the device at. */
    int outsidePort() {
        return outside.getLocalPort();
    }

    /** Forgets the mapping: later datagrams reach the server from a new port. */
    void rebind() throws IOException {
        DatagramSocket old = outside;
        outside = openOutside();
        old.close();
    }

    private DatagramSocket openOutside() throws SocketException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread back = new Thread(() -> forwardToDevice(socket), "relay-out-" + socket.getLocalPort());
        back.setDaemon(true);
        back.start();
        return socket;
    }

    private void forwardToServer() {
        byte[] buffer = new byte[65_536];
        while (!inside.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                inside.receive(packet);
                device = packet.getSocketAddress();
                outside.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength(), server));
            } catch (IOException e) {
                // The socket was closed (relay shut down) or an outside socket was swapped.
            }
        }
    }

    private void forwardToDevice(DatagramSocket socket) {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                inside.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength(), device));
            } catch (IOException e) {
                // Closed by rebind() or close().
            }
        }
    }

    @Override
    public void close() {
        inside.close();
        outside.close();
    }
}
