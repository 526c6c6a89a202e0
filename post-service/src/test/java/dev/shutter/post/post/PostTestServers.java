package dev.shutter.post.post;

import io.quarkus.test.common.QuarkusTestResource;

/** Declared once for the module's whole run (as {@code dev.shutter.post.TestServers}), so one application serves every test class. */
@QuarkusTestResource(RawBucketTestResource.class)
final class PostTestServers {

    private PostTestServers() {}
}
