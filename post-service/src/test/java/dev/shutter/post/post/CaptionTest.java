package dev.shutter.post.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptionTest {

    @Test
    void controlCharactersAndNulAreRemovedLineBreaksKept() {
        Caption caption = Caption.of("  Golden\u0000 hour\u0007\u001b[31m\r\nsecond line\rthird\ttab\u0085\u009f  ");
        assertThat(caption.text()).isEqualTo("Golden hour[31m\nsecond line\nthird tab");
    }

    @Test
    void normalisedToNfcAndCountedInCodePoints() {
        // "e" + combining acute becomes one "é"; an emoji outside the BMP counts once.
        Caption caption = Caption.of("Cafe\u0301 \uD83D\uDCF7");
        assertThat(caption.text()).isEqualTo("Caf\u00e9 \uD83D\uDCF7");
        assertThat(caption.length()).isEqualTo(6);
    }

    @Test
    void unpairedSurrogatesAreRemoved() {
        assertThat(Caption.of("a\uD800b\uDC00c").text()).isEqualTo("abc");
    }

    @Test
    void hashtagsAreLowerCasedDeduplicatedInOrder() {
        Caption caption = Caption.of("Golden hour #Travel #italy #travel #ITALY, #caffè_latte #日本 #2026");
        assertThat(caption.hashtags()).containsExactly("travel", "italy", "caffè_latte", "日本", "2026");
    }

    @Test
    void hashtagCharactersAreWhitelisted() {
        Caption caption = Caption.of("#one-two #three.four #five'six #<script> #emoji\uD83D\uDCF7 # #");
        assertThat(caption.hashtags()).containsExactly("one", "three", "five", "emoji");
    }

    @Test
    void aHashInsideAWordIsNoTag() {
        assertThat(Caption.of("C# and a#b but (#yes) and \n#also").hashtags()).containsExactly("yes", "also");
    }

    @Test
    void combiningMarksStayInsideATag() {
        assertThat(Caption.of("#हिन्दी").hashtags()).containsExactly("हिन्दी");
    }

    @Test
    void nullCaptionIsEmpty() {
        assertThat(Caption.of(null).text()).isEmpty();
        assertThat(Caption.of(null).hashtags()).isEmpty();
    }
}
