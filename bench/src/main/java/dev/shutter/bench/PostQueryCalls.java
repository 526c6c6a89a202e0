package dev.shutter.bench;

import dev.shutter.contracts.post.v1.PostQueryGrpc;
import dev.shutter.serviceauth.LocalServiceTokens;
import dev.shutter.serviceauth.ServiceMetadata;
import dev.shutter.serviceauth.ServiceTokenKey;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * PostQuery as a service calls it: one channel, each call carrying the bench's service token
 * (signed with post-service's key file) and, for a viewer, the viewer's access token.
 */
public final class PostQueryCalls implements AutoCloseable {

    private final ManagedChannel channel;
    private final PostQueryGrpc.PostQueryBlockingStub stub;
    private final LocalServiceTokens tokens;

    public PostQueryCalls(int port, Path serviceKey) {
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        this.stub = PostQueryGrpc.newBlockingStub(channel);
        this.tokens = new LocalServiceTokens(ServiceTokenKey.loadOrCreate(serviceKey), "bench", "post-service");
    }

    /** Calls made for no user. */
    public PostQueryGrpc.PostQueryBlockingStub service() {
        return as(null);
    }

    /** Calls made for the user whose access token this is. */
    public PostQueryGrpc.PostQueryBlockingStub as(String accessToken) {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(ServiceMetadata.of(tokens.token(), accessToken)));
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
}
