package io.github.pbxredundancy.core.internal.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.Trigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogFileTest {
    private static final AuditEntry FIRST = Entries.transition(NodeState.NOT_CONFIGURED, Trigger.CONFIGURED_AS_STANDBY,
            NodeState.AWAITING_INITIAL_IMPORT, 0, Optional.empty());
    private static final AuditEntry SECOND = Entries.transition(NodeState.AWAITING_INITIAL_IMPORT,
            Trigger.INITIAL_IMPORT_DONE, NodeState.WARM_STANDBY, 0, Optional.empty());
    private static final AuditEntry THIRD = Entries.note(NodeState.WARM_STANDBY, 2);

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void createTrail() throws IOException {
        file = dir.resolve("audit.log");
        AuditLogFile.create(file);
        for (AuditEntry entry : List.of(FIRST, SECOND, THIRD)) {
            AuditLogFile.append(file, entry);
        }
    }

    @Test
    void entriesRoundTripOneLineEachAfterTheHeader() throws IOException {
        AuditLogFile.Contents contents = AuditLogFile.read(file);

        assertThat(contents.exists()).isTrue();
        assertThat(contents.entries()).containsExactly(FIRST, SECOND, THIRD);
        assertThat(contents.last()).contains(THIRD);
        assertThat(contents.tornTail()).isEmpty();
        assertThat(contents.validLength()).isEqualTo(Files.size(file));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4).first().isEqualTo("# pbx-redundancy audit trail, format 1");
        assertThat(lines.get(1)).isEqualTo("at=2016-01-26T06:00:00Z\taction=CONFIGURED_AS_STANDBY\tfrom=NOT_CONFIGURED\t"
                + "to=AWAITING_INITIAL_IMPORT\tepoch=0\toperator=Jürgen Weiß\treason=Aktive ausgefallen = tot\t"
                + "check=probe tcp 10.0.0.1:22 refused\tcheck=probe sip 10.0.0.1:5060 timed out");
    }

    @Test
    void aMissingFileHasNoEntriesAndIsNeverCreatedByAnAppend() {
        Path missing = dir.resolve("none.log");

        assertThat(AuditLogFile.read(missing)).isEqualTo(new AuditLogFile.Contents(false, List.of(), 0,
                Optional.empty()));
        assertThatThrownBy(() -> AuditLogFile.append(missing, FIRST)).isInstanceOf(NoSuchFileException.class);
        assertThat(missing).doesNotExist();
    }

    @Test
    void aTornLastLineIsReportedLeftOutAndCanBeCut() throws IOException {
        long complete = Files.size(file);
        Files.writeString(file, "at=2016-01-26T07:00:00Z\taction=NO", StandardOpenOption.APPEND);

        AuditLogFile.Contents contents = AuditLogFile.read(file);

        assertThat(contents.entries()).containsExactly(FIRST, SECOND, THIRD);
        assertThat(contents.validLength()).isEqualTo(complete);
        assertThat(contents.tornTail()).contains("'at=2016-01-26T07:00:00Z\\u0009action=NO' (33 bytes)");
        AuditLogFile.cutTornTail(file, contents.validLength());
        assertThat(Files.size(file)).isEqualTo(complete);
        assertThat(AuditLogFile.read(file).tornTail()).isEmpty();
    }

    @Test
    void aDamagedLineBeforeTheLastIsAnErrorNamingTheLine() throws IOException {
        replaceLine(2, line -> line.replace("from=NOT_CONFIGURED", "from=NOWHERE"));

        assertThatThrownBy(() -> AuditLogFile.read(file)).isInstanceOfSatisfying(RedundancyException.class,
                e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNEXPECTED))
                .hasMessageStartingWith("the audit trail '" + file + "' is damaged at line 2: field 3 from 'NOWHERE':"
                        + " must be one of NOT_CONFIGURED, ")
                .hasMessageContaining("restore it from a backup");
    }

    @Test
    void aDamagedCompleteLastLineIsDamageTooNotATornLine() throws IOException {
        replaceLine(4, line -> line.replace("\tcheck=", "\tchekc="));

        assertThatThrownBy(() -> AuditLogFile.read(file)).hasMessageContaining("damaged at line 4: field 8"
                + " 'chekc=probe tcp 10.0.0.1:22 refused' must be check=...");
    }

    @Test
    void entriesThatDoNotFollowEachOtherAreDamage() throws IOException {
        replaceLine(3, line -> line.replace("from=AWAITING_INITIAL_IMPORT", "from=WARM_STANDBY").replace(
                "action=INITIAL_IMPORT_DONE", "action=NOTE").replace("to=WARM_STANDBY", "to=WARM_STANDBY"));
        assertThatThrownBy(() -> AuditLogFile.read(file)).hasMessageContaining("damaged at line 3: the entry starts from"
                + " WARM_STANDBY, but the entry before ended in AWAITING_INITIAL_IMPORT");

        createTrail();
        replaceLine(4, line -> line.replace("epoch=2", "epoch=0"));
        replaceLine(3, line -> line.replace("epoch=0", "epoch=1"));
        assertThatThrownBy(() -> AuditLogFile.read(file)).hasMessageContaining("damaged at line 4: the epoch 0 is lower"
                + " than 1 in the entry before; epochs never decrease");

        createTrail();
        removeLine(2);
        assertThatThrownBy(() -> AuditLogFile.read(file)).hasMessageContaining("damaged at line 2: the first entry starts"
                + " from AWAITING_INITIAL_IMPORT");
    }

    @Test
    void aForeignOrEmptyFileOrOneThatIsNotUtf8IsDamage() throws IOException {
        Files.writeString(file, "{\"json\": true}\n");
        assertThatThrownBy(() -> AuditLogFile.read(file)).hasMessageContaining("damaged at line 1: '{\"json\": true}' is"
                + " not the header");
        Files.writeString(file, "");
        assertThatThrownBy(() -> AuditLogFile.read(file)).hasMessageContaining("the header '# pbx-redundancy audit trail,"
                + " format 1' is missing");
        Files.write(file, ("# pbx-redundancy audit trail, format 1\nat=\u00ff\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> AuditLogFile.read(file)).hasMessageContaining("damaged at line 2: it is not UTF-8 text");
    }

    private void replaceLine(int number, UnaryOperator<String> change) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(number - 1, change.apply(lines.get(number - 1)));
        Files.write(file, lines);
    }

    private void removeLine(int number) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(number - 1);
        Files.write(file, lines);
    }
}
