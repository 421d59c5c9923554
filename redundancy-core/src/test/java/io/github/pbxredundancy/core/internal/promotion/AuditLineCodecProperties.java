package io.github.pbxredundancy.core.internal.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.internal.AuditText;
import io.github.pbxredundancy.core.promotion.AuditContext;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.NodeStateMachine;
import io.github.pbxredundancy.core.promotion.Transition;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AuditLineCodecProperties {
    @Provide
    Arbitrary<AuditEntry> entries() {
        // Any language's letters and the separators of the formats (= , tab-lookalikes), but what the free-text rule allows.
        Arbitrary<String> text = Arbitraries.strings().withChars("aZ09 =,;:#'\"\\äöüßÀ€日本語Ωπ→\u00a0").ofMaxLength(30)
                .filter(s -> AuditText.problem(s, 100, true) == null);
        Arbitrary<String> nonBlank = text.filter(s -> !s.isBlank());
        Arbitrary<AuditContext> context = Combinators.combine(nonBlank, text, nonBlank.list().ofMaxSize(4))
                .as(AuditContext::new);
        Arbitrary<Instant> at = Combinators.combine(Arbitraries.longs().between(0, 7_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
        Arbitrary<Transition> transition = Arbitraries.of(NodeStateMachine.transitions());
        Arbitrary<String> step = Arbitraries.of("raise-epoch", "network-takeover", "x1");
        return Combinators.combine(at, transition, Arbitraries.longs().between(0, Long.MAX_VALUE), step, context,
                Arbitraries.of(true, false)).as((when, t, epoch, s, who, note) -> {
                    NodeState state = note ? t.from() : t.to();
                    boolean promotion = t.from() == NodeState.PROMOTING || t.from() == NodeState.PROMOTION_FAILED
                            || (!note && (t.to() == NodeState.PROMOTING || t.to() == NodeState.PROMOTION_FAILED));
                    String action = note ? "NOTE" : t.trigger().name();
                    boolean stepped = !note && action.equals("STEP_FAILED");
                    return new AuditEntry(when, action, t.from(), state, epoch,
                            promotion ? Optional.of("p-" + epoch) : Optional.empty(),
                            stepped ? Optional.of(s) : Optional.empty(), who);
                }).withoutEdgeCases();
    }

    @Property
    void parseInvertsFormatOnOneLine(@ForAll("entries") AuditEntry entry) {
        String line = AuditLineCodec.format(entry);

        assertThat(line).doesNotContain("\n", "\r");
        assertThat(AuditLineCodec.parse(line)).isEqualTo(entry);
    }

    @Property
    void everyPrefixOfALineIsRefusedOrAnotherEntry(@ForAll("entries") AuditEntry entry, @ForAll int cut) {
        String line = AuditLineCodec.format(entry);
        String prefix = line.substring(0, Math.floorMod(cut, line.length()));
        try {
            AuditEntry parsed = AuditLineCodec.parse(prefix);
            // A cut inside the reason or the last check still parses; it is never taken for the entry itself.
            assertThat(parsed).isNotEqualTo(entry);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

}
