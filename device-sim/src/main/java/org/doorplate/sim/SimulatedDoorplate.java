package org.doorplate.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.doorplate.protocol.message.Backlight;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.EventKind;
import org.doorplate.protocol.message.FixType;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.Header;
import org.doorplate.sim.model.Battery;
import org.doorplate.sim.model.Chemistry;
import org.doorplate.sim.model.GeoPoint;
import org.doorplate.sim.model.GnssReceiver;
import org.doorplate.sim.model.GnssSample;
import org.doorplate.sim.model.SimTime;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.DeviceKind;

/**
 * A smart doorplate on a house wall: a lithium primary cell, a tamper switch, a backlight that
 * the light sensor turns on at dusk, and a GNSS module it powers only for an occasional fix.
 */
public final class SimulatedDoorplate extends SimulatedDevice {
    /** The default report interval: four times a day. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(6);

    /** The default low-battery threshold: the knee of a lithium thionyl chloride cell. */
    public static final int DEFAULT_LOW_BATTERY_MV = 3300;

    /** One report in this many carries a position fix. */
    static final int FIX_EVERY = 8;

    // A plate's NB-IoT attach and one uplink: ~100 mA for ~2 s; sleeping in PSM: ~5 uA.
    private static final double REPORT_MAH = 0.06;
    private static final double SLEEP_MA = 0.005;
    // Below this the backlight switches on.
    private static final int DUSK_LUX = 50;

    private final GeoPoint position;
    private final GnssReceiver receiver;
    private final ZoneOffset zone;
    private boolean tamper;
    private boolean backlightFault;
    private long reports;

    SimulatedDoorplate(DeviceCredentials credentials, GeoPoint position, DeviceSettings settings, SimTime time,
            RandomGenerator random) {
        super(credentials, settings, time, random,
            new Battery(Chemistry.LITHIUM_THIONYL_CHLORIDE, 4000, 0.6 + 0.4 * random.nextDouble()),
            DEFAULT_INTERVAL, DEFAULT_LOW_BATTERY_MV);
        this.position = position;
        this.receiver = new GnssReceiver(random, settings.gnss());
        this.zone = settings.zone();
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.DOORPLATE;
    }

    /** Where the plate hangs. */
    public GeoPoint position() {
        return position;
    }

    /** Opens (true) or closes the tamper switch; opening raises a TAMPER event on the next report. */
    public synchronized void setTamper(boolean open) {
        if (open && !tamper) {
            raise(EventKind.TAMPER, "tamper switch opened");
        }
        tamper = open;
    }

    public synchronized boolean tamper() {
        return tamper;
    }

    /** Breaks (true) or repairs the backlight; a break raises a FAULT event on the next report. */
    public synchronized void setBacklightFault(boolean broken) {
        if (broken && !backlightFault) {
            raise(EventKind.FAULT, "backlight open circuit");
        }
        backlightFault = broken;
    }

    @Override
    synchronized BatchEntry reading(Header header) {
        reports++;
        int lux = ambientLux(time.now());
        Backlight backlight = backlightFault ? Backlight.FAULT : lux < DUSK_LUX ? Backlight.ON : Backlight.OFF;
        boolean fixNow = takeLocateRequest() || reports % FIX_EVERY == 1;
        Optional<GnssFix> fix = fixNow ? Optional.of(toFix(receiver.fix(position))) : Optional.empty();
        return new DoorplateReading(header, battery.millivolts(), tamper, backlight, lux, fix);
    }

    @Override
    double reportCostMah() {
        return REPORT_MAH;
    }

    @Override
    double sleepMilliamps() {
        return SLEEP_MA;
    }

    // Daylight on a house wall: up to ~20,000 lux at noon in the open shade, nothing at night,
    // with a little sensor noise.
    private int ambientLux(Instant at) {
        double hour = Math.floorMod(at.getEpochSecond() + zone.getTotalSeconds(), 86_400L) / 3600.0;
        double sun = hour > 6 && hour < 18 ? Math.sin(Math.PI * (hour - 6) / 12) : 0;
        double lux = 20_000 * sun * (0.8 + 0.2 * random.nextDouble()) + random.nextDouble() * 3;
        return (int) Math.round(Math.min(DoorplateReading.MAX_LUX, lux));
    }

    static GnssFix toFix(GnssSample sample) {
        int hdop = (int) Math.min(GnssFix.MAX_HDOP_CENTI, Math.round(sample.hdop() * 100));
        if (!sample.hasFix()) {
            return GnssFix.none(hdop, sample.satellites());
        }
        GeoPoint p = sample.position();
        FixType type = sample.satellites() < 6 ? FixType.FIX_2D : FixType.FIX_3D;
        int heightMm = (int) Math.max(GnssFix.MIN_HEIGHT_MM, Math.min(GnssFix.MAX_HEIGHT_MM,
            Math.round(p.heightMetres() * 1000)));
        return new GnssFix((int) Math.round(p.latitude() * 1e7), (int) Math.round(p.longitude() * 1e7), heightMm,
            hdop, sample.satellites(), type);
    }
}
