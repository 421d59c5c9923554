package io.github.pbxredundancy.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.license.PairFixtures.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LicenseFileProperties {

    /** Lines that are wrong on their own, whatever surrounds them. */
    private static final List<String> BAD_LINES = List.of(
            "user regullar AAAAA-BBBBB-CCCCC-33333",
            "user regular AAAAA-BBBB-CCCCC-33333",
            "user regular AAAAA-BBBBB-CCCCC-33333 quantity=0",
            "user regular AAAAA-BBBBB-CCCCC-33333 quantity=1 quantity=2",
            "user regular AAAAA-BBBBB-CCCCC-33333 colour=red",
            "module regular AAAAA-BBBBB-CCCCC-33333",
            "server regular",
            "Server regular AAAAA-BBBBB-CCCCC-33333",
            "user regular AAAAA_BBBBB-CCCCC-33333",
            "failover failover AAAAA-BBBBB-CCCCC-33333 base=AAAAA-BBBBB-CCCCC-33333",
            "user regular AAAAA-BBBBB-CCCCC-33333 hardware=");

    @Property
    void aRenderedLicenseSetParsesBackToItself(@ForAll("anyPair") Pair pair, @ForAll long layoutSeed) {
        for (LicenseSet set : List.of(pair.active().licenses(), pair.standby().licenses())) {
            Random layout = new Random(layoutSeed);
            String text = String.join(lineEnding(layout), withNoise(render(set, layout), layout));

            assertThat(LicenseFile.parse(text)).isEqualTo(set);
        }
    }

    @Property
    void everyBadLineIsReportedWithItsNumber(@ForAll("anyPair") Pair pair, @ForAll long seed) {
        Random random = new Random(seed);
        List<String> lines = render(pair.standby().licenses(), random);
        TreeSet<Integer> broken = new TreeSet<>();
        int howMany = 1 + random.nextInt(lines.size());
        while (broken.size() < howMany) {
            broken.add(1 + random.nextInt(lines.size()));
        }
        for (int lineNumber : broken) {
            lines.set(lineNumber - 1, BAD_LINES.get(random.nextInt(BAD_LINES.size())));
        }

        LicenseFileException e = catchThrowableOfType(LicenseFileException.class,
                () -> LicenseFile.parse(String.join("\n", lines)));

        assertThat(e.problems()).extracting(p -> Integer.parseInt(p.substring(5, p.indexOf(':'))))
                .containsExactlyElementsOf(broken);
    }

    @Property
    void aRepeatedLineIsReportedWithBothLineNumbers(@ForAll("anyPair") Pair pair, @ForAll long seed) {
        Random random = new Random(seed);
        List<String> lines = render(pair.active().licenses(), random);
        int original = 1 + random.nextInt(lines.size());
        License repeated = pair.active().licenses().licenses().get(original - 1);
        lines.add(lines.get(original - 1));

        LicenseFileException e = catchThrowableOfType(LicenseFileException.class,
                () -> LicenseFile.parse(String.join("\n", lines)));

        assertThat(e.problems()).containsExactly("line " + lines.size() + ": license key " + repeated.key().masked()
                + ": already on line " + original + ", each key may appear once");
        assertThat(e.getMessage()).doesNotContain(repeated.key().value());
    }

    @Provide
    Arbitrary<Pair> anyPair() {
        return Arbitraries.oneOf(PairFixtures.counterpartPairs(), PairFixtures.failoverPairs());
    }

    /** One line per license, with the freedom the format allows: blanks, lower-case keys, attribute order. */
    private static List<String> render(LicenseSet set, Random random) {
        List<String> lines = new ArrayList<>();
        for (License l : set.licenses()) {
            List<String> attributes = new ArrayList<>();
            if (l.quantity() != 1 || random.nextBoolean()) {
                attributes.add("quantity=" + l.quantity());
            }
            l.module().ifPresent(m -> attributes.add("module=" + m.id()));
            l.boundHardware().ifPresent(h -> attributes.add("hardware=" + h.value()));
            l.boundBaseLicense().ifPresent(b -> attributes.add("base=" + b.value().toLowerCase(Locale.ROOT)));
            Collections.shuffle(attributes, random);
            String key = random.nextBoolean() ? l.key().value() : l.key().value().toLowerCase(Locale.ROOT);
            StringBuilder line = new StringBuilder(blank(random, 0)).append(l.kind().id()).append(blank(random, 1))
                    .append(l.edition().id()).append(blank(random, 1)).append(key);
            attributes.forEach(a -> line.append(blank(random, 1)).append(a));
            lines.add(line.append(blank(random, 0)).toString());
        }
        return lines;
    }

    private static List<String> withNoise(List<String> lines, Random random) {
        List<String> noisy = new ArrayList<>();
        for (String line : lines) {
            switch (random.nextInt(4)) {
                case 0 -> noisy.add("# " + line);
                case 1 -> noisy.add(blank(random, 0));
                default -> { }
            }
            noisy.add(line);
        }
        return noisy;
    }

    private static String blank(Random random, int min) {
        String[] blanks = {"", " ", "\t", "  \t "};
        String b = blanks[random.nextInt(blanks.length)];
        return b.isEmpty() && min > 0 ? " " : b;
    }

    private static String lineEnding(Random random) {
        return new String[] {"\n", "\r\n", "\r"}[random.nextInt(3)];
    }
}
