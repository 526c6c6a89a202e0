package dev.shutter.rest.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.shutter.rest.ids.PathIds;
import dev.shutter.rest.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void cursorsRoundTrip() {
        qt().forAll(strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 8), longs().all(), longs().all())
                .checkAssert((kind, first, second) -> {
                    String cursor = Cursors.encode(kind, first, second);
                    assertThat(Cursors.decode(cursor, kind, 2)).containsExactly(first, second);
                    assertThat(Cursors.kindOf(cursor)).isEqualTo(kind);
                    assertThat(cursor).doesNotContain("=").doesNotContain("+").doesNotContain("/");
                });
    }

    @Test
    void anyStringIsEitherACursorOrA400() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(cursor -> {
            try {
                Cursors.decode(cursor, "g1", 1);
            } catch (ProblemException e) {
                assertThat(e.status()).isEqualTo(400);
            }
        });
    }

    @Test
    void aCursorOfAnotherListOrShapeIsRefused() {
        String grid = Cursors.encode("g1", 5);
        assertStatus(() -> Cursors.decode(grid, "s1", 1), 400);
        assertStatus(() -> Cursors.decode(grid, "g1", 2), 400);
        assertStatus(() -> Cursors.decode("not-a-cursor!", "g1", 1), 400);
        String notNumbers = Base64.getUrlEncoder().encodeToString("g1:abc".getBytes(StandardCharsets.US_ASCII));
        assertStatus(() -> Cursors.decode(notNumbers, "g1", 1), 400);
    }

    @Test
    void limitsDefaultAndAreBounded() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(null, PageRequest.DEFAULT_LIMIT));
        assertThat(PageRequest.of(" ", " 7 ").limit()).isEqualTo(7);
        assertThat(PageRequest.of(null, "50").limit()).isEqualTo(50);
        assertStatus(() -> PageRequest.of(null, "51"), 422);
        assertStatus(() -> PageRequest.of(null, "0"), 422);
        assertStatus(() -> PageRequest.of(null, "ten"), 400);
        assertThat(PageRequest.of(null, "100", PageRequest.MAX_LIMIT_SMALL_ITEMS).limit()).isEqualTo(100);
        assertStatus(() -> PageRequest.of(null, "101", PageRequest.MAX_LIMIT_SMALL_ITEMS), 422);
    }

    @Test
    void aRequestDecodesItsOwnCursor() {
        PageRequest page = PageRequest.of(PageRequest.encode("s1", 42, 7), "5");
        assertThat(page.decode("s1", 2)).containsExactly(42, 7);
        assertThat(page.cursorKind()).isEqualTo("s1");
        assertThat(PageRequest.of(null, null).decode("s1", 2)).isNull();
    }

    @Test
    void pathIdsArePositiveNumbersOrA404() {
        assertThat(PathIds.parse("123", "No such post.")).isEqualTo(123);
        for (String bad : new String[] {"0", "-4", "abc", "", "12a", "99999999999999999999"}) {
            assertThatThrownBy(() -> PathIds.parse(bad, "No such post."))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.getMessage()).isEqualTo("No such post.");
                    });
        }
    }

    private static void assertStatus(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(status));
    }
}
