package dev.shutter.stack.gateway;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;

/**
 * CORS for a browser client in front of every route, answered at the edge as the load balancer
 * and the buckets' CORS configuration would: preflights ({@code OPTIONS} with {@code
 * Access-Control-Request-Method}) end here with 204; every other response from an allowed origin
 * carries {@code Access-Control-Allow-Origin}. Tokens travel in {@code Authorization}, never in
 * cookies, so credentials are not allowed and no origin can ride on a user's session.
 */
public final class CorsPolicy extends Filter {

    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
    /** What a client may read besides the simple headers: rate-limit waits, upload generations, paging. */
    static final String EXPOSED_HEADERS = "Retry-After, Location, ETag, X-Shutter-Generation";
    static final String MAX_AGE_SECONDS = "3600";

    private final List<String> allowedOrigins;

    /** @param allowedOrigins exact origins ({@code http://localhost:5173}), or {@code *} for any */
    public CorsPolicy(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null || !allowed(origin)) {
            // Not a cross-origin request, or one the browser will refuse for lack of headers.
            chain.doFilter(exchange);
            return;
        }
        Headers response = exchange.getResponseHeaders();
        response.set("Access-Control-Allow-Origin", allowedOrigins.contains("*") ? "*" : origin);
        response.add("Vary", "Origin");
        String requestedMethod = exchange.getRequestHeaders().getFirst("Access-Control-Request-Method");
        if (exchange.getRequestMethod().equals("OPTIONS") && requestedMethod != null) {
            response.set("Access-Control-Allow-Methods", ALLOWED_METHODS);
            String requestedHeaders = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
            if (requestedHeaders != null && !requestedHeaders.isBlank()) {
                response.set("Access-Control-Allow-Headers", requestedHeaders);
            }
            response.set("Access-Control-Max-Age", MAX_AGE_SECONDS);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        response.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        chain.doFilter(exchange);
    }

    private boolean allowed(String origin) {
        return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
    }

    @Override
    public String description() {
        return "CORS for browser clients";
    }
}
