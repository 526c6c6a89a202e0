package dev.shutter.stack.gateway;

import dev.shutter.problem.ExchangeProblems;
import dev.shutter.problem.Problem;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local stand-in for the global load balancer: one port, a {@link RouteTable} choosing the
 * backend by path, and {@link CorsPolicy} in front of all of them. Backends are handlers: a
 * {@link ReverseProxy} per service, the blob endpoints for the buckets. A route whose backend is
 * not running (a service without an app yet) answers 503; a path no route matches, 404.
 *
 * <p>The JDK's server with a virtual thread per request: the proxy and the blob store block.
 */
public final class Gateway implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<AutoCloseable> resources;

    private Gateway(HttpServer server, ExecutorService executor, List<AutoCloseable> resources) {
        this.server = server;
        this.executor = executor;
        this.resources = resources;
    }

    /** @param resources what the backends use (clients, stores), closed after the server stops */
    public static Gateway start(InetSocketAddress address, RouteTable routes, Map<String, HttpHandler> backends,
            CorsPolicy cors, AutoCloseable... resources) throws IOException {
        HttpServer server = HttpServer.create(address, 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        HttpContext root = server.createContext("/", exchange -> dispatch(exchange, routes, backends));
        root.getFilters().add(cors);
        server.start();
        return new Gateway(server, executor, List.of(resources));
    }

    private static void dispatch(HttpExchange exchange, RouteTable routes, Map<String, HttpHandler> backends)
            throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Optional<Route> route = routes.match(path);
        if (route.isEmpty()) {
            try (exchange) {
                ExchangeProblems.send(exchange, Problem.of(404, "no-route", "Not found", "no service serves " + path));
            }
            return;
        }
        HttpHandler backend = backends.get(route.get().backend());
        if (backend == null) {
            try (exchange) {
                exchange.getResponseHeaders().set("Retry-After", "60");
                ExchangeProblems.send(exchange, Problem.of(503, "backend-not-running", "Service unavailable",
                        route.get().backend() + " is not running in this local stack"));
            }
            return;
        }
        backend.handle(exchange);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // Stopping anyway; nothing to do about a resource that fails to close.
            }
        }
    }
}
