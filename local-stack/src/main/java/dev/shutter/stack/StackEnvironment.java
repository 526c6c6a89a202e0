package dev.shutter.stack;

import dev.shutter.stack.data.DataDirectory;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where everything of a running stack is, once its servers are up: what the services'
 * configuration and the gateway are made from.
 *
 * @param publicUrl the gateway as clients reach it, e.g. {@code http://localhost:8080}
 */
public record StackEnvironment(StackPorts ports, DataDirectory data, String postgresReactiveUrl,
        String postgresJdbcUrl, String redisUri, URI publicUrl, int celebrityThreshold) {

    /**
     * The model store on disk ({@code ModelStore.local}): ml-models publishes into it, explore-service
     * loads the newest complete release from it.
     */
    public Path modelStore() {
        return data.modelBucket();
    }

    /** The search engine as Hibernate Search's {@code hosts} takes it. */
    public String searchHosts() {
        return "127.0.0.1:" + ports.search();
    }

    /** Raw and media buckets' signed URLs: {@code {blobsBaseUrl}/{bucket}/{key}?...}. */
    public URI blobsBaseUrl() {
        return publicUrl.resolve("/blobs");
    }

    /** Public (CDN) media URLs: {@code {mediaBaseUrl}/{key}}. */
    public URI mediaBaseUrl() {
        return publicUrl.resolve("/media");
    }
}
