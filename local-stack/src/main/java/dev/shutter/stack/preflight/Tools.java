package dev.shutter.stack.preflight;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Optional system tools the media worker uses. Without them the stack still runs; the user is
 * told what will not work and which Debian package brings it.
 */
public final class Tools {

    private Tools() {}

    public static List<String> missingToolNotes() {
        List<String> notes = new ArrayList<>();
        if (!onPath("ffmpeg") || !onPath("ffprobe")) {
            notes.add("ffmpeg/ffprobe not found: video posts will fail to process (Debian: apt-get install ffmpeg)");
        }
        if (!onPath("vips")) {
            notes.add("vips not found: HEIC photos will fail to process (Debian: apt-get install libvips-tools)");
        }
        return notes;
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
