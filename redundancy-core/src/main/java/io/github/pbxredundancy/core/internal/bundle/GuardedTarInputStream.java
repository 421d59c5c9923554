package io.github.pbxredundancy.core.internal.bundle;

import io.github.pbxredundancy.core.BundleRejectedException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Commons Compress's tar reader with a gate in front of every header record: it sees each
 * 512-byte header before the library interprets it, so tar features the format never uses
 * cannot even start to work. In particular:
 * <ul>
 *   <li>a damaged header (wrong or non-canonical checksum) is refused before any field is
 *       trusted: {@link ReasonCode#INTEGRITY_FAILED};
 *   <li>only regular files ({@code '0'}) and local PAX extended headers ({@code 'x'}) pass;
 *       links, devices, FIFOs, directories, global PAX headers, GNU long names (which the
 *       library would read into memory whatever their size) and GNU sparse entries are refused:
 *       {@link ReasonCode#UNSAFE_ARCHIVE};
 *   <li>a PAX header larger than {@value #MAX_EXTENDED_HEADER_BYTES} bytes is refused before it
 *       is read: {@link ReasonCode#LIMIT_EXCEEDED}; two in a row are refused too, since the
 *       library would recurse once per header; the padding after its data must be zero, and
 *       its data is kept for the caller ({@link #extendedHeader()}) to check record by record;
 *   <li>a header that is not POSIX ustar ({@code ustar\0}, version {@code 00}) is refused:
 *       {@link ReasonCode#INTEGRITY_FAILED};
 *   <li>the archive must end with exactly the two zero records of the end-of-archive marker:
 *       a file that ends earlier is truncated, a non-zero record after a zero one is garbage
 *       ({@link ReasonCode#INTEGRITY_FAILED}). Whether bytes follow the marker is checked by
 *       the caller on the raw stream.
 * </ul>
 * Checks on the entry the library finally reports (its name after PAX headers, sparse
 * attributes) are the caller's.
 *
 * <p>Not part of the API. Not thread-safe.
 */
public final class GuardedTarInputStream extends TarArchiveInputStream {
    /** A PAX header holds a path (at most a few kB) and perhaps a size; anything larger is not ours. */
    public static final int MAX_EXTENDED_HEADER_BYTES = 64 * 1024;
    private static final int SIZE_OFFSET = TarConstants.NAMELEN + TarConstants.MODELEN + TarConstants.UIDLEN
            + TarConstants.GIDLEN;

    private final DigestingInputStream raw;
    private int zeroRecords;
    private boolean afterExtendedHeader;
    /** The data of the PAX header being read; at most {@link #MAX_EXTENDED_HEADER_BYTES}. */
    private byte[] extended;
    private int extendedFilled;
    /** The complete PAX data of the entry last reported, or null if it had none. */
    private byte[] entryExtended;

    /** @param raw the bundle file's bytes */
    public GuardedTarInputStream(DigestingInputStream raw) {
        super(raw, BundleLayout.RECORD_SIZE, BundleLayout.RECORD_SIZE, BundleLayout.ENCODING, false);
        this.raw = raw;
    }

    /**
     * The data of the PAX extended header that preceded the entry {@link #getNextEntry()}
     * last returned, exactly as stored, or {@code null} if there was none.
     */
    public byte[] extendedHeader() {
        return entryExtended;
    }

    /** Passes data through, keeping a copy while the library reads a PAX header's data. */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0 && extended != null && getCurrentEntry() != null && getCurrentEntry().isPaxHeader()) {
            // The library never reads past an entry's size, which the gate bounded.
            int kept = Math.min(n, extended.length - extendedFilled);
            System.arraycopy(buffer, offset, extended, extendedFilled, kept);
            extendedFilled += kept;
        }
        return n;
    }

    @Override
    protected byte[] readRecord() throws IOException {
        long offset = raw.count();
        byte[] record = super.readRecord();
        if (record == null) {
            throw integrity("bundle ends at byte " + raw.count()
                    + " without the tar end-of-archive marker: it is truncated");
        }
        if (isZero(record)) {
            zeroRecords++;
            return record;
        }
        if (zeroRecords > 0) {
            throw integrity("bundle has data at byte " + offset + " after the tar end-of-archive marker");
        }
        checkHeader(record, offset);
        return record;
    }

    private void checkHeader(byte[] header, long offset) {
        // The checksum first: no field of a damaged header is trusted, not even its type.
        if (!checksumOk(header)) {
            throw integrity("tar header at byte " + offset + " has a wrong checksum: the bundle is damaged");
        }
        if (!canonicalChecksumField(header)) {
            // The parser ignores blanks around the number; the writer writes none, so a
            // difference there is damage the checksum itself cannot show.
            throw integrity("tar header at byte " + offset + " has a checksum field not in the form"
                    + " six octal digits, NUL, space");
        }
        // The kind before the format: a GNU long name or a link is unsafe whatever its magic.
        byte type = header[TarConstants.LF_OFFSET];
        checkType(header, offset, type);
        if (!matches(header, TarConstants.MAGIC_OFFSET, TarConstants.MAGIC_POSIX)
                || !matches(header, TarConstants.VERSION_OFFSET, TarConstants.VERSION_POSIX)) {
            throw integrity("tar header at byte " + offset + " is not a POSIX ustar header");
        }
    }

    private void checkType(byte[] header, long offset, byte type) {
        if (type == TarConstants.LF_PAX_EXTENDED_HEADER_LC) {
            if (afterExtendedHeader) {
                throw new BundleRejectedException(ReasonCode.UNSAFE_ARCHIVE, "tar header at byte " + offset
                        + " is a second PAX extended header in a row; a bundle has at most one per entry");
            }
            long size = size(header, offset);
            if (size > MAX_EXTENDED_HEADER_BYTES) {
                throw new BundleRejectedException(ReasonCode.LIMIT_EXCEEDED, "PAX extended header at byte " + offset
                        + " has " + size + " bytes, at most " + MAX_EXTENDED_HEADER_BYTES + " are allowed");
            }
            afterExtendedHeader = true;
            extended = new byte[(int) size];
            extendedFilled = 0;
            long dataEnd = offset + BundleLayout.RECORD_SIZE + size;
            raw.requireZeros(dataEnd, BundleLayout.roundUpToRecord(dataEnd));
        } else if (type == TarConstants.LF_NORMAL) {
            if (afterExtendedHeader && extendedFilled != extended.length) {
                throw integrity("PAX extended header before byte " + offset + " was not read completely");
            }
            entryExtended = afterExtendedHeader ? extended : null;
            extended = null;
            afterExtendedHeader = false;
        } else {
            throw new BundleRejectedException(ReasonCode.UNSAFE_ARCHIVE, "entry " + PrintableText.quote(rawName(header))
                    + " at byte " + offset + " is " + describe(type) + "; a bundle holds regular files only");
        }
    }

    private static boolean checksumOk(byte[] header) {
        try {
            return TarUtils.verifyCheckSum(header);
        } catch (IllegalArgumentException e) {
            // The checksum field itself is not octal.
            return false;
        }
    }

    private static boolean canonicalChecksumField(byte[] header) {
        int field = TarConstants.CHKSUM_OFFSET;
        for (int i = 0; i < 6; i++) {
            if (header[field + i] < '0' || header[field + i] > '7') {
                return false;
            }
        }
        return header[field + 6] == 0 && header[field + 7] == ' ';
    }

    private static long size(byte[] header, long offset) {
        try {
            return TarUtils.parseOctalOrBinary(header, SIZE_OFFSET, TarConstants.SIZELEN);
        } catch (IllegalArgumentException e) {
            throw integrity("tar header at byte " + offset + " has an unreadable size field");
        }
    }

    private static String rawName(byte[] header) {
        return TarUtils.parseName(header, 0, TarConstants.NAMELEN);
    }

    private static String describe(byte type) {
        switch (type) {
            case TarConstants.LF_LINK: return "a hard link";
            case TarConstants.LF_SYMLINK: return "a symbolic link";
            case TarConstants.LF_CHR: return "a character device";
            case TarConstants.LF_BLK: return "a block device";
            case TarConstants.LF_DIR: return "a directory";
            case TarConstants.LF_FIFO: return "a FIFO";
            case TarConstants.LF_CONTIG: return "a contiguous file";
            case TarConstants.LF_OLDNORM: return "an old-style (pre-POSIX) entry";
            case TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER: return "a global PAX header";
            case TarConstants.LF_PAX_EXTENDED_HEADER_UC: return "a Solaris extended header";
            case TarConstants.LF_GNUTYPE_LONGNAME: return "a GNU long name";
            case TarConstants.LF_GNUTYPE_LONGLINK: return "a GNU long link name";
            case TarConstants.LF_GNUTYPE_SPARSE: return "a GNU sparse file";
            default: return "of type " + PrintableText.quote(String.valueOf((char) (type & 0xFF)));
        }
    }

    private static boolean matches(byte[] header, int offset, String expected) {
        for (int i = 0; i < expected.length(); i++) {
            if (header[offset + i] != (byte) expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(byte[] record) {
        for (byte b : record) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static BundleRejectedException integrity(String message) {
        return new BundleRejectedException(ReasonCode.INTEGRITY_FAILED, message);
    }
}
