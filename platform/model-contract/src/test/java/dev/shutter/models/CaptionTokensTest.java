package dev.shutter.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptionTokensTest {

    @Test
    void wordsWithoutTagsOrMentionsInLowerCaseNfc() {
        assertThat(CaptionTokens.of("Golden hour in Roma! #Travel #italy_2026 with @anna_b, café au lait"))
                .containsExactly("golden", "hour", "in", "roma", "with", "café", "au", "lait");
        // "cafe" + combining acute is the same word as the precomposed one.
        assertThat(CaptionTokens.of("Cafe\u0301")).containsExactly("café");
        assertThat(CaptionTokens.of("")).isEmpty();
        assertThat(CaptionTokens.of(null)).isEmpty();
        assertThat(CaptionTokens.of("snake_case 3am")).containsExactly("snake", "case", "3am");
        assertThat(CaptionTokens.of("a".repeat(50)).getFirst()).hasSize(CaptionTokens.MAX_WORD_CODE_POINTS);
    }
}
