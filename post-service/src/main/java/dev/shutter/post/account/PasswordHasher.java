package dev.shutter.post.account;

import dev.shutter.rest.problem.ProblemException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format, with OWASP's minimum parameters (19 MiB,
 * 2 passes, 1 lane). CPU- and memory-heavy by design: call it off the event loop.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    /** Hashes at once at most: each takes 19 MiB and a core, so a flood of sign-ins waits here instead of exhausting memory. */
    static final int CONCURRENT_HASHES = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** How long a sign-in waits for a hash slot before it is told to come back. */
    private static final Duration SLOT_WAIT = Duration.ofSeconds(2);

    private final SecureRandom random = new SecureRandom();
    final Semaphore slots = new Semaphore(CONCURRENT_HASHES, true);
    /** Verified against when the user does not exist, so timing does not tell which usernames exist. */
    private final String decoy = compute("decoy password that matches nothing");

    /** A new hash of the password. Blocks (run it on a worker); 503 when every hash slot stays busy. */
    public String hash(String password) {
        return bounded(() -> compute(password));
    }

    /** Whether the password matches; a null or malformed hash matches nothing (after the same work). 503 as for {@link #hash}. */
    public boolean verify(String password, String encoded) {
        return bounded(() -> matches(password, encoded));
    }

    private <T> T bounded(java.util.function.Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw ProblemException.unavailable("Too many sign-ins at once; try again shortly.", Duration.ofSeconds(1));
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    private String compute(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    private boolean matches(String password, String encoded) {
        String[] parts = (encoded == null ? decoy : encoded).split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id")) {
            matches(password, decoy);
            return false;
        }
        int memory = 0;
        int iterations = 0;
        int parallelism = 0;
        for (String setting : parts[3].split(",")) {
            String[] kv = setting.split("=");
            switch (kv[0]) {
                case "m" -> memory = Integer.parseInt(kv[1]);
                case "t" -> iterations = Integer.parseInt(kv[1]);
                case "p" -> parallelism = Integer.parseInt(kv[1]);
                default -> { }
            }
        }
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = derive(password, B64D.decode(parts[4]), memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual) && encoded != null;
    }

    private static byte[] derive(String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
