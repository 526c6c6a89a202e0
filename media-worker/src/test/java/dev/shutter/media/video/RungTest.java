package dev.shutter.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RungTest {

    @Test
    void fullHdLandscapeGetsThreeRungs() {
        assertEquals(List.of("360p 640x360", "720p 1280x720", "1080p 1920x1080"), describe(Rung.ladder(1920, 1080)));
    }

    @Test
    void fourKStopsAt1080p() {
        assertEquals(List.of("360p 640x360", "720p 1280x720", "1080p 1920x1080"), describe(Rung.ladder(3840, 2160)));
    }

    @Test
    void portraitPhoneClipIsLadderedByItsShortSide() {
        assertEquals(List.of("360p 360x640", "720p 720x1280", "1080p 1080x1920"), describe(Rung.ladder(1080, 1920)));
    }

    @Test
    void oddAspectKeepsEvenWidths() {
        assertEquals(List.of("360p 480x360", "720p 960x720"), describe(Rung.ladder(1000, 750)));
        assertEquals(List.of("360p 854x360"), describe(Rung.ladder(1138, 480)));
    }

    @Test
    void sourceBelow360pGetsOneRungAtItsOwnSize() {
        assertEquals(List.of("240p 426x240"), describe(Rung.ladder(426, 240)));
        assertEquals(List.of("144p 176x144"), describe(Rung.ladder(175, 143)));
    }

    @Test
    void codecsNameHighProfileAtTheRungsLevel() {
        List<Rung> rungs = Rung.ladder(1920, 1080);
        assertEquals("avc1.64001f,mp4a.40.2", rungs.get(0).codecs(true));
        assertEquals("avc1.640020", rungs.get(1).codecs(false));
        assertEquals("avc1.64002a,mp4a.40.2", rungs.get(2).codecs(true));
    }

    private static List<String> describe(List<Rung> rungs) {
        return rungs.stream().map(r -> r.name() + " " + r.width() + "x" + r.height()).toList();
    }
}
