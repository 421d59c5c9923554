package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.MessageText;
import io.github.pbxredundancy.core.internal.bundle.Sha256;
import io.github.pbxredundancy.license.PrintableText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and writes the contents of the inbox protocol's small files
 * ({@code docs/inbox-protocol.md}): the {@code <id>.sha256} file and the answer files
 * {@code <id>.ack} / {@code <id>.nack}. Shared by every drop-style transport and the standby's
 * inbox watcher so that both ends agree byte for byte.
 *
 * <p>Reading is strict, because the bytes come from the other node: anything but a well-formed
 * file is {@link ReasonCode#INTEGRITY_FAILED} (retryable: a fresh delivery gets a fresh answer),
 * never another exception.
 *
 * <p>Stateless and thread-safe.
 */
public final class InboxCodec {
    /** The largest answer file: 4 KiB. */
    public static final int MAX_ANSWER_BYTES = 4096;
    /** The size of a {@code .sha256} file: 64 hex digits and a line feed. */
    public static final int SHA256_FILE_BYTES = 65;

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9._-]*");
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern EPOCH = Pattern.compile("0|[1-9][0-9]{0,18}");

    private InboxCodec() {
    }

    /**
     * The answer file for a verdict, with its {@code epoch} line always written (0 included). A
     * rejection's message is made one line: line breaks become
     * blanks, other control and format characters {@code \\uXXXX}, and it is cut to
     * {@link MessageText#MAX_LENGTH} characters, so the file never exceeds
     * {@link #MAX_ANSWER_BYTES}.
     *
     * @param receipt the verdict
     * @return the file's bytes, UTF-8
     * @throws InvalidInputException if an acceptance's SHA-256 is not 64 lower-case hex digits
     */
    public static byte[] renderAnswer(DeliveryReceipt receipt) {
        StringBuilder text = new StringBuilder(256);
        if (receipt instanceof DeliveryReceipt.Accepted accepted) {
            if (!Sha256.isHex(accepted.sha256())) {
                throw InvalidInputException.of("sha256", accepted.sha256(), "must be 64 lower-case hex digits (a SHA-256)");
            }
            line(text, "verdict", "accepted");
            line(text, "bundle-id", accepted.bundleId().value());
            line(text, "epoch", Long.toString(accepted.epoch()));
            line(text, "sha256", accepted.sha256());
        } else {
            DeliveryReceipt.Rejected rejected = (DeliveryReceipt.Rejected) receipt;
            line(text, "verdict", "rejected");
            line(text, "bundle-id", rejected.bundleId().value());
            line(text, "epoch", Long.toString(rejected.epoch()));
            line(text, "reason", rejected.reason().name());
            line(text, "message", oneLine(rejected.message()));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an answer file: UTF-8, {@code key=value} lines each ending in a line feed, no control
     * characters, no key twice, at most {@link #MAX_ANSWER_BYTES}. Unknown keys are ignored.
     * Required: {@code verdict} ({@code accepted} or {@code rejected}) and {@code bundle-id}; for
     * an acceptance {@code sha256}, for a rejection {@code reason} and {@code message}. The
     * standby's {@code epoch} is optional, so that answers of a standby older than the epoch line
     * are still read, as epoch 0 (unknown); when present it must be a decimal number from 0 to
     * {@link Long#MAX_VALUE} without leading zeros. A reason this version does not know becomes
     * {@link ReasonCode#UNEXPECTED}, its name kept in the message.
     *
     * @param bytes the file's content
     * @return the verdict
     * @throws RedundancyException with {@link ReasonCode#INTEGRITY_FAILED} if the file is not a
     *     well-formed answer; the message says what is wrong
     */
    public static DeliveryReceipt parseAnswer(byte[] bytes) {
        if (bytes.length > MAX_ANSWER_BYTES) {
            throw malformed("it has " + bytes.length + " bytes, more than " + MAX_ANSWER_BYTES);
        }
        Map<String, String> fields = fields(decode(bytes));
        String verdict = required(fields, "verdict");
        BundleId id = bundleId(required(fields, "bundle-id"));
        long epoch = epoch(fields.get("epoch"));
        switch (verdict) {
            case "accepted":
                String sha256 = required(fields, "sha256");
                if (!Sha256.isHex(sha256)) {
                    throw malformed("sha256 " + PrintableText.quote(sha256) + " is not 64 lower-case hex digits");
                }
                return new DeliveryReceipt.Accepted(id, sha256, epoch);
            case "rejected":
                String reason = required(fields, "reason");
                String message = required(fields, "message");
                if (!REASON.matcher(reason).matches()) {
                    throw malformed("reason " + PrintableText.quote(reason) + " is not a reason code");
                }
                return rejected(id, reason, message, epoch);
            default:
                throw malformed("verdict " + PrintableText.quote(verdict) + " is neither 'accepted' nor 'rejected'");
        }
    }

    /**
     * The {@code .sha256} file for a hash.
     *
     * @param sha256 64 lower-case hex digits
     * @return the hash and a line feed, ASCII
     * @throws InvalidInputException if {@code sha256} is not 64 lower-case hex digits
     */
    public static byte[] renderSha256(String sha256) {
        if (!Sha256.isHex(sha256)) {
            throw InvalidInputException.of("sha256", sha256, "must be 64 lower-case hex digits (a SHA-256)");
        }
        return (sha256 + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads a {@code .sha256} file: exactly 64 lower-case hex digits and a line feed.
     *
     * @param bytes the file's content
     * @return the hash
     * @throws RedundancyException with {@link ReasonCode#INTEGRITY_FAILED} if the file has any
     *     other content
     */
    public static String parseSha256(byte[] bytes) {
        if (bytes.length == SHA256_FILE_BYTES && bytes[SHA256_FILE_BYTES - 1] == '\n') {
            String hex = new String(bytes, 0, SHA256_FILE_BYTES - 1, StandardCharsets.ISO_8859_1);
            if (Sha256.isHex(hex)) {
                return hex;
            }
        }
        throw new RedundancyException(ReasonCode.INTEGRITY_FAILED, "the SHA-256 file is malformed: it must hold"
                + " exactly 64 lower-case hex digits and a line feed, not " + bytes.length + " bytes like "
                + PrintableText.quote(new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.ISO_8859_1)));
    }

    private static DeliveryReceipt rejected(BundleId id, String reason, String message, long epoch) {
        try {
            return new DeliveryReceipt.Rejected(id, ReasonCode.valueOf(reason), message, epoch);
        } catch (IllegalArgumentException unknown) {
            return new DeliveryReceipt.Rejected(id, ReasonCode.UNEXPECTED,
                    "the standby answered with reason " + reason + ", unknown to this version: " + message, epoch);
        }
    }

    /** The optional epoch line: absent is 0 (a standby that does not send it), present must be exact. */
    private static long epoch(String value) {
        if (value == null) {
            return 0;
        }
        if (EPOCH.matcher(value).matches()) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException tooLarge) {
                // 19 digits above Long.MAX_VALUE: falls through to the refusal.
            }
        }
        throw malformed("epoch " + PrintableText.quote(value) + " is not a decimal number from 0 to " + Long.MAX_VALUE
                + " without leading zeros");
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed("it is not UTF-8");
        }
    }

    private static Map<String, String> fields(String text) {
        if (text.isEmpty()) {
            throw malformed("it is empty");
        }
        if (text.charAt(text.length() - 1) != '\n') {
            throw malformed("its last line does not end with a line feed");
        }
        Map<String, String> fields = new HashMap<>();
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int equals = line.indexOf('=');
            String key = equals < 0 ? line : line.substring(0, equals);
            if (equals < 0 || !KEY.matcher(key).matches()) {
                throw malformed("line " + (i + 1) + " " + PrintableText.quote(line) + " is not key=value with a lower-case key");
            }
            String value = line.substring(equals + 1);
            if (value.chars().anyMatch(InboxCodec::isLineBreakOrControl)) {
                throw malformed("the value of " + key + " holds a control character");
            }
            if (fields.put(key, value) != null) {
                throw malformed("key " + key + " appears twice");
            }
        }
        return fields;
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw malformed("key " + key + " is missing");
        }
        return value;
    }

    private static BundleId bundleId(String value) {
        try {
            return BundleId.parse(value);
        } catch (InvalidInputException e) {
            throw malformed("bundle-id " + PrintableText.quote(value) + " is not a bundle id");
        }
    }

    private static void line(StringBuilder text, String key, String value) {
        text.append(key).append('=').append(value).append('\n');
    }

    /** Line breaks become blanks as the protocol says; MessageText escapes what else is unsafe and cuts. */
    private static String oneLine(String message) {
        String blanks = message.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ')
                .replace('\u0085', ' ').replace('\u2028', ' ').replace('\u2029', ' ');
        return MessageText.oneLine(blanks);
    }

    private static boolean isLineBreakOrControl(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    private static RedundancyException malformed(String detail) {
        return new RedundancyException(ReasonCode.INTEGRITY_FAILED, "the standby's answer is malformed: " + detail);
    }
}
