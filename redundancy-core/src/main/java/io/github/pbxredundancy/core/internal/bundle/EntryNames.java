package io.github.pbxredundancy.core.internal.bundle;

import com.google.common.base.Utf8;

/**
 * The one rule for payload entry names, shared by the writer (which refuses to bundle a file it
 * could not name safely), {@link io.github.pbxredundancy.core.BundleEntry}, the manifest parser
 * and the verifier: a name is a relative path of {@code /}-separated segments that can only
 * ever denote a place below the extraction directory, on any file system.
 *
 * <p>Refused: the empty name, an absolute name, empty segments ({@code a//b}, a trailing
 * {@code /}), {@code .} and {@code ..} segments, backslashes (a separator on Windows),
 * control characters (C0, DEL, C1: the manifest is line based and names reach log lines) and
 * unpaired surrogates (not encodable as UTF-8, so the name would change on the way).
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class EntryNames {
    private EntryNames() {
    }

    /**
     * Checks a name.
     *
     * @param name the relative name, without the {@code payload/} prefix
     * @return {@code null} if the name is safe, else the rule it breaks, phrased to follow the
     *     quoted name ("contains a '..' segment")
     */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        String character = characterProblem(name);
        if (character != null) {
            return character;
        }
        if (name.charAt(0) == '/') {
            return "is absolute (starts with '/'); entry names are relative paths";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty()) {
                return "has an empty segment ('//' or a trailing '/')";
            }
            if (segment.equals(".")) {
                return "contains a '.' segment";
            }
            if (segment.equals("..")) {
                return "contains a '..' segment";
            }
        }
        return null;
    }

    /** The name's length in UTF-8 bytes, what a file system counts; only for names without {@link #problem}. */
    public static int utf8Length(String name) {
        return Utf8.encodedLength(name);
    }

    private static String characterProblem(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return String.format("contains the control character U+%04X", (int) c);
            }
            if (c == '\\') {
                return "contains a backslash, a path separator on Windows";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate, which is not valid Unicode";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate, which is not valid Unicode";
            }
        }
        return null;
    }
}
