package dev.shutter.media.photo;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The pipeline on libvips in-process: what a worker with libvips42 runs. */
class LibvipsPhotoProcessorTest extends PhotoProcessorTest {

    @BeforeAll
    static void needsLibvips() {
        Assumptions.assumeTrue(Vips.available(), Vips.status());
    }

    @Override
    PhotoProcessor.Engine engine() {
        return PhotoProcessor.Engine.LIBVIPS;
    }
}
