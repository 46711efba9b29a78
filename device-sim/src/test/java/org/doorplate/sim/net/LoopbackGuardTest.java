package org.doorplate.sim.net;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoopbackGuardTest {
    @Test
    void loopbackTargetsPass() {
        LoopbackGuard guard = new LoopbackGuard(false);

        assertDoesNotThrow(() -> guard.check("server", URI.create("http://127.0.0.1:8080")));
        assertDoesNotThrow(() -> guard.check("broker", URI.create("tcp://localhost:1883")));
        assertDoesNotThrow(() -> guard.check("coap", URI.create("coaps://[::1]:5684")));
        assertDoesNotThrow(() -> guard.check("server", URI.create("http://127.8.9.10")));
    }

    @Test
    void remoteTargetIsRefusedWithoutAllowRemote() {
        LoopbackGuard guard = new LoopbackGuard(false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> guard.check("MQTT broker", URI.create("tcp://10.0.0.5:1883")));

        assertTrue(e.getMessage().contains("--allow-remote"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> guard.check("s", URI.create("http://192.168.1.2")));
        assertThrows(IllegalArgumentException.class, () -> guard.check("s", URI.create("http://broker.example")));
        assertThrows(IllegalArgumentException.class, () -> guard.check("s", URI.create("http://[2001:db8::1]")));
    }

    @Test
    void remoteTargetPassesWithAllowRemote() {
        LoopbackGuard guard = new LoopbackGuard(true);

        assertDoesNotThrow(() -> guard.check("server", URI.create("http://10.0.0.5:8080")));
    }

    @Test
    void addressesThatOnlyLookLikeLoopbackAreNotLoopback() {
        assertFalse(LoopbackGuard.isLoopback("127.0.0.1.example"));
        assertFalse(LoopbackGuard.isLoopback("localhost.example"));
        assertFalse(LoopbackGuard.isLoopback("127.0.0.300"));
        assertFalse(LoopbackGuard.isLoopback("::ffff:10.0.0.1"));
        assertTrue(LoopbackGuard.isLoopback("LOCALHOST"));
    }

    @Test
    void targetWithoutHostIsRefused() {
        LoopbackGuard guard = new LoopbackGuard(true);

        assertThrows(IllegalArgumentException.class, () -> guard.check("server", URI.create("file:///tmp/x")));
    }
}
