package org.doorplate.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.EventKind;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.sim.model.Battery;
import org.doorplate.sim.model.Chemistry;
import org.doorplate.sim.model.GeoPoint;
import org.doorplate.sim.model.GnssReceiver;
import org.doorplate.sim.model.SimTime;
import org.doorplate.sim.model.SolarPanel;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.DeviceKind;

/**
 * A GNSS boundary marker: a concrete post with a receiver, a tilt sensor, a tamper switch, a
 * lithium-ion pack charged by a small solar panel, a thermometer and an NB-IoT modem.
 *
 * <p>Its true position starts at the surveyed reference; {@link #displace} moves it (a
 * digger, frost heave, theft), and every fix then scatters around the new spot.
 */
public final class SimulatedMarker extends SimulatedDevice {
    /** The default report interval, the server's default for markers. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

    /** The default low-battery threshold for a lithium-ion pack. */
    public static final int DEFAULT_LOW_BATTERY_MV = 3400;

    /** The default tilt at which the marker raises TAMPER: 10 degrees from vertical. */
    public static final int DEFAULT_TILT_LIMIT_CENTI = 1000;

    // A 30 s GNSS fix at ~30 mA plus one NB-IoT uplink; ~50 uA asleep with the RTC running.
    private static final double REPORT_MAH = 0.30;
    private static final double SLEEP_MA = 0.05;

    private final GeoPoint reference;
    private final GnssReceiver receiver;
    private final SolarPanel panel;
    private final ZoneOffset zone;
    private final double baseTiltCenti;
    private final int signalDbm;
    private GeoPoint truePosition;
    private double tiltCenti;
    private int tiltLimitCenti = DEFAULT_TILT_LIMIT_CENTI;
    private boolean tiltRaised;
    private boolean tamper;

    SimulatedMarker(DeviceCredentials credentials, GeoPoint reference, DeviceSettings settings, SimTime time,
            RandomGenerator random) {
        super(credentials, settings, time, random,
            new Battery(Chemistry.LITHIUM_ION, 3000, 0.7 + 0.3 * random.nextDouble()),
            DEFAULT_INTERVAL, DEFAULT_LOW_BATTERY_MV);
        this.reference = reference;
        this.truePosition = reference;
        this.receiver = new GnssReceiver(random, settings.gnss());
        this.panel = new SolarPanel(150, settings.zone(), random);
        this.zone = settings.zone();
        // A set post leans a little, 0.2 to 1.5 degrees.
        this.baseTiltCenti = 20 + 130 * random.nextDouble();
        this.tiltCenti = baseTiltCenti;
        this.signalDbm = -75 - random.nextInt(30);
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.MARKER;
    }

    /** The surveyed reference position. */
    public GeoPoint reference() {
        return reference;
    }

    /** Where the marker really stands now. */
    public synchronized GeoPoint truePosition() {
        return truePosition;
    }

    /** Moves the marker {@code metres} along {@code bearingDegrees} (clockwise from north). */
    public synchronized void displace(double metres, double bearingDegrees) {
        if (!(metres >= 0) || metres > 100_000) {
            throw new IllegalArgumentException("displacement: expected 0..100000 m, found " + metres);
        }
        truePosition = truePosition.move(metres, bearingDegrees);
    }

    /** Leans the marker to {@code degrees} from vertical; past the limit it raises TAMPER. */
    public synchronized void setTilt(double degrees) {
        if (!(degrees >= 0 && degrees <= 180)) {
            throw new IllegalArgumentException("tilt: expected 0..180 degrees, found " + degrees);
        }
        tiltCenti = degrees * 100;
        checkTilt();
    }

    /** The tilt from vertical in degrees, as the sensor last saw it (noise aside). */
    public synchronized double tiltDegrees() {
        return tiltCenti / 100;
    }

    public synchronized int tiltLimitCenti() {
        return tiltLimitCenti;
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

    @Override
    synchronized String applyThresholds(CommandAction.SetThresholds thresholds) {
        thresholds.tiltCentiDegrees().ifPresent(t -> tiltLimitCenti = t);
        checkTilt();
        return "tilt limit " + tiltLimitCenti + " cdeg, low battery " + lowBatteryThresholdMv() + " mV";
    }

    private void checkTilt() {
        if (tiltCenti > tiltLimitCenti && !tiltRaised) {
            tiltRaised = true;
            raise(EventKind.TAMPER, String.format("tilt %.1f degrees", tiltCenti / 100));
        } else if (tiltCenti <= tiltLimitCenti) {
            tiltRaised = false;
        }
    }

    @Override
    synchronized BatchEntry reading(Header header) {
        Instant now = time.now();
        takeLocateRequest();
        GnssFix fix = SimulatedDoorplate.toFix(receiver.fix(truePosition));
        int tilt = (int) Math.round(Math.max(0, Math.min(MarkerReading.MAX_TILT_CENTI_DEGREES,
            tiltCenti + 3 * random.nextGaussian())));
        int solarMv = panel.milliamps(now) > 0 ? 5000 + (int) (1000 * random.nextDouble()) : 0;
        int signal = Math.max(MarkerReading.MIN_SIGNAL_DBM, Math.min(0, signalDbm + (int) Math.round(
            3 * random.nextGaussian())));
        return new MarkerReading(header, fix, tilt, tamper, battery.millivolts(), solarMv, temperatureDeciC(now),
            signal);
    }

    // An enclosure in the sun: 12 C mean, 8 C either way over the day, warmest mid-afternoon.
    private int temperatureDeciC(Instant at) {
        double hour = Math.floorMod(at.getEpochSecond() + zone.getTotalSeconds(), 86_400L) / 3600.0;
        double celsius = 12 + 8 * Math.sin(2 * Math.PI * (hour - 9) / 24) + 0.3 * random.nextGaussian();
        return (int) Math.round(celsius * 10);
    }

    @Override
    void harvest(Instant from, Duration period) {
        battery.charge(panel.chargeMah(from, period));
    }

    @Override
    double reportCostMah() {
        return REPORT_MAH;
    }

    @Override
    double sleepMilliamps() {
        return SLEEP_MA;
    }
}
