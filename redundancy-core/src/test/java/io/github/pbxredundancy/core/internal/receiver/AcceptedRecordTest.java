package io.github.pbxredundancy.core.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.ReceiverStatus.KeptBundle;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.internal.StateText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptedRecordTest {
    private static final AcceptedRecord RECORD = new AcceptedRecord(new KeptBundle(
            BundleId.parse("20160126T050000Z-e5-3f9a1c0d2b4e6f80"), "pbx a (rack 2)", SoftwareVersion.parse("7.3.1.5"), 5,
            Instant.parse("2016-01-26T05:00:00.120Z"), 30720, "9f".repeat(32), Instant.parse("2016-01-26T05:03:12Z")),
            new PairIdentity("aa".repeat(32)));

    @Test
    void aRecordReadsBackAsWritten() {
        String text = new String(RECORD.render(), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo("format=1\nbundle-id=20160126T050000Z-e5-3f9a1c0d2b4e6f80\nsha256=" + "9f".repeat(32)
                + "\nsize=30720\npair=" + "aa".repeat(32) + "\nsource-node=pbx a (rack 2)\nsoftware-version=7.3.1.5\n"
                + "epoch=5\ncreated-at=2016-01-26T05:00:00.120Z\naccepted-at=2016-01-26T05:03:12Z\n");
        assertThat(AcceptedRecord.from(StateText.parse(RECORD.render()))).isEqualTo(RECORD);
    }

    @Test
    void everyCutShortRecordIsDamaged() {
        byte[] bytes = RECORD.render();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> AcceptedRecord.from(StateText.parse(cut))).as("cut at %d", length)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"format=2", "epoch=-1", "epoch=five", "sha256=" + "9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F",
            "created-at=yesterday", "bundle-id=../etc", "software-version=7.x", "pair=short", "size=-5", "source-node="})
    void aFieldBreakingItsRuleMakesTheRecordDamaged(String replacement) {
        Map<String, String> fields = new LinkedHashMap<>(StateText.parse(RECORD.render()));
        String key = replacement.substring(0, replacement.indexOf('='));
        fields.put(key, replacement.substring(key.length() + 1));

        assertThatThrownBy(() -> AcceptedRecord.from(fields)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateTextRefusesWhatItCannotHoldOrDidNotWrite() {
        assertThatThrownBy(() -> StateText.render(Map.of("message", "two\nlines")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateText.parse("a=1\na=2\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> StateText.parse("a=1\n\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not key=value");
        assertThatThrownBy(() -> StateText.parse(new byte[] {'a', '=', (byte) 0xff, '\n'}))
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> StateText.parse(("a=" + "x".repeat(StateText.MAX_BYTES) + "\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("at most");
        assertThat(StateText.parse("message=a=b\n".getBytes(StandardCharsets.UTF_8))).containsEntry("message", "a=b");
    }
}
