package dev.shutter.serviceauth;

import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Google-signed ID tokens (RS256, Google's published keys, issuer accounts.google.com) for this
 * service's URL as audience, from one of the allowed service accounts.
 */
public final class GoogleIdTokenVerifier implements ServiceTokenVerifier {

    static final Set<String> ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");

    private final JwtConsumer consumer;
    private final Set<String> allowedCallers;

    public GoogleIdTokenVerifier(String keysUrl, String audience, Set<String> allowedCallers) {
        this.allowedCallers = Set.copyOf(allowedCallers);
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(keysUrl)))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuers(true, ISSUERS.toArray(String[]::new))
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .build();
    }

    @Override
    public String verify(String token) throws InvalidServiceToken {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String email = claims.getStringClaimValue("email");
            if (email == null || !Boolean.TRUE.equals(claims.getClaimValue("email_verified")) || !allowedCallers.contains(email)) {
                throw new InvalidServiceToken("the ID token is not of an allowed service account", null);
            }
            return email;
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            throw new InvalidServiceToken("not a valid ID token: " + e.getMessage(), e);
        }
    }
}
