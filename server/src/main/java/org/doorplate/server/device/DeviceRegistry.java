package org.doorplate.server.device;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.auth.KeyLookup;
import org.doorplate.protocol.message.DeviceIds;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The registered devices and their keys. {@link #find} is on the ingest path of every message,
 * so it answers from a bounded in-memory cache; every change through this class drops the entry
 * and publishes {@link DeviceChanged} after its commit.
 *
 * <p>Thread-safe.
 */
@Singleton
public class DeviceRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);

    private final DataSource dataSource;
    private final DeviceRepository repository;
    private final DeviceKeyCipher cipher;
    private final ApplicationEventPublisher<DeviceChanged> events;
    private final Cache<String, Optional<Device>> cache;
    private final SecureRandom random = new SecureRandom();

    DeviceRegistry(DataSource dataSource, DeviceRepository repository, DeviceKeyCipher cipher,
                   ApplicationEventPublisher<DeviceChanged> events, DeviceConfiguration config) {
        this.dataSource = dataSource;
        this.repository = repository;
        this.cipher = cipher;
        this.events = events;
        this.cache = Caffeine.newBuilder()
            .maximumSize(config.getCacheSize())
            .expireAfterWrite(config.getCacheTtl())
            .build();
    }

    /**
     * The device with this id, with its decrypted key; empty when none is registered (also for an
     * id that breaks the id rule). Answers from the cache when it can.
     *
     * @throws IllegalStateException when the database cannot be asked, so a valid message is not
     *                               taken for one from an unknown device
     */
    public Optional<Device> find(String id) {
        if (!DeviceIds.isValid(id)) {
            return Optional.empty();
        }
        return cache.get(id, this::load);
    }

    /** The keys of active devices, in the protocol module's lookup shape. */
    public KeyLookup activeKeys() {
        return id -> find(id).filter(Device::isActive).map(Device::deviceKey);
    }

    /**
     * Registers a device with a fresh random key.
     *
     * @throws DoorplateException CONFLICT when the id is taken
     */
    public ProvisionedDevice create(NewDevice device) {
        DeviceKey key = DeviceKey.generate(random);
        try (Connection connection = dataSource.getConnection()) {
            DeviceRepository.Row row = repository.insert(connection, device, cipher.seal(device.id(), 1, key))
                .orElseThrow(() -> DoorplateException.conflict("the device " + device.id() + " exists already"));
            changed(row.id());
            LOG.info("registered [device: {}, kind: {}]", row.id(), row.kind().wire());
            return new ProvisionedDevice(row.id(), row.kind(), key.hex(), row.keyVersion());
        } catch (SQLException e) {
            throw failure("cannot register the device " + device.id(), e);
        }
    }

    /**
     * Registers many devices in one transaction: all of them, or none when any id is taken.
     *
     * @param lines the line number of each device in its source, for error messages
     * @throws DoorplateException CONFLICT naming the line of the first id that is taken
     */
    public List<ProvisionedDevice> createAll(List<NewDevice> devices, List<Integer> lines) {
        List<DeviceKey> keys = new ArrayList<>(devices.size());
        List<DeviceKeyCipher.Sealed> sealed = new ArrayList<>(devices.size());
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < devices.size(); i++) {
            DeviceKey key = DeviceKey.generate(random);
            keys.add(key);
            sealed.add(cipher.seal(devices.get(i).id(), 1, key));
            lineOf.put(devices.get(i).id(), lines.get(i));
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Set<String> taken = repository.existing(connection, lineOf.keySet());
                if (!taken.isEmpty()) {
                    String first = taken.stream().min((a, b) -> lineOf.get(a) - lineOf.get(b)).orElseThrow();
                    throw DoorplateException.conflict("line " + lineOf.get(first) + ": the device " + first
                        + " exists already" + (taken.size() > 1 ? " (and " + (taken.size() - 1) + " more)" : "")
                        + "; nothing was imported");
                }
                repository.insertAll(connection, devices, sealed);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("cannot import " + devices.size() + " devices", e);
        }
        List<ProvisionedDevice> created = new ArrayList<>(devices.size());
        for (int i = 0; i < devices.size(); i++) {
            NewDevice device = devices.get(i);
            changed(device.id());
            created.add(new ProvisionedDevice(device.id(), device.kind(), keys.get(i).hex(), 1));
        }
        LOG.info("imported {} devices", created.size());
        return created;
    }

    /**
     * Gives the device a new random key; the old one stops working at once.
     *
     * @throws DoorplateException NOT_FOUND for an unknown id
     */
    public ProvisionedDevice rotateKey(String id) {
        DeviceKey key = DeviceKey.generate(random);
        try (Connection connection = dataSource.getConnection()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                DeviceRepository.Row current = repository.find(connection, id).orElseThrow(() -> unknown(id));
                int next = current.keyVersion() + 1;
                Optional<DeviceRepository.Row> rotated = repository.replaceKey(connection, id,
                    current.keyVersion(), cipher.seal(id, next, key));
                if (rotated.isPresent()) {
                    changed(id);
                    LOG.info("rotated the key [device: {}, key version: {}]", id, next);
                    return new ProvisionedDevice(id, current.kind(), key.hex(), next);
                }
            }
            throw new DoorplateException(ErrorStatus.CONFLICT, "the key of " + id
                + " is being rotated concurrently; try again");
        } catch (SQLException e) {
            throw failure("cannot rotate the key of " + id, e);
        }
    }

    /**
     * Accepts or refuses the device's messages from now on.
     *
     * @throws DoorplateException NOT_FOUND for an unknown id
     */
    public DeviceView setState(String id, Device.State state) {
        try (Connection connection = dataSource.getConnection()) {
            DeviceRepository.Row row = repository.setState(connection, id, state).orElseThrow(() -> unknown(id));
            changed(id);
            LOG.info("set state [device: {}, state: {}]", id, state.wire());
            return DeviceView.of(row);
        } catch (SQLException e) {
            throw failure("cannot change the state of " + id, e);
        }
    }

    /**
     * The device as the API shows it.
     *
     * @throws DoorplateException NOT_FOUND for an unknown id
     */
    public DeviceView view(String id) {
        try (Connection connection = dataSource.getConnection()) {
            return repository.find(connection, id).map(DeviceView::of).orElseThrow(() -> unknown(id));
        } catch (SQLException e) {
            throw failure("cannot read the device " + id, e);
        }
    }

    /** Devices by id, optionally of one kind and after an id (for paging). */
    public List<DeviceView> list(@Nullable DeviceKind kind, @Nullable String after, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return repository.list(connection, kind, after, limit).stream().map(DeviceView::of).toList();
        } catch (SQLException e) {
            throw failure("cannot list the devices", e);
        }
    }

    private Optional<Device> load(String id) {
        try (Connection connection = dataSource.getConnection()) {
            return repository.find(connection, id).map(this::device);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up the device " + id + ": " + e.getMessage(), e);
        }
    }

    private Device device(DeviceRepository.Row row) {
        byte[] key = cipher.open(row.id(), row.keyVersion(), row.keyCiphertext(), row.keyNonce());
        return new Device(row.id(), row.kind(), row.state(), key, row.keyVersion(), row.reportInterval(),
            row.areaCode(), row.firmwareVersion(), row.installLatitudeE7(), row.installLongitudeE7(),
            row.createdAt(), row.updatedAt());
    }

    private void changed(String id) {
        cache.invalidate(id);
        events.publishEvent(new DeviceChanged(id));
    }

    private static DoorplateException unknown(String id) {
        return DoorplateException.notFound("no device " + id);
    }

    private static DoorplateException failure(String what, SQLException e) {
        return new DoorplateException(ErrorStatus.UNAVAILABLE, what + ": the database failed", e);
    }
}
