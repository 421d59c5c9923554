package io.github.pbxredundancy.core.promotion;

import static io.github.pbxredundancy.core.promotion.NodeFixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes at every point of a change, and files that do not fit together. */
class NodeLifecycleRecoveryTest {
    @TempDir
    Path dir;

    private NodeFixtures f;
    private Path stateFile;
    private Path auditFile;

    @BeforeEach
    void promotingNode() {
        f = new NodeFixtures(dir.resolve("node"));
        NodeLifecycle node = f.into(NodeState.PROMOTING);
        node.raiseEpoch(ADMIN);
        node.recordStepCompleted("raise-epoch", ADMIN);
        stateFile = f.directory.resolve("node-state");
        auditFile = f.directory.resolve("audit.log");
    }

    @Test
    void aCleanRestartChangesNothing() throws IOException {
        byte[] state = Files.readAllBytes(stateFile);
        byte[] trail = Files.readAllBytes(auditFile);

        NodeLifecycle node = f.open();

        assertThat(node.state()).isEqualTo(NodeState.PROMOTING);
        assertThat(node.epoch()).isEqualTo(1);
        assertThat(stateFile).hasBinaryContent(state);
        assertThat(auditFile).hasBinaryContent(trail);
    }

    @Test
    void aCrashDuringTheStateWriteLeavesTheOldStateAndATemporaryFileThatIsRemoved() throws IOException {
        NodeSnapshot before = f.open().snapshot();
        Files.writeString(f.directory.resolve("node-state.tmp"), "state=ACT");

        NodeLifecycle node = f.open();

        assertThat(node.snapshot().state()).isEqualTo(before.state());
        assertThat(node.epoch()).isEqualTo(before.epoch());
        assertThat(node.snapshot().promotion()).isEqualTo(before.promotion());
        assertThat(f.directory.resolve("node-state.tmp")).doesNotExist();
        AuditEntry note = node.snapshot().lastChange().orElseThrow();
        assertThat(note.action()).isEqualTo(AuditEntry.RECOVERED);
        assertThat(note.context().operator()).isEqualTo(AuditContext.SYSTEM);
        assertThat(note.context().checks()).containsExactly("removed an unfinished write of node-state; the change it"
                + " was for did not happen");
        assertThat(node.auditTrail().read().entries()).last().isEqualTo(note);
        assertThat(f.open().snapshot()).as("a second restart finds nothing to repair").isEqualTo(node.snapshot());
    }

    @Test
    void aCrashAfterPersistingAndBeforeAuditingIsCompletedAtRestart() throws IOException {
        List<AuditEntry> complete = AuditTrail.in(f.directory).read().entries();
        AuditEntry lost = complete.get(complete.size() - 1);
        cutLastLines(1);

        NodeLifecycle node = f.open();

        List<AuditEntry> entries = node.auditTrail().read().entries();
        assertThat(entries).hasSize(complete.size() + 1);
        assertThat(entries.subList(0, complete.size())).isEqualTo(complete);
        assertThat(entries.get(complete.size() - 1)).isEqualTo(lost);
        AuditEntry note = entries.get(complete.size());
        assertThat(note.action()).isEqualTo(AuditEntry.RECOVERED);
        assertThat(note.promotionId()).isEqualTo(lost.promotionId());
        assertThat(note.context().checks()).singleElement().asString().startsWith("appended the last change"
                + " STEP_COMPLETED at ");
        assertThat(node.snapshot().lastChange()).contains(note);
        assertThat(node.snapshot().promotion().orElseThrow().completedSteps()).containsExactly("raise-epoch");
        assertThat(f.open().snapshot()).isEqualTo(node.snapshot());
    }

    @Test
    void aLineTornByACrashInTheMiddleOfAnAppendIsCutAndWrittenAgain() throws IOException {
        List<AuditEntry> complete = AuditTrail.in(f.directory).read().entries();
        String lastLine = lastLine();
        cutLastLines(1);
        Files.writeString(auditFile, lastLine.substring(0, lastLine.length() / 2), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        AuditTrail.Contents torn = AuditTrail.in(f.directory).read();
        assertThat(torn.entries()).hasSize(complete.size() - 1);
        assertThat(torn.tornLastLine()).hasValueSatisfying(line -> assertThat(line).startsWith("'at=").contains("bytes)"));

        NodeLifecycle node = f.open();

        List<AuditEntry> entries = node.auditTrail().read().entries();
        assertThat(entries.subList(0, complete.size())).isEqualTo(complete);
        assertThat(entries.get(complete.size()).context().checks()).hasSize(2)
                .first().isEqualTo("cut a torn last line off the audit trail");
        assertThat(node.auditTrail().read().tornLastLine()).isEmpty();
    }

    @Test
    void aStateFileOlderThanTheTrailStopsTheStart() throws IOException {
        byte[] old = Files.readAllBytes(stateFile);
        f.open().recordStepCompleted("network-takeover", ADMIN);
        Files.write(stateFile, old);

        assertThatThrownBy(f::open).isInstanceOfSatisfying(RedundancyException.class,
                e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNEXPECTED))
                .hasMessageContaining("is inconsistent: the state file is older than the audit trail")
                .hasMessageContaining("STEP_COMPLETED (PROMOTING to PROMOTING, epoch 1)")
                .hasMessageContaining("restore node-state from a backup");
        assertThat(stateFile).hasBinaryContent(old);
    }

    @Test
    void aMissingStateFileBesideATrailWithEntriesStopsTheStart() throws IOException {
        Files.delete(stateFile);

        assertThatThrownBy(f::open).isInstanceOf(RedundancyException.class)
                .hasMessageContaining("the state file is missing, but the audit trail has entries")
                .hasMessageContaining("split brain");
        assertThat(stateFile).doesNotExist();
    }

    @Test
    void aTrailThatLostEntriesStopsTheStart() throws IOException {
        cutLastLines(2);

        assertThatThrownBy(f::open).isInstanceOf(RedundancyException.class)
                .hasMessageContaining("the audit trail holds 3 entries, but the state file's last change")
                .hasMessageContaining("is entry 5");
    }

    @Test
    void aMissingTrailStopsTheStartUnlessOnlyTheFirstChangeWasNotAuditedYet() throws IOException {
        Files.delete(auditFile);
        assertThatThrownBy(f::open).isInstanceOf(RedundancyException.class)
                .hasMessageContaining("the audit trail is missing").hasMessageContaining("restore audit.log");

        NodeFixtures fresh = new NodeFixtures(dir.resolve("fresh"));
        fresh.open().transition(Trigger.CONFIGURED_AS_STANDBY, ADMIN);
        Files.delete(fresh.directory.resolve("audit.log"));
        NodeLifecycle node = fresh.open();
        assertThat(node.auditTrail().read().entries()).extracting(AuditEntry::action)
                .containsExactly("CONFIGURED_AS_STANDBY", "RECOVERED");
    }

    @Test
    void aTrailThatDoesNotLeadToTheStateFileStopsTheStart() throws IOException {
        // Another node's state file, one entry ahead of this trail as after a crash, but not from where it ends.
        NodeFixtures other = new NodeFixtures(dir.resolve("other"));
        NodeLifecycle active = other.into(NodeState.ACTIVE);
        for (int i = 0; i < 5; i++) {
            active.recordNote("NOTE", ADMIN);
        }
        Files.copy(other.directory.resolve("node-state"), stateFile, StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(f::open).isInstanceOf(RedundancyException.class)
                .hasMessageContaining("the state file's last change NOTE (ACTIVE to ACTIVE, epoch 0)")
                .hasMessageContaining("does not follow the audit trail's last entry STEP_COMPLETED");
    }

    @Test
    void aDamagedStateFileStopsTheStartNamingFileLineValueAndRule() throws IOException {
        Files.writeString(stateFile, Files.readString(stateFile).replace("epoch=1\n", "epoch=01\n"));

        assertThatThrownBy(f::open).isInstanceOfSatisfying(RedundancyException.class,
                e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNEXPECTED))
                .hasMessageContaining("the node's state file '" + stateFile.toAbsolutePath())
                .hasMessageContaining("line 3 epoch='01': must be a decimal number from 0")
                .hasMessageContaining("does not guess");
    }

    @Test
    void aDamagedMiddleLineOfTheTrailStopsTheStartNamingTheLine() throws IOException {
        List<String> lines = Files.readAllLines(auditFile);
        lines.set(2, lines.get(2).replace("epoch=0", "epoch=x"));
        Files.write(auditFile, lines);

        assertThatThrownBy(f::open).isInstanceOf(RedundancyException.class)
                .hasMessageContaining("the audit trail '" + auditFile.toAbsolutePath() + "' is damaged at line 3")
                .hasMessageContaining("epoch 'x'");
    }

    @Test
    void aTrailThatCannotBeAppendedToHoldsBackTheNextChangeUntilItCan() throws IOException {
        NodeLifecycle node = f.open();
        Path aside = f.directory.resolve("audit.aside");
        Files.move(auditFile, aside);

        NodeSnapshot persisted = node.recordStepCompleted("network-takeover", ADMIN);
        assertThat(node.snapshot()).isEqualTo(persisted);
        assertThatThrownBy(() -> node.recordStepCompleted("module-activation", ADMIN))
                .isInstanceOfSatisfying(RedundancyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNEXPECTED))
                .hasMessageContaining("the audit entry of the earlier change STEP_COMPLETED")
                .hasMessageContaining("no further change is made until it can");
        assertThat(node.snapshot()).isEqualTo(persisted);

        Files.move(aside, auditFile);
        node.recordStepCompleted("module-activation", ADMIN);

        assertThat(node.auditTrail().read().entries()).extracting(e -> e.step().orElse(""))
                .endsWith("raise-epoch", "network-takeover", "module-activation");
        assertThat(f.open().snapshot()).isEqualTo(node.snapshot());
    }

    @Test
    void aForeignTrailIsRefused() throws IOException {
        Files.writeString(auditFile, "hello\n");

        assertThatThrownBy(f::open).isInstanceOf(RedundancyException.class)
                .hasMessageContaining("damaged at line 1: 'hello' is not the header");
    }

    private String lastLine() throws IOException {
        List<String> lines = Files.readAllLines(auditFile);
        return lines.get(lines.size() - 1);
    }

    private void cutLastLines(int count) throws IOException {
        List<String> lines = Files.readAllLines(auditFile);
        Files.write(auditFile, lines.subList(0, lines.size() - count));
    }
}
