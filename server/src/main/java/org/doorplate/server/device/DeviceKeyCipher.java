package org.doorplate.server.device;

import jakarta.inject.Singleton;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.security.MasterKey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts device keys for the database with AES-256-GCM under a key derived from the master
 * key. The device id and key version are the associated data, so a ciphertext copied to another
 * row or version does not decrypt. Each encryption takes a fresh random 96-bit nonce.
 */
@Singleton
class DeviceKeyCipher {
    /** Changing the label makes every stored key unreadable. */
    static final String LABEL = "doorplate/device-keys/v1";
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    DeviceKeyCipher(MasterKey masterKey) {
        this.key = new SecretKeySpec(masterKey.derive(LABEL), "AES");
    }

    /** A stored key: ciphertext with its tag, and the nonce. */
    record Sealed(byte[] ciphertext, byte[] nonce) {
    }

    Sealed seal(String deviceId, int keyVersion, DeviceKey deviceKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new Sealed(run(Cipher.ENCRYPT_MODE, nonce, deviceId, keyVersion, deviceKey.bytes()), nonce);
    }

    /**
     * @throws IllegalStateException when the ciphertext does not open: another master key, or a
     *                               row that was tampered with
     */
    byte[] open(String deviceId, int keyVersion, byte[] ciphertext, byte[] nonce) {
        return run(Cipher.DECRYPT_MODE, nonce, deviceId, keyVersion, ciphertext);
    }

    private byte[] run(int mode, byte[] nonce, String deviceId, int keyVersion, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(deviceId, keyVersion));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                + " the key of device " + deviceId + " (is this the master key it was stored with?)", e);
        }
    }

    private static byte[] associatedData(String deviceId, int keyVersion) {
        byte[] id = deviceId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(id.length + Integer.BYTES).put(id).putInt(keyVersion).array();
    }
}
