package io.github.pbxredundancy.core.internal.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EntryNamesProperties {
    private static final Path BASE = Path.of("/srv/standby/import");

    /** Strings rich in the characters that make paths dangerous. */
    @Provide
    Arbitrary<String> pathLike() {
        Arbitrary<String> pieces = Arbitraries.of("/", ".", "..", "a", "b c", "ä", "\\", "\u0000", "\n", "~", ":", "C:", "//");
        return pieces.list().ofMaxSize(8).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.strings().withChars("abcäß .-_=#!:~").ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.equals(".") && !s.equals(".."));
    }

    @Property
    void everyAcceptedNameStaysStrictlyBelowTheBase(@ForAll("pathLike") String name) {
        if (EntryNames.problem(name) == null) {
            Path resolved = BASE.resolve(name);
            assertThat(resolved.normalize()).isEqualTo(resolved);
            assertThat(resolved.startsWith(BASE)).isTrue();
            assertThat(resolved).isNotEqualTo(BASE);
        }
    }

    @Property
    void namesJoinedFromPlainSegmentsAreAccepted(@ForAll List<@From("segments") String> parts) {
        if (!parts.isEmpty()) {
            assertThat(EntryNames.problem(String.join("/", parts))).isNull();
        }
    }

    @Property
    void oneBadSegmentAnywhereIsRefused(@ForAll List<@From("segments") String> parts,
                                        @ForAll("badSegments") String bad, @ForAll int position) {
        List<String> withBad = new java.util.ArrayList<>(parts);
        withBad.add(Math.floorMod(position, parts.size() + 1), bad);
        assertThat(EntryNames.problem(String.join("/", withBad))).isNotNull();
    }

    @Provide
    Arbitrary<String> badSegments() {
        return Arbitraries.of("", ".", "..", "a\\b", "x\ny", "\u0000", "\u001b[2J");
    }
}
