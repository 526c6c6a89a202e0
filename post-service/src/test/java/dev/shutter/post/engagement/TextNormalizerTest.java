package dev.shutter.post.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void composesToNfc() {
        assertThat(TextNormalizer.normalize("Cafe\u0301")).isEqualTo("Caf\u00e9");
        // A control between a letter and its mark goes first, so they still compose.
        assertThat(TextNormalizer.normalize("e\u0000\u0301")).isEqualTo("\u00e9");
    }

    @Test
    void removesControlsButKeepsLineBreaks() {
        assertThat(TextNormalizer.normalize("a\u0000b\u0007c\u001bd\u007fe\u0085f")).isEqualTo("abcdef");
        assertThat(TextNormalizer.normalize("one\r\ntwo\rthree\nfour")).isEqualTo("one\ntwo\nthree\nfour");
        assertThat(TextNormalizer.normalize("a\tb")).isEqualTo("a b");
    }

    @Test
    void dropsUnpairedSurrogatesKeepsPairs() {
        assertThat(TextNormalizer.normalize("a\uD800b\uDC00c")).isEqualTo("abc");
        assertThat(TextNormalizer.normalize("\uD83D\uDCF7")).isEqualTo("\uD83D\uDCF7");
    }

    @Test
    void stripsAndKeepsEmojiSequences() {
        assertThat(TextNormalizer.normalize("  \n hi \u0000 ")).isEqualTo("hi");
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(TextNormalizer.normalize(family)).isEqualTo(family);
        assertThat(TextNormalizer.normalize(null)).isNull();
    }

    @Test
    void countsCodePoints() {
        assertThat(TextNormalizer.length("\uD83D\uDCF7\uD83D\uDCF7")).isEqualTo(2);
        assertThat(TextNormalizer.length("abc")).isEqualTo(3);
    }
}
