package io.github.pbxredundancy.core.internal.bundle;

import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The tar layout of a bundle, version 1: names, record size, and the exact tar settings and
 * entry metadata the writer uses, so equal input always gives equal bytes.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class BundleLayout {
    /** Every payload entry's tar name starts with this. */
    public static final String PAYLOAD_PREFIX = "payload/";
    /** The tar name of the manifest, always the last entry. */
    public static final String MANIFEST_NAME = "manifest.properties";
    /** The tar record size; also the block size, so the archive ends right after its end marker. */
    public static final int RECORD_SIZE = 512;
    /** The encoding of names in ustar header fields; non-ASCII names also get a PAX {@code path}. */
    public static final String ENCODING = "UTF-8";
    /** Mode of every entry: a regular file, {@code rw-r--r--}. */
    private static final int FILE_MODE = TarArchiveEntry.DEFAULT_FILE_MODE;

    private BundleLayout() {
    }

    /** The end of the record holding byte {@code position - 1}: where the next header starts. */
    public static long roundUpToRecord(long position) {
        return (position + RECORD_SIZE - 1) / RECORD_SIZE * RECORD_SIZE;
    }

    /**
     * A tar stream with the format's settings: 512-byte blocks (no padding after the two
     * end-of-archive records), PAX headers for long and non-ASCII names and for sizes above the
     * ustar limit of 8 GiB.
     */
    public static TarArchiveOutputStream newTarOutput(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, RECORD_SIZE, ENCODING);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return tar;
    }

    /**
     * The header of one regular file entry, with fixed metadata: mode 0644, owner and group 0
     * without names, modification time {@code createdAt} cut to whole seconds (a fraction
     * would add a PAX header).
     *
     * @param tarName the full tar name, already checked by {@link EntryNames}
     */
    public static TarArchiveEntry fileEntry(String tarName, long size, Instant createdAt) {
        // preserveAbsolutePath = true: the name was checked already and must be written as is,
        // not "normalised" (Commons Compress strips drive letters on Windows).
        TarArchiveEntry entry = new TarArchiveEntry(tarName, TarConstants.LF_NORMAL, true);
        entry.setMode(FILE_MODE);
        entry.setSize(size);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        entry.setLastModifiedTime(FileTime.from(createdAt.truncatedTo(ChronoUnit.SECONDS)));
        return entry;
    }
}
