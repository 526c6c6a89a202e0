package dev.shutter.media.photo;

import dev.shutter.media.RequiredTool;
import org.junit.jupiter.api.BeforeAll;

/** The pipeline on libvips in-process: what a worker with libvips42 runs. */
class LibvipsPhotoProcessorTest extends PhotoProcessorTest {

    @BeforeAll
    static void needsLibvips() {
        RequiredTool.require(Vips.available(), "libvips (" + Vips.status() + ")");
    }

    @Override
    PhotoProcessor.Engine engine() {
        return PhotoProcessor.Engine.LIBVIPS;
    }
}
