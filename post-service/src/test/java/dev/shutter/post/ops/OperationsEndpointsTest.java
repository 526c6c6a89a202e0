package dev.shutter.post.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The operations endpoints every service serves (API.md, "Operations"). */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void healthChecksIncludeTheDatabaseAndRedis() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Reactive PostgreSQL"))
                .body(containsString("Redis"));
    }

    @Test
    void metricsArePrometheusTextWithTheOutboxCounters() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("shutter_outbox_relayed_total"))
                .body(containsString("http_server_requests"));
    }

    @Test
    void openApiDescribesThePublicPaths() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/accounts"))
                .body(containsString("/v1/sessions/refresh"));
    }

    @Test
    void unknownPathIsAProblem() {
        given().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }
}
