package dev.shutter.contracts.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaTypeTest {

    @Test
    void canonicalTypesNameThemselves() {
        for (MediaType type : MediaType.values()) {
            assertThat(MediaType.ofDeclared(type.contentType())).contains(type);
            assertThat(MediaType.ACCEPTED).contains(type.contentType());
        }
    }

    @Test
    void caseSpacesAndAliasesAreAccepted() {
        assertThat(MediaType.ofDeclared(" Image/HEIC ")).contains(MediaType.HEIC);
        assertThat(MediaType.ofDeclared("Image/JPG")).contains(MediaType.JPEG);
        assertThat(MediaType.ofDeclared("image/pjpeg")).contains(MediaType.JPEG);
        assertThat(MediaType.ofDeclared("image/heif")).contains(MediaType.HEIC);
        assertThat(MediaType.ofDeclared("image/x-png")).contains(MediaType.PNG);
    }

    @Test
    void anythingElseIsRefused() {
        for (String type : new String[] {"image/gif", "application/pdf", "text/html", "video/webm", "image/jpeg; charset=x",
                "image/jpeg;", "", "image", "image/avif"}) {
            assertThat(MediaType.ofDeclared(type)).as(type).isEmpty();
        }
        assertThat(MediaType.ofDeclared(null)).isEmpty();
    }

    @Test
    void kindsCarryTheApiNamesAndLimits() {
        assertThat(MediaType.JPEG.kind().apiName()).isEqualTo("image");
        assertThat(MediaType.MP4.isVideo()).isTrue();
        assertThat(MediaType.Kind.IMAGE.maxBytes()).isEqualTo(30L * 1024 * 1024);
        assertThat(MediaType.Kind.VIDEO.maxBytes()).isEqualTo(300L * 1024 * 1024);
    }
}
