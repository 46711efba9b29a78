package org.doorplate.sim;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.doorplate.sim.model.GeoPoint;
import org.doorplate.sim.model.SimTime;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.DeviceKind;
import org.doorplate.sim.transport.CoapLinkFactory;
import org.doorplate.sim.transport.DeviceLink;
import org.doorplate.sim.transport.LinkException;
import org.doorplate.sim.transport.LinkFactory;
import org.doorplate.sim.transport.MqttLinkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated fleet of doorplates and markers, each on its own MQTT or CoAP link, reporting on
 * its own jittered schedule, now and then dropping offline and back-filling when it returns.
 *
 * <p>Usable from tests: build it, {@link #connect()} it, then either {@link #start()} the
 * schedules or drive devices directly (a {@link Scenario}, {@link SimulatedDevice#report()}).
 *
 * <pre>{@code
 * try (Fleet fleet = Fleet.builder().mqtt(URI.create("tcp://127.0.0.1:1883"))
 *         .devices(credentials).build()) {
 *     fleet.connect();
 *     SimulatedMarker marker = fleet.markers().get(0);
 *     new Scenario.Displace(12, 90, 5).applyTo(marker).toCompletableFuture().join();
 * }
 * }</pre>
 */
public final class Fleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    /** Where devices without a surveyed position are placed: Hohhot, within a few kilometres. */
    public static final GeoPoint DEFAULT_AREA = new GeoPoint(40.8424, 111.7500, 1050);

    private final Map<String, SimulatedDevice> devices;
    private final List<LinkFactory> factories;
    private final SimTime time;
    private final SplittableRandom random;
    private final double offlineChance;
    private final Duration meanOffline;
    private final Duration firstReportWithin;
    private final FleetStats stats = new FleetStats();
    private final List<Consumer<Delivery>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService commands;
    private final Map<String, ScheduledFuture<?>> schedules = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean closed;

    private Fleet(Builder b) {
        this.time = new SimTime(b.clock, b.timeScale);
        this.random = new SplittableRandom(b.seed);
        this.offlineChance = b.offlineChance;
        this.meanOffline = b.meanOffline;
        this.firstReportWithin = b.firstReportWithin;
        this.scheduler = Executors.newScheduledThreadPool(b.schedulerThreads, daemon("fleet"));
        this.commands = Executors.newFixedThreadPool(2, daemon("fleet-commands"));
        this.factories = new ArrayList<>();
        LinkFactory mqtt = b.links != null ? b.links : b.mqtt == null ? null : new MqttLinkFactory(b.mqtt);
        LinkFactory coap = b.links != null ? b.links
            : b.coap == null ? null : new CoapLinkFactory(b.coap, b.coapAckTimeout);
        if (mqtt != null) {
            factories.add(mqtt);
        }
        if (coap != null && coap != mqtt) {
            factories.add(coap);
        }
        this.devices = new LinkedHashMap<>();
        int index = 0;
        for (DeviceCredentials c : b.devices) {
            SimulatedDevice device = create(c, b);
            LinkFactory factory = pick(b.transport, index++, mqtt, coap);
            DeviceLink link = factory.create(c, payload -> commands.execute(() -> device.handleDownlink(payload)));
            device.attach(link, commands, this::deliver, () -> reschedule(device));
            devices.put(c.id(), device);
        }
        listeners.add(stats);
        listeners.addAll(b.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    private SimulatedDevice create(DeviceCredentials c, Builder b) {
        SplittableRandom own = random.split();
        GeoPoint where = c.position().orElseGet(() -> scatter(b.area, b.areaRadiusMetres, own));
        return c.kind() == DeviceKind.MARKER
            ? new SimulatedMarker(c, where, b.settings, time, own)
            : new SimulatedDoorplate(c, where, b.settings, time, own);
    }

    private static GeoPoint scatter(GeoPoint center, double radius, SplittableRandom r) {
        double distance = radius * Math.sqrt(r.nextDouble());
        return center.move(distance, r.nextDouble(0, 360));
    }

    private static LinkFactory pick(Transport transport, int index, LinkFactory mqtt, LinkFactory coap) {
        LinkFactory chosen = switch (transport) {
            case MQTT -> mqtt;
            case COAP -> coap;
            case MIXED -> index % 2 == 0 ? mqtt : coap;
        };
        if (chosen == null) {
            throw new IllegalStateException("transport " + transport.name().toLowerCase(Locale.ROOT)
                + " needs " + (mqtt == null ? "an MQTT broker URL" : "a CoAP server URL"));
        }
        return chosen;
    }

    // ---- the devices

    public List<SimulatedDevice> devices() {
        return List.copyOf(devices.values());
    }

    public List<SimulatedMarker> markers() {
        return devices.values().stream().filter(SimulatedMarker.class::isInstance)
            .map(SimulatedMarker.class::cast).toList();
    }

    public List<SimulatedDoorplate> doorplates() {
        return devices.values().stream().filter(SimulatedDoorplate.class::isInstance)
            .map(SimulatedDoorplate.class::cast).toList();
    }

    /**
     * The device with {@code id}.
     *
     * @throws IllegalArgumentException if the fleet has none
     */
    public SimulatedDevice device(String id) {
        SimulatedDevice device = devices.get(id);
        if (device == null) {
            throw new IllegalArgumentException("device: the fleet has no device '" + id + "'");
        }
        return device;
    }

    /** The marker with {@code id}; throws if the fleet has no such marker. */
    public SimulatedMarker marker(String id) {
        if (device(id) instanceof SimulatedMarker marker) {
            return marker;
        }
        throw new IllegalArgumentException("device: '" + id + "' is not a marker");
    }

    public FleetStats stats() {
        return stats;
    }

    public SimTime time() {
        return time;
    }

    /** Adds a receiver of every delivery of every device; called on transport threads. */
    public void addListener(Consumer<Delivery> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ---- running

    /**
     * Connects every device's link, a few at a time.
     *
     * @throws LinkException for the first device that cannot connect
     */
    public void connect() throws LinkException {
        ExecutorService pool = Executors.newFixedThreadPool(8, daemon("fleet-connect"));
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (SimulatedDevice device : devices.values()) {
                pending.add(pool.submit(() -> {
                    device.connect();
                    return null;
                }));
            }
            for (Future<?> f : pending) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LinkException link) {
                throw link;
            }
            throw new IllegalStateException("connecting the fleet failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("connecting the fleet took more than a minute", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting the fleet", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts every device's report schedule; the first reports come within a few seconds. */
    public void start() {
        running = true;
        for (SimulatedDevice device : devices.values()) {
            long spread = Math.min(device.nextWait().toMillis(), firstReportWithin.toMillis());
            long delay = spread <= 0 ? 0 : random.nextLong(spread + 1);
            schedule(device, Duration.ofMillis(delay));
        }
        LOG.info("fleet started [devices: {}, time scale: {}]", devices.size(), time.scale());
    }

    /** Stops the schedules; devices stay connected. */
    public void stop() {
        running = false;
        schedules.values().forEach(f -> f.cancel(false));
        schedules.clear();
    }

    private void schedule(SimulatedDevice device, Duration delay) {
        if (!running || closed) {
            return;
        }
        ScheduledFuture<?> next = scheduler.schedule(() -> tick(device), delay.toNanos(), TimeUnit.NANOSECONDS);
        schedules.put(device.id(), next);
    }

    private void reschedule(SimulatedDevice device) {
        ScheduledFuture<?> current = schedules.get(device.id());
        if (current != null && current.cancel(false)) {
            schedule(device, device.nextWait());
        }
    }

    private void tick(SimulatedDevice device) {
        try {
            if (!device.isSilent()) {
                device.report();
                maybeDropOffline(device);
            }
        } catch (RuntimeException e) {
            LOG.warn("report failed [device: {}]", device.id(), e);
        } finally {
            schedule(device, device.nextWait());
        }
    }

    private void maybeDropOffline(SimulatedDevice device) {
        if (offlineChance <= 0 || !device.isOnline() || random.nextDouble() >= offlineChance) {
            return;
        }
        device.goOffline();
        // Exponential outage lengths: most are short, a few last hours.
        double simulatedSeconds = -Math.log(1 - random.nextDouble()) * meanOffline.toSeconds();
        Duration real = time.toReal(Duration.ofMillis(Math.round(simulatedSeconds * 1000)));
        scheduler.schedule(() -> comeBack(device), real.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void comeBack(SimulatedDevice device) {
        if (closed) {
            return;
        }
        try {
            device.goOnline();
        } catch (LinkException e) {
            LOG.debug("reconnect failed, retrying [device: {}]", device.id(), e);
            scheduler.schedule(() -> comeBack(device), 5, TimeUnit.SECONDS);
        }
    }

    private void deliver(Delivery delivery) {
        for (Consumer<Delivery> l : listeners) {
            try {
                l.accept(delivery);
            } catch (RuntimeException e) {
                LOG.warn("delivery listener failed", e);
            }
        }
    }

    /** Stops the schedules, disconnects every device and frees the threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        scheduler.shutdownNow();
        commands.shutdownNow();
        devices.values().parallelStream().forEach(d -> {
            DeviceLink link = d.link();
            if (link != null) {
                link.close();
            }
        });
        factories.forEach(LinkFactory::close);
        LOG.info("fleet stopped [{}]", stats);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds a fleet; only the devices and one transport URL are required. */
    public static final class Builder {
        private final List<DeviceCredentials> devices = new ArrayList<>();
        private final List<Consumer<Delivery>> listeners = new ArrayList<>();
        private URI mqtt;
        private URI coap;
        private Transport transport;
        private DeviceSettings settings = DeviceSettings.DEFAULTS;
        private Clock clock = Clock.systemUTC();
        private double timeScale = 1;
        private long seed = System.nanoTime();
        private double offlineChance;
        private Duration meanOffline = Duration.ofHours(1);
        private Duration firstReportWithin = Duration.ofSeconds(10);
        private GeoPoint area = DEFAULT_AREA;
        private double areaRadiusMetres = 5000;
        private int schedulerThreads = 2;
        private Duration coapAckTimeout = Duration.ofSeconds(2);
        private LinkFactory links;

        private Builder() {
        }

        /** Sends over MQTT to {@code broker} (the default transport once set). */
        public Builder mqtt(URI broker) {
            this.mqtt = broker;
            return this;
        }

        /** Sends over CoAP to {@code server} ({@code coaps://} for DTLS). */
        public Builder coap(URI server) {
            this.coap = server;
            return this;
        }

        /** Which transport the devices use; by default MQTT if a broker is set, else CoAP. */
        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        public Builder devices(List<DeviceCredentials> credentials) {
            this.devices.addAll(credentials);
            return this;
        }

        public Builder settings(DeviceSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The real clock, for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How much faster simulated time runs: 60 makes a 15-minute interval 15 seconds. */
        public Builder timeScale(double scale) {
            this.timeScale = scale;
            return this;
        }

        /** Seeds every device's randomness, for a repeatable fleet. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * After each report a device drops offline with probability {@code chance}, for an
         * exponentially distributed while averaging {@code mean} of simulated time.
         */
        public Builder offline(double chance, Duration mean) {
            if (!(chance >= 0 && chance <= 1)) {
                throw new IllegalArgumentException("offline chance: expected 0..1, found " + chance);
            }
            this.offlineChance = chance;
            this.meanOffline = mean;
            return this;
        }

        /** Spreads the first reports over at most {@code within} of real time. */
        public Builder firstReportWithin(Duration within) {
            this.firstReportWithin = within;
            return this;
        }

        /** Places devices without a surveyed position within {@code radiusMetres} of {@code center}. */
        public Builder area(GeoPoint center, double radiusMetres) {
            this.area = center;
            this.areaRadiusMetres = radiusMetres;
            return this;
        }

        /**
         * The first retransmission timeout of CoAP requests and DTLS handshakes (default 2 s,
         * RFC 7252 section 4.8); a test on loopback may use much less to fail fast.
         */
        public Builder coapAckTimeout(Duration timeout) {
            this.coapAckTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Uses {@code factory} for every device's link, whatever the transport: for tests. */
        Builder links(LinkFactory factory) {
            this.links = factory;
            return this;
        }

        /** Receives every delivery of every device. */
        public Builder listener(Consumer<Delivery> listener) {
            this.listeners.add(listener);
            return this;
        }

        /**
         * Builds the fleet; nothing connects until {@link Fleet#connect()}.
         *
         * @throws IllegalArgumentException without devices, or with a device id twice
         * @throws IllegalStateException without a URL for the chosen transport
         */
        public Fleet build() {
            if (devices.isEmpty()) {
                throw new IllegalArgumentException("fleet: expected at least one device");
            }
            if (devices.stream().map(DeviceCredentials::id).distinct().count() != devices.size()) {
                throw new IllegalArgumentException("fleet: a device id appears twice");
            }
            if (transport == null) {
                transport = mqtt != null || links != null ? Transport.MQTT : Transport.COAP;
            }
            return new Fleet(this);
        }
    }
}
