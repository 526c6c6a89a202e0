package dev.shutter.post.post;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every limit of `POST /v1/posts` answers its status with a problem+json body naming the field. */
@QuarkusTest
class CreatePostValidationTest {

    private static final long MB = 1024 * 1024;

    private TestUser user;

    @BeforeEach
    void user() {
        user = Api.newUser("postval");
    }

    @Test
    void captionOfExactlyTheLimitAfterNormalisationIsAccepted() {
        // 2,200 visible characters plus control characters that normalisation removes.
        String caption = "\u0000\u0007" + "a".repeat(2_199) + "\u001f" + "\u00e9".repeat(1) + "\u0000";
        post(Map.of("caption", caption, "media", image(1)))
                .statusCode(201)
                .body("status", equalTo("processing"));
    }

    @Test
    void captionLongerThanTheLimitAfterNormalisationIsA422() {
        // "e" + combining acute is one character after NFC: 2,201 of them is one too many.
        post(Map.of("caption", "e\u0301".repeat(2_201), "media", image(1)))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", hasItem("caption"));
    }

    @Test
    void controlCharactersAreStrippedFromTheStoredCaption() {
        String postId = post(Map.of("caption", "line one\u0000\u0007\r\nline\u001b two #Tag", "media", image(1)))
                .statusCode(201).extract().path("postId");
        user.request().get("/v1/posts/" + postId).then().statusCode(200)
                .body("caption", equalTo("line one\nline two #Tag"))
                .body("hashtags", equalTo(List.of("tag")));
    }

    @Test
    void thirtyHashtagsAreFineThirtyOneAreA422() {
        String thirty = String.join(" ", IntStream.range(0, 30).mapToObj(i -> "#tag" + i).toList());
        post(Map.of("caption", thirty + " #TAG0", "media", image(1))).statusCode(201);
        post(Map.of("caption", thirty + " #one_more", "media", image(1)))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("caption"));
    }

    @Test
    void zeroOrElevenMediaItemsAreA422() {
        post(Map.of("caption", "none", "media", List.of()))
                .statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("media"));
        post(Map.of("caption", "absent"))
                .statusCode(422).body("errors.field", hasItem("media"));
        post(Map.of("caption", "eleven", "media", Collections.nCopies(11, Map.of("mimeType", "image/jpeg", "sizeBytes", 10))))
                .statusCode(422).body("errors.field", hasItem("media"));
        post(Map.of("caption", "ten", "media", Collections.nCopies(10, Map.of("mimeType", "image/png", "sizeBytes", 10))))
                .statusCode(201).body("uploads", hasSize(10));
    }

    @Test
    void unsupportedMimeTypeIsA415() {
        for (String type : List.of("image/gif", "application/pdf", "text/html", "video/webm", "image/jpeg; charset=x")) {
            post(Map.of("caption", "", "media", List.of(Map.of("mimeType", type, "sizeBytes", 10))))
                    .statusCode(415)
                    .contentType("application/problem+json")
                    .body("status", equalTo(415))
                    .body("errors[0].field", equalTo("media[0].mimeType"));
        }
    }

    @Test
    void mimeTypeIsCaseInsensitiveAndTheUploadAsksForItsCanonicalForm() {
        post(Map.of("caption", "", "media", List.of(Map.of("mimeType", " Image/HEIC ", "sizeBytes", 10))))
                .statusCode(201)
                .body("uploads[0].headers.Content-Type", equalTo("image/heic"));
    }

    @Test
    void oversizedMediaIsA413() {
        post(Map.of("caption", "", "media", List.of(Map.of("mimeType", "image/webp", "sizeBytes", 30 * MB + 1))))
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("errors[0].field", equalTo("media[0].sizeBytes"));
        post(Map.of("caption", "", "media", List.of(Map.of("mimeType", "video/mp4", "sizeBytes", 300 * MB + 1))))
                .statusCode(413);
        // The limits themselves are allowed, and a video may be larger than an image.
        post(Map.of("caption", "", "media", List.of(Map.of("mimeType", "image/jpeg", "sizeBytes", 30 * MB),
                Map.of("mimeType", "video/quicktime", "sizeBytes", 300 * MB)))).statusCode(201);
    }

    @Test
    void nonPositiveOrMissingSizeIsA422() {
        post(Map.of("caption", "", "media", List.of(Map.of("mimeType", "image/jpeg", "sizeBytes", 0))))
                .statusCode(422).body("errors[0].field", equalTo("media[0].sizeBytes"));
        post(Map.of("caption", "", "media", List.of(Map.of("mimeType", "image/jpeg", "sizeBytes", -5))))
                .statusCode(422);
        post(Map.of("caption", "", "media", List.of(Map.of("mimeType", "image/jpeg"))))
                .statusCode(422).body("errors[0].field", equalTo("media[0].sizeBytes"));
        post(Map.of("caption", "", "media", List.of(Map.of("sizeBytes", 5))))
                .statusCode(422).body("errors[0].field", equalTo("media[0].mimeType"));
    }

    @Test
    void missingOrMalformedBodyIsAProblem() {
        user.request().post("/v1/posts")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        user.request().body("{\"caption\": ").post("/v1/posts")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        user.request().body("{\"caption\": \"x\", \"media\": [{\"mimeType\": \"image/jpeg\", \"sizeBytes\": \"lots\"}]}")
                .post("/v1/posts")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void creatingNeedsASignedInUser() {
        given().contentType(ContentType.JSON).body(Map.of("caption", "", "media", image(1))).post("/v1/posts")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void answerHasOneSignedUploadPerItem() {
        post(Map.of("caption", "two", "media", List.of(Map.of("mimeType", "image/jpeg", "sizeBytes", 100),
                Map.of("mimeType", "video/mp4", "sizeBytes", 200))))
                .statusCode(201)
                .body("postId", matchesPattern("[0-9]+"))
                .body("uploads", hasSize(2))
                .body("uploads[0].method", equalTo("PUT"))
                .body("uploads[0].headers.Content-Type", equalTo("image/jpeg"))
                .body("uploads[1].headers.Content-Type", equalTo("video/mp4"))
                .body("uploads[0].url", startsWith("http://127.0.0.1:"));
    }

    private ValidatableResponse post(Map<String, ?> body) {
        return user.request().body(body).post("/v1/posts").then();
    }

    private static List<Map<String, Object>> image(int count) {
        return Collections.nCopies(count, Map.of("mimeType", "image/jpeg", "sizeBytes", 1000));
    }
}
