package dev.shutter.media.photo;

/** The pipeline in pure Java: what a worker without libvips falls back to. */
class JavaPhotoProcessorTest extends PhotoProcessorTest {

    @Override
    PhotoProcessor.Engine engine() {
        return PhotoProcessor.Engine.JAVA;
    }
}
