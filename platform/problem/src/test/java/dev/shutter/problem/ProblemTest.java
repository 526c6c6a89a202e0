package dev.shutter.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theTypeIsTheBaseAndTheTitlesKind() throws Exception {
        Problem problem = Problem.of(404, "Not found", "No such post.", List.of());
        JsonNode body = json.readTree(problem.toJson());
        assertThat(body.get("type").asText()).isEqualTo("https://shutter.dev/problems/not-found");
        assertThat(body.get("title").asText()).isEqualTo("Not found");
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("detail").asText()).isEqualTo("No such post.");
        assertThat(body.has("errors")).as("no empty errors list").isFalse();
    }

    @Test
    void anExplicitKindIsUsedAsGiven() throws Exception {
        Problem problem = Problem.of(403, "signature-expired", "Signed URL expired", "expired 3 s ago");
        assertThat(json.readTree(problem.toJson()).get("type").asText()).isEqualTo(Problem.TYPE_BASE + "signature-expired");
    }

    @Test
    void fieldErrorsAndAwkwardTextSurviveTheRoundTrip() throws Exception {
        String detail = "quote \" backslash \\ newline \n nul \u0000 lone \ud800 end";
        Problem problem = Problem.of(422, "Invalid request", detail, List.of(new FieldError("caption", "too long")));
        JsonNode body = json.readTree(problem.toJson());
        assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("caption");
        assertThat(body.get("detail").asText()).startsWith("quote \" backslash \\ newline \n nul \u0000 lone");
    }
}
