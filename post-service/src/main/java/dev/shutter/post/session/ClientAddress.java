package dev.shutter.post.session;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address a request came from, for per-address rate limits: the client's own as a trusted
 * proxy (the load balancer, the local gateway) forwards it ({@code quarkus.http.proxy.*}), else
 * the peer's.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
