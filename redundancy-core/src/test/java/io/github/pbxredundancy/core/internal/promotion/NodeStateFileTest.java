package io.github.pbxredundancy.core.internal.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.promotion.NodeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeStateFileTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("node-state");
    }

    @Test
    void aSnapshotRoundTripsThroughTheFileAndReadsLikeTheDocumentation() throws IOException {
        NodeStateFile.Stored stored = new NodeStateFile.Stored(Entries.failedPromotion(), 17);
        NodeStateFile.replace(file(), NodeStateFile.Stored.NONE, stored);

        assertThat(NodeStateFile.read(file())).contains(stored);
        assertThat(Files.readString(file())).startsWith("format=pbx-redundancy-node-state/1\n"
                + "state=PROMOTION_FAILED\n"
                + "epoch=4\n"
                + "promotion=20160126T060000.000Z-e3\n"
                + "promotion-start-epoch=3\n"
                + "promotion-completed=raise-epoch,network-takeover\n"
                + "promotion-failed=module-activation\n"
                + "audit-entries=17\n"
                + "last-change=at=2016-01-26T06:01:10Z\taction=STEP_FAILED\tfrom=PROMOTING\tto=PROMOTION_FAILED\t"
                + "epoch=4\tpromotion=20160126T060000.000Z-e3\tstep=module-activation\toperator=Jürgen Weiß\t"
                + "reason=Aktive ausgefallen = tot\tcheck=probe tcp 10.0.0.1:22 refused\t"
                + "check=probe sip 10.0.0.1:5060 timed out\n").endsWith("\n");
        try (var children = Files.list(dir)) {
            assertThat(children).containsExactly(file());
        }
    }

    @Test
    void aMissingFileIsNoSnapshot() {
        assertThat(NodeStateFile.read(file())).isEmpty();
    }

    @Test
    void theEpochNeverDecreases() throws IOException {
        NodeStateFile.Stored five = new NodeStateFile.Stored(Entries.active(5), 1);
        NodeStateFile.replace(file(), NodeStateFile.Stored.NONE, five);
        byte[] before = Files.readAllBytes(file());

        assertThatThrownBy(() -> NodeStateFile.replace(file(), five, new NodeStateFile.Stored(Entries.active(4), 2)))
                .isInstanceOfSatisfying(RedundancyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.STALE_EPOCH))
                .hasMessageContaining("refusing to lower the epoch").hasMessageContaining("from 5 to 4");
        assertThat(file()).hasBinaryContent(before);
    }

    @Test
    void aFileChangedByAnotherWriterIsNotOverwritten() throws IOException {
        NodeStateFile.Stored one = new NodeStateFile.Stored(Entries.active(1), 1);
        NodeStateFile.replace(file(), NodeStateFile.Stored.NONE, one);

        assertThatThrownBy(() -> NodeStateFile.replace(file(), NodeStateFile.Stored.NONE,
                new NodeStateFile.Stored(Entries.active(2), 1)))
                .isInstanceOf(RedundancyException.class).hasMessageContaining("changed behind")
                .hasMessageContaining("it holds ACTIVE at epoch 1");
        assertThat(NodeStateFile.read(file())).contains(one);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "format=pbx-redundancy-node-state/1| format=other/1| line 1 format='other/1': must be pbx-redundancy-node-state/1"
                + " (is it another program's file?)",
        "state=PROMOTION_FAILED| state=LEADER| line 2 state='LEADER': must be one of [NOT_CONFIGURED,",
        "epoch=4| epoch=-4| line 3 epoch='-4': must be a decimal number from 0",
        "epoch=4| epoch=99999999999999999999| line 3 epoch='99999999999999999999'",
        "\\nepoch=4\\n| \\nepoch=5\\n| the lines do not fit together: last change 'STEP_FAILED to PROMOTION_FAILED at epoch 4':"
                + " must lead to this snapshot's state PROMOTION_FAILED and epoch 5",
        "promotion=20160126T060000.000Z-e3| promotion=a b| line 4 promotion='a b': promotion id 'a b'",
        "promotion-start-epoch=3| promotion-start-epoch=5| the lines do not fit together: promotion start epoch '5':"
                + " must be at most the epoch 4",
        "promotion-start-epoch=3| promotion-start-epoch=x| line 5 promotion-start-epoch='x'",
        "promotion-completed=raise-epoch,network-takeover| promotion-completed=raise-epoch,,x| line 6"
                + " promotion-completed='raise-epoch,,x': completed step ''",
        "promotion-completed=raise-epoch,network-takeover| promotion-completed=raise-epoch,raise-epoch| must name each"
                + " step once",
        "promotion-failed=module-activation| promotion-failed=network-takeover| line 7 promotion-failed='network-takeover':"
                + " failedStep 'network-takeover': must not be a completed step",
        "audit-entries=17| audit-entries=0| line 8 audit-entries='0': must be a decimal number from 1",
        "audit-entries=17| entries=17| line 8 has key 'entries' where audit-entries belongs",
        "promotion-failed=module-activation\\n| | the lines do not fit together: failed step (none): is required in"
                + " state PROMOTION_FAILED",
        "state=PROMOTION_FAILED\\n| | line 2 has key 'epoch' where state belongs",
        "action=STEP_FAILED| action=FLY| line 9 last-change='at=2016-01-26T06:01:10Z",
        "epoch=4\tpromotion| epoch=4x\tpromotion| field 5 epoch '4x': must be a decimal number from 0",
        "to=PROMOTION_FAILED| to=PROMOTING| line 9 last-change='at=2016-01-26T06:01:10Z",
        "\\tto=PROMOTION_FAILED| \\tto=PROMOTING| is no transition from PROMOTING to PROMOTING",
        "epoch=4\\tpromotion| epoch=3\\tpromotion| last change 'STEP_FAILED to PROMOTION_FAILED at epoch 3': must lead"
                + " to this snapshot's state PROMOTION_FAILED and epoch 4"})
    void aDamagedLineIsAnErrorNamingFileLineValueAndRule(String original, String damaged, String message)
            throws IOException {
        NodeStateFile.replace(file(), NodeStateFile.Stored.NONE, new NodeStateFile.Stored(Entries.failedPromotion(),
                17));
        String text = Files.readString(file());
        String from = original.replace("\\n", "\n").replace("\\t", "\t");
        assertThat(text).contains(from);
        Files.writeString(file(), text.replace(from, damaged == null ? "" : damaged.replace("\\n", "\n").replace("\\t", "\t")));

        assertThatThrownBy(() -> NodeStateFile.read(file())).isInstanceOfSatisfying(RedundancyException.class,
                e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNEXPECTED))
                .hasMessageStartingWith("the node's state file '" + file() + "' is damaged: ")
                .hasMessageContaining(message.replace("\\t", "\t"))
                .hasMessageContaining("restore it from a backup");
    }

    @Test
    void anUnknownKeyOrAFileCutShortOrNotUtf8IsDamage() throws IOException {
        NodeStateFile.replace(file(), NodeStateFile.Stored.NONE, new NodeStateFile.Stored(Entries.active(1), 1));
        String text = Files.readString(file());

        Files.writeString(file(), text + "colour=green\n");
        assertThatThrownBy(() -> NodeStateFile.read(file())).hasMessageContaining("line 6 has key 'colour' where the file"
                + " should end");
        Files.writeString(file(), text.substring(0, text.length() - 10));
        assertThatThrownBy(() -> NodeStateFile.read(file())).hasMessageContaining("does not end in a line feed");
        Files.write(file(), text.replace("ACTIVE", "ACT\u00ffIVE").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> NodeStateFile.read(file())).hasMessageContaining("not UTF-8");
        Files.writeString(file(), text.replace("reason=", "reason=" + "x".repeat(NodeStateFile.MAX_BYTES)));
        assertThatThrownBy(() -> NodeStateFile.read(file())).hasMessageContaining("at most 32768 are expected");
        Files.writeString(file(), "");
        assertThatThrownBy(() -> NodeStateFile.read(file())).isInstanceOf(RedundancyException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void onlyASnapshotWithAChangeIsWritten() {
        assertThatThrownBy(() -> NodeStateFile.render(NodeStateFile.Stored.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeStateFile.Stored(NodeSnapshot.initial(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeStateFile.Stored(Entries.active(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
