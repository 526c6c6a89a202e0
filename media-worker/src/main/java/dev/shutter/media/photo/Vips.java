package dev.shutter.media.photo;

import dev.shutter.contracts.media.MediaType;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * libvips ({@code libvips.so.42}, Debian {@code libvips42}) called in-process through the JDK's
 * FFM API: no binding library, no child process. Only the calls the photo pipeline makes are bound,
 * each with a fixed descriptor (the variadic ones with their option list spelled out), so the set
 * of downcalls is static, as a native image needs.
 *
 * <p>Whether the library loads is decided once, at class initialisation; {@link #available()} and
 * {@link #status()} say so. Nothing here throws for a missing library except the calls themselves.
 *
 * <p>Each call returns new references the caller must {@link #unref} (images) or {@link #free}
 * (buffers). Option names are C strings allocated once for the life of the process.
 */
final class Vips {

    /**
     * JVM system property naming the library to load (a soname or a path); {@code off} forces the
     * pure-Java engine, e.g. to rule libvips out when chasing a problem.
     */
    static final String LIBRARY_PROPERTY = "shutter.photo.libvips";
    static final String DEFAULT_LIBRARY = "libvips.so.42";

    /** libvips 8.12 added {@code fail_on}, which the loaders below rely on to refuse truncated files. */
    private static final int MIN_MINOR_VERSION = 12;

    // Enum values from libvips' headers (stable across 8.x).
    static final int ACCESS_SEQUENTIAL = 1;
    static final int FAIL_ON_ERROR = 2;
    static final int SIZE_FORCE = 3;
    static final int ANGLE_D90 = 1;
    static final int ANGLE_D180 = 2;
    static final int ANGLE_D270 = 3;
    static final int DIRECTION_HORIZONTAL = 0;
    static final int DIRECTION_VERTICAL = 1;
    static final int INTERPRETATION_CMYK = 15;
    static final int INTERPRETATION_SRGB = 22;
    static final int FORMAT_UCHAR = 0;

    private static final String STATUS;
    private static final Binding B;

    static {
        Binding binding = null;
        String status;
        String library = System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY);
        try {
            if (library.equals("off")) {
                throw new IllegalStateException("turned off with -D" + LIBRARY_PROPERTY + "=off");
            }
            binding = new Binding(library);
            status = "libvips " + binding.version + " in-process";
        } catch (Throwable e) {
            // UnsatisfiedLinkError/IllegalArgumentException (no library), IllegalCallerException
            // (native access denied), or our own refusal of an old version: all mean "not here".
            status = "libvips not loadable (" + e.getMessage() + ")";
        }
        B = binding;
        STATUS = status;
    }

    private Vips() {}

    static boolean available() {
        return B != null;
    }

    /** One line for the startup log: the version in use, or why there is none. */
    static String status() {
        return STATUS;
    }

    /** Thrown by a failed libvips call, with libvips' own error text. */
    static final class VipsException extends Exception {
        VipsException(String message) {
            super(message, null, false, false);
        }

        /** The first line of libvips' message, as a client may be told it. */
        String firstLine() {
            String message = getMessage();
            int newline = message.indexOf('\n');
            return (newline < 0 ? message : message.substring(0, newline)).strip();
        }
    }

    // ---- images: loading ----------------------------------------------------------------------

    /** Opens {@code bytes} (which must outlive the image) with the loader for {@code kind}; pixels are read lazily. */
    static MemorySegment load(MediaType kind, MemorySegment bytes, int jpegShrink, Arena arena) throws VipsException {
        MemorySegment out = arena.allocate(ADDRESS);
        int status = invokeInt(() -> switch (kind) {
            case JPEG -> (int) B.jpegloadBuffer.invokeExact(bytes, bytes.byteSize(), out,
                    B.access, ACCESS_SEQUENTIAL, B.failOn, FAIL_ON_ERROR, B.shrink, jpegShrink, MemorySegment.NULL);
            case PNG -> (int) B.pngloadBuffer.invokeExact(bytes, bytes.byteSize(), out,
                    B.access, ACCESS_SEQUENTIAL, B.failOn, FAIL_ON_ERROR, MemorySegment.NULL);
            case WEBP -> (int) B.webploadBuffer.invokeExact(bytes, bytes.byteSize(), out,
                    B.access, ACCESS_SEQUENTIAL, B.failOn, FAIL_ON_ERROR, MemorySegment.NULL);
            case HEIC -> (int) B.heifloadBuffer.invokeExact(bytes, bytes.byteSize(), out,
                    B.access, ACCESS_SEQUENTIAL, B.failOn, FAIL_ON_ERROR, MemorySegment.NULL);
            default -> throw new IllegalArgumentException("not an image: " + kind);
        });
        return result(status, out);
    }

    /** Computes the image's pixels into memory: where decoding really happens, and where a corrupt file fails. */
    static MemorySegment copyMemory(MemorySegment image) throws VipsException {
        MemorySegment out = invokeAddress(() -> (MemorySegment) B.imageCopyMemory.invokeExact(image));
        if (out.equals(MemorySegment.NULL)) {
            throw lastError();
        }
        return out;
    }

    // ---- images: header -----------------------------------------------------------------------

    static int width(MemorySegment image) {
        return invokeInt(() -> (int) B.imageGetWidth.invokeExact(image));
    }

    static int height(MemorySegment image) {
        return invokeInt(() -> (int) B.imageGetHeight.invokeExact(image));
    }

    static int bands(MemorySegment image) {
        return invokeInt(() -> (int) B.imageGetBands.invokeExact(image));
    }

    static int format(MemorySegment image) {
        return invokeInt(() -> (int) B.imageGetFormat.invokeExact(image));
    }

    static int interpretation(MemorySegment image) {
        return invokeInt(() -> (int) B.imageGetInterpretation.invokeExact(image));
    }

    static boolean hasAlpha(MemorySegment image) {
        return invokeInt(() -> (int) B.imageHasalpha.invokeExact(image)) != 0;
    }

    /** A blob field such as {@code icc-profile-data}, or null when the image has none. */
    static byte[] blob(MemorySegment image, String field, Arena arena) {
        MemorySegment name = arena.allocateFrom(field);
        long type = invokeLong(() -> (long) B.imageGetTypeof.invokeExact(image, name));
        if (type == 0) {
            return null;
        }
        MemorySegment data = arena.allocate(ADDRESS);
        MemorySegment length = arena.allocate(JAVA_LONG);
        int status = invokeInt(() -> (int) B.imageGetBlob.invokeExact(image, name, data, length));
        if (status != 0) {
            clearError();
            return null;
        }
        long size = length.get(JAVA_LONG, 0);
        return data.get(ADDRESS, 0).reinterpret(size).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /**
     * A copy of the image (sharing its pixels) with every metadata field removed: EXIF, XMP, IPTC,
     * ICC profile, orientation, comments, whatever the loader attached. Savers write what fields
     * there are (webpsave in 8.14 even ignores {@code strip}), so removing them is what keeps GPS out.
     */
    static MemorySegment withoutMetadata(MemorySegment image, Arena arena) throws VipsException {
        MemorySegment out = arena.allocate(ADDRESS);
        MemorySegment copy = result(invokeInt(() -> (int) B.copy.invokeExact(image, out, MemorySegment.NULL)), out);
        MemorySegment fields = invokeAddress(() -> (MemorySegment) B.imageGetFields.invokeExact(copy));
        try {
            for (MemorySegment name : strings(fields)) {
                // Fails (harmlessly) for the built-in header fields such as width: only metadata goes.
                invokeInt(() -> (int) B.imageRemove.invokeExact(copy, name));
            }
        } finally {
            invokeVoid(() -> { B.gStrfreev.invokeExact(fields); });
        }
        return copy;
    }

    private static List<MemorySegment> strings(MemorySegment nullTerminated) {
        List<MemorySegment> names = new ArrayList<>();
        MemorySegment array = nullTerminated.reinterpret(Long.MAX_VALUE);
        for (long i = 0; ; i++) {
            MemorySegment name = array.getAtIndex(ADDRESS, i);
            if (name.equals(MemorySegment.NULL)) {
                return names;
            }
            names.add(name);
        }
    }

    // ---- images: operations (each returns a new reference) ------------------------------------

    static MemorySegment rotate(MemorySegment image, int angle, Arena arena) throws VipsException {
        MemorySegment out = arena.allocate(ADDRESS);
        return result(invokeInt(() -> (int) B.rot.invokeExact(image, out, angle, MemorySegment.NULL)), out);
    }

    static MemorySegment flip(MemorySegment image, int direction, Arena arena) throws VipsException {
        MemorySegment out = arena.allocate(ADDRESS);
        return result(invokeInt(() -> (int) B.flip.invokeExact(image, out, direction, MemorySegment.NULL)), out);
    }

    /** To sRGB through ICC profiles: the embedded one, else {@code fallbackProfile} (a built-in name: srgb, cmyk). */
    static MemorySegment iccToSrgb(MemorySegment image, String fallbackProfile, Arena arena) throws VipsException {
        MemorySegment out = arena.allocate(ADDRESS);
        MemorySegment fallback = arena.allocateFrom(fallbackProfile);
        return result(invokeInt(() -> (int) B.iccTransform.invokeExact(image, out, B.srgb,
                B.embedded, 1, B.inputProfile, fallback, MemorySegment.NULL)), out);
    }

    static MemorySegment colourspace(MemorySegment image, int interpretation, Arena arena) throws VipsException {
        MemorySegment out = arena.allocate(ADDRESS);
        return result(invokeInt(() -> (int) B.colourspace.invokeExact(image, out, interpretation, MemorySegment.NULL)), out);
    }

    static MemorySegment cast(MemorySegment image, int format, Arena arena) throws VipsException {
        MemorySegment out = arena.allocate(ADDRESS);
        return result(invokeInt(() -> (int) B.cast.invokeExact(image, out, format, MemorySegment.NULL)), out);
    }

    static MemorySegment crop(MemorySegment image, int left, int top, int width, int height, Arena arena) throws VipsException {
        MemorySegment out = arena.allocate(ADDRESS);
        return result(invokeInt(() -> (int) B.extractArea.invokeExact(image, out, left, top, width, height,
                MemorySegment.NULL)), out);
    }

    /** Exactly {@code width}×{@code height} (lanczos3, alpha premultiplied); never rotates by metadata. */
    static MemorySegment resize(MemorySegment image, int width, int height, Arena arena) throws VipsException {
        MemorySegment out = arena.allocate(ADDRESS);
        return result(invokeInt(() -> (int) B.thumbnailImage.invokeExact(image, out, width,
                B.height, height, B.size, SIZE_FORCE, B.noRotate, 1, MemorySegment.NULL)), out);
    }

    /** Alpha composited over white. */
    static MemorySegment flattenOnWhite(MemorySegment image, Arena arena) throws VipsException {
        MemorySegment out = arena.allocate(ADDRESS);
        MemorySegment white = arena.allocateFrom(JAVA_DOUBLE, 255.0);
        MemorySegment background = invokeAddress(() -> (MemorySegment) B.arrayDoubleNew.invokeExact(white, 1));
        try {
            return result(invokeInt(() -> (int) B.flatten.invokeExact(image, out, B.background, background,
                    MemorySegment.NULL)), out);
        } finally {
            invokeVoid(() -> { B.areaUnref.invokeExact(background); });
        }
    }

    // ---- saving --------------------------------------------------------------------------------

    /** Lossy WebP with no metadata chunks (see {@link WebpChunks} for why they are cut out afterwards). */
    static byte[] webp(MemorySegment image, int quality, Arena arena) throws VipsException {
        MemorySegment buffer = arena.allocate(ADDRESS);
        MemorySegment length = arena.allocate(JAVA_LONG);
        int status = invokeInt(() -> (int) B.webpsaveBuffer.invokeExact(image, buffer, length,
                B.q, quality, B.strip, 1, MemorySegment.NULL));
        return WebpChunks.withoutMetadata(bytes(status, buffer, length));
    }

    static byte[] jpeg(MemorySegment image, int quality, Arena arena) throws VipsException {
        MemorySegment buffer = arena.allocate(ADDRESS);
        MemorySegment length = arena.allocate(JAVA_LONG);
        int status = invokeInt(() -> (int) B.jpegsaveBuffer.invokeExact(image, buffer, length,
                B.q, quality, B.strip, 1, MemorySegment.NULL));
        return bytes(status, buffer, length);
    }

    static byte[] png(MemorySegment image, Arena arena) throws VipsException {
        MemorySegment buffer = arena.allocate(ADDRESS);
        MemorySegment length = arena.allocate(JAVA_LONG);
        int status = invokeInt(() -> (int) B.pngsaveBuffer.invokeExact(image, buffer, length,
                B.strip, 1, MemorySegment.NULL));
        return bytes(status, buffer, length);
    }

    /** The raw pixels, band-interleaved, row by row. */
    static byte[] pixels(MemorySegment image, Arena arena) throws VipsException {
        MemorySegment length = arena.allocate(JAVA_LONG);
        MemorySegment data = invokeAddress(() -> (MemorySegment) B.imageWriteToMemory.invokeExact(image, length));
        if (data.equals(MemorySegment.NULL)) {
            throw lastError();
        }
        try {
            return data.reinterpret(length.get(JAVA_LONG, 0)).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        } finally {
            free(data);
        }
    }

    private static byte[] bytes(int status, MemorySegment buffer, MemorySegment length) throws VipsException {
        if (status != 0) {
            throw lastError();
        }
        MemorySegment data = buffer.get(ADDRESS, 0);
        try {
            return data.reinterpret(length.get(JAVA_LONG, 0)).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        } finally {
            free(data);
        }
    }

    // ---- references ----------------------------------------------------------------------------

    static void unref(MemorySegment object) {
        if (object != null && !object.equals(MemorySegment.NULL)) {
            invokeVoid(() -> { B.gObjectUnref.invokeExact(object); });
        }
    }

    static void free(MemorySegment memory) {
        invokeVoid(() -> { B.gFree.invokeExact(memory); });
    }

    // ---- errors and plumbing -------------------------------------------------------------------

    private static MemorySegment result(int status, MemorySegment out) throws VipsException {
        if (status != 0) {
            throw lastError();
        }
        return out.get(ADDRESS, 0);
    }

    /**
     * libvips' error text so far, then cleared. The buffer is process-wide, so with several photos
     * failing at once a message may carry another's line too; it is for people, not for code.
     */
    private static VipsException lastError() {
        MemorySegment text = invokeAddress(() -> (MemorySegment) B.errorBuffer.invokeExact());
        String message = text.equals(MemorySegment.NULL) ? "" : text.reinterpret(Long.MAX_VALUE).getString(0);
        clearError();
        return new VipsException(message.isBlank() ? "libvips failed without a message" : message);
    }

    private static void clearError() {
        invokeVoid(() -> { B.errorClear.invokeExact(); });
    }

    @FunctionalInterface
    private interface IntCall {
        int call() throws Throwable;
    }

    @FunctionalInterface
    private interface LongCall {
        long call() throws Throwable;
    }

    @FunctionalInterface
    private interface AddressCall {
        MemorySegment call() throws Throwable;
    }

    @FunctionalInterface
    private interface VoidCall {
        void call() throws Throwable;
    }

    private static int invokeInt(IntCall call) {
        try {
            return call.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static long invokeLong(LongCall call) {
        try {
            return call.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MemorySegment invokeAddress(AddressCall call) {
        try {
            return call.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void invokeVoid(VoidCall call) {
        try {
            call.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The library, its downcall handles and the option-name strings: built once, or not at all. */
    private static final class Binding {

        private final Linker linker = Linker.nativeLinker();
        private final SymbolLookup lookup;
        private final Arena names = Arena.global();
        final String version;

        final MethodHandle jpegloadBuffer;
        final MethodHandle pngloadBuffer;
        final MethodHandle webploadBuffer;
        final MethodHandle heifloadBuffer;
        final MethodHandle imageCopyMemory;
        final MethodHandle imageGetWidth;
        final MethodHandle imageGetHeight;
        final MethodHandle imageGetBands;
        final MethodHandle imageGetFormat;
        final MethodHandle imageGetInterpretation;
        final MethodHandle imageHasalpha;
        final MethodHandle imageGetTypeof;
        final MethodHandle imageGetBlob;
        final MethodHandle imageGetFields;
        final MethodHandle imageRemove;
        final MethodHandle gStrfreev;
        final MethodHandle copy;
        final MethodHandle rot;
        final MethodHandle flip;
        final MethodHandle iccTransform;
        final MethodHandle colourspace;
        final MethodHandle cast;
        final MethodHandle extractArea;
        final MethodHandle thumbnailImage;
        final MethodHandle flatten;
        final MethodHandle arrayDoubleNew;
        final MethodHandle areaUnref;
        final MethodHandle webpsaveBuffer;
        final MethodHandle jpegsaveBuffer;
        final MethodHandle pngsaveBuffer;
        final MethodHandle imageWriteToMemory;
        final MethodHandle gObjectUnref;
        final MethodHandle gFree;
        final MethodHandle errorBuffer;
        final MethodHandle errorClear;

        final MemorySegment access;
        final MemorySegment failOn;
        final MemorySegment shrink;
        final MemorySegment height;
        final MemorySegment size;
        final MemorySegment noRotate;
        final MemorySegment embedded;
        final MemorySegment inputProfile;
        final MemorySegment srgb;
        final MemorySegment background;
        final MemorySegment q;
        final MemorySegment strip;

        Binding(String library) throws Throwable {
            // dlopen: by default the soname Debian's libvips42 installs. Its dependencies (GLib,
            // GObject) come with it, and dlsym on its handle finds their symbols too.
            lookup = SymbolLookup.libraryLookup(library, names);

            MethodHandle versionOf = plain("vips_version", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
            int major = (int) versionOf.invokeExact(0);
            int minor = (int) versionOf.invokeExact(1);
            int micro = (int) versionOf.invokeExact(2);
            version = major + "." + minor + "." + micro;
            if (major != 8 || minor < MIN_MINOR_VERSION) {
                throw new IllegalStateException("libvips " + version + " is older than 8." + MIN_MINOR_VERSION);
            }
            MethodHandle init = plain("vips_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            if ((int) init.invokeExact(names.allocateFrom("shutter-media-worker")) != 0) {
                throw new IllegalStateException("vips_init failed");
            }
            // Every upload's bytes live in memory we free afterwards: an operation cache keyed on
            // those buffers could hand a later upload an earlier one's result.
            plain("vips_cache_set_max", FunctionDescriptor.ofVoid(JAVA_INT)).invokeExact(0);
            // The worker pool already runs one photo per core; libvips' own thread per core on top
            // would only add switching. VIPS_CONCURRENCY, when set, still decides.
            if (System.getenv("VIPS_CONCURRENCY") == null) {
                plain("vips_concurrency_set", FunctionDescriptor.ofVoid(JAVA_INT)).invokeExact(1);
            }

            jpegloadBuffer = variadic("vips_jpegload_buffer", 3, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS,
                    ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
            pngloadBuffer = loader("vips_pngload_buffer");
            webploadBuffer = loader("vips_webpload_buffer");
            heifloadBuffer = loader("vips_heifload_buffer");
            imageCopyMemory = plain("vips_image_copy_memory", FunctionDescriptor.of(ADDRESS, ADDRESS));
            imageGetWidth = plain("vips_image_get_width", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            imageGetHeight = plain("vips_image_get_height", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            imageGetBands = plain("vips_image_get_bands", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            imageGetFormat = plain("vips_image_get_format", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            imageGetInterpretation = plain("vips_image_get_interpretation", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            imageHasalpha = plain("vips_image_hasalpha", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            imageGetTypeof = plain("vips_image_get_typeof", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS));
            imageGetBlob = plain("vips_image_get_blob", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
            imageGetFields = plain("vips_image_get_fields", FunctionDescriptor.of(ADDRESS, ADDRESS));
            imageRemove = plain("vips_image_remove", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
            gStrfreev = plain("g_strfreev", FunctionDescriptor.ofVoid(ADDRESS));
            copy = variadic("vips_copy", 2, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
            rot = variadic("vips_rot", 3, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
            flip = variadic("vips_flip", 3, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
            iccTransform = variadic("vips_icc_transform", 3, JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
                    ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
            colourspace = variadic("vips_colourspace", 3, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
            cast = variadic("vips_cast", 3, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
            extractArea = variadic("vips_extract_area", 6, JAVA_INT, ADDRESS, ADDRESS,
                    JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
            thumbnailImage = variadic("vips_thumbnail_image", 3, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT,
                    ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
            flatten = variadic("vips_flatten", 2, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
            arrayDoubleNew = plain("vips_array_double_new", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
            areaUnref = plain("vips_area_unref", FunctionDescriptor.ofVoid(ADDRESS));
            webpsaveBuffer = saver("vips_webpsave_buffer");
            jpegsaveBuffer = saver("vips_jpegsave_buffer");
            pngsaveBuffer = variadic("vips_pngsave_buffer", 3, JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
                    ADDRESS, JAVA_INT, ADDRESS);
            imageWriteToMemory = plain("vips_image_write_to_memory", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
            gObjectUnref = plain("g_object_unref", FunctionDescriptor.ofVoid(ADDRESS));
            gFree = plain("g_free", FunctionDescriptor.ofVoid(ADDRESS));
            errorBuffer = plain("vips_error_buffer", FunctionDescriptor.of(ADDRESS));
            errorClear = plain("vips_error_clear", FunctionDescriptor.ofVoid());

            access = names.allocateFrom("access");
            failOn = names.allocateFrom("fail_on");
            shrink = names.allocateFrom("shrink");
            height = names.allocateFrom("height");
            size = names.allocateFrom("size");
            noRotate = names.allocateFrom("no_rotate");
            embedded = names.allocateFrom("embedded");
            inputProfile = names.allocateFrom("input_profile");
            srgb = names.allocateFrom("srgb");
            background = names.allocateFrom("background");
            q = names.allocateFrom("Q");
            strip = names.allocateFrom("strip");
        }

        /** {@code (buf, len, VipsImage **out, "access", int, "fail_on", int, NULL)} */
        private MethodHandle loader(String name) {
            return variadic(name, 3, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        }

        /** {@code (in, void **buf, size_t *len, "Q", int, "strip", int, NULL)} */
        private MethodHandle saver(String name) {
            return variadic(name, 3, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        }

        private MethodHandle plain(String name, FunctionDescriptor descriptor) {
            return linker.downcallHandle(symbol(name), descriptor);
        }

        private MethodHandle variadic(String name, int firstVariadic, MemoryLayout result, MemoryLayout... arguments) {
            return linker.downcallHandle(symbol(name), FunctionDescriptor.of(result, arguments),
                    Linker.Option.firstVariadicArg(firstVariadic));
        }

        private MemorySegment symbol(String name) {
            return lookup.find(name).orElseThrow(() -> new IllegalStateException("libvips lacks " + name));
        }
    }
}
