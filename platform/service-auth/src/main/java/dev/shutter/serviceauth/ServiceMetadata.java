package dev.shutter.serviceauth;

import io.grpc.Metadata;

/**
 * The gRPC headers of an authenticated call: the calling service's token, and the end user's
 * access token when the call is made on a user's behalf (the callee takes the viewer from it,
 * never from a request field).
 */
public final class ServiceMetadata {

    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> VIEWER_TOKEN = Metadata.Key.of("x-shutter-viewer-token", Metadata.ASCII_STRING_MARSHALLER);

    private ServiceMetadata() {}

    /** The headers of a call made by a service (token {@code serviceToken}) for a viewer (null: for no user). */
    public static Metadata of(String serviceToken, String viewerToken) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + serviceToken);
        if (viewerToken != null && !viewerToken.isBlank()) {
            headers.put(VIEWER_TOKEN, viewerToken);
        }
        return headers;
    }
}
