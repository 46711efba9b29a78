package org.doorplate.server.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.server.ingest.TestDevices;

/**
 * A stream of sealed CBOR marker readings, built once so that every consumer measured gets the
 * same bytes on the same topics in the same order: message {@code i} comes from device
 * {@code i % devices} with that device's next sequence number, five minutes of device time
 * after its previous reading.
 *
 * @param readings the readings, for the rows of the COPY baseline
 * @param messages what is published
 * @param start the device time of the earliest reading
 */
record BenchStream(List<MarkerReading> readings, List<Message> messages, Instant start) {
    /** The readings table's columns in the order of {@link #copyRows}. */
    static final String COPY_COLUMNS = "time, device_id, seq, received_at, kind, battery_mv, tamper, backlight,"
        + " ambient_lux, fix_type, latitude_e7, longitude_e7, height_mm, hdop_centi, satellites, tilt_centi_deg,"
        + " solar_mv, temperature_deci_c, signal_dbm";
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    /**
     * One publication.
     *
     * @param lane the device's index: a publisher client takes the lanes of one residue class
     */
    record Message(String topic, byte[] payload, int lane) {
    }

    static BenchStream of(List<String> devices, Map<String, DeviceKey> keys, int count, Instant start) {
        List<MarkerReading> readings = new ArrayList<>(count);
        List<Message> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int device = i % devices.size();
            String id = devices.get(device);
            long seq = i / devices.size() + 1;
            MarkerReading reading = TestDevices.markerReading(id, seq, start.plus(INTERVAL.multipliedBy(seq)), 100);
            readings.add(reading);
            messages.add(new Message(Topics.uplink(id), TestDevices.cbor(keys.get(id), reading), device));
        }
        return new BenchStream(List.copyOf(readings), List.copyOf(messages), start);
    }

    int size() {
        return messages.size();
    }

    /** The readings as the server stores them, in COPY text format for {@link #COPY_COLUMNS}. */
    byte[] copyRows(Instant receivedAt) {
        StringBuilder text = new StringBuilder(readings.size() * 130);
        for (MarkerReading r : readings) {
            GnssFix fix = r.fix();
            text.append(r.deviceTime()).append('\t').append(r.deviceId()).append('\t').append(r.seq()).append('\t')
                .append(receivedAt).append("\t2\t").append(r.batteryMv()).append('\t').append(r.tamper() ? 't' : 'f')
                .append("\t\\N\t\\N\t").append(fix.fixType().code()).append('\t').append(fix.latitudeE7())
                .append('\t').append(fix.longitudeE7()).append('\t').append(fix.heightMm()).append('\t')
                .append(fix.hdopCenti()).append('\t').append(fix.satellites()).append('\t')
                .append(r.tiltCentiDegrees()).append('\t').append(r.solarMv()).append('\t')
                .append(r.temperatureDeciC()).append('\t').append(r.signalDbm()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
