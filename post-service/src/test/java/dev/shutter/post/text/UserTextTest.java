package dev.shutter.post.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserTextTest {

    @Test
    void composesToNfc() {
        assertThat(UserText.normalize("Cafe\u0301")).isEqualTo("Caf\u00e9");
        // A control between a letter and its mark goes first, so they still compose.
        assertThat(UserText.normalize("e\u0000\u0301")).isEqualTo("\u00e9");
    }

    @Test
    void removesControlsButKeepsLineBreaks() {
        assertThat(UserText.normalize("a\u0000b\u0007c\u001bd\u007fe\u0085f")).isEqualTo("abcdef");
        assertThat(UserText.normalize("one\r\ntwo\rthree\nfour")).isEqualTo("one\ntwo\nthree\nfour");
        assertThat(UserText.normalize("a\tb")).isEqualTo("a b");
    }

    @Test
    void dropsUnpairedSurrogatesKeepsPairs() {
        assertThat(UserText.normalize("a\uD800b\uDC00c")).isEqualTo("abc");
        assertThat(UserText.normalize("\uD83D\uDCF7")).isEqualTo("\uD83D\uDCF7");
    }

    @Test
    void stripsAndKeepsEmojiSequences() {
        assertThat(UserText.normalize("  \n hi \u0000 ")).isEqualTo("hi");
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(UserText.normalize(family)).isEqualTo(family);
        assertThat(UserText.normalize(null)).isNull();
    }

    @Test
    void countsCodePoints() {
        assertThat(UserText.length("\uD83D\uDCF7\uD83D\uDCF7")).isEqualTo(2);
        assertThat(UserText.length("abc")).isEqualTo(3);
    }

    @Test
    void removesBidiOverridesButKeepsDirectionMarks() {
        // "‮" would display "exe.txt" as "txt.exe": reordering controls go.
        assertThat(UserText.normalize("photo\u202Egpj.exe")).isEqualTo("photogpj.exe");
        assertThat(UserText.normalize("a\u2066b\u2069c\u202Ad\u202Ce")).isEqualTo("abcde");
        assertThat(UserText.normalize("\u05E9\u05DC\u05D5\u05DD\u200F!")).isEqualTo("\u05E9\u05DC\u05D5\u05DD\u200F!");
    }
}
