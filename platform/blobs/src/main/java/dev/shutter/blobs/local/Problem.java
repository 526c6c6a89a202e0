package dev.shutter.blobs.local;

import java.nio.charset.StandardCharsets;

/**
 * An RFC 9457 problem detail, the error body of {@link LocalBlobHttpServer}. It carries what the
 * client can act on, never a stack trace.
 *
 * @param type a URI naming the kind of problem, e.g. {@code urn:shutter:problem:signature-expired}
 */
record Problem(String type, String title, int status, String detail) {

    static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(int status, String kind, String title, String detail) {
        return new Problem("urn:shutter:problem:" + kind, title, status, detail);
    }

    byte[] toJson() {
        return ("{\"type\":" + quote(type) + ",\"title\":" + quote(title) + ",\"status\":" + status
                + ",\"detail\":" + quote(detail) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    // Escaping surrogates keeps the body valid UTF-8 even around a lone one.
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        json.append("\\u%04x".formatted((int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
