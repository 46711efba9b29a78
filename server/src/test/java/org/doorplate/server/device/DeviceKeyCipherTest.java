package org.doorplate.server.device;

import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.security.MasterKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.security.SecureRandom;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Verifies that sealed device keys open only for their own device, version and master key. */
@Timeout(10)
class DeviceKeyCipherTest {
    private final DeviceKey key = DeviceKey.generate(new SecureRandom());
    private final DeviceKeyCipher cipher = new DeviceKeyCipher(new MasterKey(new byte[32]));

    @Test
    void sealedKeyOpensForItsDeviceAndVersion() {
        DeviceKeyCipher.Sealed sealed = cipher.seal("plate-1", 1, key);

        assertEquals(32 + 16, sealed.ciphertext().length);
        assertFalse(Arrays.equals(key.bytes(), Arrays.copyOf(sealed.ciphertext(), 32)));
        assertArrayEquals(key.bytes(), cipher.open("plate-1", 1, sealed.ciphertext(), sealed.nonce()));
    }

    @Test
    void sealedKeyDoesNotOpenForAnotherDeviceVersionOrMasterKey() {
        DeviceKeyCipher.Sealed sealed = cipher.seal("plate-1", 1, key);
        byte[] otherMaster = new byte[32];
        otherMaster[0] = 1;
        DeviceKeyCipher other = new DeviceKeyCipher(new MasterKey(otherMaster));

        assertThrows(IllegalStateException.class, () -> cipher.open("plate-2", 1, sealed.ciphertext(),
            sealed.nonce()));
        assertThrows(IllegalStateException.class, () -> cipher.open("plate-1", 2, sealed.ciphertext(),
            sealed.nonce()));
        assertThrows(IllegalStateException.class, () -> other.open("plate-1", 1, sealed.ciphertext(),
            sealed.nonce()));
    }

    @Test
    void everySealTakesAFreshNonce() {
        assertFalse(Arrays.equals(cipher.seal("plate-1", 1, key).nonce(), cipher.seal("plate-1", 1, key).nonce()));
    }
}
