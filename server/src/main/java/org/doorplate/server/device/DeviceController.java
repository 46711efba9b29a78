package org.doorplate.server.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.security.Roles;

import java.util.List;

/**
 * Device provisioning under {@code /api/v1/devices}: admins register, import, rotate keys and
 * disable; crews may read. A key is answered only by creation and rotation.
 */
@Controller("/api/v1/devices")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
class DeviceController {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final DeviceRegistry registry;
    private final DeviceConfiguration config;

    DeviceController(DeviceRegistry registry, DeviceConfiguration config) {
        this.registry = registry;
        this.config = config;
    }

    @Post
    @Status(HttpStatus.CREATED)
    ProvisionedDevice create(@Body DeviceRequest request) {
        return registry.create(NewDevice.of(request.id(), request.kind(), request.reportInterval(),
            request.areaCode(), request.firmware(), request.installLat(), request.installLon()));
    }

    @Post("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces("text/csv")
    HttpResponse<String> importCsv(@Body String csv) {
        DeviceCsv.Parsed parsed = DeviceCsv.parse(csv, config.getMaxImportRows());
        List<ProvisionedDevice> created = registry.createAll(parsed.devices(), parsed.lines());
        return HttpResponse.<String>status(HttpStatus.CREATED).body(DeviceCsv.format(created));
    }

    @Post("/{id}/rotate-key")
    ProvisionedDevice rotateKey(@PathVariable String id) {
        return registry.rotateKey(id);
    }

    @Post("/{id}/disable")
    DeviceView disable(@PathVariable String id) {
        return registry.setState(id, Device.State.DISABLED);
    }

    @Post("/{id}/enable")
    DeviceView enable(@PathVariable String id) {
        return registry.setState(id, Device.State.ACTIVE);
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.CREW})
    DeviceView get(@PathVariable String id) {
        return registry.view(id);
    }

    @Get
    @Secured({Roles.ADMIN, Roles.CREW})
    List<DeviceView> list(@QueryValue @Nullable String kind, @QueryValue @Nullable String after,
                          @QueryValue @Nullable Integer limit) {
        int count = limit == null ? DEFAULT_LIMIT : limit;
        if (count < 1 || count > MAX_LIMIT) {
            throw DoorplateException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", found " + count);
        }
        return registry.list(kind == null || kind.isBlank() ? null : DeviceKind.parse(kind), after, count);
    }

    /** The body of {@code POST /api/v1/devices}; only id and kind are required. */
    @Serdeable
    record DeviceRequest(@Nullable String id, @Nullable String kind, @Nullable String reportInterval,
                         @Nullable String areaCode, @Nullable String firmware,
                         @Nullable Double installLat, @Nullable Double installLon) {
    }
}
