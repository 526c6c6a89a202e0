package dev.shutter.blobs.gcs;

import com.google.auth.ServiceAccountSigner;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.HttpMethod;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.SignUrlOption;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.ContentTypes;
import dev.shutter.blobs.SignedUrl;
import dev.shutter.blobs.UrlSigner;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * V4 signed URLs for GCS, signed by a service account.
 *
 * <p>An upload URL signs two headers the client must send, and that GCS then enforces: {@code
 * Content-Type} (passed as a signed extension header; {@code SignUrlOption.withContentType()} is
 * not part of a V4 signature) and {@code x-goog-content-length-range: 0,<maxBytes>}, with which
 * GCS refuses larger bodies. Both are returned in {@link SignedUrl#headers()}.
 *
 * <p>Signing with a {@code ServiceAccountCredentials} (a key file) is local RSA computation. With
 * the credentials of Cloud Run or GCE ({@code ComputeEngineCredentials}), every signature is a
 * call to the IAM signBlob API, which needs {@code roles/iam.serviceAccountTokenCreator} on the
 * service account itself, and blocks.
 */
public final class GcsUrlSigner implements UrlSigner {

    /** Header with which GCS enforces an upload's size range; a V4 extension header. */
    public static final String CONTENT_LENGTH_RANGE = "x-goog-content-length-range";
    /** Signed with "0": GCS takes the upload only while no object has the key, so an upload URL works once. */
    public static final String IF_GENERATION_MATCH = "x-goog-if-generation-match";
    private static final DateTimeFormatter GOOG_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Storage storage;
    private final String bucket;
    private final ServiceAccountSigner signer;

    /**
     * @param storage any client (signing happens locally, or through IAM for metadata-server
     *     credentials; the client's host names the URL's host)
     * @param bucket the bucket's name
     * @param signer the service account whose key signs, e.g. a {@code ServiceAccountCredentials}
     */
    public GcsUrlSigner(Storage storage, String bucket, ServiceAccountSigner signer) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * Signs with the application default credentials: a service-account key file named by {@code
     * GOOGLE_APPLICATION_CREDENTIALS}, or the metadata server's account on Cloud Run and GCE.
     *
     * @throws IOException when there are no default credentials, or they cannot sign (e.g. a
     *     user's gcloud login)
     */
    public static GcsUrlSigner withDefaultCredentials(Storage storage, String bucket) throws IOException {
        GoogleCredentials credentials = GoogleCredentials.getApplicationDefault();
        if (!(credentials instanceof ServiceAccountSigner signer)) {
            throw new IOException("the default credentials (" + credentials.getClass().getSimpleName()
                    + ") cannot sign URLs; use a service account");
        }
        return new GcsUrlSigner(storage, bucket, signer);
    }

    @Override
    public SignedUrl signPut(BlobKey key, String contentType, long maxBytes, Duration ttl) {
        Objects.requireNonNull(key, "key");
        ContentTypes.requireValid(contentType);
        UrlSigner.requireValidMaxBytes(maxBytes);
        UrlSigner.requireValidTtl(ttl);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put(CONTENT_LENGTH_RANGE, "0," + maxBytes);
        headers.put(IF_GENERATION_MATCH, "0");
        URL url = storage.signUrl(BlobInfo.newBuilder(BlobId.of(bucket, key.value())).build(), ttl.toSeconds(),
                TimeUnit.SECONDS,
                SignUrlOption.httpMethod(HttpMethod.PUT),
                SignUrlOption.withV4Signature(),
                SignUrlOption.signWith(signer),
                SignUrlOption.withExtHeaders(headers));
        return toSignedUrl("PUT", url, headers);
    }

    @Override
    public SignedUrl signGet(BlobKey key, Duration ttl) {
        Objects.requireNonNull(key, "key");
        UrlSigner.requireValidTtl(ttl);
        URL url = storage.signUrl(BlobInfo.newBuilder(BlobId.of(bucket, key.value())).build(), ttl.toSeconds(),
                TimeUnit.SECONDS,
                SignUrlOption.httpMethod(HttpMethod.GET),
                SignUrlOption.withV4Signature(),
                SignUrlOption.signWith(signer));
        return toSignedUrl("GET", url, Map.of());
    }

    /**
     * The expiry is read back from the URL (signing time plus validity, as GCS computes it), so
     * it is exact whatever clock the client library signed with.
     */
    private static SignedUrl toSignedUrl(String method, URL url, Map<String, String> headers) {
        try {
            URI uri = url.toURI();
            Map<String, String> query = new LinkedHashMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
            Instant signedAt = LocalDateTime.parse(query.get("X-Goog-Date"), GOOG_DATE).toInstant(ZoneOffset.UTC);
            Instant expiresAt = signedAt.plusSeconds(Long.parseLong(query.get("X-Goog-Expires")));
            return new SignedUrl(method, uri, headers, expiresAt);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("unexpected signed URL from the GCS client: " + url, e);
        }
    }
}
