package dev.shutter.post.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.ids.Snowflake;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/** Access and refresh tokens against the running service: forgeries refused, retries answered, logins ending. */
@QuarkusTest
class TokenTest {

    @Inject
    PostFixtures fixtures;

    @ConfigProperty(name = "shutter.jwt.key-dir")
    Path keyDir;

    @Test
    void forgedAndMisdirectedAccessTokensAreRefused() throws Exception {
        TestUser user = Api.newUser("forge");
        me(user.accessToken()).then().statusCode(200);

        me(signed(claims(user, "https://shutter.dev", "shutter-api", 300), AlgorithmIdentifiers.RSA_USING_SHA256)).then().statusCode(200);
        me(signed(claims(user, "https://evil.example", "shutter-api", 300), AlgorithmIdentifiers.RSA_USING_SHA256))
                .then().statusCode(401).contentType("application/problem+json");
        me(signed(claims(user, "https://shutter.dev", "someone-else", 300), AlgorithmIdentifiers.RSA_USING_SHA256))
                .then().statusCode(401);
        me(signed(claims(user, "https://shutter.dev", "shutter-api", -120), AlgorithmIdentifiers.RSA_USING_SHA256))
                .then().statusCode(401);

        JsonWebSignature none = new JsonWebSignature();
        none.setPayload(claims(user, "https://shutter.dev", "shutter-api", 300).toJson());
        none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        me(none.getCompactSerialization()).then().statusCode(401);

        // The old confusion attack: HS256 "signed" with the public key as the HMAC secret.
        JsonWebSignature confused = new JsonWebSignature();
        confused.setPayload(claims(user, "https://shutter.dev", "shutter-api", 300).toJson());
        confused.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        confused.setKey(new HmacKey(Files.readAllBytes(keyDir.resolve("jwt-public.pem"))));
        confused.setDoKeyValidation(false);
        me(confused.getCompactSerialization()).then().statusCode(401);
    }

    @Test
    void aRetriedRefreshGetsTheSamePairAndAReplayLater() {
        TestUser user = Api.newUser("retry");
        Map<String, Object> first = refresh(user.refreshToken()).then().statusCode(200).extract().as(Map.class);
        // The answer was lost; the client tries again with the same token.
        Map<String, Object> again = refresh(user.refreshToken()).then().statusCode(200).extract().as(Map.class);
        assertThat(again.get("refreshToken")).isEqualTo(first.get("refreshToken"));
        assertThat(again.get("accessToken")).isEqualTo(first.get("accessToken"));
        me((String) again.get("accessToken")).then().statusCode(200);

        // Once the successor is used, the old token is a replay: the login ends.
        Map<String, Object> next = refresh((String) first.get("refreshToken")).then().statusCode(200).extract().as(Map.class);
        refresh(user.refreshToken()).then().statusCode(401);
        refresh((String) next.get("refreshToken")).then().statusCode(401);
    }

    @Test
    void aLoginEndsItsLifetimeAfterItBegan() throws Exception {
        TestUser user = Api.newUser("lifetime");
        // A login begun 31 days ago (the family ID carries its start), its newest token still unexpired.
        long family = Snowflake.minIdAt(Instant.now().minus(Duration.ofDays(31))) + 1;
        long tokenId = Snowflake.minIdAt(Instant.now()) + 7;
        String secret = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        fixtures.update("""
                INSERT INTO refresh_tokens (user_id, token_id, family_id, secret_hash, expires_at)
                VALUES (?, ?, ?, ?, ?)""", Long.parseLong(user.userId()), tokenId, family,
                MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)),
                java.sql.Timestamp.from(Instant.now().plus(Duration.ofDays(1))));
        refresh("rt." + user.userId() + "." + tokenId + "." + secret).then().statusCode(401);
        // A token of a login begun now works.
        refresh(user.refreshToken()).then().statusCode(200);
    }

    @Test
    void signingOutEndsTheAccessTokenAtOnce() {
        TestUser user = Api.newUser("signout");
        me(user.accessToken()).then().statusCode(200);
        user.request().delete("/v1/sessions/current").then().statusCode(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> me(user.accessToken()).then().extract().statusCode() == 401);
        me(user.accessToken()).then().contentType("application/problem+json");
        // Another login of the same account is not affected.
        Map<String, Object> other = given().contentType(ContentType.JSON)
                .body(Map.of("username", user.username(), "password", "correct horse battery"))
                .post("/v1/sessions").then().statusCode(200).extract().as(Map.class);
        me((String) other.get("accessToken")).then().statusCode(200);
    }

    private JwtClaims claims(TestUser user, String issuer, String audience, long secondsToLive) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(user.userId());
        claims.setClaim("upn", user.username());
        claims.setStringListClaim("groups", "user");
        claims.setClaim("sid", "1");
        long now = Instant.now().getEpochSecond();
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now - 600));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + secondsToLive));
        return claims;
    }

    private String signed(JwtClaims claims, String algorithm) throws Exception {
        String pem = Files.readString(keyDir.resolve("jwt-private.pem")).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(key);
        jws.setKeyIdHeaderValue(given().get("/.well-known/jwks.json").then().extract().path("keys[0].kid"));
        return jws.getCompactSerialization();
    }

    private static io.restassured.response.Response me(String token) {
        return given().header("Authorization", "Bearer " + token).get("/v1/me");
    }

    private static io.restassured.response.Response refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", token)).post("/v1/sessions/refresh");
    }
}
