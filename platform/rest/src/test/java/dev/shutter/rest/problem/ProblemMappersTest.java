package dev.shutter.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.problem.Problem;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void unreachableDependencyIsA503WithRetryAfter() {
        Response response = mappers.unexpected(new IllegalStateException("query failed",
                new ConnectException("Connection refused: /127.0.0.1:5432")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.detail()).doesNotContain("5432").doesNotContain("127.0.0.1");
    }

    @Test
    void anyOtherFailureIsA500ThatNamesOnlyAnErrorId() {
        Response response = mappers.unexpected(new IllegalStateException("SELECT secret FROM users"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString("Retry-After")).isNull();
        assertThat(((Problem) response.getEntity()).detail()).doesNotContain("SELECT").contains("error ");
    }
}
