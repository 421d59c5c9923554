package io.github.pbxredundancy.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboxCodecTest {
    private static final BundleId ID = BundleId.parse("20160126T050000Z-e7-3f9a1c0d2b4e6f80");
    private static final String SHA = "9f2c" + "0".repeat(60);

    @Test
    void writesTheDocumentedAnswers() {
        assertThat(text(InboxCodec.renderAnswer(new DeliveryReceipt.Accepted(ID, SHA, 7))))
                .isEqualTo("verdict=accepted\nbundle-id=" + ID + "\nepoch=7\nsha256=" + SHA + "\n");
        assertThat(text(InboxCodec.renderAnswer(new DeliveryReceipt.Rejected(ID, ReasonCode.VERSION_INCOMPATIBLE,
                "a backup made by version 7.4 cannot be imported on version 7.3.1.5", 7))))
                .isEqualTo("verdict=rejected\nbundle-id=" + ID + "\nepoch=7\nreason=VERSION_INCOMPATIBLE\n"
                        + "message=a backup made by version 7.4 cannot be imported on version 7.3.1.5\n");
        assertThat(text(InboxCodec.renderAnswer(new DeliveryReceipt.Rejected(ID, ReasonCode.STALE_EPOCH, "stale"))))
                .as("an unknown epoch is written as 0").contains("\nepoch=0\n");
    }

    @Test
    void theEpochIsReadExactlyAndAnAnswerWithoutItIsEpochZero() {
        assertThat(parse("verdict=accepted\nbundle-id=" + ID + "\nepoch=9223372036854775807\nsha256=" + SHA + "\n"))
                .isEqualTo(new DeliveryReceipt.Accepted(ID, SHA, Long.MAX_VALUE));
        assertThat(parse("verdict=rejected\nbundle-id=" + ID + "\nreason=STALE_EPOCH\nmessage=m\nepoch=0\n"))
                .isEqualTo(new DeliveryReceipt.Rejected(ID, ReasonCode.STALE_EPOCH, "m", 0));
        assertThat(parse("verdict=accepted\nbundle-id=" + ID + "\nsha256=" + SHA + "\n").epoch())
                .as("a standby that does not send its epoch").isZero();
        for (String epoch : new String[] {"", "-1", "+1", "01", "1.0", " 1", "1 ", "x", "9223372036854775808",
                "99999999999999999999"}) {
            RedundancyException e = catchThrowableOfType(RedundancyException.class,
                    () -> parse("verdict=accepted\nbundle-id=" + ID + "\nepoch=" + epoch + "\nsha256=" + SHA + "\n"));
            assertThat(e).as("epoch '%s'", epoch).isNotNull();
            assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
            assertThat(e.getMessage()).contains("epoch");
        }
    }

    @Test
    void aMessageBecomesOneSafeLine() {
        byte[] answer = InboxCodec.renderAnswer(new DeliveryReceipt.Rejected(ID, ReasonCode.UNEXPECTED,
                "Datenbank gesperrt\r\nbitte später\u2028erneut\tversuchen\u202e"));

        assertThat(text(answer)).endsWith("message=Datenbank gesperrt bitte später erneut\\u0009versuchen\\u202e\n");
        assertThat(((DeliveryReceipt.Rejected) InboxCodec.parseAnswer(answer)).message())
                .isEqualTo("Datenbank gesperrt bitte später erneut\\u0009versuchen\\u202e");
    }

    @Test
    void readsBothVerdictsIgnoringUnknownKeysInAnyOrder() {
        assertThat(parse("x-future=1\nsha256=" + SHA + "\nbundle-id=" + ID + "\nverdict=accepted\n"))
                .isEqualTo(new DeliveryReceipt.Accepted(ID, SHA));
        assertThat(parse("verdict=rejected\nbundle-id=" + ID + "\nreason=FOREIGN_PAIR\nmessage=pair a=b differs\n"))
                .isEqualTo(new DeliveryReceipt.Rejected(ID, ReasonCode.FOREIGN_PAIR, "pair a=b differs"));
        assertThat(parse("verdict=rejected\nbundle-id=" + ID + "\nreason=STALE_EPOCH\nmessage=\n"))
                .isEqualTo(new DeliveryReceipt.Rejected(ID, ReasonCode.STALE_EPOCH, ""));
    }

    @Test
    void anUnknownReasonIsUnexpectedAndKeepsItsName() {
        DeliveryReceipt receipt = parse("verdict=rejected\nbundle-id=" + ID + "\nreason=QUANTUM_FLUX\nmessage=try later\n");

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Rejected(ID, ReasonCode.UNEXPECTED,
                "the standby answered with reason QUANTUM_FLUX, unknown to this version: try later"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "\n",
        "verdict=accepted\nbundle-id=ID\nsha256=SHA",
        "verdict=accepted\nbundle-id=ID\nsha256=SHA\n\n",
        "verdict=accepted\r\nbundle-id=ID\r\nsha256=SHA\r\n",
        "verdict=accepted\nbundle-id=ID\n",
        "verdict=accepted\nbundle-id=ID\nsha256=9F2C0000000000000000000000000000000000000000000000000000000000000\n",
        "verdict=accepted\nbundle-id=../etc\nsha256=SHA\n",
        "verdict=accepted\nverdict=rejected\nbundle-id=ID\nsha256=SHA\n",
        "verdict=maybe\nbundle-id=ID\nsha256=SHA\n",
        "Verdict=accepted\nbundle-id=ID\nsha256=SHA\n",
        "=accepted\nbundle-id=ID\nsha256=SHA\n",
        "verdict accepted\nbundle-id=ID\nsha256=SHA\n",
        "verdict=rejected\nbundle-id=ID\nreason=FOREIGN_PAIR\n",
        "verdict=rejected\nbundle-id=ID\nreason=foreign pair\nmessage=m\n",
        "verdict=rejected\nbundle-id=ID\nreason=FOREIGN_PAIR\nmessage=a\u0000b\n",
        "verdict=rejected\nbundle-id=ID\nreason=FOREIGN_PAIR\nmessage=a\u2028b\n",
        "verdict=accepted\nbundle-id=ID\nepoch=1\nepoch=1\nsha256=SHA\n",
        "verdict=accepted\nbundle-id=ID\nepoch=-3\nsha256=SHA\n",
    })
    void aMalformedAnswerIsAnIntegrityFailure(String answer) {
        RedundancyException e = catchThrowableOfType(RedundancyException.class,
                () -> parse(answer.replace("=ID\n", "=" + ID + "\n").replace("=SHA", "=" + SHA)));

        assertThat(e).as(answer).isNotNull();
        assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
        assertThat(e.getMessage()).startsWith("the standby's answer is malformed: ");
    }

    @Test
    void anAnswerOverFourKibibytesOrNotUtf8IsRefused() {
        String valid = "verdict=accepted\nbundle-id=" + ID + "\nsha256=" + SHA + "\n";
        byte[] padded = (valid + "x-pad=" + "p".repeat(InboxCodec.MAX_ANSWER_BYTES - valid.length() - 7) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(padded).hasSize(InboxCodec.MAX_ANSWER_BYTES);
        assertThat(InboxCodec.parseAnswer(padded)).isInstanceOf(DeliveryReceipt.Accepted.class);

        byte[] tooLong = (valid + "x-pad=" + "p".repeat(InboxCodec.MAX_ANSWER_BYTES - valid.length() - 6) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(tooLong)).contains("4097 bytes, more than 4096");

        byte[] latin1 = (valid + "x-note=Grüße\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refusal(latin1)).contains("not UTF-8");
    }

    @Test
    void aVeryLongMessageIsCutSoTheAnswerFits() {
        byte[] answer = InboxCodec.renderAnswer(new DeliveryReceipt.Rejected(ID, ReasonCode.UNEXPECTED, "€".repeat(10_000)));

        assertThat(answer.length).isLessThanOrEqualTo(InboxCodec.MAX_ANSWER_BYTES);
        assertThat(((DeliveryReceipt.Rejected) InboxCodec.parseAnswer(answer)).message()).endsWith("€...");
    }

    @Test
    void anAcceptanceWithAMalformedHashCannotBeWritten() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> InboxCodec.renderAnswer(new DeliveryReceipt.Accepted(ID, "ABC")));

        assertThat(e.getMessage()).contains("sha256 'ABC'", "64 lower-case hex digits");
    }

    @Test
    void theHashFileIsTheHashAndALineFeed() {
        assertThat(text(InboxCodec.renderSha256(SHA))).isEqualTo(SHA + "\n");
        assertThat(InboxCodec.parseSha256((SHA + "\n").getBytes(StandardCharsets.US_ASCII))).isEqualTo(SHA);
        for (String malformed : new String[] {SHA, SHA + "\r\n", SHA.toUpperCase() + "\n", SHA + "\n\n", "", "x\n"}) {
            RedundancyException e = catchThrowableOfType(RedundancyException.class,
                    () -> InboxCodec.parseSha256(malformed.getBytes(StandardCharsets.US_ASCII)));
            assertThat(e).as(malformed).isNotNull();
            assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
        }
    }

    @Test
    void fileNamesAreIdAndSuffixAndOnlyValidIdsAreRecognised() {
        assertThat(InboxFile.SHA256_PART.nameFor(ID)).isEqualTo(ID + ".sha256.part");
        assertThat(InboxFile.BUNDLE.idOf("a..b.bundle")).contains(BundleId.parse("a..b"));
        assertThat(InboxFile.PART.idOf("x.sha256.part")).contains(BundleId.parse("x.sha256"));
        assertThat(InboxFile.BUNDLE.idOf(".hidden.bundle")).isEqualTo(Optional.empty());
        assertThat(InboxFile.BUNDLE.idOf(".bundle")).isEmpty();
        assertThat(InboxFile.BUNDLE.idOf("x.bundle.txt")).isEmpty();
        assertThat(InboxFile.BUNDLE.idOf(null)).isEmpty();
    }

    private static DeliveryReceipt parse(String text) {
        return InboxCodec.parseAnswer(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(byte[] bytes) {
        RedundancyException e = catchThrowableOfType(RedundancyException.class, () -> InboxCodec.parseAnswer(bytes));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
        return e.getMessage();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
