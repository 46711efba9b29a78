package org.doorplate.server.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.Base64;

/**
 * Signs and verifies the bearer tokens with HS256 under a secret derived from the master key,
 * so every server instance with the same master key accepts the tokens of the others and no
 * separate JWT secret has to be configured.
 */
@Factory
class JwtSigningFactory {
    /** Changing the label invalidates every token issued before. */
    static final String LABEL = "doorplate/jwt-signing/v1";

    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration jwtSignature(MasterKey masterKey) {
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
        config.setJwsAlgorithm(JWSAlgorithm.HS256);
        config.setBase64(true);
        config.setSecret(Base64.getEncoder().encodeToString(masterKey.derive(LABEL)));
        return new SecretSignature(config);
    }
}
