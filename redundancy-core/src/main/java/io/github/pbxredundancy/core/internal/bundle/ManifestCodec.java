package io.github.pbxredundancy.core.internal.bundle;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.hash.Hasher;
import io.github.pbxredundancy.core.BundleEntry;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.BundleManifest;
import io.github.pbxredundancy.core.BundleRejectedException;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.license.PrintableText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The manifest's text, version 1: UTF-8 {@code key=value} lines, each ending in a line feed,
 * with the keys in one fixed order (see {@code docs/bundle-format.md}). No escaping, comments,
 * blank lines or continuation lines: a value is everything after the first {@code =} and no
 * value can hold a line break, because every field's rule refuses control characters.
 *
 * <p>Parsing is strict and canonical: every value must be exactly what {@link #render} would
 * write for it, so one manifest has one text. A parse failure means the sender wrote something
 * no version-1 writer writes. That is reported as {@link ReasonCode#INTEGRITY_FAILED} (a
 * damaged or buggy manifest; the last line's own SHA-256 already caught damage in transit),
 * except for an entry name that is not a safe path ({@link ReasonCode#UNSAFE_ARCHIVE}) and a
 * {@code format} other than 1 ({@link ReasonCode#VERSION_INCOMPATIBLE}: a newer library wrote it).
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class ManifestCodec {
    /** The only format this code reads and writes. */
    public static final int FORMAT = 1;
    private static final String SELF_HASH_KEY = "manifest-sha256";
    private static final Pattern CANONICAL_NUMBER = Pattern.compile("0|[1-9][0-9]{0,18}");

    private ManifestCodec() {
    }

    /** The manifest's bytes, ending with the {@code manifest-sha256} line over all bytes before it. */
    public static byte[] render(BundleManifest manifest) {
        StringBuilder text = new StringBuilder(256 + manifest.entries().size() * 200);
        line(text, "format", Integer.toString(FORMAT));
        line(text, "bundle-id", manifest.bundleId().value());
        line(text, "pair", manifest.pair().fingerprint());
        line(text, "source-node", manifest.sourceNode());
        line(text, "software-version", manifest.softwareVersion().toString());
        line(text, "epoch", Long.toString(manifest.epoch()));
        line(text, "created-at", DateTimeFormatter.ISO_INSTANT.format(manifest.createdAt()));
        line(text, "entry-count", Integer.toString(manifest.entries().size()));
        List<BundleEntry> entries = manifest.entries();
        for (int i = 0; i < entries.size(); i++) {
            text.append(entryLines(i + 1, entries.get(i)));
        }
        line(text, "content-sha256", contentSha256(entries));
        byte[] body = text.toString().getBytes(UTF_8);
        byte[] last = (SELF_HASH_KEY + "=" + Sha256.of(body) + "\n").getBytes(US_ASCII);
        byte[] all = new byte[body.length + last.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(last, 0, all, body.length, last.length);
        return all;
    }

    /** SHA-256 over the entry lines exactly as {@link #render} writes them; see {@link BundleManifest#contentSha256()}. */
    public static String contentSha256(List<BundleEntry> entries) {
        Hasher hasher = Sha256.newHasher();
        for (int i = 0; i < entries.size(); i++) {
            hasher.putString(entryLines(i + 1, entries.get(i)), UTF_8);
        }
        return hasher.hash().toString();
    }

    /**
     * Reads a manifest.
     *
     * @param bytes the manifest entry's content
     * @return the manifest
     * @throws BundleRejectedException with the reason codes described on this class
     */
    public static BundleManifest parse(byte[] bytes) {
        requireSelfHash(bytes);
        Cursor lines = new Cursor(decode(bytes));
        requireFormat(lines.value("format"));
        BundleId bundleId = field("bundle-id", () -> BundleId.parse(lines.value("bundle-id")));
        String fingerprint = lines.value("pair");
        PairIdentity pair = field("pair", () -> new PairIdentity(fingerprint));
        String sourceNode = lines.value("source-node");
        SoftwareVersion version = softwareVersion(lines.value("software-version"));
        long epoch = number("epoch", lines.value("epoch"));
        Instant createdAt = instant(lines.value("created-at"));
        long count = number("entry-count", lines.value("entry-count"));
        List<BundleEntry> entries = new ArrayList<>();
        EntryNameSet names = new EntryNameSet();
        // Entries are read until the count is reached or the lines run out: a hostile count
        // allocates nothing.
        for (long n = 1; n <= count; n++) {
            entries.add(entry(lines, n, names));
        }
        String stated = lines.value("content-sha256");
        String computed = contentSha256(entries);
        if (!computed.equals(stated)) {
            throw integrity("manifest states content-sha256 " + PrintableText.quote(stated)
                    + ", but its entry lines hash to " + computed);
        }
        lines.value(SELF_HASH_KEY);
        lines.requireEnd();
        return field("manifest", () -> new BundleManifest(bundleId, pair, sourceNode, version, epoch, createdAt, entries));
    }

    private static String entryLines(long index, BundleEntry entry) {
        return "entry." + index + ".name=" + entry.name() + "\n"
                + "entry." + index + ".size=" + entry.size() + "\n"
                + "entry." + index + ".sha256=" + entry.sha256() + "\n";
    }

    private static void line(StringBuilder text, String key, String value) {
        text.append(key).append('=').append(value).append('\n');
    }

    private static void requireSelfHash(byte[] bytes) {
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
            throw integrity("manifest does not end with a line feed: it is cut short or damaged");
        }
        int start = bytes.length - 1;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        String last = new String(bytes, start, bytes.length - 1 - start, US_ASCII);
        String prefix = SELF_HASH_KEY + "=";
        if (!last.startsWith(prefix)) {
            throw integrity("manifest's last line is " + PrintableText.quote(last) + ", expected " + prefix + "<sha256>");
        }
        String stated = last.substring(prefix.length());
        String computed = Sha256.of(bytes, start);
        if (!computed.equals(stated)) {
            throw integrity("manifest is damaged: its lines hash to " + computed + ", its last line states "
                    + PrintableText.quote(stated));
        }
    }

    private static String decode(byte[] bytes) {
        try {
            return UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw integrity("manifest is not valid UTF-8");
        }
    }

    private static void requireFormat(String value) {
        if (value.equals(Integer.toString(FORMAT))) {
            return;
        }
        if (CANONICAL_NUMBER.matcher(value).matches()) {
            throw new BundleRejectedException(ReasonCode.VERSION_INCOMPATIBLE, "bundle has format " + value
                    + ", this library reads format " + FORMAT + ": update the redundancy library on the standby");
        }
        throw integrity("manifest line 1: format " + PrintableText.quote(value) + " is not a number");
    }

    private static BundleEntry entry(Cursor lines, long n, EntryNameSet names) {
        String name = lines.value("entry." + n + ".name");
        String problem = EntryNames.problem(name);
        if (problem == null) {
            problem = names.add(name);
        }
        if (problem != null) {
            throw new BundleRejectedException(ReasonCode.UNSAFE_ARCHIVE,
                    "manifest lists entry " + PrintableText.quote(name) + ", which " + problem);
        }
        long size = number("entry." + n + ".size", lines.value("entry." + n + ".size"));
        String sha256 = lines.value("entry." + n + ".sha256");
        return field("entry." + n, () -> new BundleEntry(name, size, sha256));
    }

    private static SoftwareVersion softwareVersion(String value) {
        SoftwareVersion version = field("software-version", () -> SoftwareVersion.parse(value));
        if (!version.toString().equals(value)) {
            throw integrity("manifest's software-version " + PrintableText.quote(value) + " is not in canonical form");
        }
        return version;
    }

    private static long number(String key, String value) {
        if (!CANONICAL_NUMBER.matcher(value).matches()) {
            throw integrity("manifest's " + key + " " + PrintableText.quote(value)
                    + " is not a decimal number without sign or leading zeros");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw integrity("manifest's " + key + " " + PrintableText.quote(value) + " is larger than " + Long.MAX_VALUE);
        }
    }

    private static Instant instant(String value) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw integrity("manifest's created-at " + PrintableText.quote(value) + " is not an ISO-8601 instant");
        }
        if (!DateTimeFormatter.ISO_INSTANT.format(instant).equals(value)) {
            throw integrity("manifest's created-at " + PrintableText.quote(value)
                    + " is not in canonical form, expected " + DateTimeFormatter.ISO_INSTANT.format(instant));
        }
        return instant;
    }

    private static <T> T field(String key, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidInputException e) {
            throw new BundleRejectedException(ReasonCode.INTEGRITY_FAILED, "manifest's " + key + " is invalid: " + e.getMessage(), e);
        }
    }

    private static BundleRejectedException integrity(String message) {
        return new BundleRejectedException(ReasonCode.INTEGRITY_FAILED, message);
    }

    /** The manifest's lines, read front to back, each expected to carry one given key. */
    private static final class Cursor {
        private final String[] lines;
        private int next;

        Cursor(String text) {
            // The text ends with a line feed (checked with the self hash), so the last split
            // element is empty and not a line.
            String[] split = text.split("\n", -1);
            this.lines = Arrays.copyOf(split, split.length - 1);
        }

        String value(String key) {
            if (next >= lines.length) {
                throw integrity("manifest ends after line " + lines.length + ", expected key " + key);
            }
            String line = lines[next++];
            int equals = line.indexOf('=');
            if (equals < 0 || !line.substring(0, equals).equals(key)) {
                throw integrity("manifest line " + next + " is " + PrintableText.quote(line)
                        + ", expected key " + key + " (keys appear once each, in a fixed order)");
            }
            return line.substring(equals + 1);
        }

        void requireEnd() {
            if (next < lines.length) {
                throw integrity("manifest line " + (next + 1) + " follows the last key: " + PrintableText.quote(lines[next]));
            }
        }
    }
}
