package dev.shutter.blobs;

import java.util.regex.Pattern;

/**
 * Checks content types before they are stored and echoed in HTTP headers: a media type
 * {@code type/subtype}, optionally with parameters, and nothing that could break a header line.
 */
public final class ContentTypes {

    public static final String OCTET_STREAM = "application/octet-stream";
    private static final int MAX_LENGTH = 255;
    private static final String TOKEN = "[A-Za-z0-9!#$&^_.+-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN + "(\\s*;[\\x20-\\x7E]*)?");

    private ContentTypes() {}

    /** @return the content type @throws IllegalArgumentException when it is not a media type */
    public static String requireValid(String contentType) {
        if (contentType == null || contentType.length() > MAX_LENGTH || !MEDIA_TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException("invalid content type " + BlobKey.quote(contentType)
                    + ": expected a media type like image/jpeg, printable ASCII, at most " + MAX_LENGTH + " characters");
        }
        return contentType;
    }
}
