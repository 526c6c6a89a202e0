package dev.shutter.explore.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorDiversityTest {

    record Post(long id, long author) {}

    @Test
    void keepsTheRankingOrderWithAtMostTwoPostsPerAuthorUpToTheSize() {
        List<Post> ranked = List.of(new Post(1, 7), new Post(2, 7), new Post(3, 7), new Post(4, 8), new Post(5, 9),
                new Post(6, 8), new Post(7, 8));

        assertThat(AuthorDiversity.top(ranked, Post::author, 10, 2)).extracting(Post::id).containsExactly(1L, 2L, 4L, 5L, 6L);
        assertThat(AuthorDiversity.top(ranked, Post::author, 3, 2)).extracting(Post::id).containsExactly(1L, 2L, 4L);
        assertThat(AuthorDiversity.top(ranked, Post::author, 10, 1)).extracting(Post::id).containsExactly(1L, 4L, 5L);
    }
}
