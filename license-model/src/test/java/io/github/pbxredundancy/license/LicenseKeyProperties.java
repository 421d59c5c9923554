package io.github.pbxredundancy.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class LicenseKeyProperties {

    /**
     * Characters that look like or stand for key characters but are not ASCII letters or
     * digits. Blanks are left out: at either end they are stripped, not refused
     * ({@link #anInnerBlankIsRefused}).
     */
    private static final List<String> FOREIGN = List.of(
            "\u00e4", "\u00df", "\u0131", "\u0130", "\u017f", "\u212a", "\u0410", "\u0391", "\u00e9",
            "\u0660", "\u0661", "\u0669", "\u06f5", "\u0966", "\uff10", "\uff19", "\uff21", "\uff41",
            "\ud835\udfce", "\u00b2", "\u2460", "_", ".", "/", "+", "*", "#", "=", "'", "\\", "\u0000",
            "\u001b", "\u007f", "\u00a0", "\u2013", "\u2014", "\u2010", "\u2212", "\u00ad", "\r", "\n");

    @Property
    void validKeysRoundTripThroughParse(@ForAll("typedKeys") TypedKey typed) {
        LicenseKey key = LicenseKey.parse(typed.text());

        assertThat(key.value()).isEqualTo(String.join("-", typed.groups()).toUpperCase(Locale.ROOT));
        assertThat(LicenseKey.parse(key.value())).isEqualTo(key);
        assertThat(new LicenseKey(key.value())).isEqualTo(key);
    }

    @Property
    void maskedFormShowsOnlyTheOuterGroups(@ForAll("typedKeys") TypedKey typed) {
        LicenseKey key = LicenseKey.parse(typed.text());
        String[] groups = key.value().split("-");

        assertThat(key.masked()).isEqualTo(groups[0] + "-*****-*****-" + groups[3]);
        assertThat(key.toString()).isEqualTo(key.masked());
        assertThat(key.masked().substring(6, 17)).doesNotContainPattern("[A-Z0-9]");
    }

    @Property
    void aGroupOfTheWrongLengthIsNamed(@ForAll("keyGroups") List<String> groups,
            @ForAll @IntRange(min = 0, max = 3) int wrong, @ForAll @IntRange(min = 0, max = 9) int length) {
        if (length == 5) {
            length = 10;
        }
        List<String> changed = new ArrayList<>(groups);
        changed.set(wrong, (groups.get(wrong) + groups.get(wrong)).substring(0, length));

        LicenseKeyFormatException e = catchThrowableOfType(LicenseKeyFormatException.class,
                () -> LicenseKey.parse(String.join("-", changed)));

        assertThat(e.group()).isEqualTo(wrong + 1);
        assertThat(e.position()).isZero();
        assertThat(e).hasMessageEndingWith("group " + (wrong + 1) + " has " + length + " characters, expected 5");
    }

    @Property
    void aForeignCharacterIsNamedByPositionAndGroup(@ForAll("keyGroups") List<String> groups,
            @ForAll @IntRange(min = 0, max = 3) int group, @ForAll @IntRange(min = 0, max = 4) int offset,
            @ForAll("foreign") String bad) {
        List<String> changed = new ArrayList<>(groups);
        String g = groups.get(group);
        changed.set(group, g.substring(0, offset) + bad + g.substring(offset + 1));
        int position = group * 6 + offset + 1;
        String input = String.join("-", changed);

        LicenseKeyFormatException e = catchThrowableOfType(LicenseKeyFormatException.class,
                () -> LicenseKey.parse(input));

        assertThat(e.position()).isEqualTo(position);
        assertThat(e.group()).isEqualTo(group + 1);
        assertThat(e.getMessage()).matches("[ -~]*").contains("position " + position + " (group " + (group + 1) + ")");
    }

    @Property
    void anInnerBlankIsRefused(@ForAll("keyGroups") List<String> groups, @ForAll @IntRange(min = 2, max = 22) int position,
            @ForAll("blanks") String blank) {
        String key = String.join("-", groups);
        String input = key.substring(0, position - 1) + blank + key.substring(position);

        LicenseKeyFormatException e = catchThrowableOfType(LicenseKeyFormatException.class,
                () -> LicenseKey.parse(input));

        assertThat(e.position()).isEqualTo(position);
        assertThat(e.group()).isEqualTo((position - 1) / 6 + 1);
    }

    @Property
    void aWrongSeparatorIsNamed(@ForAll("keyGroups") List<String> groups, @ForAll @IntRange(min = 0, max = 2) int which,
            @ForAll("foreign") String separator) {
        StringBuilder input = new StringBuilder(groups.get(0));
        for (int i = 1; i < 4; i++) {
            input.append(i - 1 == which ? separator : "-").append(groups.get(i));
        }

        LicenseKeyFormatException e = catchThrowableOfType(LicenseKeyFormatException.class,
                () -> LicenseKey.parse(input.toString()));

        assertThat(e.position()).isEqualTo(6 * (which + 1));
        assertThat(e.group()).isEqualTo(which + 1);
        assertThat(e).hasMessageEndingWith("expected the separator '-'");
    }

    @Property
    void aWrongNumberOfGroupsIsRefused(@ForAll("groupCounts") List<String> groups) {
        LicenseKeyFormatException e = catchThrowableOfType(LicenseKeyFormatException.class,
                () -> LicenseKey.parse(String.join("-", groups)));

        assertThat(e.group()).isZero();
        assertThat(e.position()).isZero();
        assertThat(e).hasMessageContaining("has " + groups.size() + " group");
    }

    /** A key as a person might type it, with the groups it is made of. */
    record TypedKey(List<String> groups, String text) {
    }

    @Provide
    Arbitrary<TypedKey> typedKeys() {
        Arbitrary<String> blanks = Arbitraries.of("", " ", "\t", "  \t ");
        return Combinators.combine(mixedCaseGroups(), blanks, blanks)
                .as((groups, before, after) -> new TypedKey(groups, before + String.join("-", groups) + after));
    }

    @Provide
    Arbitrary<List<String>> keyGroups() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").ofLength(5).list().ofSize(4);
    }

    @Provide
    Arbitrary<List<String>> groupCounts() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").ofLength(5).list()
                .ofMinSize(1).ofMaxSize(8).filter(l -> l.size() != 4);
    }

    @Provide
    Arbitrary<String> foreign() {
        return Arbitraries.of(FOREIGN);
    }

    @Provide
    Arbitrary<String> blanks() {
        return Arbitraries.of(" ", "\t");
    }

    private static Arbitrary<List<String>> mixedCaseGroups() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
                .ofLength(5).list().ofSize(4);
    }
}
