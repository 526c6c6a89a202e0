package dev.shutter.bench.post;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.bench.ConcurrentLoad;
import dev.shutter.bench.LatencyRecorder;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.post.v1.BatchGetPostsRequest;
import dev.shutter.contracts.post.v1.PostQueryGrpc;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.processes.ServiceProcess;
import dev.shutter.bench.PostQueryCalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** {@code BatchGetPosts} of 50 IDs over gRPC, on posts made ready as the media worker would. */
final class BatchGetBench {

    private static final int POSTS = 1_000;
    private static final int BATCH = 50;
    private static final int CALLS = Integer.getInteger("bench.batchGet.calls", 2_000);

    private BatchGetBench() {}

    static void measure(ServiceProcess service, Path serviceKey, PostsClient client, String redisUri) throws Exception {
        List<Long> postIds = seedReadyPosts(client, redisUri);
        PostsClient.Session viewer = client.signUp("bench_viewer_" + System.nanoTime() % 100_000);
        long viewerId = Long.parseLong(viewer.userId());
        try (PostQueryCalls postQuery = new PostQueryCalls(service.port(), serviceKey)) {
            PostQueryGrpc.PostQueryBlockingStub stub = postQuery.as(viewer.accessToken());
            awaitReady(stub, viewerId, postIds);
            ConcurrentLoad.run(PostServiceBench.CONCURRENCY, CALLS / 5, i -> call(stub, viewerId, postIds, i));
            LatencyRecorder calls = ConcurrentLoad.run(PostServiceBench.CONCURRENCY, CALLS, i -> call(stub, viewerId, postIds, i));
            System.out.printf("BatchGetPosts (%d IDs)          %s%n", BATCH, calls.summary());
        }
    }

    private static void call(PostQueryGrpc.PostQueryBlockingStub stub, long viewerId, List<Long> postIds, int seed) {
        // 50 distinct posts: a feed page never asks for one post twice.
        List<Long> shuffled = new ArrayList<>(postIds);
        Collections.shuffle(shuffled, new Random(seed));
        List<Long> ids = shuffled.subList(0, BATCH);
        int got = stub.batchGetPosts(BatchGetPostsRequest.newBuilder().setViewerId(viewerId).addAllPostIds(ids).build())
                .getPostsCount();
        if (got != BATCH) {
            throw new IllegalStateException("asked for " + BATCH + " posts, got " + got);
        }
    }

    /** Creates posts through the API and answers for their media as media-worker would. */
    private static List<Long> seedReadyPosts(PostsClient client, String redisUri) throws Exception {
        List<PostsClient.Session> authors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            authors.add(client.signUp("bench_grid_" + i + "_" + System.nanoTime() % 100_000));
        }
        List<Long> postIds = new ArrayList<>();
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(redisUri)) {
            for (int i = 0; i < POSTS; i++) {
                PostsClient.CreatedPost post = client.createPost(authors.get(i % authors.size()));
                postIds.add(post.postId());
                MediaProcessed processed = MediaProcessed.newBuilder()
                        .setPostId(post.postId()).setMediaId(post.mediaId()).setType("image")
                        .putVariants("thumb", "media/" + post.postId() + "/" + post.mediaId() + "/thumb.webp")
                        .putVariants("medium", "media/" + post.postId() + "/" + post.mediaId() + "/medium.webp")
                        .putVariants("hq", "media/" + post.postId() + "/" + post.mediaId() + "/hq.webp")
                        .setWidth(1080).setHeight(1350).setBlurhash("LEHV6nWB2yk8pyo0adR*.7kCMdnj")
                        .build();
                bus.publish(EventTypes.MEDIA_PROCESSED, Long.toString(post.postId()), processed)
                        .await().indefinitely();
            }
        }
        return postIds;
    }

    private static void awaitReady(PostQueryGrpc.PostQueryBlockingStub stub, long viewerId, List<Long> postIds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            int ready = 0;
            for (int i = 0; i < postIds.size(); i += 500) {
                ready += stub.batchGetPosts(BatchGetPostsRequest.newBuilder().setViewerId(viewerId)
                        .addAllPostIds(postIds.subList(i, Math.min(postIds.size(), i + 500))).build()).getPostsCount();
            }
            if (ready == postIds.size()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("seeded posts did not become ready");
    }
}
