package org.doorplate.sim.transport;

import java.util.function.Consumer;
import org.doorplate.sim.provision.DeviceCredentials;

/** Makes links of one transport; owns what the links share (threads), freed by {@link #close()}. */
public interface LinkFactory extends AutoCloseable {
    /**
     * A link for {@code device}, not yet connected.
     *
     * @param downlinks receives each downlink payload the transport delivers on its own
     *     (MQTT); called on a transport thread, so it must hand off rather than block
     */
    DeviceLink create(DeviceCredentials device, Consumer<byte[]> downlinks);

    /** Frees what the links share; close the links first. */
    @Override
    void close();
}
