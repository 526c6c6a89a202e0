package dev.shutter.serviceauth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Service tokens for one machine: short-lived JWTs (HS256 only) signed with a key the services
 * share, naming the caller ({@code iss}) and the callee ({@code aud}). Minted tokens are reused
 * until a minute before they expire.
 */
public final class LocalServiceTokens implements ServiceCredentials, ServiceTokenVerifier {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final HmacKey key;
    private final String caller;
    private final String audience;
    private final AtomicReference<Minted> current = new AtomicReference<>();

    private record Minted(String token, Instant renewAt) {}

    public LocalServiceTokens(byte[] key, String caller, String audience) {
        this.key = new HmacKey(key);
        this.caller = caller;
        this.audience = audience;
    }

    @Override
    public String token() {
        Minted minted = current.get();
        if (minted == null || Instant.now().isAfter(minted.renewAt())) {
            Instant now = Instant.now();
            minted = new Minted(mint(now), now.plus(LIFETIME).minus(Duration.ofMinutes(1)));
            current.set(minted);
        }
        return minted.token();
    }

    private String mint(Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(caller);
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(LIFETIME).getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a service token", e);
        }
    }

    @Override
    public String verify(String token) throws InvalidServiceToken {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes((int) LIFETIME.toMinutes() + 1)
                .setRequireIssuedAt()
                .setAllowedClockSkewInSeconds(30)
                .build();
        try {
            String issuer = consumer.processToClaims(token).getIssuer();
            if (issuer == null || issuer.isBlank()) {
                throw new InvalidServiceToken("the service token names no caller", null);
            }
            return issuer;
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            throw new InvalidServiceToken("not a valid service token: " + e.getMessage(), e);
        }
    }
}
