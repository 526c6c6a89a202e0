package dev.shutter.media.video;

import dev.shutter.media.photo.MediaRejectedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes every rung of the ladder in one ffmpeg run: the source is decoded once and split, which
 * on a two-core worker matters more than anything else. Writes {@code {rung}/index.m3u8},
 * {@code {rung}/seg_NNN.ts} and our own {@code master.m3u8}.
 */
final class HlsEncoder {

    static final String MASTER_PLAYLIST = "master.m3u8";
    static final String RUNG_PLAYLIST = "index.m3u8";
    static final int SEGMENT_SECONDS = 4;
    private static final int AUDIO_KBPS = 128;
    /** MPEG-TS packet headers and PES framing on top of the elementary streams. */
    private static final double TS_OVERHEAD = 1.10;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private HlsEncoder() {}

    static void encode(VideoInput source, VideoProbe probe, List<Rung> rungs, Path outputDir)
            throws MediaRejectedException, IOException {
        for (Rung rung : rungs) {
            Files.createDirectories(outputDir.resolve(rung.name()));
        }
        ExternalCommand.Result result = ExternalCommand.run(command(source, probe.hasAudio(), rungs, outputDir), TIMEOUT);
        if (!result.succeeded()) {
            // The probe read the header fine, so a failure here is a broken stream further in
            // (or one that needs more memory than the limit).
            throw result.rejection();
        }
        Files.writeString(outputDir.resolve(MASTER_PLAYLIST), masterPlaylist(rungs, probe.hasAudio()), StandardCharsets.UTF_8);
    }

    static List<String> command(VideoInput source, boolean hasAudio, List<Rung> rungs, Path outputDir) {
        String threads = String.valueOf(VideoLimits.THREADS);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(source.arguments());
        cmd.addAll(List.of("-filter_complex_threads", threads, "-filter_complex", filterGraph(rungs)));
        for (int i = 0; i < rungs.size(); i++) {
            cmd.addAll(List.of("-map", "[v" + i + "]"));
            if (hasAudio) {
                cmd.addAll(List.of("-map", "0:a:0"));
            }
        }
        // Each rung's encoder gets these threads: the ladder's memory then does not grow with the cores.
        cmd.addAll(List.of("-threads", threads, "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-crf", "23",
                // Above 60 fps costs bits and decoder headroom no feed needs; the levels assume ≤ 60.
                "-fpsmax", "60",
                // A keyframe at every segment boundary and none elsewhere from scene cuts, so every
                // segment starts decodable and segments stay ~4 s long.
                "-force_key_frames", "expr:gte(t,n_forced*" + SEGMENT_SECONDS + ")", "-sc_threshold", "0"));
        for (int i = 0; i < rungs.size(); i++) {
            Rung rung = rungs.get(i);
            cmd.addAll(List.of("-maxrate:v:" + i, rung.maxVideoKbps() + "k", "-bufsize:v:" + i, 2 * rung.maxVideoKbps() + "k",
                    "-level:v:" + i, String.format("%d.%d", rung.avcLevel() / 10, rung.avcLevel() % 10)));
        }
        if (hasAudio) {
            cmd.addAll(List.of("-c:a", "aac", "-b:a", AUDIO_KBPS + "k", "-ac", "2"));
        }
        // Nothing from the upload's container survives: no title, location, device or chapters.
        cmd.addAll(List.of("-map_metadata", "-1", "-map_chapters", "-1", "-fflags", "+bitexact",
                "-f", "hls", "-hls_time", String.valueOf(SEGMENT_SECONDS), "-hls_playlist_type", "vod",
                "-hls_flags", "independent_segments",
                "-hls_segment_filename", outputDir.toAbsolutePath() + "/%v/seg_%03d.ts",
                "-var_stream_map", streamMap(rungs, hasAudio),
                outputDir.toAbsolutePath() + "/%v/" + RUNG_PLAYLIST));
        return cmd;
    }

    /** Rotation is applied by ffmpeg's autorotate before this graph; setsar=1 undoes anamorphic storage. */
    private static String filterGraph(List<Rung> rungs) {
        StringBuilder graph = new StringBuilder("[0:v:0]format=yuv420p,split=").append(rungs.size());
        for (int i = 0; i < rungs.size(); i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < rungs.size(); i++) {
            Rung rung = rungs.get(i);
            graph.append(";[s").append(i).append("]scale=").append(rung.width()).append(':').append(rung.height())
                    .append(",setsar=1[v").append(i).append(']');
        }
        return graph.toString();
    }

    private static String streamMap(List<Rung> rungs, boolean hasAudio) {
        List<String> variants = new ArrayList<>(rungs.size());
        for (int i = 0; i < rungs.size(); i++) {
            variants.add("v:" + i + (hasAudio ? ",a:" + i : "") + ",name:" + rungs.get(i).name());
        }
        return String.join(" ", variants);
    }

    static String masterPlaylist(List<Rung> rungs, boolean hasAudio) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Rung rung : rungs) {
            long bandwidth = Math.round((rung.maxVideoKbps() + (hasAudio ? AUDIO_KBPS : 0)) * 1000 * TS_OVERHEAD);
            m3u8.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(bandwidth)
                    .append(",RESOLUTION=").append(rung.width()).append('x').append(rung.height())
                    .append(",CODECS=\"").append(rung.codecs(hasAudio)).append("\"\n")
                    .append(rung.name()).append('/').append(RUNG_PLAYLIST).append('\n');
        }
        return m3u8.toString();
    }
}
