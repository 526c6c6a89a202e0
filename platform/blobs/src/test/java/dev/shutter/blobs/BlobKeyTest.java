package dev.shutter.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BlobKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "uploads/u1/original.jpg", "a/b/c/d", "..a/b..", "a/.hidden", "été/😀.png",
            "with space/and+plus&amp=1?#", "a.b"})
    void acceptsRelativeSlashSeparatedKeys(String value) {
        assertThat(BlobKey.of(value).value()).isEqualTo(value);
    }

    static Stream<String[]> invalidKeys() {
        return Stream.of(
                new String[] {"", "must not be empty"},
                new String[] {"../x", "'.' or '..'"},
                new String[] {"a/../../x", "'.' or '..'"},
                new String[] {"a/./b", "'.' or '..'"},
                new String[] {"..", "'.' or '..'"},
                new String[] {"/etc/passwd", "relative"},
                new String[] {"a\\b", "backslash"},
                new String[] {"..\\..\\windows", "backslash"},
                new String[] {"a\u0000b", "control characters (found U+0000)"},
                new String[] {"a\nb", "control characters"},
                new String[] {"a\u007Fb", "control characters"},
                new String[] {"a\u0085b", "control characters"},
                new String[] {"a//b", "empty segments"},
                new String[] {"a/", "empty segments"},
                new String[] {"a\uD800b", "lone surrogate"},
                new String[] {"x".repeat(256), "longer than 255 bytes"},
                new String[] {("x".repeat(200) + "/").repeat(5) + "y".repeat(30), "at most 1024 bytes"});
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void rejectsUnsafeKeysWithAClearMessage(String value, String reason) {
        assertThatThrownBy(() -> BlobKey.of(value))
                .isInstanceOf(InvalidBlobKeyException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid blob key")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000", "\n"));
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> BlobKey.of(null)).isInstanceOf(InvalidBlobKeyException.class);
    }

    @Test
    void lengthIsCountedInUtf8Bytes() {
        assertThat(BlobKey.isValid("é".repeat(127))).isTrue(); // 254 bytes
        assertThat(BlobKey.isValid("é".repeat(128))).isFalse(); // 256 bytes
        assertThat(BlobKey.isValid(("x".repeat(254) + "/").repeat(4) + "y".repeat(4))).isTrue(); // 1024
        assertThat(BlobKey.isValid(("x".repeat(254) + "/").repeat(4) + "y".repeat(5))).isFalse(); // 1025
    }

    @Test
    void ordersByCodePointLikeGcs() {
        List<BlobKey> keys = Stream.of("a/😀", "a/\uFFFD", "a/é", "a/z", "a", "a/Z", "a/b/c")
                .map(BlobKey::of).sorted().toList();

        assertThat(keys).extracting(BlobKey::value)
                .containsExactly("a", "a/Z", "a/b/c", "a/z", "a/é", "a/\uFFFD", "a/😀");
    }

    @Test
    void exposesSegmentsAndName() {
        BlobKey key = BlobKey.of("uploads/u1/original.jpg");

        assertThat(key.segments()).containsExactly("uploads", "u1", "original.jpg");
        assertThat(key.name()).isEqualTo("original.jpg");
        assertThat(key).hasToString("uploads/u1/original.jpg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a/", "a/b", "a/..", "a/.", "photos/.hid"})
    void acceptsPrefixesThatCanStartAKey(String prefix) {
        assertThat(BlobKey.requireValidPrefix(prefix)).isEqualTo(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "../", "a/../b", "a//", "./", "a\\", "a\u0001"})
    void rejectsPrefixesNoKeyCanStartWith(String prefix) {
        assertThatThrownBy(() -> BlobKey.requireValidPrefix(prefix))
                .isInstanceOf(InvalidBlobKeyException.class)
                .hasMessageStartingWith("invalid blob key prefix");
    }
}
