package dev.shutter.feed;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real servers every test of this module runs against, declared once for all test classes
 * so one application instance serves the whole run.
 */
@QuarkusTestResource(value = PostServiceResource.class)
public final class TestServers {

    private TestServers() {}
}
