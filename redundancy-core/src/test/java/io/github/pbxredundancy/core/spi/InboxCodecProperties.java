package io.github.pbxredundancy.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.MessageText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

class InboxCodecProperties {
    private static final String OUTCOME = "outcome";

    /**
     * The answer comes from the other node: whatever bytes it holds, the sender gets a verdict or
     * a retryable INTEGRITY_FAILED, never another exception.
     */
    @Property(tries = 1000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void anyBytesParseToAValidReceiptOrAreAnIntegrityFailure(@ForAll("answerLikeBytes") byte[] bytes) {
        try {
            DeliveryReceipt receipt = InboxCodec.parseAnswer(bytes);
            assertThat(bytes.length).isLessThanOrEqualTo(InboxCodec.MAX_ANSWER_BYTES);
            assertThat(receipt.bundleId()).isNotNull();
            assertThat(receipt.epoch()).isNotNegative();
            if (receipt instanceof DeliveryReceipt.Accepted accepted) {
                assertThat(accepted.sha256()).matches("[0-9a-f]{64}");
            } else {
                assertThat(((DeliveryReceipt.Rejected) receipt).message()).doesNotContain("\n", "\r");
            }
            Statistics.label(OUTCOME).collect(receipt.getClass().getSimpleName());
        } catch (RedundancyException e) {
            assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
            Statistics.label(OUTCOME).collect("refused");
        }
        Statistics.label(OUTCOME).coverage(coverage -> {
            coverage.check("Accepted").count(n -> n > 0);
            coverage.check("Rejected").count(n -> n > 0);
            coverage.check("refused").count(n -> n > 0);
        });
    }

    /** Every verdict, with any message and any epoch, is written within 4 KiB and read back as itself. */
    @Property(tries = 1000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void everyVerdictSurvivesTheRoundTrip(@ForAll("receipts") DeliveryReceipt receipt) {
        byte[] answer = InboxCodec.renderAnswer(receipt);

        assertThat(answer.length).isLessThanOrEqualTo(InboxCodec.MAX_ANSWER_BYTES);
        DeliveryReceipt read = InboxCodec.parseAnswer(answer);
        if (receipt instanceof DeliveryReceipt.Rejected rejected) {
            DeliveryReceipt.Rejected back = (DeliveryReceipt.Rejected) read;
            assertThat(back.bundleId()).isEqualTo(rejected.bundleId());
            assertThat(back.reason()).isEqualTo(rejected.reason());
            assertThat(back.epoch()).isEqualTo(rejected.epoch());
            assertThat(back.message().length()).isLessThanOrEqualTo(MessageText.MAX_LENGTH + 3);
            if (isPlain(rejected.message())) {
                assertThat(back.message()).isEqualTo(rejected.message());
            }
            Statistics.label("message").collect(isPlain(rejected.message()) ? "plain" : "made safe");
        } else {
            assertThat(read).isEqualTo(receipt);
        }
    }

    /** The hash file: any content is the one hash it holds or an INTEGRITY_FAILED. */
    @Property(tries = 1000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void anyHashFileIsAHashOrAnIntegrityFailure(@ForAll("hashFileLikeBytes") byte[] bytes) {
        try {
            String sha256 = InboxCodec.parseSha256(bytes);
            assertThat(InboxCodec.renderSha256(sha256)).isEqualTo(bytes);
            Statistics.label(OUTCOME).collect("hash");
        } catch (RedundancyException e) {
            assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
            Statistics.label(OUTCOME).collect("refused");
        }
        Statistics.label(OUTCOME).coverage(coverage -> {
            coverage.check("hash").count(n -> n > 0);
            coverage.check("refused").count(n -> n > 0);
        });
    }

    @Provide
    Arbitrary<byte[]> answerLikeBytes() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(InboxCodec.MAX_ANSWER_BYTES + 100)),
                Tuple.of(5, lineAnswers().map(text -> text.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(3, damaged(receipts().map(InboxCodec::renderAnswer))));
    }

    @Provide
    Arbitrary<DeliveryReceipt> receipts() {
        Arbitrary<DeliveryReceipt> accepted = Combinators.combine(ids(), hashes(), epochs())
                .as(DeliveryReceipt.Accepted::new);
        Arbitrary<DeliveryReceipt> rejected = Combinators.combine(ids(), Arbitraries.of(ReasonCode.class), messages(),
                epochs()).as(DeliveryReceipt.Rejected::new);
        return Arbitraries.oneOf(accepted, rejected);
    }

    @Provide
    Arbitrary<byte[]> hashFileLikeBytes() {
        Arbitrary<byte[]> valid = hashes().map(InboxCodec::renderSha256);
        return Arbitraries.oneOf(valid, damaged(valid), Arbitraries.bytes().array(byte[].class).ofMaxSize(80));
    }

    /** Answers made of key=value lines, valid or almost: keys dropped, doubled, misspelt, values broken. */
    private static Arbitrary<String> lineAnswers() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("verdict=accepted", "verdict=rejected", "verdict=", "verdict=Accepted"),
                ids().map(id -> "bundle-id=" + id),
                Arbitraries.of("bundle-id=", "bundle-id=../x", "bundle-id=-x"),
                hashes().map(hash -> "sha256=" + hash),
                Arbitraries.strings().withCharRange('0', 'g').ofMaxLength(70).map(hash -> "sha256=" + hash),
                Arbitraries.of(ReasonCode.class).map(reason -> "reason=" + reason),
                epochs().map(epoch -> "epoch=" + epoch),
                Arbitraries.of("epoch=", "epoch=-1", "epoch=007", "epoch=9223372036854775808", "epoch= 3"),
                Arbitraries.strings().withCharRange('A', 'Z').withChars('_', ' ').ofMinLength(1).ofMaxLength(20).map(r -> "reason=" + r),
                Arbitraries.strings().all().ofMaxLength(60).map(m -> "message=" + m),
                Arbitraries.strings().all().ofMaxLength(20).map(k -> k + "=v"),
                Arbitraries.of("x-future=1", "no equals sign", "=value", ""));
        Arbitrary<String> terminator = Arbitraries.of("\n", "\n", "\n", "\r\n", "");
        return line.list().ofMaxSize(8).flatMap(lines -> terminator.map(end -> lines.isEmpty() ? end : String.join("\n", lines) + end));
    }

    /** Valid bytes with a few bytes changed, inserted or cut off. */
    private static Arbitrary<byte[]> damaged(Arbitrary<byte[]> valid) {
        return Combinators.combine(valid, Arbitraries.integers().between(0, 3), Arbitraries.randomValue(r -> r))
                .as((bytes, changes, random) -> {
                    List<Byte> damaged = new ArrayList<>();
                    for (byte b : bytes) {
                        damaged.add(b);
                    }
                    for (int i = 0; i < changes && !damaged.isEmpty(); i++) {
                        int at = random.nextInt(damaged.size());
                        switch (random.nextInt(4)) {
                            case 0 -> damaged.set(at, (byte) random.nextInt(256));
                            case 1 -> damaged.add(at, (byte) random.nextInt(256));
                            case 2 -> damaged.remove(at);
                            default -> damaged.subList(at, damaged.size()).clear();
                        }
                    }
                    byte[] out = new byte[damaged.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = damaged.get(i);
                    }
                    return out;
                });
    }

    private static Arbitrary<BundleId> ids() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z').range('0', '9');
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('.', '_', '-')
                .ofMaxLength(99);
        return Combinators.combine(first, rest).as((f, r) -> BundleId.parse(f + r));
    }

    /** Epochs of every size: small ones as real pairs have, and the extremes. */
    private static Arbitrary<Long> epochs() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 20), Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.of(0L, Long.MAX_VALUE));
    }

    private static Arbitrary<String> hashes() {
        return Arbitraries.strings().withChars("0123456789abcdef".toCharArray()).ofLength(64);
    }

    private static Arbitrary<String> messages() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').withChars("äöüßÄÖÜ€".toCharArray())
                .ofMaxLength(MessageText.MAX_LENGTH);
        return Arbitraries.oneOf(plain, Arbitraries.strings().all().ofMaxLength(3000));
    }

    /** A message the codec carries unchanged: printable, one line, not cut. */
    private static boolean isPlain(String message) {
        return message.length() <= MessageText.MAX_LENGTH && message.chars().allMatch(c -> c >= ' ' && c != 0x7f
                && !(c >= 0x80 && c <= 0x9f) && !Character.isSurrogate((char) c) && Character.getType(c) != Character.FORMAT
                && c != 0x2028 && c != 0x2029);
    }
}
