package org.doorplate.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.protocol.codec.DecodeResult;
import org.doorplate.protocol.codec.JsonCodec;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.Command;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.CommandResult;
import org.doorplate.protocol.message.DeviceEvent;
import org.doorplate.protocol.message.Downlink;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.EventKind;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.Mac;
import org.doorplate.protocol.message.Outcome;
import org.doorplate.protocol.message.ReadingBatch;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.sim.model.Battery;
import org.doorplate.sim.model.Jitter;
import org.doorplate.sim.model.SequenceCounter;
import org.doorplate.sim.model.SimTime;
import org.doorplate.sim.model.UplinkBuffer;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.DeviceKind;
import org.doorplate.sim.transport.DeviceLink;
import org.doorplate.sim.transport.LinkAnswer;
import org.doorplate.sim.transport.LinkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated device: its sensors (in the subclasses), battery, sequence counter, offline
 * buffer and command handling, and the link it sends over.
 *
 * <p>It behaves as firmware does: every message carries the next sequence number and the
 * device's clock; while offline, readings and events wait in the buffer and go out later as
 * batches with their original numbers and times; a reading whose send fails is kept for the
 * next back-fill; a reboot continues numbering from the flash bound and announces itself with
 * a BOOT event; each command is executed at most once and answered with a CommandResult.
 *
 * <p>Thread-safe: state changes happen under the device's lock, sends outside it.
 */
public abstract sealed class SimulatedDevice permits SimulatedDoorplate, SimulatedMarker {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevice.class);
    private static final Comparator<BatchEntry> BY_SEQ = Comparator.comparingLong(BatchEntry::seq);

    final SimTime time;
    final RandomGenerator random;
    final Battery battery;
    private final DeviceCredentials credentials;
    private final DeviceKey key;
    private final DeviceSettings settings;
    private final Jitter jitter;
    private final SequenceCounter sequence;
    private final UplinkBuffer<BatchEntry> buffer;
    private final MessageAuthenticator authenticator = new MessageAuthenticator();
    private final CborCodec cbor = new CborCodec();
    private final JsonCodec json = new JsonCodec();

    private volatile DeviceLink link;
    private volatile Executor executor = Runnable::run;
    private volatile Consumer<Delivery> listener = d -> { };
    private volatile Runnable scheduleChanged = () -> { };

    private final List<DeviceEvent> pendingEvents = new ArrayList<>();
    private boolean online = true;
    private boolean silent;
    private boolean bootPending = true;
    private boolean lowBatteryRaised;
    private Duration reportInterval;
    private Duration clockSkew = Duration.ZERO;
    private int lowBatteryMv;
    private Instant physicsAt;
    private Sent lastSent;
    private long lastCommandId;
    private Outcome lastCommandOutcome = Outcome.OK;
    private boolean locateRequested;

    /** The last message handed to the link, kept for the replay scenario. */
    private record Sent(byte[] payload, ContentType type, String what, List<Header> stored) {
    }

    SimulatedDevice(DeviceCredentials credentials, DeviceSettings settings, SimTime time, RandomGenerator random,
            Battery battery, Duration reportInterval, int lowBatteryMv) {
        this.credentials = credentials;
        this.key = credentials.deviceKey();
        this.settings = settings;
        this.time = time;
        this.random = random;
        this.battery = battery;
        this.jitter = new Jitter(random, settings.jitter());
        // A real device keeps its counter in flash across power cycles; a new simulator process
        // has no flash, so it starts at the Unix time in milliseconds. Rerunning with the same
        // credentials then never repeats a number, unless an earlier run sent more than 1000
        // messages per second per device on average.
        this.sequence = new SequenceCounter(time.realNow().toEpochMilli(), SequenceCounter.DEFAULT_BLOCK);
        this.buffer = new UplinkBuffer<>(settings.bufferCapacity());
        this.reportInterval = reportInterval;
        this.lowBatteryMv = lowBatteryMv;
        this.physicsAt = time.now();
    }

    /** The reading the sensors give now, under {@code header}; called under the device's lock. */
    abstract BatchEntry reading(Header header);

    /** The charge one report costs: radio attach and transmit, for a marker also the GNSS fix. */
    abstract double reportCostMah();

    /** The current drawn while asleep, in mA. */
    abstract double sleepMilliamps();

    /** Adds what the device harvested from {@code from} over {@code period} (simulated); none by default. */
    void harvest(Instant from, Duration period) {
    }

    public abstract DeviceKind kind();

    public String id() {
        return credentials.id();
    }

    public DeviceCredentials credentials() {
        return credentials;
    }

    // ---- wiring, done by the fleet

    /**
     * Connects the device to {@code link}.
     *
     * @param executor where commands are handled, off the transport's threads
     * @param listener receives every delivery, on whatever thread completes it
     * @param scheduleChanged called when a command changed the report interval
     */
    void attach(DeviceLink link, Executor executor, Consumer<Delivery> listener, Runnable scheduleChanged) {
        this.link = link;
        this.executor = executor;
        this.listener = listener;
        this.scheduleChanged = scheduleChanged;
    }

    /** The link, or null before the fleet attached one. */
    public DeviceLink link() {
        return link;
    }

    /** Brings the link up. */
    public void connect() throws LinkException {
        requireLink().connect();
    }

    // ---- the device's state, for scenarios and tests

    /** The device's clock now: the real clock plus any skew. */
    public synchronized Instant deviceNow() {
        return time.realNow().plus(clockSkew);
    }

    /** Sets how far the device's clock is off (positive: ahead). */
    public synchronized void setClockSkew(Duration skew) {
        this.clockSkew = skew;
    }

    public synchronized Duration clockSkew() {
        return clockSkew;
    }

    /** The report interval in simulated time. */
    public synchronized Duration reportInterval() {
        return reportInterval;
    }

    /** The wait before the next scheduled report on the real clock: the interval jittered and scaled. */
    public synchronized Duration nextWait() {
        return time.toReal(jitter.apply(reportInterval));
    }

    /** Stops (true) or resumes (false) scheduled reports, as a dead modem would. */
    public synchronized void setSilent(boolean silent) {
        this.silent = silent;
    }

    public synchronized boolean isSilent() {
        return silent;
    }

    public synchronized boolean isOnline() {
        return online;
    }

    /** The next sequence number the device would use. */
    public synchronized long nextSeq() {
        return sequence.peek();
    }

    /** How many readings wait in the offline buffer. */
    public int buffered() {
        return buffer.size();
    }

    /** How many readings the full buffer dropped. */
    public long droppedFromBuffer() {
        return buffer.dropped();
    }

    public synchronized int batteryMillivolts() {
        return battery.millivolts();
    }

    public synchronized int lowBatteryThresholdMv() {
        return lowBatteryMv;
    }

    /**
     * Sets the battery to {@code stateOfCharge} (0..1) and multiplies later drain by
     * {@code drainFactor}: a failing cell or a component stuck on.
     */
    public synchronized void drainBattery(double stateOfCharge, double drainFactor) {
        battery.setStateOfCharge(stateOfCharge);
        battery.setDrainFactor(drainFactor);
    }

    /**
     * Fits a new, full battery that drains at the normal rate, as a crew's battery swap does;
     * a later drop below the threshold raises LOW_BATTERY again.
     */
    public synchronized void replaceBattery() {
        battery.setStateOfCharge(1);
        battery.setDrainFactor(1);
    }

    /** Queues an event for the next report. */
    synchronized void raise(EventKind kind, String text) {
        pendingEvents.add(new DeviceEvent(nextHeader(), kind, OptionalLong.empty(), Optional.of(text)));
    }

    // ---- sending

    /**
     * The scheduled step: back-fills the buffer if it holds anything and the device is online,
     * then sends the pending events and a fresh reading. Offline, everything goes to the buffer.
     * Completes with one delivery per message or batch.
     */
    public CompletionStage<List<Delivery>> report() {
        List<BatchEntry> fresh = new ArrayList<>();
        boolean send;
        synchronized (this) {
            advancePhysics();
            if (battery.isEmpty()) {
                return CompletableFuture.completedFuture(List.of());
            }
            battery.drain(reportCostMah());
            if (bootPending) {
                bootPending = false;
                fresh.add(DeviceEvent.of(nextHeader(), EventKind.BOOT));
            }
            checkLowBattery();
            fresh.addAll(pendingEvents);
            pendingEvents.clear();
            fresh.add(reading(nextHeader()));
            // Events raised earlier carry lower numbers than the BOOT made just now.
            fresh.sort(BY_SEQ);
            send = online;
            if (!send) {
                fresh.forEach(buffer::add);
            }
        }
        if (!send) {
            return CompletableFuture.completedFuture(fresh.stream().map(this::buffered).toList());
        }
        List<CompletableFuture<Delivery>> sends = new ArrayList<>(backFill());
        for (BatchEntry entry : fresh) {
            sends.add(transmit(entry, true).toCompletableFuture());
        }
        return all(sends);
    }

    /** One fresh reading sent at once: no events, no back-fill, nothing kept on failure (load mode). */
    public CompletionStage<Delivery> sendReading() {
        BatchEntry entry;
        synchronized (this) {
            advancePhysics();
            battery.drain(reportCostMah());
            entry = reading(nextHeader());
        }
        return transmit(entry, false);
    }

    /** Sends {@code message}, which must be this device's, sealed with the device's key. */
    public CompletionStage<Delivery> send(Uplink message) {
        if (!message.deviceId().equals(id())) {
            throw new IllegalArgumentException("message: expected device " + id() + ", found " + message.deviceId());
        }
        return transmit(message, false);
    }

    /** A fresh reading whose MAC was made with another key, as an attacker without the key would. */
    public CompletionStage<Delivery> sendForged() {
        BatchEntry entry;
        synchronized (this) {
            entry = reading(nextHeader());
        }
        byte[] wrong = new byte[DeviceKey.LENGTH];
        random.nextBytes(wrong);
        Mac mac = authenticator.mac(DeviceKey.of(wrong), entry);
        byte[] payload = encode(new Envelope<>(entry, mac));
        String what = describe(entry) + " with a forged MAC";
        return transmitRaw(payload, settings.encoding(), what, List.of(entry.header()));
    }

    /** {@code length} random bytes, which no decoder accepts as a message. */
    public CompletionStage<Delivery> sendGarbage(int length) {
        if (length < 1 || length > 65_536) {
            throw new IllegalArgumentException("garbage length: expected 1..65536 bytes, found " + length);
        }
        byte[] garbage = new byte[length];
        random.nextBytes(garbage);
        // 0xff is a CBOR break code and never starts a message, whatever the bytes after it.
        garbage[0] = (byte) 0xff;
        return transmitRaw(garbage, ContentType.CBOR, "garbage (" + length + " bytes)", List.of());
    }

    /** Sends the last message again, byte for byte, as a replaying attacker or a confused modem would. */
    public CompletionStage<Delivery> replayLast() {
        Sent last;
        synchronized (this) {
            last = lastSent;
        }
        if (last == null) {
            throw new IllegalStateException("replay: device " + id() + " has sent nothing yet");
        }
        return transmitRaw(last.payload(), last.type(), last.what() + " replayed", last.stored());
    }

    // ---- connectivity

    /** Loses the network: later readings go to the buffer. */
    public void goOffline() {
        synchronized (this) {
            if (!online) {
                return;
            }
            online = false;
        }
        requireLink().drop();
        LOG.debug("offline [device: {}]", id());
    }

    /**
     * Regains the network and back-fills the buffer.
     *
     * @throws LinkException if the link cannot reconnect; the device then stays offline
     */
    public CompletionStage<List<Delivery>> goOnline() throws LinkException {
        synchronized (this) {
            if (online) {
                return CompletableFuture.completedFuture(List.of());
            }
        }
        requireLink().connect();
        synchronized (this) {
            online = true;
        }
        LOG.debug("online [device: {}, buffered: {}]", id(), buffer.size());
        return all(backFill());
    }

    /**
     * Power-cycles the device: numbering continues from the flash bound, the DTLS session is
     * gone, and the next report starts with a BOOT event, which this sends at once.
     */
    public CompletionStage<List<Delivery>> reboot() {
        synchronized (this) {
            sequence.reboot();
            bootPending = true;
            clockSkew = Duration.ZERO;
        }
        DeviceLink l = requireLink();
        l.forgetSession();
        if (isOnline()) {
            l.drop();
            try {
                l.connect();
            } catch (LinkException e) {
                LOG.debug("reconnect after reboot failed [device: {}]", id(), e);
                synchronized (this) {
                    online = false;
                }
            }
        }
        return report();
    }

    // ---- commands

    /**
     * Handles a downlink payload: decodes it, checks its MAC and device, and obeys the command.
     * Completes with the CommandResult's delivery, or empty when the payload was refused.
     */
    public CompletionStage<Optional<Delivery>> handleDownlink(byte[] payload) {
        boolean isJson = ContentType.sniff(payload).orElse(ContentType.CBOR) == ContentType.JSON;
        DecodeResult<Envelope<Downlink>> decoded = isJson ? json.decodeDownlink(payload) : cbor.decodeDownlink(payload);
        if (!decoded.isOk()) {
            LOG.debug("undecodable downlink [device: {}]: {}", id(), decoded.error());
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Envelope<Downlink> envelope = decoded.value();
        if (!authenticator.verify(key, envelope)) {
            LOG.debug("downlink with a bad MAC ignored [device: {}]", id());
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (!(envelope.message() instanceof Command command) || !command.deviceId().equals(id())) {
            LOG.debug("downlink for another device ignored [device: {}]", id());
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return obey(command).thenApply(Optional::of);
    }

    /** Executes {@code command} unless it was already executed, and answers it. */
    public CompletionStage<Delivery> obey(Command command) {
        CommandResult result;
        Runnable followUp = () -> { };
        synchronized (this) {
            if (command.commandId() <= lastCommandId) {
                // Executed before: answer again without executing twice.
                result = new CommandResult(nextHeader(), command.commandId(), lastCommandOutcome,
                    Optional.of("already executed"));
            } else {
                lastCommandId = command.commandId();
                Outcome outcome = Outcome.OK;
                String detail = "done";
                CommandAction action = command.action();
                if (action instanceof CommandAction.SetReportInterval interval) {
                    reportInterval = Duration.ofSeconds(interval.seconds());
                    detail = "report interval " + interval.seconds() + " s";
                } else if (action instanceof CommandAction.SetThresholds thresholds) {
                    thresholds.lowBatteryMv().ifPresent(mv -> lowBatteryMv = mv);
                    detail = applyThresholds(thresholds);
                } else if (action instanceof CommandAction.Reboot) {
                    detail = "rebooting";
                    followUp = this::reboot;
                } else if (action instanceof CommandAction.Locate) {
                    detail = "locating";
                    locateRequested = true;
                    followUp = this::report;
                }
                lastCommandOutcome = outcome;
                result = new CommandResult(nextHeader(), command.commandId(), outcome, Optional.of(detail));
            }
        }
        scheduleChanged.run();
        Runnable after = followUp;
        return transmit(result, false).whenComplete((d, e) -> executor.execute(after));
    }

    /** Applies thresholds only a subclass knows (tilt); returns the detail text. */
    String applyThresholds(CommandAction.SetThresholds thresholds) {
        return "thresholds set";
    }

    /** Whether a LOCATE command asked for a fix on this report; clears the request. */
    synchronized boolean takeLocateRequest() {
        boolean requested = locateRequested;
        locateRequested = false;
        return requested;
    }

    // ---- internals

    synchronized Header nextHeader() {
        return new Header(id(), sequence.next(), deviceNow());
    }

    private void advancePhysics() {
        Instant now = time.now();
        Duration elapsed = Duration.between(physicsAt, now);
        if (elapsed.isNegative() || elapsed.isZero()) {
            return;
        }
        battery.drain(sleepMilliamps() * elapsed.toNanos() / 3.6e12);
        harvest(physicsAt, elapsed);
        physicsAt = now;
    }

    private void checkLowBattery() {
        int mv = battery.millivolts();
        if (mv < lowBatteryMv && !lowBatteryRaised) {
            lowBatteryRaised = true;
            pendingEvents.add(new DeviceEvent(nextHeader(), EventKind.LOW_BATTERY, OptionalLong.of(mv),
                Optional.of("battery " + mv + " mV")));
        } else if (mv > lowBatteryMv + 100) {
            // 100 mV of hysteresis so that a cell hovering at the threshold does not chatter.
            lowBatteryRaised = false;
        }
    }

    private List<CompletableFuture<Delivery>> backFill() {
        List<CompletableFuture<Delivery>> sends = new ArrayList<>();
        while (true) {
            List<BatchEntry> taken = buffer.take(settings.maxBatchEntries());
            if (taken.isEmpty()) {
                return sends;
            }
            // A failed send puts its entries back in front of newer ones; a batch needs them
            // in ascending order and each number once.
            TreeMap<Long, BatchEntry> bySeq = new TreeMap<>();
            taken.forEach(e -> bySeq.putIfAbsent(e.seq(), e));
            ReadingBatch batch = new ReadingBatch(nextHeader(), List.copyOf(bySeq.values()));
            sends.add(transmit(batch, true).toCompletableFuture());
        }
    }

    private CompletionStage<Delivery> transmit(Uplink message, boolean keepOnFailure) {
        byte[] payload = encode(authenticator.seal(key, message));
        CompletionStage<Delivery> sent = transmitRaw(payload, settings.encoding(), describe(message), stored(message));
        if (!keepOnFailure) {
            return sent;
        }
        return sent.thenApply(d -> {
            if (d.status() == Delivery.Status.FAILED) {
                keepForLater(message);
            }
            return d;
        });
    }

    private void keepForLater(Uplink message) {
        if (message instanceof BatchEntry entry) {
            buffer.putBack(List.of(entry));
        } else if (message instanceof ReadingBatch batch) {
            buffer.putBack(batch.entries());
        }
    }

    private CompletionStage<Delivery> transmitRaw(byte[] payload, ContentType type, String what, List<Header> stored) {
        DeviceLink l = requireLink();
        synchronized (this) {
            lastSent = new Sent(payload, type, what, stored);
        }
        long start = System.nanoTime();
        return l.send(payload, type).thenApply(answer -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            answer.downlink().ifPresent(command -> executor.execute(() -> handleDownlink(command)));
            Delivery delivery = new Delivery(id(), what, stored, status(answer.verdict()), answer.text(), latency);
            listener.accept(delivery);
            return delivery;
        });
    }

    private Delivery buffered(BatchEntry entry) {
        Delivery delivery = new Delivery(id(), describe(entry), List.of(entry.header()), Delivery.Status.BUFFERED,
            "offline, kept for back-fill", Duration.ZERO);
        listener.accept(delivery);
        return delivery;
    }

    private byte[] encode(Envelope<?> envelope) {
        return settings.encoding() == ContentType.JSON ? json.encode(envelope) : cbor.encode(envelope);
    }

    private static String describe(Uplink message) {
        String what = message.type().wireName() + " seq " + message.seq();
        if (message instanceof ReadingBatch batch) {
            what += " (" + batch.entries().size() + " entries)";
        } else if (message instanceof DeviceEvent event) {
            what += " (" + event.kind().wireName() + ")";
        }
        return what;
    }

    private static List<Header> stored(Uplink message) {
        if (message instanceof ReadingBatch batch) {
            return batch.entries().stream().map(Uplink::header).toList();
        }
        return List.of(message.header());
    }

    private static Delivery.Status status(LinkAnswer.Verdict verdict) {
        return switch (verdict) {
            case ACCEPTED -> Delivery.Status.ACKNOWLEDGED;
            case REJECTED -> Delivery.Status.REJECTED;
            case FAILED -> Delivery.Status.FAILED;
        };
    }

    private DeviceLink requireLink() {
        DeviceLink l = link;
        if (l == null) {
            throw new IllegalStateException("device " + id() + " has no link: add it to a fleet first");
        }
        return l;
    }

    private static CompletionStage<List<Delivery>> all(List<CompletableFuture<Delivery>> sends) {
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
            .thenApply(v -> sends.stream().map(CompletableFuture::join).toList());
    }
}
