package dev.shutter.serviceauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceTokensTest {

    @TempDir
    Path dir;

    @Test
    void aTokenMintedWithTheSharedKeyNamesItsCaller() throws Exception {
        byte[] key = ServiceTokenKey.loadOrCreate(dir.resolve("service.key"));
        LocalServiceTokens feed = new LocalServiceTokens(key, "feed-service", "post-service");
        LocalServiceTokens post = new LocalServiceTokens(key, "post-service", "post-service");
        assertThat(post.verify(feed.token())).isEqualTo("feed-service");
        assertThat(feed.token()).as("reused while fresh").isEqualTo(feed.token());
    }

    @Test
    void forgedMisdirectedAndStaleTokensAreRefused() throws Exception {
        byte[] key = ServiceTokenKey.loadOrCreate(dir.resolve("service.key"));
        LocalServiceTokens verifier = new LocalServiceTokens(key, "post-service", "post-service");
        byte[] otherKey = ServiceTokenKey.loadOrCreate(dir.resolve("other.key"));
        assertThatThrownBy(() -> verifier.verify(new LocalServiceTokens(otherKey, "feed-service", "post-service").token()))
                .isInstanceOf(ServiceTokenVerifier.InvalidServiceToken.class);
        assertThatThrownBy(() -> verifier.verify(new LocalServiceTokens(key, "feed-service", "media-worker").token()))
                .isInstanceOf(ServiceTokenVerifier.InvalidServiceToken.class);
        assertThatThrownBy(() -> verifier.verify(hmac(key, claims("feed-service", "post-service", -600, -300))))
                .isInstanceOf(ServiceTokenVerifier.InvalidServiceToken.class);
        assertThatThrownBy(() -> verifier.verify(hmac(key, claims("feed-service", "post-service", 0, 86_400))))
                .as("a token living for a day was not minted here").isInstanceOf(ServiceTokenVerifier.InvalidServiceToken.class);
        JsonWebSignature none = new JsonWebSignature();
        none.setPayload(claims("feed-service", "post-service", 0, 60).toJson());
        none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        assertThatThrownBy(() -> verifier.verify(none.getCompactSerialization())).isInstanceOf(ServiceTokenVerifier.InvalidServiceToken.class);
        assertThatThrownBy(() -> verifier.verify("garbage")).isInstanceOf(ServiceTokenVerifier.InvalidServiceToken.class);
    }

    @Test
    void servicesStartingTogetherShareOneKey() throws Exception {
        Path file = dir.resolve("shared/service.key");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> keys = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                keys.add(pool.submit((Callable<byte[]>) () -> ServiceTokenKey.loadOrCreate(file)));
            }
            byte[] first = keys.getFirst().get();
            for (Future<byte[]> key : keys) {
                assertThat(key.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(Files.readString(file).strip()).hasSize(64);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).as("no temporary files left").hasSize(1);
        }
    }

    @Test
    void googleIdTokensAreCheckedAgainstThePublishedKeysAudienceAndCaller() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RsaJsonWebKey jwk = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) pair.getPublic());
        jwk.setKeyId("k1");
        byte[] keys = new JsonWebKeySet(jwk).toJson().getBytes(StandardCharsets.UTF_8);
        HttpServer google = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        google.createContext("/certs", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        google.start();
        try {
            String url = "http://127.0.0.1:" + google.getAddress().getPort() + "/certs";
            GoogleIdTokenVerifier verifier = new GoogleIdTokenVerifier(url, "https://post.example.run.app",
                    Set.of("feed-service@shutter.iam.gserviceaccount.com"));
            assertThat(verifier.verify(rsa(pair, idToken("feed-service@shutter.iam.gserviceaccount.com", "https://post.example.run.app"))))
                    .isEqualTo("feed-service@shutter.iam.gserviceaccount.com");
            assertThatThrownBy(() -> verifier.verify(rsa(pair, idToken("intruder@evil.iam.gserviceaccount.com", "https://post.example.run.app"))))
                    .isInstanceOf(ServiceTokenVerifier.InvalidServiceToken.class);
            assertThatThrownBy(() -> verifier.verify(rsa(pair, idToken("feed-service@shutter.iam.gserviceaccount.com", "https://other.run.app"))))
                    .isInstanceOf(ServiceTokenVerifier.InvalidServiceToken.class);
            KeyPair stranger = generator.generateKeyPair();
            assertThatThrownBy(() -> verifier.verify(rsa(stranger, idToken("feed-service@shutter.iam.gserviceaccount.com",
                    "https://post.example.run.app")))).isInstanceOf(ServiceTokenVerifier.InvalidServiceToken.class);
        } finally {
            google.stop(0);
        }
    }

    private static JwtClaims idToken(String email, String audience) {
        JwtClaims claims = claims("https://accounts.google.com", audience, 0, 3600);
        claims.setClaim("email", email);
        claims.setClaim("email_verified", true);
        return claims;
    }

    private static JwtClaims claims(String issuer, String audience, long issuedIn, long expiresIn) {
        long now = System.currentTimeMillis() / 1000;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.fromSeconds(now + issuedIn));
        claims.setExpirationTime(NumericDate.fromSeconds(now + expiresIn));
        return claims;
    }

    private static String hmac(byte[] key, JwtClaims claims) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(key));
        return jws.getCompactSerialization();
    }

    private static String rsa(KeyPair pair, JwtClaims claims) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue("k1");
        jws.setKey(pair.getPrivate());
        return jws.getCompactSerialization();
    }
}
