package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.internal.AuditText;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes text from anywhere (a host's exception, a verdict's summary, an operator's long reason)
 * fit an {@link AuditContext}: characters the operator free-text rule forbids become
 * {@code \\uXXXX}, long lines are cut with {@code ...}, long lists end in a line that says how many
 * were left out.
 *
 * <p>Stateless and thread-safe.
 */
final class AuditLines {
    private static final String CUT = "...";

    private AuditLines() {
    }

    /** A check line: 1 to {@link AuditContext#MAX_CHECK_LENGTH} allowed characters. */
    static String check(String text) {
        String line = fit(text, AuditContext.MAX_CHECK_LENGTH);
        return line.isBlank() ? "(empty)" : line;
    }

    /** A reason: at most {@link AuditContext#MAX_REASON_LENGTH} allowed characters, possibly empty. */
    static String reason(String text) {
        return fit(text, AuditContext.MAX_REASON_LENGTH);
    }

    /** Check lines, at most {@link AuditContext#MAX_CHECKS}; the last says how many were left out. */
    static List<String> checks(List<String> lines) {
        List<String> checks = new ArrayList<>(Math.min(lines.size(), AuditContext.MAX_CHECKS));
        for (int i = 0; i < lines.size(); i++) {
            if (checks.size() == AuditContext.MAX_CHECKS - 1 && lines.size() - i > 1) {
                checks.add((lines.size() - i) + " more lines left out");
                break;
            }
            checks.add(check(lines.get(i)));
        }
        return List.copyOf(checks);
    }

    /** The text with forbidden characters escaped, cut at a character boundary to fit {@code max}. */
    static String fit(String text, int max) {
        String raw = text == null ? "(none)" : text;
        StringBuilder clean = new StringBuilder(Math.min(raw.length(), max) + 8);
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            String shown = new String(Character.toChars(c));
            if (AuditText.problem(shown, 2, true) != null) {
                StringBuilder escaped = new StringBuilder();
                for (char unit : shown.toCharArray()) {
                    escaped.append(String.format("\\u%04x", (int) unit));
                }
                shown = escaped.toString();
            }
            if (clean.length() + shown.length() > max) {
                int keep = max - CUT.length();
                while (clean.length() > keep) {
                    clean.setLength(clean.length() - 1);
                }
                if (clean.length() > 0 && Character.isHighSurrogate(clean.charAt(clean.length() - 1))) {
                    clean.setLength(clean.length() - 1);
                }
                return clean.append(CUT).toString();
            }
            clean.append(shown);
            i += Character.charCount(c);
        }
        return clean.toString();
    }
}
