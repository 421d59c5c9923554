package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.license.LicenseKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Keys, headers, backups and file helpers shared by the bundle tests. */
final class BundleFixtures {
    static final LicenseKey KEY = LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111");
    static final LicenseKey OTHER_KEY = LicenseKey.parse("AAAAA-BBBBB-CCCCC-22222");
    static final SoftwareVersion VERSION = SoftwareVersion.parse("7.3.1.5");
    static final Instant CREATED = Instant.parse("2016-01-26T05:00:00.123456789Z");
    /** A name of more than 100 bytes, which needs a PAX path header. */
    static final String LONG_NAME = "voicemail/" + "sehr-langer-ordnername/".repeat(5) + "nachricht-0001.wav";

    private BundleFixtures() {
    }

    static BundleHeader header() {
        return header(VERSION, 5);
    }

    static BundleHeader header(SoftwareVersion version, long epoch) {
        return new BundleHeader(BundleId.parse("20160126T050000Z-e" + epoch + "-0123456789abcdef"), PairIdentity.of(KEY),
                "pbx-a", version, epoch, CREATED);
    }

    static BundleExpectations expectations() {
        return expectations(BundleLimits.DEFAULTS);
    }

    static BundleExpectations expectations(BundleLimits limits) {
        return new BundleExpectations(KEY, VERSION, 5, limits);
    }

    /**
     * A small backup tree: nested directories, a name with a space and umlauts, an empty
     * file, a name longer than a ustar header holds.
     */
    static Path tree(Path root) throws IOException {
        write(root.resolve("config/phones.xml"), "<phones><phone id=\"1\"/></phones>\n".repeat(10));
        write(root.resolve("config/users.csv"), "id;name\n1;Jürgen Weiß\n");
        write(root.resolve("voicemail/Grüße an Äpfel.wav"), "RIFF" + "\u0001\u0002\u00ff".repeat(200));
        write(root.resolve("fax/empty.tif"), "");
        write(root.resolve(LONG_NAME), "long ".repeat(50));
        write(root.resolve("top.txt"), "top level\n");
        return root;
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    static Backup.Stream stream(String name, byte[] content) {
        return new Backup.Stream(name, content.length, () -> new ByteArrayInputStream(content));
    }

    /** SHA-256 of a file, as {@code sha256sum} prints it. */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // DigestInputStream hashes as it reads.
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Every regular file below {@code root}: relative name to SHA-256; links and other files show as such. */
    static Map<String, String> snapshot(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> {
                String name = root.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    files.put(name, "link");
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(name + "/", "dir");
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(name, sha256(p));
                } else {
                    files.put(name, "other");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
