package dev.shutter.blobs.media;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passes a prefix grant on to the URIs an HLS playlist names. A player resolves a rung playlist
 * or segment relative to the playlist's URL and drops its query, so the grant would be lost on
 * the first relative fetch; with the grant appended to each relative URI, every fetch of the
 * item's HLS tree carries it. Absolute URIs are left alone.
 */
final class HlsPlaylists {

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");

    private HlsPlaylists() {}

    static String withGrant(String playlist, String grantQuery) {
        StringBuilder out = new StringBuilder(playlist.length() + 256);
        for (String line : playlist.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                out.append(line);
            } else if (trimmed.startsWith("#")) {
                Matcher uri = URI_ATTRIBUTE.matcher(line);
                StringBuilder tag = new StringBuilder();
                while (uri.find()) {
                    uri.appendReplacement(tag, Matcher.quoteReplacement("URI=\"" + granted(uri.group(1), grantQuery) + "\""));
                }
                uri.appendTail(tag);
                out.append(tag);
            } else {
                out.append(granted(trimmed, grantQuery));
            }
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String granted(String uri, String grantQuery) {
        if (uri.contains("://") || uri.startsWith("/") || uri.isEmpty()) {
            return uri;
        }
        return uri + (uri.contains("?") ? "&" : "?") + grantQuery;
    }
}
