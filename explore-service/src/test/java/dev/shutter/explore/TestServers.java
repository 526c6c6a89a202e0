package dev.shutter.explore;

import io.quarkus.test.common.QuarkusTestResource;

/** The real servers every test of this module runs against, declared once so one application serves the whole run. */
@QuarkusTestResource(value = ExploreStackResource.class)
public final class TestServers {

    private TestServers() {}
}
