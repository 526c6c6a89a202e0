package dev.shutter.ml.dataset;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The dataset on disk: a directory of tab-separated files with a header line, and a manifest.
 * Format {@value #FORMAT}, documented in the module's README:
 * <ul>
 *   <li>{@code items.tsv}: post_id, author_id, created_at (epoch ms), media_type (photo|video),
 *       hashtags (space-separated), caption_tokens (space-separated), visual (r,g,b in [0,1]; empty
 *       for a video), topic (synthetic ground truth; -1 when exported)
 *   <li>{@code interactions.tsv}: user_id, post_id, action (like|save|comment|story_view), at (epoch ms), in time order
 *   <li>{@code follows.tsv}: follower_id, followee_id, at (epoch ms)
 *   <li>{@code manifest.json}: format, source, parameters, counts, time range, and the SHA-256 of
 *       the three files (the data's fingerprint, recorded with every model trained on it)
 * </ul>
 * A dataset is written beside its destination and moved into place, so a reader never sees half
 * of one; reading checks the fingerprint.
 */
public final class DatasetFiles {

    public static final String FORMAT = "shutter-interactions/1";
    private static final String ITEMS = "items.tsv";
    private static final String INTERACTIONS = "interactions.tsv";
    private static final String FOLLOWS = "follows.tsv";
    private static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DatasetFiles() {}

    /** Writes the dataset to {@code directory} (which must not exist yet); answers its fingerprint. */
    public static String write(Dataset dataset, Path directory) throws IOException {
        return dev.shutter.ml.files.StagedDirectory.write(directory, "a dataset", staging -> {
            writeLines(staging.resolve(ITEMS), "post_id\tauthor_id\tcreated_at\tmedia_type\thashtags\tcaption_tokens\tvisual\ttopic",
                    dataset.items(), DatasetFiles::itemLine);
            writeLines(staging.resolve(INTERACTIONS), "user_id\tpost_id\taction\tat", dataset.interactions(),
                    i -> i.userId() + "\t" + i.postId() + "\t" + i.action().column() + "\t" + i.atMillis());
            writeLines(staging.resolve(FOLLOWS), "follower_id\tfollowee_id\tat", dataset.follows(),
                    f -> f.followerId() + "\t" + f.followeeId() + "\t" + f.atMillis());
            String fingerprint = fingerprint(staging);
            JSON.writeValue(staging.resolve(MANIFEST).toFile(), manifest(dataset, fingerprint));
            return fingerprint;
        });
    }

    /** Reads a dataset back; refuses one whose files do not match the manifest's fingerprint. */
    public static Dataset read(Path directory) throws IOException {
        Map<String, Object> manifest = JSON.readValue(directory.resolve(MANIFEST).toFile(), new TypeReference<>() {});
        if (!FORMAT.equals(manifest.get("format"))) {
            throw new IOException(directory + " is format " + manifest.get("format") + ", not " + FORMAT);
        }
        String actual = fingerprint(directory);
        if (!actual.equals(manifest.get("fingerprint"))) {
            throw new IOException(directory + " does not match its manifest (fingerprint " + actual + ", manifest says "
                    + manifest.get("fingerprint") + "): changed or incomplete");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = (Map<String, Object>) manifest.getOrDefault("parameters", Map.of());
        return new Dataset((String) manifest.get("source"), parameters,
                readLines(directory.resolve(ITEMS), DatasetFiles::item),
                readLines(directory.resolve(INTERACTIONS), f -> new Interaction(Long.parseLong(f[0]), Long.parseLong(f[1]),
                        Interaction.Action.of(f[2]), Long.parseLong(f[3]))),
                readLines(directory.resolve(FOLLOWS), f -> new Follow(Long.parseLong(f[0]), Long.parseLong(f[1]),
                        Long.parseLong(f[2]))));
    }

    /** The manifest's fingerprint of a written dataset. */
    public static String fingerprintOf(Path directory) throws IOException {
        return (String) JSON.readValue(directory.resolve(MANIFEST).toFile(), new TypeReference<Map<String, Object>>() {})
                .get("fingerprint");
    }

    private static Map<String, Object> manifest(Dataset dataset, String fingerprint) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("source", dataset.source());
        manifest.put("parameters", dataset.parameters());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("items", dataset.items().size());
        counts.put("interactions", dataset.interactions().size());
        counts.put("follows", dataset.follows().size());
        manifest.put("counts", counts);
        if (!dataset.interactions().isEmpty()) {
            manifest.put("from", dataset.interactions().getFirst().atMillis());
            manifest.put("to", dataset.interactions().getLast().atMillis());
        }
        manifest.put("fingerprint", fingerprint);
        return manifest;
    }

    private static String itemLine(Item item) {
        Item.Visual visual = item.visual();
        return item.postId() + "\t" + item.authorId() + "\t" + item.createdAtMillis() + "\t"
                + item.mediaType().name().toLowerCase(Locale.ROOT) + "\t" + String.join(" ", item.hashtags()) + "\t"
                + String.join(" ", item.captionTokens()) + "\t"
                + (visual == null ? "" : visual.red() + "," + visual.green() + "," + visual.blue()) + "\t" + item.topic();
    }

    private static Item item(String[] f) {
        Item.Visual visual = null;
        if (!f[6].isEmpty()) {
            String[] rgb = f[6].split(",");
            visual = new Item.Visual(Float.parseFloat(rgb[0]), Float.parseFloat(rgb[1]), Float.parseFloat(rgb[2]));
        }
        return new Item(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Item.MediaType.valueOf(f[3].toUpperCase(Locale.ROOT)), words(f[4]), words(f[5]), visual, Integer.parseInt(f[7]));
    }

    private static List<String> words(String field) {
        return field.isEmpty() ? List.of() : Arrays.asList(field.split(" "));
    }

    private static <T> void writeLines(Path file, String header, List<T> rows, Function<T, String> line) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header);
            out.write('\n');
            for (T row : rows) {
                out.write(line.apply(row));
                out.write('\n');
            }
        }
    }

    private static <T> List<T> readLines(Path file, Function<String[], T> parse) throws IOException {
        List<T> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(file + " is empty (no header)");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                try {
                    rows.add(parse.apply(line.split("\t", -1)));
                } catch (RuntimeException e) {
                    throw new IOException(file + " line " + number + " is not a row of this format: " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }

    private static String fingerprint(Path directory) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : List.of(ITEMS, INTERACTIONS, FOLLOWS)) {
                try (var in = Files.newInputStream(directory.resolve(name))) {
                    byte[] buffer = new byte[1 << 16];
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        digest.update(buffer, 0, read);
                    }
                }
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
