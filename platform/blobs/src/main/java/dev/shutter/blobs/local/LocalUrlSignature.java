package dev.shutter.blobs.local;

import dev.shutter.blobs.BlobKey;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature scheme shared by {@link LocalUrlSigner} and {@link LocalUrlVerifier}: an
 * HMAC-SHA256 over every term of the grant, and the URL layout that carries them.
 *
 * <pre>
 * {publicBaseUrl}/{bucket}/{key, each segment percent-encoded}
 *   ?X-Shutter-Method=PUT
 *   &amp;X-Shutter-Expires={epoch seconds}
 *   &amp;X-Shutter-Content-Type={content type}     (PUT only)
 *   &amp;X-Shutter-Max-Bytes={largest body}         (PUT only)
 *   &amp;X-Shutter-Signature={base64url HMAC-SHA256, no padding}
 * </pre>
 *
 * The method and content type travel in the URL, although the signature alone would bind them,
 * so that a verifier can say what is wrong (wrong method, wrong content type) instead of just
 * "bad signature".
 */
final class LocalUrlSignature {

    static final String METHOD = "X-Shutter-Method";
    static final String EXPIRES = "X-Shutter-Expires";
    static final String CONTENT_TYPE = "X-Shutter-Content-Type";
    static final String MAX_BYTES = "X-Shutter-Max-Bytes";
    static final String SIGNATURE = "X-Shutter-Signature";

    private static final String ALGORITHM = "HmacSHA256";
    /** Names the scheme in what is signed, so a signature cannot be replayed under another one. */
    private static final String SCHEME = "SHUTTER-HMAC-SHA256";

    private final SecretKeySpec key;

    LocalUrlSignature(byte[] signingKey) {
        this.key = new SecretKeySpec(signingKey, ALGORITHM);
    }

    /**
     * The signature of one grant. Fields are joined with newlines, which none of them can contain
     * (keys and content types exclude control characters), so the encoding is unambiguous.
     *
     * @param contentType {@code ""} for GET
     * @param maxBytes {@code ""} for GET
     */
    byte[] sign(String method, String bucket, BlobKey blobKey, long expiresEpochSecond, String contentType,
            String maxBytes) {
        String stringToSign = String.join("\n", SCHEME, method, bucket, blobKey.value(),
                Long.toString(expiresEpochSecond), contentType, maxBytes);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e); // every JDK has it
        }
    }

    static String encodeSignature(byte[] signature) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
