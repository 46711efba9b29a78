package org.doorplate.server.device;

/**
 * Published after a registry change to one device is committed (creation, key rotation,
 * disabling, enabling), so that caches elsewhere drop their entry for it. Only this server
 * instance hears it; other instances catch up when their cache entries expire.
 *
 * @param id the device that changed
 */
public record DeviceChanged(String id) {
}
