package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.spi.ProbeResult;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownVerdictTest {
    private static final Instant T0 = Instant.parse("2016-01-26T12:00:00Z");
    private static final ProbeObservation SILENT_SSH = new ProbeObservation(T0, "tcp 192.168.1.10:22 (SSH)",
            new ProbeResult.NoAnswer("no answer to a TCP connect to port 22 within 2 s"));
    private static final ProbeObservation UNKNOWN_ICMP = new ProbeObservation(T0, "icmp 192.168.1.10",
            new ProbeResult.Unknown("cannot ping from this node"));
    private static final ProbeObservation SIP_ANSWERED = new ProbeObservation(T0.plusSeconds(5),
            "tcp 192.168.1.10:5060 (SIP)", new ProbeResult.Alive("port 5060 accepted a TCP connection"));

    @Test
    void aConfirmationCopiesItsEvidenceAndSaysHowLongNothingAnswered() {
        List<ProbeObservation> evidence = new ArrayList<>(List.of(SILENT_SSH, UNKNOWN_ICMP));
        DownVerdict.ConfirmedDown down = new DownVerdict.ConfirmedDown(T0, T0.plusSeconds(90), 1, evidence);
        evidence.clear();

        assertThat(down.evidence()).containsExactly(SILENT_SSH, UNKNOWN_ICMP);
        assertThat(down.summary(ZoneId.of("Europe/Berlin"))).containsExactly(
                "The active is confirmed down: in 1 round from 2016-01-26T13:00:00+01:00 to 2016-01-26T13:01:30+01:00"
                        + " (1 min 30 s) nothing answered any probe; the promotion may go ahead.",
                "tcp 192.168.1.10:22 (SSH): no answer once; last: no answer (no answer to a TCP connect to port 22"
                        + " within 2 s)",
                "icmp 192.168.1.10: could not decide once; last: unknown (cannot ping from this node)");
    }

    @Test
    void aConfirmationRefusesASignOfLifeNoEvidenceNoRoundsAndAnEndBeforeItsStart() {
        InvalidInputException alive = catchThrowableOfType(InvalidInputException.class,
                () -> new DownVerdict.ConfirmedDown(T0, T0.plusSeconds(60), 13, List.of(SILENT_SSH, SIP_ANSWERED)));
        assertThat(alive.problems()).extracting(InputProblem::field).containsExactly("evidence");
        assertThat(alive.getMessage()).contains("is a sign of life: the verdict must be SignOfLife");

        assertThatThrownBy(() -> new DownVerdict.ConfirmedDown(T0, T0.plusSeconds(60), 13, List.of()))
                .hasMessageContaining("evidence '[]': must not be empty");
        assertThatThrownBy(() -> new DownVerdict.ConfirmedDown(T0, T0.plusSeconds(60), 0, List.of(SILENT_SSH)))
                .hasMessage("rounds '0': must be at least 1");
        assertThatThrownBy(() -> new DownVerdict.ConfirmedDown(T0, T0.minusMillis(1), 1, List.of(SILENT_SSH)))
                .hasMessage("until '2016-01-26T11:59:59.999Z': must not be before from 2016-01-26T12:00:00Z");
    }

    @Test
    void aSignOfLifeMustBeAnAnswerThatIsPartOfTheEvidence() {
        DownVerdict.SignOfLife life = new DownVerdict.SignOfLife(SIP_ANSWERED, List.of(SILENT_SSH, SIP_ANSWERED));
        assertThat(life.confirmedDown()).isFalse();
        assertThat(life.summary().get(0)).isEqualTo("tcp 192.168.1.10:5060 (SIP) answered at 2016-01-26T12:00:05Z: port"
                + " 5060 accepted a TCP connection. The active is not down; the promotion is refused.");

        assertThatThrownBy(() -> new DownVerdict.SignOfLife(SILENT_SSH, List.of(SILENT_SSH)))
                .hasMessageContaining("must be a sign of life (Alive)");
        assertThatThrownBy(() -> new DownVerdict.SignOfLife(SIP_ANSWERED, List.of(SILENT_SSH)))
                .hasMessageContaining("evidence '1 observations': must contain the sign of life");
    }

    @Test
    void anInconclusiveVerdictNeedsAReasonOnOneLineAndNoSignOfLife() {
        DownVerdict.Inconclusive inconclusive = new DownVerdict.Inconclusive("only 1 probe\ncould decide", List.of());
        assertThat(inconclusive.reason()).isEqualTo("only 1 probe\\u000acould decide");
        assertThat(inconclusive.summary()).containsExactly("Could not confirm that the active is down: only 1 probe"
                + "\\u000acould decide. The promotion is refused unless an operator overrides it with a reason.");

        assertThatThrownBy(() -> new DownVerdict.Inconclusive(" ", List.of()))
                .hasMessage("reason ' ': must say why the check is inconclusive");
        assertThatThrownBy(() -> new DownVerdict.Inconclusive("x", List.of(SIP_ANSWERED)))
                .hasMessageContaining("is a sign of life");
    }

    @Test
    void anObservationNamesItsProbeOnOneLine() {
        assertThat(SILENT_SSH.line()).isEqualTo("2016-01-26T12:00:00Z tcp 192.168.1.10:22 (SSH): no answer (no answer"
                + " to a TCP connect to port 22 within 2 s)");
        assertThatThrownBy(() -> new ProbeObservation(T0, "a\nb", new ProbeResult.Unknown("x")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("probe 'a\\u000Ab': must be 1 to 100");
        assertThatThrownBy(() -> new ProbeObservation(T0, "", new ProbeResult.Unknown("x")))
                .isInstanceOf(InvalidInputException.class);
    }
}
