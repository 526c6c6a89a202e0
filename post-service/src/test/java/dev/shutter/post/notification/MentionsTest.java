package dev.shutter.post.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void namesAreAccountNamesAfterAnAtSignLowerCasedOnceEachAndAtMostTen() {
        assertThat(Mentions.names("hi @Ann and @bob.smith, and @ann again.")).containsExactly("ann", "bob.smith");
        assertThat(Mentions.names("write to me@example.com or @@twice")).isEmpty();
        assertThat(Mentions.names("end of a sentence @carol.")).containsExactly("carol");
        assertThat(Mentions.names("no one here")).isEmpty();
        assertThat(Mentions.names(null)).isEmpty();
        String many = IntStream.range(0, 12).mapToObj(i -> "@user" + i).collect(Collectors.joining(" "));
        assertThat(Mentions.names(many)).hasSize(Mentions.MAX_PER_TEXT).startsWith("user0").endsWith("user9");
        assertThat(Mentions.names("@" + "a".repeat(31))).as("longer than a username can be").isEmpty();
    }
}
