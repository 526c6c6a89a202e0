package dev.shutter.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable standard = UrlMap.standard();

    private Optional<String> backendOf(String path) {
        return standard.match(path).map(Route::backend);
    }

    @Test
    void theApiGoesToTheServiceThatServesEachPart() {
        assertThat(backendOf("/v1/feed")).contains("feed-service");
        assertThat(backendOf("/v1/feed/")).contains("feed-service");
        assertThat(backendOf("/v1/explore")).contains("explore-service");
        assertThat(backendOf("/v1/posts/123/like")).contains("post-service");
        assertThat(backendOf("/v1/accounts")).contains("post-service");
        assertThat(backendOf("/.well-known/jwks.json")).contains("post-service");
    }

    @Test
    void exploreServicesModelOperationsAreNeverRouted() {
        // API.md "Models": on explore-service's own port only.
        assertThat(backendOf("/admin/models")).isNotEqualTo(Optional.of("explore-service"));
        assertThat(backendOf("/admin/models/ranker/rollback")).isNotEqualTo(Optional.of("explore-service"));
    }

    @Test
    void aPrefixMatchesWholeSegmentsOnly() {
        // /v1/feed must not capture a post-service path that merely starts with the same letters.
        assertThat(backendOf("/v1/feedback")).contains("post-service");
        assertThat(backendOf("/v1/explorers")).contains("post-service");
    }

    @Test
    void bucketsAndMediaGoToTheBlobEndpoints() {
        assertThat(backendOf("/blobs/shutter-raw/uploads/1/2")).contains("bucket:shutter-raw");
        // Media are read through the media gate only: no signed-URL route to the media bucket itself.
        assertThat(backendOf("/blobs/shutter-media/media/1/2/hq.webp")).isEmpty();
        assertThat(backendOf("/media/media/1/2/3-t/hq.webp")).contains("media-gate:shutter-media");
        assertThat(backendOf("/blobs/another-bucket/x")).isEmpty();
    }

    @Test
    void pathsOutsideTheMapHaveNoBackend() {
        assertThat(backendOf("/")).isEmpty();
        assertThat(backendOf("/v1")).isEmpty();
        assertThat(backendOf("/q/health")).isEmpty();
        assertThat(backendOf("relative")).isEmpty();
        assertThat(backendOf(null)).isEmpty();
    }

    @Test
    void theMostSpecificRuleWinsWhateverTheOrder() {
        RouteTable table = new RouteTable(List.of(new Route("/a/", "short"), new Route("/a/b/c", "long"),
                new Route("/a/b", "middle")));
        assertThat(table.match("/a/b/c/d").map(Route::backend)).contains("long");
        assertThat(table.match("/a/b/x").map(Route::backend)).contains("middle");
        assertThat(table.match("/a/x").map(Route::backend)).contains("short");
    }
}
