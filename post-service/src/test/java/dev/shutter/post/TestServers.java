package dev.shutter.post;

import dev.shutter.testsupport.OpenSearchTestResource;
import dev.shutter.testsupport.PostgresTestResource;
import dev.shutter.testsupport.RedisTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real servers every test of this module runs against, declared once for all test classes
 * so one application instance serves the whole run.
 */
@QuarkusTestResource(value = PostgresTestResource.class)
@QuarkusTestResource(value = RedisTestResource.class)
@QuarkusTestResource(value = OpenSearchTestResource.class)
@QuarkusTestResource(value = PostServiceTestResource.class)
public final class TestServers {

    private TestServers() {}
}
