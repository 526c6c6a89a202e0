package dev.shutter.media.video;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.contracts.media.MediaKind;
import dev.shutter.media.photo.MediaRejectedException;
import dev.shutter.media.photo.PixelLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What ffprobe says about an upload, reduced to what the ladder and the feed need.
 *
 * @param width displayed width: rotation and non-square pixels applied, as a viewer sees it
 * @param height displayed height
 */
record VideoProbe(long durationMs, int width, int height, boolean hasAudio) {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param kind whose clip it is, which sets the longest it may be ({@link VideoLimits#checkDuration}) */
    static VideoProbe of(VideoInput video, MediaKind kind) throws MediaRejectedException, IOException {
        ExternalCommand.Result result = ExternalCommand.run(command(video), TIMEOUT);
        if (!result.succeeded()) {
            throw result.rejection();
        }
        return parse(result.stdout(), kind);
    }

    static List<String> command(VideoInput video) {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams"));
        cmd.addAll(video.arguments());
        return cmd;
    }

    /** As a post's clip. */
    static VideoProbe parse(String ffprobeJson) throws MediaRejectedException {
        return parse(ffprobeJson, MediaKind.POST);
    }

    static VideoProbe parse(String ffprobeJson, MediaKind kind) throws MediaRejectedException {
        JsonNode root;
        try {
            root = JSON.readTree(ffprobeJson);
        } catch (JsonProcessingException e) {
            throw new MediaRejectedException("corrupt or unreadable video: ffprobe output unreadable", e);
        }
        JsonNode video = null;
        boolean hasAudio = false;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText();
            // Cover art is stored as a one-frame "video" stream; it is not the video.
            boolean coverArt = stream.path("disposition").path("attached_pic").asInt() == 1;
            if (type.equals("video") && !coverArt && video == null) {
                video = stream;
            } else if (type.equals("audio")) {
                hasAudio = true;
            }
        }
        if (video == null) {
            throw new MediaRejectedException("corrupt or unreadable video: no video stream");
        }
        int codedWidth = video.path("width").asInt();
        int codedHeight = video.path("height").asInt();
        if (codedWidth <= 0 || codedHeight <= 0) {
            throw new MediaRejectedException("corrupt or unreadable video: no frame size");
        }
        long durationMs = durationMs(root.path("format"), video);
        if (durationMs <= 0) {
            throw new MediaRejectedException("corrupt or unreadable video: unknown duration");
        }
        VideoLimits.checkDuration(durationMs, kind);
        int displayedWidth = (int) Math.max(1, Math.round(codedWidth * sampleAspectRatio(video)));
        boolean sideways = Math.abs(rotation(video)) % 180 == 90;
        int width = sideways ? codedHeight : displayedWidth;
        int height = sideways ? displayedWidth : codedHeight;
        if (width > PixelLimits.MAX_SIDE || height > PixelLimits.MAX_SIDE) {
            throw new MediaRejectedException("too large");
        }
        // The decoder holds frames of the stored size, the scaler reads the displayed one: neither may pass.
        if (Math.max((long) codedWidth * codedHeight, (long) width * height) > VideoLimits.MAX_FRAME_PIXELS) {
            throw new MediaRejectedException(VideoLimits.frameTooLargeReason());
        }
        return new VideoProbe(durationMs, width, height, hasAudio);
    }

    private static long durationMs(JsonNode format, JsonNode video) {
        double seconds = format.path("duration").asDouble(0);
        if (seconds <= 0) {
            seconds = video.path("duration").asDouble(0);
        }
        return Math.round(seconds * 1000);
    }

    /** Phones record rotation as a display-matrix side data (newer ffprobe) or a "rotate" tag (older). */
    private static int rotation(JsonNode video) {
        for (JsonNode sideData : video.path("side_data_list")) {
            if (sideData.has("rotation")) {
                return (int) Math.round(sideData.path("rotation").asDouble());
            }
        }
        return video.path("tags").path("rotate").asInt(0);
    }

    /** Anamorphic sources store fewer columns than they show; "0:1" and absent both mean square pixels. */
    private static double sampleAspectRatio(JsonNode video) {
        String[] parts = video.path("sample_aspect_ratio").asText("1:1").split(":");
        if (parts.length != 2) {
            return 1;
        }
        try {
            double num = Double.parseDouble(parts[0]);
            double den = Double.parseDouble(parts[1]);
            return num > 0 && den > 0 ? num / den : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
