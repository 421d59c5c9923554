package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The repository's docs/promotion.md shows the state machine as the code defines it. */
class PromotionDocsTest {
    /** Maven runs the tests in the module's directory. */
    private static final Path DOC = Path.of("..", "docs", "promotion.md");
    private static final Path CURRENT = Path.of("target", "promotion-diagram.mmd");
    private static final Pattern MERMAID = Pattern.compile("```mermaid\n(.*?)```", Pattern.DOTALL);

    @Test
    void theCheckedInDiagramIsTheCodesDiagram() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher block = MERMAID.matcher(doc);
        assertThat(block.find()).as("docs/promotion.md has a ```mermaid block").isTrue();
        String diagram = NodeStateMachine.toMermaid();
        if (!block.group(1).equals(diagram)) {
            Files.createDirectories(CURRENT.getParent());
            Files.writeString(CURRENT, diagram, StandardCharsets.UTF_8);
        }

        assertThat(block.group(1)).as("the state diagram in docs/promotion.md differs from NodeStateMachine.toMermaid();"
                + " replace the ```mermaid block's content with redundancy-core/target/promotion-diagram.mmd, just"
                + " written by this test").isEqualTo(diagram);
        assertThat(block.find()).as("only one mermaid block").isFalse();
    }

    @Test
    void theDocumentedTableHasEveryTransition() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);

        for (Transition t : NodeStateMachine.transitions()) {
            assertThat(doc).as("table row for %s", t).contains("| `" + t.from() + "` | `" + t.trigger() + "` | `"
                    + t.to() + "` |");
        }
        assertThat(doc.lines().filter(line -> line.matches("\\| `[A-Z_]+` \\| `[A-Z_]+` \\| `[A-Z_]+` \\|.*")))
                .hasSize(NodeStateMachine.transitions().size());
    }

    @Test
    void theDocumentedPromotionNamesEveryStepAndPrecondition() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);

        for (PreconditionCode code : PreconditionCode.values()) {
            assertThat(doc).as("precondition row for %s", code).contains("| `" + code + "` |");
        }
        for (PromotionStep step : PromotionStep.values()) {
            assertThat(doc).as("step row for %s", step).contains("| `" + step + "` | `" + step.id() + "` |");
            assertThat(PromotionStep.ofId(step.id())).contains(step);
        }
        assertThat(PromotionStep.ofId(PromotionStep.NOTIFY_USERS.beganMarker())).isEmpty();
        assertThat(doc).contains("`" + PromotionStep.NOTIFY_USERS.beganMarker() + "`",
                "`" + PromotionStep.NOTIFY_ADMIN.beganMarker() + "`");
    }
}
