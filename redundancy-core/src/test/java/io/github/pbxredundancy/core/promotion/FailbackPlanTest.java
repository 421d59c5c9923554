package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.event.FailbackStepChanged;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The plan as a value: its seven steps, their order, and what a status may hold. */
class FailbackPlanTest {
    private static final Instant AT = Instant.parse("2016-01-27T08:00:00Z");
    private static final Path DOC = Path.of("..", "docs", "promotion.md");

    private static FailbackPlan fresh() {
        return FailbackPlan.start("failback-20160127T080000.000Z-e1", "pbx-b", 1, AT, "Jürgen Admin");
    }

    private static FailbackStatus.Done done(int minutes) {
        return new FailbackStatus.Done(AT.plusSeconds(60L * minutes), "Jürgen Admin", List.of("checked"));
    }

    @Test
    void theSevenStepsFollowTheSourceInOrderWithTheirActors() {
        assertThat(FailbackStep.values()).extracting(FailbackStep::id).containsExactly("back-up-active",
                "release-address", "shut-down-active", "import-backup", "promote-back", "restart-phones",
                "recreate-redundancy");
        assertThat(FailbackStep.values()).extracting(FailbackStep::actor).containsExactly(FailbackStep.Actor.LIBRARY,
                FailbackStep.Actor.OPERATOR, FailbackStep.Actor.OPERATOR, FailbackStep.Actor.LIBRARY,
                FailbackStep.Actor.LIBRARY, FailbackStep.Actor.LIBRARY, FailbackStep.Actor.OPERATOR);
        assertThat(FailbackStep.values()).filteredOn(FailbackStep::skippable)
                .containsExactly(FailbackStep.RECREATE_REDUNDANCY);
        for (FailbackStep step : FailbackStep.values()) {
            assertThat(FailbackStep.ofId(step.id())).contains(step);
            assertThat(step.description()).isNotBlank().doesNotContain("\n");
        }
        assertThat(FailbackStep.ofId("rollback")).isEmpty();
    }

    @Test
    void theDocsListEveryStepWithItsActorAndTheSourcesWording() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher section = Pattern.compile("\n## Failback\n(.*?)(\n## |\\z)", Pattern.DOTALL).matcher(doc);
        assertThat(section.find()).as("docs/promotion.md has a ## Failback section").isTrue();

        for (FailbackStep step : FailbackStep.values()) {
            assertThat(section.group(1)).as("row for %s", step).contains("| " + step.number() + " | `" + step.id()
                    + "` | " + step.actor().name().toLowerCase(java.util.Locale.ROOT) + " |");
        }
        assertThat(section.group(1)).contains("Rollback durchführen", "`" + Failback.STEP_DONE + "`",
                "`" + PreconditionCode.FAILBACK_NOT_READY + "`");
    }

    @Test
    void aNewPlanHasEveryStepPendingAndForbidsTheAddress() {
        FailbackPlan plan = fresh();

        assertThat(plan.statuses()).hasSize(7).allSatisfy((step, status) ->
                assertThat(status).isEqualTo(FailbackStatus.PENDING));
        assertThat(plan.next()).contains(FailbackStep.BACK_UP_ACTIVE);
        assertThat(plan.isComplete()).isFalse();
        assertThat(plan.mayClaimAddress()).isFalse();
        assertThat(plan.notDoneBefore(FailbackStep.IMPORT_BACKUP)).containsExactly(FailbackStep.BACK_UP_ACTIVE,
                FailbackStep.RELEASE_ADDRESS, FailbackStep.SHUT_DOWN_ACTIVE);
        assertThat(plan.doneAt(FailbackStep.BACK_UP_ACTIVE)).isEmpty();
    }

    @Test
    void theAddressMayBeClaimedFromThePromoteBackStepOn() {
        FailbackPlan plan = fresh();
        for (int i = 0; i < 4; i++) {
            assertThat(plan.mayClaimAddress()).isFalse();
            plan = plan.with(FailbackStep.values()[i], done(i));
        }
        assertThat(plan.mayClaimAddress()).isTrue();
        assertThat(plan.addressClaimRefusal()).isEmpty();
        assertThat(plan.next()).contains(FailbackStep.PROMOTE_BACK);
        assertThat(plan.doneAt(FailbackStep.RELEASE_ADDRESS)).contains(AT.plusSeconds(60));
    }

    @Test
    void aFailedStepMayBeTriedAgainADoneOneNeverChangesAndNothingGoesBackToPending() {
        FailbackPlan plan = fresh().with(FailbackStep.BACK_UP_ACTIVE, new FailbackStatus.Failed(AT, "system",
                "nothing arrived"));
        plan = plan.with(FailbackStep.BACK_UP_ACTIVE, new FailbackStatus.Failed(AT, "system", "still nothing"));
        plan = plan.with(FailbackStep.BACK_UP_ACTIVE, done(1));
        FailbackPlan done = plan;

        assertThatThrownBy(() -> done.with(FailbackStep.BACK_UP_ACTIVE, done(2))).isInstanceOf(RedundancyException.class)
                .hasMessage("Failback step 1 back-up-active is DONE already (since 2016-01-27T08:01:00Z, by Jürgen"
                        + " Admin): a done step stays so.");
        assertThat(done.refusal(FailbackStep.RELEASE_ADDRESS, FailbackStatus.PENDING))
                .contains("Failback step 2 release-address cannot become pending again: a step only goes forward.");
    }

    @Test
    void theRecordRefusesStatusesOutOfOrderAndIncompletePlans() {
        Map<FailbackStep, FailbackStatus> statuses = new EnumMap<>(fresh().statuses());
        statuses.put(FailbackStep.SHUT_DOWN_ACTIVE, done(3));

        assertThatThrownBy(() -> new FailbackPlan("failback-1", "pbx-b", 1, AT, "Jürgen", statuses))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status of step 3 shut-down-active 'DONE': needs every step before it done, but step 1"
                        + " back-up-active is PENDING");
        statuses.put(FailbackStep.SHUT_DOWN_ACTIVE, FailbackStatus.PENDING);
        statuses.put(FailbackStep.BACK_UP_ACTIVE, new FailbackStatus.Skipped(AT, "Jürgen", "no backup needed"));
        assertThatThrownBy(() -> new FailbackPlan("failback-1", "pbx-b", 1, AT, "Jürgen", statuses))
                .hasMessageContaining("only step 7 recreate-redundancy may be skipped");
        statuses.remove(FailbackStep.BACK_UP_ACTIVE);
        assertThatThrownBy(() -> new FailbackPlan("failback-1", "pbx-b", 1, AT, "Jürgen", statuses))
                .hasMessageContaining("status of step 1 back-up-active");
        assertThatThrownBy(() -> FailbackPlan.start("failback 1", "pbx-b", 1, AT, "Jürgen"))
                .hasMessageContaining("plan 'failback 1'");
        assertThatThrownBy(() -> FailbackPlan.start("failback-1", "pbx-b", 0, AT, "Jürgen"))
                .hasMessageContaining("promoted epoch '0': must be 1 or more");
        assertThatThrownBy(() -> FailbackPlan.start("failback-1", "", 1, AT, "Jürgen"))
                .hasMessageContaining("promoted node");
        assertThatThrownBy(() -> FailbackPlan.start("failback-1", "pbx-b", 1, AT, " "))
                .hasMessageContaining("started by");
    }

    @Test
    void aStatusFollowsTheAuditTrailsTextRules() {
        assertThatThrownBy(() -> new FailbackStatus.Done(AT, "Jürgen\tAdmin", List.of("ok", "")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).extracting(p -> p.field())
                        .containsExactly("by", "evidence[1]"));
        assertThatThrownBy(() -> new FailbackStatus.Done(AT, "Jürgen", java.util.Collections.nCopies(19, "x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 18 lines");
        assertThatThrownBy(() -> new FailbackStatus.Failed(AT, "Jürgen", " ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> new FailbackStatus.Skipped(AT, "Jürgen", "x".repeat(501)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("reason");
        assertThat(new FailbackStatus.Done(AT, "system", List.of()).isFinal()).isTrue();
        assertThat(new FailbackStatus.Failed(AT, "system", "no").isFinal()).isFalse();
        assertThat(FailbackStatus.PENDING.isFinal()).isFalse();
    }

    @Test
    void aStepChangedEventIsNeverPending() {
        assertThatThrownBy(() -> new FailbackStepChanged(AT, "failback-1", "pbx-b", FailbackStep.BACK_UP_ACTIVE,
                FailbackStatus.PENDING, Optional.empty(), 1, "system")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailbackStepChanged(AT, "failback-1", "pbx-b", FailbackStep.BACK_UP_ACTIVE,
                done(1), Optional.empty(), -1, "system")).isInstanceOf(IllegalArgumentException.class);
    }
}
