package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.bundle.BundleLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Builds tar files entry by entry with Commons Compress, for bundles no honest writer makes:
 * unsafe names, links, devices, reordered or duplicated entries.
 */
final class CraftedTar {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    CraftedTar() {
        tar = BundleLayout.newTarOutput(bytes);
    }

    /** One entry of a tar: name and content. */
    record Item(String name, byte[] content) {
        static Item of(String name, String content) {
            return new Item(name, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A regular file with the writer's metadata. */
    CraftedTar file(String name, byte[] content) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.setSize(content.length);
        return entry(entry, content);
    }

    CraftedTar file(Item item) {
        return file(item.name(), item.content());
    }

    /**
     * Any entry, as given, except for its modification time: a whole second, so that Commons
     * Compress adds no PAX header of its own.
     */
    CraftedTar entry(TarArchiveEntry entry, byte[] content) {
        entry.setLastModifiedTime(FileTime.from(Instant.EPOCH));
        try {
            tar.putArchiveEntry(entry);
            if (!entry.isGlobalPaxHeader()) {
                // A global header is written and closed by putArchiveEntry itself.
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A raw PAX extended header entry ('x') with the given records, written as an ordinary entry. */
    CraftedTar paxHeader(String... keyValues) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.append(paxRecord(keyValues[i], keyValues[i + 1]));
        }
        byte[] content = data.toString().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry("PaxHeaders/x", TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
        entry.setSize(content.length);
        return entry(entry, content);
    }

    byte[] finish() {
        try {
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    Path writeTo(Path file) {
        try {
            return Files.write(file, finish());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tar of the given items, in the given order. */
    static byte[] of(List<Item> items) {
        CraftedTar tar = new CraftedTar();
        items.forEach(tar::file);
        return tar.finish();
    }

    /** The entries of a tar file, in order. */
    static List<Item> read(Path file) {
        List<Item> items = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8")) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                items.add(new Item(entry.getName(), tar.readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    /** One PAX record, {@code "<length> <key>=<value>\n"}, the length counting itself. */
    static String paxRecord(String key, String value) {
        int rest = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = rest + 1;
        while (length != rest + Integer.toString(length).length()) {
            length = rest + Integer.toString(length).length();
        }
        return length + " " + key + "=" + value + "\n";
    }
}
